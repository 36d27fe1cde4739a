package dev.envx.model.pep508;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A PyPI project name: the user's spelling next to its PEP 503 normalized form (lowercase, runs of
 * {@code -_.} folded to one {@code -}). Equality and hashing use the normalized form only.
 */
public record PyPiName(String original, String normalized) implements Comparable<PyPiName> {
  private static final Pattern VALID =
      Pattern.compile("^([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])$");
  private static final Pattern SEPARATORS = Pattern.compile("[-_.]+");

  public PyPiName {
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(normalized, "normalized");
    if (!VALID.matcher(original).matches()) {
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

  public static boolean isValid(String name) {
    return VALID.matcher(name).matches();
  }

  /** PEP 503 normalization: {@code re.sub(r"[-_.]+", "-", name).lower()}. */
  public static String normalize(String name) {
    return SEPARATORS.matcher(name).replaceAll("-").toLowerCase(Locale.ROOT);
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
