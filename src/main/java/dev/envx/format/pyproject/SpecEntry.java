package dev.envx.format.pyproject;

import dev.envx.diag.Span;
import dev.envx.format.Selector;
import java.util.Objects;

/**
 * One string entry of an envx array ({@code conda-dependencies}, {@code pip.requirements}) with an optional
 * selector: written as a plain string, or as {@code { spec = "...", selector = "linux64" }} (comment style) /
 * {@code { spec = "...", sel = "linux" }} (CEP 24 style).
 */
public record SpecEntry(String text, Selector selector, Span span) {
  public SpecEntry {
    Objects.requireNonNull(text, "text");
    text = text.strip();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("empty entry");
    }
  }

  public static SpecEntry of(String text, Selector selector) {
    return new SpecEntry(text, selector, null);
  }
}
