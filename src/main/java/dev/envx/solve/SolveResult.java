package dev.envx.solve;

import java.util.Arrays;
import java.util.BitSet;

/** The outcome of {@link Solver#solve}: a {@link Solution} or a {@link Conflict}. */
public sealed interface SolveResult permits SolveResult.Solution, SolveResult.Conflict {

  /** The chosen candidate ids, sorted ascending. */
  record Solution(int[] candidates) implements SolveResult {
    public Solution {
      candidates = ascending(candidates);
    }

    /**
     * A sorted copy. Candidate ids are small, distinct and not negative, so they go through a bit set: on JDK 22+
     * {@code Arrays.sort(int[])} links {@code DualPivotQuicksort}'s method handles at its first call, which the
     * start-up cache does not hold (~6 ms of a warm solve). Anything else (a negative, repeated or sparse id) is
     * sorted.
     */
    static int[] ascending(int[] ids) {
      BitSet set = new BitSet();
      long dense = 64L * ids.length + 4096; // candidate ids are allocated densely from 0
      for (int id : ids) {
        if (id < 0 || id >= dense || set.get(id)) {
          int[] out = ids.clone();
          Arrays.sort(out);
          return out;
        }
        set.set(id);
      }
      int[] out = new int[ids.length];
      int i = 0;
      for (int id = set.nextSetBit(0); id >= 0; id = set.nextSetBit(id + 1)) {
        out[i++] = id;
      }
      return out;
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
