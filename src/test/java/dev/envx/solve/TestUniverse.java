package dev.envx.solve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A test-only {@link Provider} over a tiny universe written as lines:
 *
 * <pre>
 * numpy 2 -> python >=3.9, libblas       requirements, separated by ", "
 * foo 1 !> bar <2                         constraints ("constrains")
 * numpy-wheel 2 +numpy -> python          extra exclusion group `numpy` (besides its own name); the candidates
 *                                         named `numpy` join that group too
 * app 1 -> numpy >=2 | numpy-wheel >=2    a requirement met by candidates of several names
 * </pre>
 *
 * Versions are dotted integers; a range is comma-separated comparisons ({@code >=1,<2}, {@code ==1}, {@code !=3})
 * or a bare version (exact) or nothing (any). Candidates of a name are preferred highest version first.
 */
final class TestUniverse implements Provider {
  private final List<String> names = new ArrayList<>();
  private final Map<String, Integer> nameIds = new HashMap<>();
  private final List<Cand> cands = new ArrayList<>();
  private final List<Spec> specs = new ArrayList<>();
  private final Map<String, Integer> specIds = new HashMap<>();
  private final Map<Integer, String> excluded = new HashMap<>();
  private final Set<Integer> favored = new java.util.HashSet<>();
  private final Set<Integer> loadedNames = new TreeSet<>();
  private final Set<Integer> expandedCands = new TreeSet<>();
  private int[][] byName = new int[0][];

  /** Extra exclusion groups by name, in their own id space (allocated before the names they share a name with). */
  private final List<String> groupNames = new ArrayList<>();
  private final Map<String, Integer> groupIds = new HashMap<>();

  private record Cand(int name, int[] version, String versionText, int[] groups, List<String> reqs,
      List<String> cons) {}

  /** One alternative of a version set: a name and a range. */
  private record Alt(int name, List<String[]> range) {}

  private record Spec(String text, List<Alt> alts) {}

