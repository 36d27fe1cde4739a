package dev.envx.model.pep440;

import dev.envx.diag.ParseError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PEP 440 version with the exact semantics of pypa/packaging's {@code Version}: the same accepted
 * spellings, the same normalized {@link #toString()}, and the same ordering. Equality follows the
 * ordering ({@code 1.0 == 1.0.0}); {@link #original()} keeps the user's spelling and takes no part in
 * equality.
 *
 * <p>Numbers must fit a {@code long} (Python's are unbounded); a longer number is a {@link ParseError}
 * ("version number too large").
 */
public final class Pep440Version implements Comparable<Pep440Version> {
  /** Pre-release kinds in their normalized spelling, in sort order. */
  public enum PreKind {
    A("a"),
    B("b"),
    RC("rc");

    private final String label;

    PreKind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    static PreKind fromSpelling(String s) {
      return switch (s.toLowerCase(Locale.ROOT)) {
        case "a", "alpha" -> A;
        case "b", "beta" -> B;
        case "rc", "c", "pre", "preview" -> RC;
        default -> throw new IllegalArgumentException("unknown pre-release label `" + s + "`");
      };
    }
  }

  /** A pre-release segment such as {@code rc1}. */
  public record Pre(PreKind kind, long number) {
    public Pre {
      Objects.requireNonNull(kind, "kind");
      if (number < 0) {
        throw new IllegalArgumentException("negative pre-release number");
      }
    }

    @Override
    public String toString() {
      return kind.label() + number;
    }
  }

  // Same grammar as packaging's VERSION_PATTERN (possessive form, as on Python >= 3.11.5).
  static final String VERSION_BODY =
      "v?+"
          + "(?:([0-9]++)!)?+"
          + "([0-9]++(?:\\.[0-9]++)*+)"
          + "(?:[._-]?+(alpha|a|beta|b|preview|pre|c|rc)[._-]?+([0-9]++)?)?+"
          + "(?:-([0-9]++)|[._-]?(post|rev|r)[._-]?([0-9]++)?)?+"
          + "(?:[._-]?+(dev)[._-]?+([0-9]++)?)?+"
          + "(?:\\+([a-z0-9]++(?:[._-][a-z0-9]++)*+))?+";

  private static final Pattern PREFIX =
      Pattern.compile(PyText.WS + "*" + VERSION_BODY, Pattern.CASE_INSENSITIVE);
  private static final Pattern FULL =
      Pattern.compile(PyText.WS + "*" + VERSION_BODY + PyText.WS + "*", Pattern.CASE_INSENSITIVE);
  private static final Pattern LOCAL_SEPARATORS = Pattern.compile("[._-]");

  private final String original;
  private final long epoch;
  private final long[] release;
  private final Pre pre;
  private final Long post;
  private final Long dev;
  /** Local segments: {@link Long} for numeric parts, lowercase {@link String} otherwise. */
  private final List<Object> local;
  /** Length of the release without trailing zeros (0 for all-zero releases). */
  private final int trimmedLength;
  private final int hash;

  private Pep440Version(
      String original, long epoch, long[] release, Pre pre, Long post, Long dev, List<Object> local) {
    if (release.length == 0) {
      throw new IllegalArgumentException("a version needs at least one release number");
    }
    if (epoch < 0 || hasNegative(release)) {
      throw new IllegalArgumentException("negative version number");
    }
    if ((post != null && post < 0) || (dev != null && dev < 0)) {
      throw new IllegalArgumentException("negative version number");
    }
    this.epoch = epoch;
    this.release = release;
    this.pre = pre;
    this.post = post;
    this.dev = dev;
    this.local = local == null || local.isEmpty() ? null : List.copyOf(local);
    int t = release.length;
    while (t > 0 && release[t - 1] == 0) {
      t--;
    }
    this.trimmedLength = t;
    this.original = original == null ? render(true) : original;
    this.hash = computeHash();
  }

  /** Builds a version from its parts; {@code local} is a string like {@code ubuntu.1} or null. */
  public static Pep440Version of(
      long epoch, List<Long> release, Pre pre, Long post, Long dev, String local) {
    long[] rel = release.stream().mapToLong(Long::longValue).toArray();
    return new Pep440Version(null, epoch, rel, pre, post, dev, local == null ? null : parseLocal(local));
  }

  /** Whether a release number is negative (a loop, not a stream: every version parsed checks it). */
  private static boolean hasNegative(long[] release) {
    for (long n : release) {
      if (n < 0) {
        return true;
      }
    }
    return false;
  }

  /** Parses a version; throws {@link ParseError} (with the offset where parsing stopped) when invalid. */
  public static Pep440Version parse(String text) {
    Objects.requireNonNull(text, "text");
    Pep440Version v = parseOrNull(text);
    if (v != null) {
      return v;
    }
    if (FULL.matcher(text).matches()) {
      throw new ParseError(
          "version number too large in `" + PyText.strip(text) + "`", text, 0, text.length());
    }
    Matcher p = PREFIX.matcher(text);
    throw invalid(text, p.lookingAt() ? p.end() : PyText.skipSpace(text, 0));
  }

  /** The parsed version, or empty when {@code text} is not a valid PEP 440 version. */
  public static Optional<Pep440Version> tryParse(String text) {
    return text == null ? Optional.empty() : Optional.ofNullable(parseOrNull(text));
  }

  /** The parsed version or null, without building an exception (hot path of specifier matching). */
  static Pep440Version parseOrNull(String text) {
    Pep440Version simple = parseSimple(text);
    if (simple != null) {
      return simple;
    }
    Matcher m = FULL.matcher(text);
    if (!m.matches()) {
      return null;
    }
    try {
      long epoch = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
      String[] parts = m.group(2).split("\\.");
      long[] release = new long[parts.length];
      for (int i = 0; i < parts.length; i++) {
        release[i] = Long.parseLong(parts[i]);
      }
      Pre pre = m.group(3) == null ? null : new Pre(PreKind.fromSpelling(m.group(3)), num(m.group(4)));
      Long post = null;
      if (m.group(5) != null) {
        post = Long.parseLong(m.group(5));
      } else if (m.group(6) != null) {
        post = num(m.group(7));
      }
      Long dev = m.group(8) == null ? null : num(m.group(9));
      List<Object> local = m.group(10) == null ? null : parseLocal(m.group(10));
      return new Pep440Version(text, epoch, release, pre, post, dev, local);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Fast path for plain releases such as {@code 1.2.3} (packaging has the same shortcut). */
  private static Pep440Version parseSimple(String text) {
    int n = text.length();
    if (n == 0 || n > 60) {
      return null;
    }
    int parts = 1;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '.') {
        if (i == 0 || i == n - 1 || text.charAt(i - 1) == '.') {
          return null;
        }
        parts++;
      } else if (c < '0' || c > '9') {
        return null;
      }
    }
    long[] release = new long[parts];
    int k = 0;
    int digits = 0;
    long value = 0;
    for (int i = 0; i <= n; i++) {
      if (i == n || text.charAt(i) == '.') {
        release[k++] = value;
        value = 0;
        digits = 0;
      } else {
        if (++digits > 18) {
          return null;
        }
        value = value * 10 + (text.charAt(i) - '0');
      }
    }
    return new Pep440Version(text, 0, release, null, null, null, null);
  }

  public static boolean isValid(String text) {
    return tryParse(text).isPresent();
  }

  private static ParseError invalid(String text, int offset) {
    return new ParseError(
        "invalid version `" + text + "`",
        text,
        offset,
        Math.max(1, text.length() - offset),
        "a version looks like `1.2.3`, `1!2.0`, `1.0rc1`, `1.0.post2`, `1.0.dev3` or `1.0+local.1`");
  }

  private static long num(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }

  private static List<Object> parseLocal(String local) {
    List<Object> out = new ArrayList<>();
    for (String part : LOCAL_SEPARATORS.split(local, -1)) {
      if (part.isEmpty()) {
        throw new IllegalArgumentException("empty local version segment in `" + local + "`");
      }
      if (part.chars().allMatch(c -> c >= '0' && c <= '9')) {
        out.add(Long.parseLong(part));
      } else {
        if (!part.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
          throw new IllegalArgumentException("invalid local version segment `" + part + "`");
        }
        out.add(part.toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  // ---- accessors ----

  /** The spelling this version was parsed from (the normalized form for built versions). */
  public String original() {
    return original;
  }

  public long epoch() {
    return epoch;
  }

  public List<Long> release() {
    List<Long> out = new ArrayList<>(release.length);
    for (long n : release) {
      out.add(n);
    }
    return Collections.unmodifiableList(out);
  }

  /** Release component {@code i} (0-based), 0 when the release is shorter. */
  public long releaseAt(int i) {
    return i < release.length ? release[i] : 0;
  }

  public int releaseLength() {
    return release.length;
  }

  public Optional<Pre> pre() {
    return Optional.ofNullable(pre);
  }

  public Optional<Long> post() {
    return Optional.ofNullable(post);
  }

  public Optional<Long> dev() {
    return Optional.ofNullable(dev);
  }

  /** The normalized local label ({@code ubuntu.1}), if any. */
  public Optional<String> local() {
    if (local == null) {
      return Optional.empty();
    }
    StringBuilder sb = new StringBuilder();
    for (Object o : local) {
      if (sb.length() > 0) {
        sb.append('.');
      }
      sb.append(o);
    }
    return Optional.of(sb.toString());
  }

  public long major() {
    return releaseAt(0);
  }

  public long minor() {
    return releaseAt(1);
  }

  public long micro() {
    return releaseAt(2);
  }

  public boolean isPrerelease() {
    return pre != null || dev != null;
  }

  public boolean isDevrelease() {
    return dev != null;
  }

  public boolean isPostrelease() {
    return post != null;
  }

  public boolean hasLocal() {
    return local != null;
  }

  /** This version without its local label. */
  public Pep440Version publicVersion() {
    return local == null ? this : new Pep440Version(null, epoch, release, pre, post, dev, null);
  }

  /** Epoch and release only ({@code 1!1.2.3} of {@code 1!1.2.3rc1.post2+x}). */
  public Pep440Version baseVersion() {
    return new Pep440Version(null, epoch, release, null, null, null, null);
  }

  /** A copy with other pre/post/dev/local parts (used by the specifier rules). */
  Pep440Version withSuffixes(Pre pre, Long post, Long dev, List<Object> local) {
    return new Pep440Version(null, epoch, release, pre, post, dev, local);
  }

  List<Object> localSegments() {
    return local;
  }

  /** Release with trailing zeros removed (packaging's {@code _TrimmedRelease}); keeps at least one number. */
  long[] trimmedRelease(int keepAtLeast) {
    int i = release.length;
    while (i > keepAtLeast && release[i - 1] == 0) {
      i--;
    }
    return Arrays.copyOf(release, i);
  }

  /** packaging's {@code canonicalize_version}: the normalized form, optionally without trailing zeros. */
  public String canonical(boolean stripTrailingZeros) {
    if (!stripTrailingZeros) {
      return toString();
    }
    return new Pep440Version(null, epoch, trimmedRelease(1), pre, post, dev, local).toString();
  }

  /** The normalized form, as packaging's {@code str(Version)}. */
  @Override
  public String toString() {
    return render(true);
  }

  /** The public part of the normalized form (no {@code +local}). */
  public String publicString() {
    return render(false);
  }

  private String render(boolean withLocal) {
    StringBuilder sb = new StringBuilder();
    if (epoch != 0) {
      sb.append(epoch).append('!');
    }
    for (int i = 0; i < release.length; i++) {
      if (i > 0) {
        sb.append('.');
      }
      sb.append(release[i]);
    }
    if (pre != null) {
      sb.append(pre);
    }
    if (post != null) {
      sb.append(".post").append(post);
    }
    if (dev != null) {
      sb.append(".dev").append(dev);
    }
    if (withLocal && local != null) {
      sb.append('+').append(local().orElseThrow());
    }
    return sb.toString();
  }

  // ---- ordering ----

  private int preRank() {
    if (pre == null && post == null && dev != null) {
      return -1;
    }
    return pre == null ? 3 : pre.kind().ordinal();
  }

  @Override
  public int compareTo(Pep440Version o) {
    int c = Long.compare(epoch, o.epoch);
    if (c != 0) {
      return c;
    }
    int n = Math.min(trimmedLength, o.trimmedLength);
    for (int i = 0; i < n; i++) {
      if (release[i] != o.release[i]) {
        return Long.compare(release[i], o.release[i]);
      }
    }
    c = Integer.compare(trimmedLength, o.trimmedLength);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(preRank(), o.preRank());
    if (c != 0) {
      return c;
    }
    c = Long.compare(pre == null ? 0 : pre.number(), o.pre == null ? 0 : o.pre.number());
    if (c != 0) {
      return c;
    }
    c = Integer.compare(post == null ? 0 : 1, o.post == null ? 0 : 1);
    if (c != 0) {
      return c;
    }
    c = Long.compare(post == null ? 0 : post, o.post == null ? 0 : o.post);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(dev == null ? 1 : 0, o.dev == null ? 1 : 0);
    if (c != 0) {
      return c;
    }
    c = Long.compare(dev == null ? 0 : dev, o.dev == null ? 0 : o.dev);
    if (c != 0) {
      return c;
    }
    return compareLocal(local, o.local);
  }

  private static int compareLocal(List<Object> a, List<Object> b) {
    if (a == null || b == null) {
      return Boolean.compare(a != null, b != null);
    }
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      Object x = a.get(i);
      Object y = b.get(i);
      int c;
      if (x instanceof Long lx && y instanceof Long ly) {
        c = Long.compare(lx, ly);
      } else if (x instanceof String sx && y instanceof String sy) {
        c = sx.compareTo(sy);
      } else {
        c = x instanceof String ? -1 : 1; // strings sort before numbers
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Pep440Version v && compareTo(v) == 0;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  private int computeHash() {
    return Objects.hash(
        epoch,
        Arrays.hashCode(Arrays.copyOf(release, trimmedLength)),
        preRank(),
        pre == null ? 0 : pre.number(),
        post,
        dev,
        local);
  }
}
