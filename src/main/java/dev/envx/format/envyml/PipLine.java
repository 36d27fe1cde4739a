package dev.envx.format.envyml;

import dev.envx.diag.Span;
import dev.envx.format.Selector;
import dev.envx.format.Trivia;
import java.util.Objects;

/**
 * One line of a {@code pip:} subsection, as written (trimmed): a requirement, an option or a path/URL, with the
 * comment and blank lines around it.
 */
public record PipLine(String text, Selector selector, Span span, Trivia trivia) {
  public PipLine {
    Objects.requireNonNull(text, "text");
    trivia = trivia == null ? Trivia.EMPTY : trivia;
    text = text.strip();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("empty pip line");
    }
  }

  public PipLine(String text, Selector selector, Span span) {
    this(text, selector, span, Trivia.EMPTY);
  }

  public static PipLine of(String text) {
    return new PipLine(text, null, null);
  }
}
