package dev.envx.diag;

import java.util.Objects;

/**
 * A region of a {@link SourceFile}: 1-based line and column of its start and its length in characters
 * (at least 1 when rendered as a caret).
 */
public record Span(SourceFile file, int line, int column, int length) {
  public Span {
    Objects.requireNonNull(file, "file");
    if (line < 1 || column < 1 || length < 0) {
      throw new IllegalArgumentException("bad span " + line + ":" + column + "+" + length);
    }
  }

  /** A span from 0-based offsets {@code [start, end)} of the file's text. */
  public static Span ofOffsets(SourceFile file, int start, int end) {
    return new Span(file, file.lineOf(start), file.columnOf(start), Math.max(0, end - start));
  }

  /** The whole text of a one-line source (e.g. a command-line argument). */
  public static Span whole(SourceFile file) {
    return ofOffsets(file, 0, file.text().length());
  }

  /** The same place shifted right by {@code chars} columns, with a new length. */
  public Span shifted(int chars, int newLength) {
    return new Span(file, line, column + chars, newLength);
  }

  public String location() {
    return file.name() + ":" + line + ":" + column;
  }
}
