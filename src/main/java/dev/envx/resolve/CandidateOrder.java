package dev.envx.resolve;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The hooks a source orders its candidates with, most preferred first: a cheap {@link #primary} order over all
 * candidates of a name, then a {@link #tieBreak} for each run of candidates the primary order finds equal
 * (conda: the py311/py312/py313 builds of one version, ordered by what their dependencies can reach). The
 * tie-break sees only the tied group, so it may look at dependencies without sorting the whole name again.
 *
 * @param <C> a candidate id type (usually {@code Integer})
 */
public interface CandidateOrder<C> {
  /** The primary order. */
  Comparator<C> primary();

  /** The order within a group of candidates the primary order ties. */
  Comparator<C> tieBreak(C[] tied);

  /** Sorts {@code ids} in place: by {@link #primary}, each tied run by its {@link #tieBreak}. */
  static <C> void sort(C[] ids, CandidateOrder<C> order) {
    Comparator<C> primary = order.primary();
    Arrays.sort(ids, primary);
    for (int start = 0; start < ids.length; ) {
      int end = start + 1;
      while (end < ids.length && primary.compare(ids[start], ids[end]) == 0) {
        end++;
      }
      if (end - start > 1) {
        Arrays.sort(ids, start, end, order.tieBreak(Arrays.copyOfRange(ids, start, end)));
      }
      start = end;
    }
  }
}
