package dev.envx.resolve;

import dev.envx.solve.SolverStats;
import java.util.List;
import java.util.Objects;

/** The outcome of {@link CondaResolver#resolve}: {@link Solved} or {@link Unsolvable}. */
public sealed interface Resolution permits Resolution.Solved, Resolution.Unsolvable {

  /** Counters of the solver run. */
  SolverStats stats();

  /**
   * A solution.
   *
   * @param packages the chosen channel packages, sorted by name (virtual packages are not listed)
   * @param stats solver counters
   */
  record Solved(List<ResolvedPackage> packages, SolverStats stats) implements Resolution {
    public Solved {
      packages = List.copyOf(packages);
      Objects.requireNonNull(stats, "stats");
    }

    /** The chosen package of a name, if any. */
    public java.util.Optional<ResolvedPackage> get(String name) {
      return packages.stream().filter(p -> p.name().equals(name)).findFirst();
    }
  }

  /**
   * No solution.
   *
   * @param explanation an indented tree in conda terms (names, versions and the spec strings as written)
   * @param hints what the user can change, e.g. which request to relax
   * @param stats solver counters
   */
  record Unsolvable(String explanation, List<String> hints, SolverStats stats) implements Resolution {
    public Unsolvable {
      Objects.requireNonNull(explanation, "explanation");
      hints = List.copyOf(hints);
      Objects.requireNonNull(stats, "stats");
    }
  }
}
