package dev.envx.format.envyml;

import dev.envx.diag.Span;
import dev.envx.format.Selector;
import java.util.Objects;

/** One line of a {@code pip:} subsection, as written (trimmed): a requirement, an option or a path/URL. */
public record PipLine(String text, Selector selector, Span span) {
  public PipLine {
    Objects.requireNonNull(text, "text");
    text = text.strip();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("empty pip line");
    }
  }

  public static PipLine of(String text) {
    return new PipLine(text, null, null);
  }
}
