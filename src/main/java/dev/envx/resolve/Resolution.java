package dev.envx.resolve;

import dev.envx.format.lock.LockedPackage;
import dev.envx.solve.SolverStats;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The outcome of {@link Resolver#resolve}: {@link Solved} or {@link Unsolvable}. */
public sealed interface Resolution permits Resolution.Solved, Resolution.Unsolvable {

  /** Counters of the solver run. */
  SolverStats stats();

  /**
   * A solution.
   *
   * @param packages the chosen packages, what a lockfile records, sorted by name (virtual packages are not listed)
   * @param stats solver counters
   */
  record Solved(List<LockedPackage> packages, SolverStats stats) implements Resolution {
    public Solved {
      packages = List.copyOf(packages);
      Objects.requireNonNull(stats, "stats");
    }

    /** The chosen conda package of a name, if any. */
    public Optional<LockedPackage.Conda> get(String name) {
      return conda().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The chosen conda packages, sorted by name. */
    public List<LockedPackage.Conda> conda() {
      return packages.stream().filter(p -> p instanceof LockedPackage.Conda).map(p -> (LockedPackage.Conda) p)
          .toList();
    }
  }

  /**
   * No solution.
   *
   * @param explanation an indented tree in the sources' terms (names, versions and the specs as written)
   * @param hints what the user can change, e.g. which request to relax
   * @param stats solver counters
   */
  record Unsolvable(String explanation, List<Hint> hints, SolverStats stats) implements Resolution {
    public Unsolvable {
      Objects.requireNonNull(explanation, "explanation");
      hints = List.copyOf(hints);
      Objects.requireNonNull(stats, "stats");
    }
  }
}
