package dev.envx.format;

import dev.envx.diag.Span;
import java.util.Objects;

/**
 * A value read from an input file together with where it was written (null span for generated values) and the
 * comments written around it ({@link Trivia#EMPTY} for none).
 */
public record Located<T>(T value, Span span, Trivia trivia) {
  public Located {
    Objects.requireNonNull(value, "value");
    trivia = trivia == null ? Trivia.EMPTY : trivia;
  }

  public Located(T value, Span span) {
    this(value, span, Trivia.EMPTY);
  }

  public static <T> Located<T> of(T value) {
    return new Located<>(value, null);
  }

  public Located<T> withTrivia(Trivia t) {
    return new Located<>(value, span, t);
  }
}
