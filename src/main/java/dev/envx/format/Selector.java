package dev.envx.format;

import java.util.Objects;

/**
 * A platform selector on one dependency: either a conda-build style comment ({@code - numpy  # [linux64]}) or
 * a CEP 24 entry ({@code - sel(linux): numpy}). The expression is kept as written (e.g. {@code linux and not
 * aarch64}).
 */
public record Selector(String expression, Style style) {
  public enum Style {
    /** {@code # [expr]} after the entry. */
    COMMENT,
    /** {@code sel(expr): entry}. */
    SEL;

    public String key() {
      return this == COMMENT ? "selector" : "sel";
    }
  }

  public Selector {
    Objects.requireNonNull(expression, "expression");
    Objects.requireNonNull(style, "style");
    expression = expression.strip();
    if (expression.isEmpty()) {
      throw new IllegalArgumentException("empty selector");
    }
  }

  @Override
  public String toString() {
    return style == Style.COMMENT ? "# [" + expression + "]" : "sel(" + expression + ")";
  }
}