  static TestUniverse parse(String text) {
    TestUniverse u = new TestUniverse();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      List<String> cons = List.of();
      int bang = line.indexOf(" !> ");
      if (bang >= 0) {
        cons = List.of(line.substring(bang + 4).strip().split(",\\s+"));
        line = line.substring(0, bang).strip();
      }
      List<String> reqs = List.of();
      int arrow = line.indexOf(" -> ");
      if (arrow >= 0) {
        String r = line.substring(arrow + 4).strip();
        reqs = r.isEmpty() ? List.of() : List.of(r.split(",\\s+"));
        line = line.substring(0, arrow).strip();
      } else if (line.endsWith(" ->")) {
        line = line.substring(0, line.length() - 3).strip();
      }
      String[] parts = line.split("\\s+");
      if (parts.length < 2) {
        throw new IllegalArgumentException("expected `name version`: " + raw);
      }
      Set<Integer> groups = new LinkedHashSet<>();
      for (int i = 2; i < parts.length; i++) {
        if (!parts[i].startsWith("+")) {
          throw new IllegalArgumentException("unexpected `" + parts[i] + "` in: " + raw);
        }
        groups.add(u.group(parts[i].substring(1)));
      }
      int name = u.name(parts[0]);
      u.cands.add(new Cand(name, version(parts[1]), parts[1],
          groups.stream().mapToInt(Integer::intValue).toArray(), reqs, cons));
    }
    // a candidate named like an extra group is in it (numpy and numpy-wheel +numpy exclude each other)
    for (int i = 0; i < u.cands.size(); i++) {
      Cand c = u.cands.get(i);
      Integer own = u.groupIds.get(u.names.get(c.name()));
      if (own != null && Arrays.stream(c.groups()).noneMatch(g -> g == own)) {
        int[] g = Arrays.copyOf(c.groups(), c.groups().length + 1);
        g[g.length - 1] = own;
        u.cands.set(i, new Cand(c.name(), c.version(), c.versionText(), g, c.reqs(), c.cons()));
      }
    }
    return u;
  }

  private int group(String g) {
    return groupIds.computeIfAbsent(g, k -> {
      groupNames.add(k);
      return groupNames.size() - 1;
    });
  }

  private int name(String n) {
    return nameIds.computeIfAbsent(n, k -> {
      names.add(k);
      return names.size() - 1;
    });
  }

  static int[] version(String v) {
    String[] p = v.split("\\.");
    int[] out = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = Integer.parseInt(p[i]);
    }
    return out;
  }

  static int compare(int[] a, int[] b) {
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      int x = i < a.length ? a[i] : 0;
      int y = i < b.length ? b[i] : 0;
      if (x != y) {
        return Integer.compare(x, y);
      }
    }
    return 0;
  }

  /** The version set id for a spec like {@code numpy >=1,<2 | numpy-wheel}. */
  int spec(String text) {
    String key = text.strip();
    Integer id = specIds.get(key);
    if (id != null) {
      return id;
    }
    List<Alt> alts = new ArrayList<>();
    for (String alt : key.split("\\s*\\|\\s*")) {
      String[] p = alt.strip().split("\\s+", 2);
      List<String[]> range = new ArrayList<>();
      if (p.length == 2) {
        for (String c : p[1].replace(" ", "").split(",")) {
          String op = c.replaceAll("[0-9.].*$", "");
          range.add(new String[] {op.isEmpty() ? "==" : op, c.substring(op.length())});
        }
      }
      alts.add(new Alt(name(p[0]), range));
    }
    specs.add(new Spec(key, alts));
    specIds.put(key, specs.size() - 1);
    return specs.size() - 1;
  }

  int candidate(String nameAndVersion) {
    String[] p = nameAndVersion.split("\\s+");
    Integer n = nameIds.get(p[0]);
    for (int i = 0; i < cands.size(); i++) {
      if (n != null && cands.get(i).name == n && cands.get(i).versionText.equals(p[1])) {
        return i;
      }
    }
    throw new IllegalArgumentException("no candidate " + nameAndVersion);
  }

  TestUniverse exclude(String candidate, String reason) {
    excluded.put(candidate(candidate), reason);
    return this;
  }

  TestUniverse favor(String candidate) {
    favored.add(candidate(candidate));
    return this;
  }

  Problem problem(List<String> requirements, List<String> constraints) {
    return new Problem(requirements.stream().mapToInt(this::spec).toArray(),
        constraints.stream().mapToInt(this::spec).toArray());
  }

  SolveResult solve(String... requirements) {
    return new Solver(this).solve(problem(List.of(requirements), List.of()));
  }

  /** "numpy 2, python 3.11" for a solution, sorted by name. */
  String show(SolveResult result) {
    if (result instanceof SolveResult.Solution s) {
      return show(s.candidates());
    }
    return "UNSOLVABLE\n" + ((SolveResult.Conflict) result).render();
  }

  String show(int[] chosen) {
    TreeSet<String> out = new TreeSet<>();
    for (int c : chosen) {
      out.add(displayCandidate(c));
    }
    return String.join(", ", out);
  }

  /** Forgets which names were loaded, so another solver may ask again. */
  void reset() {
    loadedNames.clear();
    expandedCands.clear();
  }

  int candidateCount() {
    return cands.size();
  }

  Set<String> loadedNames() {
    TreeSet<String> out = new TreeSet<>();
    for (int n : loadedNames) {
      out.add(names.get(n));
    }
    return out;
  }

  Set<String> expanded() {
    TreeSet<String> out = new TreeSet<>();
    for (int c : expandedCands) {
      out.add(displayCandidate(c));
    }
    return out;
  }

  // ---------------------------------------------------------------- Provider

  @Override
  public int[] candidates(int name) {
    if (!loadedNames.add(name)) {
      throw new AssertionError("candidates of " + names.get(name) + " asked twice");
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < cands.size(); i++) {
      if (cands.get(i).name == name) {
        out.add(i);
      }
    }
    out.sort((a, b) -> compare(cands.get(b).version, cands.get(a).version));
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public int nameOf(int candidate) {
    return cands.get(candidate).name;
  }

  @Override
  public int[] extraGroups(int candidate) {
    return cands.get(candidate).groups.clone();
  }

  @Override
  public Dependencies dependencies(int candidate) {
    expandedCands.add(candidate);
    Cand c = cands.get(candidate);
    return new Dependencies(c.reqs.stream().mapToInt(this::spec).toArray(),
        c.cons.stream().mapToInt(this::spec).toArray());
  }

  @Override
  public int[] namesOf(int versionSet) {
    return specs.get(versionSet).alts.stream().mapToInt(Alt::name).distinct().toArray();
  }

  @Override
  public boolean matches(int versionSet, int candidate) {
    Cand c = cands.get(candidate);
    for (Alt alt : specs.get(versionSet).alts) {
      if (alt.name == c.name && inRange(alt.range, c.version)) {
        return true;
      }
    }
    return false;
  }

  private static boolean inRange(List<String[]> range, int[] v) {
    for (String[] r : range) {
      int cmp = compare(v, version(r[1]));
      boolean ok = switch (r[0]) {
        case ">=" -> cmp >= 0;
        case ">" -> cmp > 0;
        case "<=" -> cmp <= 0;
        case "<" -> cmp < 0;
        case "==" -> cmp == 0;
        case "!=" -> cmp != 0;
        default -> throw new IllegalArgumentException("bad operator " + r[0]);
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String excluded(int candidate) {
    return excluded.get(candidate);
  }

  @Override
  public boolean favored(int candidate) {
    return favored.contains(candidate);
  }

  @Override
  public String displayGroup(int group) {
    return groupNames.get(group);
  }

  @Override
  public String displayName(int name) {
    return names.get(name);
  }

  @Override
  public String displayVersion(int candidate) {
    return cands.get(candidate).versionText;
  }

  @Override
  public String displayVersionSet(int versionSet) {
    return specs.get(versionSet).text;
  }

  @Override
  public String toString() {
    return "TestUniverse" + Arrays.toString(names.toArray());
  }
}
