package dev.envx.model.conda;

import dev.envx.diag.ParseError;
import java.util.Locale;
import java.util.Objects;

/**
 * A conda package name: the user's spelling next to the form conda compares ({@code MatchSpec} lowercases names).
 * Valid as conda 25.x reads names: ASCII letters, digits, {@code _}, {@code -} and {@code .}, not starting with
 * {@code -} or {@code .}, and no doubled separator ({@code pkg..name}, {@code pkg--name}). Equality and hashing
 * use the normalized form only.
 */
public record CondaName(String original, String normalized) implements Comparable<CondaName> {
  public CondaName {
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(normalized, "normalized");
    ParseError e = problem(original, original, 0, false);
    if (e != null) {
      throw e;
    }
    if (!normalized.equals(normalize(original))) {
      throw new IllegalArgumentException("`" + normalized + "` is not the normalized form of `" + original + "`");
    }
  }

  /** Parses a name; throws {@link ParseError} (with the column) when conda rejects it. */
  public static CondaName parse(String name) {
    return new CondaName(name, normalize(name));
  }

  public static boolean isValid(String name) {
    return problem(name, name, 0, false) == null;
  }

  /** conda's comparison form: lowercase. */
  public static String normalize(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /**
   * What is wrong with {@code name} (found at {@code offset} of {@code input}), or null when conda accepts it;
   * {@code glob} also allows {@code *} (a MatchSpec name may be a glob such as {@code numpy*}).
   */
  static ParseError problem(String name, String input, int offset, boolean glob) {
    if (name.isEmpty()) {
      return new ParseError("no package name found", input, offset, 1,
          "a spec starts with a package name, e.g. `numpy`");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = c < 128 && Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || glob && c == '*';
      if (!ok) {
        return new ParseError("invalid characters in package name `" + name + "`", input, offset + i, 1,
            "package names contain letters, digits, `_`, `-` and `.`");
      }
    }
    char first = name.charAt(0);
    if (first == '-' || first == '.') {
      return new ParseError("invalid package name `" + name + "`", input, offset, 1,
          "a package name cannot start with `" + first + "`");
    }
    for (String twice : new String[] {"..", "--"}) {
      int at = name.indexOf(twice);
      if (at >= 0) {
        return new ParseError("invalid package name `" + name + "`: `" + twice + "`", input, offset + at, 2,
            "conda rejects a doubled `" + twice.charAt(0) + "` in a name; did you mean `"
                + name.replace(twice, twice.substring(1)) + "`?");
      }
    }
    return null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CondaName n && n.normalized.equals(normalized);
  }

  @Override
  public int hashCode() {
    return normalized.hashCode();
  }

  @Override
  public int compareTo(CondaName o) {
    return normalized.compareTo(o.normalized);
  }

  /** The normalized form. */
  @Override
  public String toString() {
    return normalized;
  }
}
