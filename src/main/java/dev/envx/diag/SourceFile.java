package dev.envx.diag;

import java.util.Objects;

/**
 * The text of one input (a file, a command-line argument, a line of stdin) with the name it is shown under.
 * Knows how to turn an offset into a 1-based line and column.
 */
public record SourceFile(String name, String text) {
  public SourceFile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
  }

  /** A source for a string that did not come from a file, e.g. {@code <argument>}. */
  public static SourceFile of(String name, String text) {
    return new SourceFile(name, text);
  }

  /** 1-based line of a 0-based offset (clamped to the text). */
  public int lineOf(int offset) {
    int off = Math.max(0, Math.min(offset, text.length()));
    int line = 1;
    for (int i = 0; i < off; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** 1-based column (in characters) of a 0-based offset. */
  public int columnOf(int offset) {
    int off = Math.max(0, Math.min(offset, text.length()));
    int start = text.lastIndexOf('\n', off - 1) + 1;
    return off - start + 1;
  }

  /** Offset of the start of a 1-based line, or the text length when past the end. */
  public int offsetOf(int line, int column) {
    int off = 0;
    for (int l = 1; l < line; l++) {
      int nl = text.indexOf('\n', off);
      if (nl < 0) {
        return text.length();
      }
      off = nl + 1;
    }
    return Math.min(text.length(), off + Math.max(0, column - 1));
  }

  /** The text of a 1-based line, without its line terminator. */
  public String lineText(int line) {
    int start = offsetOf(line, 1);
    int end = text.indexOf('\n', start);
    String s = end < 0 ? text.substring(start) : text.substring(start, end);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }
}
