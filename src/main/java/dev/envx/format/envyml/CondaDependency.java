package dev.envx.format.envyml;

import dev.envx.diag.Span;
import dev.envx.format.Selector;
import dev.envx.format.Trivia;
import java.util.Objects;

/**
 * A conda MatchSpec entry, kept as the user wrote it (trimmed), with its optional selector, its position and the
 * comment and blank lines written around it ({@link Trivia}; a {@code # [expr]} selector is not part of it).
 */
public record CondaDependency(String spec, Selector selector, Span span, Trivia trivia) implements Dependency {
  public CondaDependency {
    Objects.requireNonNull(spec, "spec");
    trivia = trivia == null ? Trivia.EMPTY : trivia;
    spec = spec.strip();
    if (spec.isEmpty()) {
      throw new IllegalArgumentException("empty conda spec");
    }
  }

  /** An entry with a comment after it ({@code ""} for none). */
  public CondaDependency(String spec, Selector selector, Span span, String comment) {
    this(spec, selector, span, Trivia.trailing(Objects.requireNonNull(comment, "comment")));
  }

  public CondaDependency(String spec, Selector selector, Span span) {
    this(spec, selector, span, Trivia.EMPTY);
  }

  public static CondaDependency of(String spec) {
    return new CondaDependency(spec, null, null);
  }

  /** The comment written after the entry, without {@code #} ({@code ""} for none). */
  public String comment() {
    return trivia.comment();
  }
}
