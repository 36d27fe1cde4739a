package dev.envx.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The versions for which a version-dependent rename holds, e.g. {@code >=4,<5} for PyPI {@code pyqt4} to
 * conda {@code pyqt}. Only release segments are compared (numerically, {@code 5.15.2rc1} as {@code 5.15.2}),
 * which is all a name rename needs.
 */
public record VersionWindow(String text, List<Bound> bounds) {
  private static final Pattern BOUND = Pattern.compile("\\s*(>=|<=|==|>|<)\\s*([0-9]+(?:\\.[0-9]+)*)[^,]*");
  private static final Pattern RELEASE = Pattern.compile("^\\s*v?([0-9]+(?:\\.[0-9]+)*)");

  /** One comparison, e.g. {@code >=} {@code 4}. */
  public record Bound(String op, List<Integer> release) {
    public Bound {
      Objects.requireNonNull(op, "op");
      release = List.copyOf(release);
    }

    boolean admits(List<Integer> v) {
      int c = compare(v, release);
      return switch (op) {
        case ">=" -> c >= 0;
        case "<=" -> c <= 0;
        case ">" -> c > 0;
        case "<" -> c < 0;
        case "==" -> c == 0;
        default -> throw new IllegalStateException(op);
      };
    }
  }

  public static final VersionWindow ANY = new VersionWindow("", List.of());

  public VersionWindow {
    Objects.requireNonNull(text, "text");
    bounds = List.copyOf(bounds);
  }

  /** Parses {@code >=4,<5}; throws {@link IllegalArgumentException} on anything else. */
  public static VersionWindow parse(String text) {
    if (text.isBlank()) {
      return ANY;
    }
    List<Bound> bounds = new ArrayList<>();
    for (String part : text.split(",")) {
      Matcher m = BOUND.matcher(part);
      if (!m.matches()) {
        throw new IllegalArgumentException("invalid version window `" + text + "`: expected e.g. `>=4,<5`");
      }
      bounds.add(new Bound(m.group(1), release(m.group(2))));
    }
    return new VersionWindow(text.strip(), bounds);
  }

  public boolean isAny() {
    return bounds.isEmpty();
  }

  /** Whether {@code version} lies in the window; a version without a leading number is never admitted. */
  public boolean admits(String version) {
    if (isAny()) {
      return true;
    }
    Matcher m = RELEASE.matcher(version);
    if (!m.find()) {
      return false;
    }
    List<Integer> v = release(m.group(1));
    return bounds.stream().allMatch(b -> b.admits(v));
  }

  private static List<Integer> release(String s) {
    List<Integer> out = new ArrayList<>();
    for (String p : s.split("\\.")) {
      out.add(Integer.parseInt(p));
    }
    return out;
  }

  private static int compare(List<Integer> a, List<Integer> b) {
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      int x = i < a.size() ? a.get(i) : 0;
      int y = i < b.size() ? b.get(i) : 0;
      if (x != y) {
        return Integer.compare(x, y);
      }
    }
    return 0;
  }

  @Override
  public String toString() {
    return text;
  }
}
