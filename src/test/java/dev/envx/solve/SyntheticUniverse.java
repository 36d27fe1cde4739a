package dev.envx.solve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A large, conda-shaped random universe for benchmarks and scale tests: a {@code python} hub with many builds,
 * "python packages" built once per python minor, dependencies that favour popular (low index) names, lower bounds
 * that rise with the dependent's version, occasional upper bounds (pins) and constraints. Dependencies are derived
 * from the candidate id, so building the universe costs only a few arrays. Dependencies point to lower names
 * (weighted towards the most basic ones), so an environment is a few hundred packages as in practice.
 */
final class SyntheticUniverse implements Provider {
  static final int PYTHON = 0;
  static final int PY_MINORS = 8;
  static final int PY_PATCHES = 50;

  final long seed;
  final int names;
  final int[] base;
  final int[] versions;
  final int[] builds;
  final int total;
  private final List<int[]> sets = new ArrayList<>(); // {name, lo, hi}: versions in [lo, hi)
  private final Map<Long, Integer> setIds = new HashMap<>();

  SyntheticUniverse(long seed, int names, int meanVersions) {
    this.seed = seed;
    this.names = names;
    Random r = new Random(seed);
    base = new int[names + 1];
    versions = new int[names];
    builds = new int[names];
    int t = 0;
    for (int n = 0; n < names; n++) {
      base[n] = t;
      if (n == PYTHON) {
        versions[n] = PY_MINORS * PY_PATCHES;
        builds[n] = 1;
      } else {
        versions[n] = 1 + r.nextInt(2 * meanVersions);
        builds[n] = r.nextInt(3) == 0 ? 1 : 4; // python packages: one build per recent python minor
      }
      t += versions[n] * builds[n];
    }
    base[names] = t;
    total = t;
  }

  /** A version set over {@code name}: versions in {@code [lo, hi)}. */
  int set(int name, int lo, int hi) {
    long key = ((long) name << 40) | ((long) lo << 20) | hi;
    Integer id = setIds.get(key);
    if (id == null) {
      id = sets.size();
      sets.add(new int[] {name, lo, hi});
      setIds.put(key, id);
    }
    return id;
  }

  int version(int c) {
    int n = nameOf(c);
    return versions[n] - 1 - (c - base[n]) / builds[n];
  }

  /** The python minor a build is for (highest first), or -1. */
  int pythonMinor(int c) {
    int n = nameOf(c);
    return builds[n] == 1 ? -1 : PY_MINORS - 1 - (c - base[n]) % builds[n];
  }

  Problem rootProblem(int count, int pythonMinor) {
    Random r = new Random(seed * 31 + 7);
    int[] req = new int[count + (pythonMinor >= 0 ? 1 : 0)];
    for (int i = 0; i < count; i++) {
      int n = names - 1 - r.nextInt(Math.max(1, names / 3));
      req[i] = set(n, 0, versions[n]);
    }
    if (pythonMinor >= 0) {
      req[count] = set(PYTHON, pythonMinor * PY_PATCHES, (pythonMinor + 1) * PY_PATCHES);
    }
    return new Problem(req, new int[0]);
  }

  @Override
  public int[] candidates(int name) {
    int[] out = new int[base[name + 1] - base[name]];
    for (int i = 0; i < out.length; i++) {
      out[i] = base[name] + i;
    }
    return out;
  }

  @Override
  public int nameOf(int candidate) {
    int i = Arrays.binarySearch(base, candidate);
    if (i >= 0) {
      while (i < names && base[i + 1] == candidate) {
        i++; // skip names without candidates
      }
      return i;
    }
    return -i - 2;
  }

  @Override
  public Dependencies dependencies(int c) {
    int n = nameOf(c);
    if (n == PYTHON) {
      return Dependencies.NONE;
    }
    Random r = new Random(seed ^ (c * 0x9E3779B97F4A7C15L));
    List<Integer> req = new ArrayList<>();
    List<Integer> con = new ArrayList<>();
    int minor = pythonMinor(c);
    if (minor >= 0) {
      req.add(set(PYTHON, minor * PY_PATCHES, (minor + 1) * PY_PATCHES));
    }
    double age = versions[n] <= 1 ? 1.0 : version(c) / (double) (versions[n] - 1);
    int deps = 2 + r.nextInt(5);
    for (int i = 0; i < deps; i++) {
      if (n <= 1) {
        break;
      }
      // dependencies point to lower (more basic, more popular) names: a DAG whose closures stay env-sized
      int j = 1 + (int) ((n - 1) * Math.pow(r.nextDouble(), 3));
      if (j == n) {
        continue;
      }
      int lo = Math.max(0, (int) (versions[j] * age * 0.8) - r.nextInt(3));
      int hi = r.nextInt(10) < 3 ? Math.min(versions[j], lo + 1 + r.nextInt(6)) : versions[j];
      req.add(set(j, Math.min(lo, versions[j] - 1), hi));
    }
    if (r.nextInt(10) == 0) {
      int j = 1 + r.nextInt(names - 1);
      con.add(set(j, versions[j] / 3, versions[j]));
    }
    return new Dependencies(req.stream().mapToInt(Integer::intValue).toArray(),
        con.stream().mapToInt(Integer::intValue).toArray());
  }

  @Override
  public int[] namesOf(int versionSet) {
    return new int[] {sets.get(versionSet)[0]};
  }

  @Override
  public boolean matches(int versionSet, int candidate) {
    int[] s = sets.get(versionSet);
    if (nameOf(candidate) != s[0]) {
      return false;
    }
    int v = version(candidate);
    return v >= s[1] && v < s[2];
  }

  @Override
  public int[] filter(int versionSet, int[] candidates, boolean inverse) {
    int[] s = sets.get(versionSet);
    int[] out = new int[candidates.length];
    int k = 0;
    for (int c : candidates) {
      int v = version(c);
      if ((v >= s[1] && v < s[2]) != inverse) {
        out[k++] = c;
      }
    }
    return Arrays.copyOf(out, k);
  }

  @Override
  public String displayName(int name) {
    return name == PYTHON ? "python" : "pkg" + name;
  }

  @Override
  public String displayVersion(int candidate) {
    int n = nameOf(candidate);
    if (n == PYTHON) {
      int v = version(candidate);
      return "3." + (v / PY_PATCHES) + "." + (v % PY_PATCHES);
    }
    int m = pythonMinor(candidate);
    return version(candidate) + (m >= 0 ? " py3" + m : "");
  }

  @Override
  public String displayVersionSet(int versionSet) {
    int[] s = sets.get(versionSet);
    return displayName(s[0]) + " [" + s[1] + "," + s[2] + ")";
  }
}
