package dev.envx.lock;

import dev.envx.diag.Diagnostic;
import dev.envx.diag.EnvxException;
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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

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
   * @param parallelism how many platforms are solved at once (1: one after the other, in the caller's thread);
   *     the lock is the same either way
   */
  public record Options(ChannelPriority channelPriority, VirtualPackageSettings virtualPackages,
      Map<String, String> environment, Set<String> update, int parallelism) {
    public Options {
      Objects.requireNonNull(channelPriority, "channelPriority");
      Objects.requireNonNull(virtualPackages, "virtualPackages");
      environment = Map.copyOf(environment);
      update = Set.copyOf(update);
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
      }
    }

    public Options(ChannelPriority channelPriority, VirtualPackageSettings virtualPackages,
        Map<String, String> environment, Set<String> update) {
      this(channelPriority, virtualPackages, environment, update, 1);
    }

    public static Options defaults() {
      return new Options(ChannelPriority.STRICT, VirtualPackageSettings.defaults(), Map.of(), Set.of());
    }

    public Options withParallelism(int value) {
      return new Options(channelPriority, virtualPackages, environment, update, value);
    }
  }

  /** The outcome: a lock, or the platforms that could not be solved; with the sources' warnings either way. */
  public sealed interface Outcome {
    /** The solver's warnings, platform after platform in the input's order. */
    List<Diagnostic> warnings();
  }

  /** Every platform solved. */
  public record Locked(Lockfile lock, List<Diagnostic> warnings) implements Outcome {
    public Locked {
      Objects.requireNonNull(lock, "lock");
      warnings = List.copyOf(warnings);
    }
  }

  /** Some platforms have no solution; each with the solver's explanation. */
  public record Unsolvable(Map<Platform, Resolution.Unsolvable> platforms, List<Diagnostic> warnings)
      implements Outcome {
    public Unsolvable {
      platforms = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(platforms));
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Solves every platform of {@code input}, up to {@link Options#parallelism} at once. The lock does not depend
   * on the order the solves end in: each platform's packages are kept under its subdir, unsolvable platforms and
   * warnings come in the input's platform order. When solves fail with an error, every failed platform's error is
   * thrown together, in platform order (an {@link EnvxException} with all their diagnostics).
   *
   * @param previous the lock to keep pins from, or null
   */
  public static Outcome lock(LockInput input, PlatformSolver solver, Lockfile previous, Options options) {
    List<Platform> platforms = input.platforms();
    List<Callable<PlatformSolver.Result>> tasks = new ArrayList<>();
    for (Platform p : platforms) {
      Request request = new Request(input.allRequirements(p), List.of(), options.channelPriority(),
          virtuals(p, options), pins(previous, p, options.update()));
      tasks.add(() -> solver.solve(p, request));
    }
    List<PlatformSolver.Result> results = run(platforms, tasks, options.parallelism());
    Map<String, List<LockEntry>> packages = new TreeMap<>();
    Map<Platform, Resolution.Unsolvable> failed = new LinkedHashMap<>();
    List<Diagnostic> warnings = new ArrayList<>();
    for (int i = 0; i < platforms.size(); i++) {
      Platform p = platforms.get(i);
      PlatformSolver.Result r = results.get(i);
      warnings.addAll(r.warnings());
      if (r.resolution() instanceof Resolution.Unsolvable u) {
        failed.put(p, u);
      } else {
        packages.put(p.subdir(), categorize(((Resolution.Solved) r.resolution()).packages(),
            input.categories().get(p)));
      }
    }
    if (!failed.isEmpty()) {
      return new Unsolvable(failed, warnings);
    }
    LockEnvironment env = new LockEnvironment(LockEnvironment.DEFAULT, input.lockChannels(), input.lockIndexUrls(),
        null, packages);
    LockMetadata meta = new LockMetadata(null, input.inputHash(),
        platforms.stream().map(Platform::subdir).toList(), null, input.sources(), null);
    return new Locked(new Lockfile(meta, List.of(env)), warnings);
  }

  /** Thread stacks for the solves: the explainer and the solver recurse on deep conflicts. */
  private static final long SOLVE_STACK = 16L << 20;

  /**
   * Runs one task per platform, up to {@code threads} at once; the results in platform order. Errors are
   * rethrown after every task ended: {@link EnvxException}s merged in platform order (an error several platforms
   * share once), else the first other exception.
   */
  private static List<PlatformSolver.Result> run(List<Platform> platforms,
      List<Callable<PlatformSolver.Result>> tasks, int threads) {
    List<Future<PlatformSolver.Result>> futures = new ArrayList<>();
    ExecutorService pool = threads <= 1 || tasks.size() <= 1 ? null
        : Executors.newFixedThreadPool(Math.min(threads, tasks.size()), r -> {
          Thread t = new Thread(null, r, "envx-lock", SOLVE_STACK);
          t.setDaemon(true);
          return t;
        });
    try {
      for (Callable<PlatformSolver.Result> t : tasks) {
        if (pool == null) {
          FutureTask<PlatformSolver.Result> f = new FutureTask<>(t);
          f.run();
          futures.add(f);
        } else {
          futures.add(pool.submit(t));
        }
      }
      List<PlatformSolver.Result> out = new ArrayList<>();
      Set<Diagnostic> errors = new java.util.LinkedHashSet<>(); // the same error of several platforms once
      int exit = 0;
      RuntimeException other = null;
      for (int i = 0; i < futures.size(); i++) {
        try {
          out.add(futures.get(i).get());
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof EnvxException x) {
            errors.addAll(x.diagnostics());
            exit = Math.max(exit, x.exitCode());
          } else if (other == null) {
            other = cause instanceof RuntimeException re ? re : new IllegalStateException(
                "solving " + platforms.get(i) + " failed", cause);
          }
        }
      }
      if (other != null) {
        throw other;
      }
      if (!errors.isEmpty()) {
        throw new EnvxException(exit, List.copyOf(errors));
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw EnvxException.failure("interrupted while solving");
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
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
