package dev.envx.model.pep508;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A PyPI project name: the user's spelling next to its PEP 503 normalized form (lowercase, runs of
 * {@code -_.} folded to one {@code -}). Equality and hashing use the normalized form only.
 */
public record PyPiName(String original, String normalized) implements Comparable<PyPiName> {
  /** PEP 508's name pattern; {@link #isValid} is this, written out (PyPiNameProperties checks they agree). */
  static final Pattern VALID =
      Pattern.compile("^([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])$");
  /** PEP 503's separators; {@link #normalize} folds them by hand (PyPiNameProperties checks they agree). */
  static final Pattern SEPARATORS = Pattern.compile("[-_.]+");

  public PyPiName {
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(normalized, "normalized");
    if (!isValid(original)) {
      throw new IllegalArgumentException("invalid PyPI project name `" + original + "`");
    }
    if (!normalized.equals(normalize(original))) {
      throw new IllegalArgumentException("`" + normalized + "` is not the normalized form of `" + original + "`");
    }
  }

  /** Parses and normalizes a name; throws {@link IllegalArgumentException} when it is not a valid name. */
  public static PyPiName of(String name) {
    return new PyPiName(name, normalize(name));
  }

  // isValid and normalize run for every name of every table and file; written out, they spare a cold start the
  // interpreted regular expressions (several ms over a mapping table)
  public static boolean isValid(String name) {
    int n = name.length();
    if (n == 0 || !alnum(name.charAt(0)) || !alnum(name.charAt(n - 1))) {
      return false;
    }
    for (int i = 1; i < n - 1; i++) {
      char c = name.charAt(i);
      if (!alnum(c) && c != '.' && c != '_' && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean alnum(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
  }

  private static boolean separator(char c) {
    return c == '-' || c == '_' || c == '.';
  }

  /** PEP 503 normalization: {@code re.sub(r"[-_.]+", "-", name).lower()}. */
  public static String normalize(String name) {
    int n = name.length();
    boolean folds = false;
    for (int i = 0; i < n && !folds; i++) {
      char c = name.charAt(i);
      folds = c == '_' || c == '.' || c == '-' && i + 1 < n && separator(name.charAt(i + 1));
    }
    if (!folds) {
      return name.toLowerCase(Locale.ROOT);
    }
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      char c = name.charAt(i);
      if (separator(c)) {
        b.append('-');
        while (i + 1 < n && separator(name.charAt(i + 1))) {
          i++;
        }
      } else {
        b.append(c);
      }
    }
    return b.toString().toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PyPiName p && p.normalized.equals(normalized);
  }

  @Override
  public int hashCode() {
    return normalized.hashCode();
  }

  @Override
  public int compareTo(PyPiName o) {
    return normalized.compareTo(o.normalized);
  }

  /** The normalized form. */
  @Override
  public String toString() {
    return normalized;
  }
}
