package dev.envx.format;

import dev.envx.diag.Span;
import java.util.Objects;

/** A value read from an input file together with where it was written (null span for generated values). */
public record Located<T>(T value, Span span) {
  public Located {
    Objects.requireNonNull(value, "value");
  }

  public static <T> Located<T> of(T value) {
    return new Located<>(value, null);
  }
}
