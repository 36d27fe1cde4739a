package dev.envx.solve;

import java.util.Arrays;

/** The outcome of {@link Solver#solve}: a {@link Solution} or a {@link Conflict}. */
public sealed interface SolveResult permits SolveResult.Solution, SolveResult.Conflict {

  /** The chosen candidate ids, sorted ascending. */
  record Solution(int[] candidates) implements SolveResult {
    public Solution {
      candidates = candidates.clone();
      Arrays.sort(candidates);
    }

    @Override
    public int[] candidates() {
      return candidates.clone();
    }

    public boolean contains(int candidate) {
      return Arrays.binarySearch(candidates, candidate) >= 0;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Solution s && Arrays.equals(candidates, s.candidates);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(candidates);
    }

    @Override
    public String toString() {
      return "Solution" + Arrays.toString(candidates);
    }
  }

  /** The problem has no solution; {@link #graph()} says why and {@link #render()} explains it as a text tree. */
  record Conflict(ConflictGraph graph) implements SolveResult {
    public Conflict {
      java.util.Objects.requireNonNull(graph, "graph");
    }

    /** An indented tree, first line {@code the following requirements are incompatible:}. */
    public String render() {
      return graph.render();
    }
  }
}
