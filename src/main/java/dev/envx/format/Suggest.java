package dev.envx.format;

import java.util.Collection;

/** "did you mean" hints for misspelled keys (edit distance: {@link dev.envx.diag.DidYouMean#distance}). */
public final class Suggest {
  private Suggest() {}

  /** A hint naming the closest candidate (edit distance at most 3), or null. */
  public static String hint(String word, Collection<String> candidates) {
    return hint(word, candidates, Math.max(1, Math.min(3, word.length() / 3)));
  }

  /**
   * A hint naming the closest of a few fixed values (an option's choices) when it is at most {@code maxDistance}
   * edits away, or null.
   */
  public static String hint(String word, Collection<String> candidates, int maxDistance) {
    String best = null;
    int bestDist = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = dev.envx.diag.DidYouMean.distance(word.toLowerCase(java.util.Locale.ROOT), c, maxDistance);
      if (d < bestDist) {
        bestDist = d;
        best = c;
      }
    }
    return best != null && bestDist <= maxDistance ? "did you mean `" + best + "`?" : null;
  }
}
