package dev.envx.solve;

/**
 * Counters of one {@link Solver#solve} run: names whose candidates were loaded, candidate variables created,
 * clauses (requirements, constraints, learned), decisions, conflicts and propagated assignments.
 */
public record SolverStats(
    int namesLoaded, int variables, int clauses, int learned, int decisions, int conflicts, long propagations) {
  @Override
  public String toString() {
    return "names=" + namesLoaded + " vars=" + variables + " clauses=" + clauses + " learned=" + learned
        + " decisions=" + decisions + " conflicts=" + conflicts + " propagations=" + propagations;
  }
}
