package dev.envx.format;

import java.util.Collection;

/** "did you mean" hints for misspelled keys. */
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
      int d = distance(word.toLowerCase(java.util.Locale.ROOT), c);
      if (d < bestDist) {
        bestDist = d;
        best = c;
      }
    }
    return best != null && bestDist <= maxDistance ? "did you mean `" + best + "`?" : null;
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
