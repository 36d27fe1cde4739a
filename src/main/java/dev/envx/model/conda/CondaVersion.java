package dev.envx.model.conda;

import dev.envx.diag.ParseError;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A conda version with exactly the order of conda's {@code VersionOrder}.
 *
 * <p>The string is lower-cased and stripped; dashes become underscores when there are no underscores; it is
 * split into an epoch ({@code 1!}), the version and a local part ({@code +abc}); these are split into segments at
 * {@code .} and {@code _} and each segment into runs of digits, runs of {@code *} and other runs. Numbers compare
 * numerically, strings by code point, strings sort below numbers, {@code dev} below every other string and
 * {@code post} above every number. Missing atoms count as {@code 0}, so {@code 1.0 == 1.0.0}. A trailing
 * {@code _} stays attached to the last segment (openssl convention: {@code 1.0.1_ < 1.0.1a}).
 *
 * <p>Not a record: conda equality ({@code 1.0 == 1.0.0}) is not structural equality of the parts, and the parts
 * are kept in flat primitive arrays so that {@link #compareTo} allocates nothing. {@code equals}, {@code hashCode}
 * and {@code compareTo} are consistent.
 */
public final class CondaVersion implements Comparable<CondaVersion> {
  static final byte STR = 0;
  static final byte NUM = 1;
  static final byte POST = 2;
  /** conda's representation of {@code dev}: upper case sorts below every other (lower-case) string. */
  static final String DEV = "DEV";
  /** numbers with more digits are kept as digit strings (conda uses unbounded Python ints). */
  private static final int MAX_LONG_DIGITS = 18;

  private final String original;
  private final String normalized;
  /** number of version segments, epoch included (the epoch is segment 0). */
  private final int versionSegments;
  /** bounds[i]..bounds[i+1] are the atoms of segment i; version segments first, then local segments. */
  private final int[] bounds;
  private final byte[] kinds;
  private final long[] nums;
  /** the string of a STR atom, the digits of a NUM atom too large for a long, else null. */
  private final String[] strs;
  private final int hash;

  private CondaVersion(String original, String normalized, int versionSegments, int[] bounds, byte[] kinds,
      long[] nums, String[] strs) {
    this.original = original;
    this.normalized = normalized;
    this.versionSegments = versionSegments;
    this.bounds = bounds;
    this.kinds = kinds;
    this.nums = nums;
    this.strs = strs;
    this.hash = computeHash();
  }

  /** Parses a conda version; throws {@link ParseError} pointing at the offending character. */
  public static CondaVersion parse(String text) {
    return new Parser(text).parse();
  }

  /** The string as given. */
  public String original() {
    return original;
  }

  /** conda's {@code str(VersionOrder(...))}: stripped, lower-cased, dashes turned into underscores. */
  @Override
  public String toString() {
    return normalized;
  }

  /** The epoch ({@code 0} when not given). */
  public long epoch() {
    return nums[0];
  }

  /** Whether a local part ({@code +...}) was given. */
  public boolean hasLocal() {
    return bounds.length - 1 > versionSegments;
  }

  /** Number of segments of the version part, epoch excluded ({@code 1.2.3} has 3). */
  public int segmentCount() {
    return versionSegments - 1;
  }

  /**
   * conda's {@code VersionOrder.version}: the epoch segment first, then one list per segment; numbers as
   * {@link Long} (or {@link BigInteger} when too large), strings lower-case, {@code "DEV"} for dev,
   * {@link Double#POSITIVE_INFINITY} for post.
   */
  public List<List<Object>> components() {
    return segmentsAsLists(0, versionSegments);
  }

  /** conda's {@code VersionOrder.local}, in the representation of {@link #components()}. */
  public List<List<Object>> local() {
    return segmentsAsLists(versionSegments, bounds.length - 1);
  }

  private List<List<Object>> segmentsAsLists(int from, int to) {
    List<List<Object>> out = new ArrayList<>(to - from);
    for (int s = from; s < to; s++) {
      List<Object> seg = new ArrayList<>(bounds[s + 1] - bounds[s]);
      for (int a = bounds[s]; a < bounds[s + 1]; a++) {
        seg.add(switch (kinds[a]) {
          case STR -> strs[a];
          case POST -> Double.POSITIVE_INFINITY;
          default -> strs[a] == null ? (Object) nums[a] : new BigInteger(strs[a]);
        });
      }
      out.add(List.copyOf(seg));
    }
    return List.copyOf(out);
  }

  // ---------------------------------------------------------------- order

  @Override
  public int compareTo(CondaVersion o) {
    int c = compareRange(this, 0, versionSegments, o, 0, o.versionSegments);
    if (c != 0) {
      return c;
    }
    return compareRange(this, versionSegments, bounds.length - 1, o, o.versionSegments, o.bounds.length - 1);
  }

  private static int compareRange(CondaVersion a, int aFrom, int aTo, CondaVersion b, int bFrom, int bTo) {
    int n = Math.max(aTo - aFrom, bTo - bFrom);
    for (int i = 0; i < n; i++) {
      int as = aFrom + i;
      int bs = bFrom + i;
      int aStart = as < aTo ? a.bounds[as] : 0;
      int aLen = as < aTo ? a.bounds[as + 1] - aStart : 0;
      int bStart = bs < bTo ? b.bounds[bs] : 0;
      int bLen = bs < bTo ? b.bounds[bs + 1] - bStart : 0;
      int c = compareSegment(a, aStart, aLen, b, bStart, bLen, Math.max(aLen, bLen));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Compares the first {@code n} atoms of two segments, padding with the number 0. */
  private static int compareSegment(CondaVersion a, int aStart, int aLen, CondaVersion b, int bStart, int bLen,
      int n) {
    for (int j = 0; j < n; j++) {
      int c;
      if (j < aLen) {
        int x = aStart + j;
        c = j < bLen ? compareAtoms(a, x, b, bStart + j) : compareAtomWithZero(a, x);
      } else {
        c = -compareAtomWithZero(b, bStart + j);
      }
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static int compareAtoms(CondaVersion a, int x, CondaVersion b, int y) {
    byte ka = a.kinds[x];
    byte kb = b.kinds[y];
    if (ka != kb) {
      return ka < kb ? -1 : 1;
    }
    return switch (ka) {
      case STR -> a.strs[x].compareTo(b.strs[y]);
      case NUM -> compareNumbers(a.nums[x], a.strs[x], b.nums[y], b.strs[y]);
      default -> 0;
    };
  }

  private static int compareNumbers(long x, String bigX, long y, String bigY) {
    if (bigX == null && bigY == null) {
      return Long.compare(x, y);
    }
    if (bigX == null) {
      return -1;
    }
    if (bigY == null) {
      return 1;
    }
    int c = Integer.compare(bigX.length(), bigY.length());
    return c != 0 ? c : Integer.signum(bigX.compareTo(bigY));
  }

  private static int compareAtomWithZero(CondaVersion a, int x) {
    return switch (a.kinds[x]) {
      case STR -> -1;
      case POST -> 1;
      default -> a.strs[x] != null ? 1 : Long.compare(a.nums[x], 0);
    };
  }

  private boolean isZero(int x) {
    return kinds[x] == NUM && strs[x] == null && nums[x] == 0;
  }

  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof CondaVersion v && hash == v.hash && compareTo(v) == 0);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** Hash of the padding-free form: trailing zero atoms and then trailing empty segments are ignored. */
  private int computeHash() {
    return 31 * hashRange(0, versionSegments) + hashRange(versionSegments, bounds.length - 1);
  }

  private int hashRange(int from, int to) {
    int last = to;
    while (last > from && significantLength(last - 1) == 0) {
      last--;
    }
    int h = 1;
    for (int s = from; s < last; s++) {
      int len = significantLength(s);
      int hs = 1;
      for (int a = bounds[s]; a < bounds[s] + len; a++) {
        int ha = switch (kinds[a]) {
          case STR -> strs[a].hashCode();
          case POST -> 0x7fffffff;
          default -> strs[a] != null ? strs[a].hashCode() : Long.hashCode(nums[a]);
        };
        hs = 31 * hs + ha + kinds[a];
      }
      h = 31 * h + hs;
    }
    return h;
  }

  private int significantLength(int s) {
    int end = bounds[s + 1];
    while (end > bounds[s] && isZero(end - 1)) {
      end--;
    }
    return end - bounds[s];
  }

  // ---------------------------------------------------------------- prefix matching

  /**
   * conda's {@code VersionOrder.startswith}: whether this version matches {@code prefix.*}. All segments of the
   * prefix but the last must be equal; in the last one all atoms but the last must be equal and the last atom
   * must be equal, or for strings a prefix ({@code 0.4.1p1} starts with {@code 0.4.1p}). A prefix with a local
   * part requires an equal version part and applies to the local part.
   */
  public boolean startsWith(CondaVersion prefix) {
    int tFrom;
    int tTo;
    int pFrom;
    int pTo;
    if (prefix.hasLocal()) {
      if (compareRange(this, 0, versionSegments, prefix, 0, prefix.versionSegments) != 0) {
        return false;
      }
      tFrom = versionSegments;
      tTo = bounds.length - 1;
      pFrom = prefix.versionSegments;
      pTo = prefix.bounds.length - 1;
    } else {
      tFrom = 0;
      tTo = versionSegments;
      pFrom = 0;
      pTo = prefix.versionSegments;
    }
    int nt = pTo - pFrom - 1;
    // all segments of the prefix but the last
    if (compareRange(this, tFrom, Math.min(tTo, tFrom + nt), prefix, pFrom, pFrom + nt) != 0) {
      return false;
    }
    int ts = tFrom + nt;
    int tStart = ts < tTo ? bounds[ts] : 0;
    int tLen = ts < tTo ? bounds[ts + 1] - tStart : 0;
    int ps = pFrom + nt;
    int pStart = prefix.bounds[ps];
    int pLen = prefix.bounds[ps + 1] - pStart;
    int na = pLen - 1;
    int tCut = Math.min(tLen, na);
    if (compareSegment(this, tStart, tCut, prefix, pStart, na, Math.max(tCut, na)) != 0) {
      return false;
    }
    int p = pStart + na;
    if (prefix.kinds[p] == STR) {
      return na < tLen && kinds[tStart + na] == STR && strs[tStart + na].startsWith(prefix.strs[p]);
    }
    if (na >= tLen) {
      return prefix.isZero(p);
    }
    return compareAtoms(this, tStart + na, prefix, p) == 0;
  }

  // ---------------------------------------------------------------- parser

  private static final class Parser {
    private final String input;
    private int[] bounds;
    private int segs;
    private byte[] kinds;
    private long[] nums;
    private String[] strs;
    private int atoms;

    Parser(String input) {
      this.input = input;
      // upper bounds: a segment per separator plus the epoch, an atom per character plus a leading 0 per segment
      int n = input.length();
      bounds = new int[n + 3];
      kinds = new byte[2 * n + 4];
      nums = new long[2 * n + 4];
      strs = new String[2 * n + 4];
    }

    CondaVersion parse() {
      int lead = 0;
      int end = input.length();
      while (lead < end && Character.isWhitespace(input.charAt(lead))) {
        lead++;
      }
      while (end > lead && Character.isWhitespace(input.charAt(end - 1))) {
        end--;
      }
      if (lead == end) {
        throw new ParseError("empty version", input, 0, input.length(), "a conda version looks like `1.2.3`");
      }
      String v = input.substring(lead, end).toLowerCase(Locale.ROOT);
      int bad = firstInvalid(v);
      if (bad >= 0 && v.indexOf('-') >= 0 && v.indexOf('_') < 0) {
        v = v.replace('-', '_');
        bad = firstInvalid(v);
      }
      if (bad >= 0) {
        char c = v.charAt(bad);
        String hint = c == '-' || c == '_'
            ? "a version can use `-` or `_` as separators, but not both"
            : "a conda version may contain letters, digits and `.`, `_`, `+`, `!`, `*`";
        throw new ParseError("invalid character `" + input.charAt(lead + bad) + "` in version", input, lead + bad, 1,
            hint);
      }
      int bang = v.indexOf('!');
      int start = 0;
      if (bang >= 0) {
        if (v.indexOf('!', bang + 1) >= 0) {
          throw error("duplicated epoch separator `!`", lead + v.indexOf('!', bang + 1), 1);
        }
        if (bang == 0 || !allDigits(v, 0, bang)) {
          throw error("epoch must be an integer", lead, Math.max(1, bang));
        }
        if (bang > MAX_LONG_DIGITS) {
          throw error("epoch is too large", lead, bang);
        }
        startSegment();
        addNumber(v, 0, bang, lead);
        start = bang + 1;
      } else {
        startSegment();
        addAtom(NUM, 0, null);
      }
      int plus = v.indexOf('+', start);
      int verEnd = plus >= 0 ? plus : v.length();
      if (plus >= 0 && v.indexOf('+', plus + 1) >= 0) {
        throw error("duplicated local version separator `+`", lead + v.indexOf('+', plus + 1), 1);
      }
      if (verEnd == start) {
        throw error(plus >= 0 ? "missing version before local version separator `+`" : "missing version after epoch",
            lead + start, 1);
      }
      boolean trailingUnderscore = v.charAt(verEnd - 1) == '_';
      splitSegments(v, start, trailingUnderscore ? verEnd - 1 : verEnd, trailingUnderscore, lead);
      int versionSegments = segs;
      if (plus >= 0) {
        splitSegments(v, plus + 1, v.length(), false, lead);
      }
      bounds = ensure(bounds, segs + 1);
      bounds[segs] = atoms;
      int[] b = new int[segs + 1];
      System.arraycopy(bounds, 0, b, 0, segs + 1);
      byte[] k = new byte[atoms];
      long[] n = new long[atoms];
      String[] s = new String[atoms];
      System.arraycopy(kinds, 0, k, 0, atoms);
      System.arraycopy(nums, 0, n, 0, atoms);
      System.arraycopy(strs, 0, s, 0, atoms);
      return new CondaVersion(input, v, versionSegments, b, k, n, s);
    }

    private ParseError error(String message, int offset, int length) {
      return new ParseError(message, input, offset, length);
    }

    /** Splits v[from, to) at '.' and '_'; with {@code underscore}, "_" is appended to the last segment. */
    private void splitSegments(String v, int from, int to, boolean underscore, int lead) {
      int segStart = from;
      for (int i = from; i <= to; i++) {
        if (i == to || v.charAt(i) == '.' || v.charAt(i) == '_') {
          boolean last = i == to;
          segment(v, segStart, i, last && underscore, lead);
          segStart = i + 1;
        }
      }
    }

    private void segment(String v, int from, int to, boolean underscore, int lead) {
      if (from == to && !underscore) {
        throw new ParseError("empty version component", input, lead + Math.min(from, v.length() - 1), 1,
            "remove the doubled, leading or trailing separator");
      }
      startSegment();
      char first = from < to ? v.charAt(from) : '_';
      if (!isDigit(first)) {
        addAtom(NUM, 0, null);
      }
      int i = from;
      while (i < to) {
        char c = v.charAt(i);
        int j = i + 1;
        if (isDigit(c)) {
          while (j < to && isDigit(v.charAt(j))) {
            j++;
          }
          addNumber(v, i, j, lead);
        } else if (c == '*') {
          while (j < to && v.charAt(j) == '*') {
            j++;
          }
          addAtom(STR, 0, v.substring(i, j));
        } else {
          while (j < to && !isDigit(v.charAt(j)) && v.charAt(j) != '*') {
            j++;
          }
          if (underscore && j == to) {
            addWord(v.substring(i, j) + "_");
            return;
          }
          addWord(v.substring(i, j));
        }
        i = j;
      }
      if (underscore) {
        addWord("_");
      }
    }

    private void addWord(String w) {
      switch (w) {
        case "post" -> addAtom(POST, 0, null);
        case "dev" -> addAtom(STR, 0, DEV);
        default -> addAtom(STR, 0, w);
      }
    }

    private void addNumber(String v, int from, int to, int lead) {
      int i = from;
      while (i < to - 1 && v.charAt(i) == '0') {
        i++;
      }
      if (to - i <= MAX_LONG_DIGITS) {
        addAtom(NUM, Long.parseLong(v, i, to, 10), null);
      } else {
        addAtom(NUM, -1, v.substring(i, to));
      }
    }

    private void startSegment() {
      bounds = ensure(bounds, segs + 2);
      bounds[segs++] = atoms;
    }

    private void addAtom(byte kind, long num, String str) {
      if (atoms == kinds.length) {
        int n = atoms * 2;
        kinds = java.util.Arrays.copyOf(kinds, n);
        nums = java.util.Arrays.copyOf(nums, n);
        strs = java.util.Arrays.copyOf(strs, n);
      }
      kinds[atoms] = kind;
      nums[atoms] = num;
      strs[atoms] = str;
      atoms++;
    }

    private static int[] ensure(int[] a, int n) {
      return a.length >= n ? a : java.util.Arrays.copyOf(a, Math.max(n, a.length * 2));
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    private static boolean allDigits(String s, int from, int to) {
      for (int i = from; i < to; i++) {
        if (!isDigit(s.charAt(i))) {
          return false;
        }
      }
      return true;
    }

    private static int firstInvalid(String v) {
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        boolean ok = (c >= 'a' && c <= 'z') || isDigit(c) || c == '.' || c == '_' || c == '+' || c == '!' || c == '*';
        if (!ok) {
          return i;
        }
      }
      return -1;
    }
  }
}
