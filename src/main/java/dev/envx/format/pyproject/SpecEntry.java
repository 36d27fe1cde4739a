package dev.envx.format.pyproject;

import dev.envx.diag.Span;
import dev.envx.format.Selector;
import dev.envx.format.Trivia;
import java.util.Objects;

/**
 * One string entry of an envx array ({@code conda-dependencies}, {@code pip.requirements}) with an optional
 * selector: written as a plain string, or as {@code { spec = "...", selector = "linux64" }} (comment style) /
 * {@code { spec = "...", sel = "linux" }} (CEP 24 style), with the comments written around it.
 */
public record SpecEntry(String text, Selector selector, Span span, Trivia trivia) {
  public SpecEntry(String text, Selector selector, Span span) {
    this(text, selector, span, Trivia.EMPTY);
  }

  public SpecEntry {
    Objects.requireNonNull(text, "text");
    trivia = trivia == null ? Trivia.EMPTY : trivia;
    text = text.strip();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("empty entry");
    }
  }

  public static SpecEntry of(String text, Selector selector) {
    return new SpecEntry(text, selector, null);
  }
}
