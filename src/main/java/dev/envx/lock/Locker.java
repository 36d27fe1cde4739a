package dev.envx.lock;

import dev.envx.diag.ParseError;
import dev.envx.format.lock.LockEntry;
import dev.envx.format.lock.LockEnvironment;
import dev.envx.format.lock.LockFormat;
import dev.envx.format.lock.LockMetadata;
import dev.envx.format.lock.LockedPackage;
import dev.envx.format.lock.Lockfile;
import dev.envx.index.VirtualPackageSettings;
import dev.envx.index.VirtualPackages;
import dev.envx.model.conda.ChannelPriority;
import dev.envx.model.conda.MatchSpec;
import dev.envx.model.conda.Platform;
import dev.envx.model.conda.VirtualPackage;
import dev.envx.model.pep508.PyPiName;
import dev.envx.resolve.CondaRequirement;
import dev.envx.resolve.PypiRequirement;
import dev.envx.resolve.Request;
import dev.envx.resolve.Requirement;
import dev.envx.resolve.Resolution;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Locks a {@link LockInput}: one solve per platform over every category's requirements together (as conda-lock
 * does, so that each category installs on top of {@code main} without a conflict), a previous lock's packages
 * favoured unless named in {@link Options#update()}; each package is then put into {@code main} when a main
 * requirement reaches it, else into every category whose requirements reach it.
 */
public final class Locker {
  private Locker() {}

  /**
   * How to lock.
   *
   * @param channelPriority how conda channel order limits candidates
   * @param virtualPackages the virtual package settings (each platform gets its own defaults, then these)
   * @param environment the variables that override virtual packages ({@code CONDA_OVERRIDE_*})
   * @param update names whose pins are not favoured (every other pin of the previous lock is)
   */
  public record Options(ChannelPriority channelPriority, VirtualPackageSettings virtualPackages,
      Map<String, String> environment, Set<String> update) {
    public Options {
      Objects.requireNonNull(channelPriority, "channelPriority");
      Objects.requireNonNull(virtualPackages, "virtualPackages");
      environment = Map.copyOf(environment);
      update = Set.copyOf(update);
    }

    public static Options defaults() {
      return new Options(ChannelPriority.STRICT, VirtualPackageSettings.defaults(), Map.of(), Set.of());
    }
  }

  /** The outcome: a lock, or the platforms that could not be solved. */
  public sealed interface Outcome {}

  /** Every platform solved. */
  public record Locked(Lockfile lock) implements Outcome {}

  /** Some platforms have no solution; each with the solver's explanation. */
  public record Unsolvable(Map<Platform, Resolution.Unsolvable> platforms) implements Outcome {
    public Unsolvable {
      platforms = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(platforms));
    }
  }

  /**
   * Solves every platform of {@code input}.
   *
   * @param previous the lock to keep pins from, or null
   */
  public static Outcome lock(LockInput input, PlatformSolver solver, Lockfile previous, Options options) {
    Map<String, List<LockEntry>> packages = new TreeMap<>();
    Map<Platform, Resolution.Unsolvable> failed = new LinkedHashMap<>();
    for (Platform p : input.platforms()) {
      Request request = new Request(input.allRequirements(p), List.of(), options.channelPriority(),
          virtuals(p, options), pins(previous, p, options.update()));
      Resolution r = solver.solve(p, request);
      if (r instanceof Resolution.Unsolvable u) {
        failed.put(p, u);
        continue;
      }
      packages.put(p.subdir(), categorize(((Resolution.Solved) r).packages(), input.categories().get(p)));
    }
    if (!failed.isEmpty()) {
      return new Unsolvable(failed);
    }
    LockEnvironment env = new LockEnvironment(LockEnvironment.DEFAULT, input.lockChannels(), input.lockIndexUrls(),
        null, packages);
    LockMetadata meta = new LockMetadata(null, input.inputHash(),
        input.platforms().stream().map(Platform::subdir).toList(), null, input.sources(), null);
    return new Locked(new Lockfile(meta, List.of(env)));
  }

  /** The virtual packages of a platform: its defaults, then the settings, then {@code CONDA_OVERRIDE_*}. */
  static List<VirtualPackage> virtuals(Platform p, Options options) {
    return VirtualPackages.forPlatform(p, options.virtualPackages(), options.environment());
  }

  /**
   * The previous lock's pins for a platform ({@link Request#locked}): the dists of its conda packages and the
   * releases of its PyPI distributions, without the names to update (a PyPI name compared normalized).
   */
  static Set<String> pins(Lockfile previous, Platform p, Set<String> update) {
    if (previous == null) {
      return Set.of();
    }
    Set<String> updatePypi = new TreeSet<>();
    for (String u : update) {
      if (PyPiName.isValid(u)) {
        updatePypi.add(PyPiName.of(u).normalized());
      }
    }
    Set<String> out = new TreeSet<>();
    for (LockEnvironment e : previous.environments()) {
      for (LockEntry entry : e.packages(p.subdir())) {
        if (!(entry instanceof LockEntry.Resolved r)) {
          continue;
        }
        if (r.pkg() instanceof LockedPackage.Conda c && !update.contains(c.name())) {
          out.add(c.dist());
        } else if (r.pkg() instanceof LockedPackage.Pypi y && !updatePypi.contains(y.name().normalized())) {
          out.add(Request.lockedPypi(y.name(), y.version()));
        }
      }
    }
    return out;
  }

  /**
   * The packages as lock entries with their categories: {@code main} for what a main requirement reaches
   * (through {@code depends} / {@code Requires-Dist}), else each category whose requirements reach it.
   */
  static List<LockEntry> categorize(List<LockedPackage> solved, Map<String, List<Requirement>> categories) {
    Map<String, LockedPackage> byKey = new HashMap<>();
    for (LockedPackage p : solved) {
      byKey.put(key(p), p);
    }
    Map<String, List<String>> edges = new HashMap<>();
    Map<String, String> specNames = new HashMap<>();
    for (LockedPackage p : solved) {
      List<String> to = new ArrayList<>();
      if (p instanceof LockedPackage.Conda c) {
        for (String d : c.depends()) {
          String n = specNames.computeIfAbsent(d, Locker::depName);
          if (n != null) {
            to.add("conda:" + n);
          }
        }
      } else if (p instanceof LockedPackage.Pypi y) {
        y.requiresDist().forEach(r -> to.add("pypi:" + r.name().normalized()));
      }
      edges.put(key(p), to);
    }
    Map<String, TreeSet<String>> cats = new HashMap<>();
    Set<String> inMain = reach(categories.getOrDefault(LockEntry.MAIN, List.of()), edges, byKey);
    for (String k : inMain) {
      cats.computeIfAbsent(k, x -> new TreeSet<>()).add(LockEntry.MAIN);
    }
    categories.forEach((name, reqs) -> {
      if (!name.equals(LockEntry.MAIN)) {
        for (String k : reach(reqs, edges, byKey)) {
          if (!inMain.contains(k)) {
            cats.computeIfAbsent(k, x -> new TreeSet<>()).add(name);
          }
        }
      }
    });
    List<LockEntry> out = new ArrayList<>();
    for (LockedPackage p : solved) {
      TreeSet<String> c = cats.get(key(p));
      out.add(new LockEntry.Resolved(p, c == null ? null : c, LockFormat.CONDA_LOCK, null));
    }
    return out;
  }

  private static Set<String> reach(List<Requirement> roots, Map<String, List<String>> edges,
      Map<String, LockedPackage> present) {
    Set<String> seen = new java.util.HashSet<>();
    ArrayDeque<String> todo = new ArrayDeque<>();
    for (Requirement r : roots) {
      todo.add(key(r));
    }
    while (!todo.isEmpty()) {
      String k = todo.poll();
      if (present.containsKey(k) && seen.add(k)) {
        todo.addAll(edges.getOrDefault(k, List.of()));
      }
    }
    return seen;
  }

  private static String key(LockedPackage p) {
    return p instanceof LockedPackage.Pypi y ? "pypi:" + y.name().normalized() : "conda:" + p.displayName();
  }

  private static String key(Requirement r) {
    if (r instanceof CondaRequirement c) {
      return "conda:" + c.name();
    }
    PyPiName n = ((PypiRequirement) r).requirement().name();
    return "pypi:" + n.normalized();
  }

  /** The package name of a dependency spec, or null when it names none (a broken record). */
  private static String depName(String spec) {
    try {
      return MatchSpec.parse(spec).exactName();
    } catch (ParseError e) {
      return null;
    }
  }
}
