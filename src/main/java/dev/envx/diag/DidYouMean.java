package dev.envx.diag;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * "Did you mean" for package names: the known names within a small edit distance of a name nothing has, for an
 * error path only (it reads every candidate). Names compare lowercase with {@code _} and {@code .} read as
 * {@code -} (so {@code Scikit_Learn} finds {@code scikit-learn}); the distance counts an insertion, a deletion,
 * a substitution and a swap of two neighbours as one edit each (optimal string alignment).
 */
public final class DidYouMean {
  /** At most this many names are suggested. */
  public static final int MAX = 3;

  private DidYouMean() {}

  /** The edits allowed for a name of this length: none up to 2 characters, 1 up to 4, 2 up to 8, else 3. */
  public static int allowed(int length) {
    return length <= 2 ? 0 : length <= 4 ? 1 : length <= 8 ? 2 : 3;
  }

  /** The closest known names (at most {@link #MAX}, nearest first, then by name), never {@code name} itself. */
  public static List<String> among(String name, Collection<String> known) {
    String n = fold(name);
    int limit = allowed(n.length());
    record Near(String name, int distance) {}
    List<Near> near = new ArrayList<>();
    for (String k : known) {
      if (k.equals(name)) {
        continue;
      }
      String f = fold(k);
      if (Math.abs(f.length() - n.length()) > limit) {
        continue;
      }
      int d = f.equals(n) ? 0 : distance(n, f, limit);
      if (d <= limit) {
        near.add(new Near(k, d));
      }
    }
    near.sort(Comparator.comparingInt(Near::distance).thenComparing(Near::name));
    return near.stream().limit(MAX).map(Near::name).toList();
  }

  /** The names as a hint: {@code did you mean `numpy`?}, {@code did you mean `a`, `b` or `c`?}; null for none. */
  public static String words(List<String> names) {
    if (names.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder("did you mean ");
    for (int i = 0; i < names.size(); i++) {
      sb.append(i == 0 ? "" : i == names.size() - 1 ? " or " : ", ").append('`').append(names.get(i)).append('`');
    }
    return sb.append('?').toString();
  }

  private static String fold(String s) {
    return s.toLowerCase(Locale.ROOT).replace('_', '-').replace('.', '-');
  }

  /** Optimal string alignment distance, or {@code limit + 1} as soon as it must exceed {@code limit}. */
  public static int distance(String a, String b, int limit) {
    int[] prev2 = new int[b.length() + 1];
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      int rowMin = cur[0];
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(prev[j - 1] + cost, Math.min(prev[j] + 1, cur[j - 1] + 1));
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, prev2[j - 2] + 1);
        }
        cur[j] = v;
        rowMin = Math.min(rowMin, v);
      }
      if (rowMin > limit) {
        return limit + 1;
      }
      int[] t = prev2;
      prev2 = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
