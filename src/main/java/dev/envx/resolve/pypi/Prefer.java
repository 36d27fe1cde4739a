package dev.envx.resolve.pypi;

import java.util.Locale;

/** Which ecosystem meets a PyPI requirement first when both can: a conda record providing the name, or PyPI. */
public enum Prefer {
  CONDA,
  PYPI;

  /** {@code conda} or {@code pypi}. */
  public static Prefer parse(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "conda" -> CONDA;
      case "pypi" -> PYPI;
      default -> throw new IllegalArgumentException("expected `conda` or `pypi`, got `" + text + "`");
    };
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
