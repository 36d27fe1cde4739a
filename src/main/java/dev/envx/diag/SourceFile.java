package dev.envx.diag;

import java.util.Arrays;
import java.util.Objects;

/**
 * The text of one input (a file, a command-line argument, a line of stdin) with the name it is shown under.
 * Knows how to turn an offset into a 1-based line and column.
 *
 * <p>Line look-ups go through a table of line starts, built once (on first use) in one pass over the text, so
 * that a reader placing each of n entries costs O(log n) per entry instead of a rescan from the start (which
 * made reading a 100k-line environment.yml quadratic).
 */
public final class SourceFile {
  private final String name;
  private final String text;
  private volatile int[] lineStarts; // offsets of the first character of each line; built on first use

  public SourceFile(String name, String text) {
    this.name = Objects.requireNonNull(name, "name");
    this.text = Objects.requireNonNull(text, "text");
  }

  /** A source for a string that did not come from a file, e.g. {@code <argument>}. */
  public static SourceFile of(String name, String text) {
    return new SourceFile(name, text);
  }

  public String name() {
    return name;
  }

  public String text() {
    return text;
  }

  private int[] lineStarts() {
    int[] starts = lineStarts;
    if (starts == null) {
      int n = 1;
      for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        n++;
      }
      starts = new int[n];
      int k = 1;
      for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        starts[k++] = i + 1;
      }
      lineStarts = starts;
    }
    return starts;
  }

  /** Number of lines (a final line without a terminator counts; an empty text has one line). */
  public int lineCount() {
    return lineStarts().length;
  }

  /** 1-based line of a 0-based offset (clamped to the text). */
  public int lineOf(int offset) {
    int off = Math.max(0, Math.min(offset, text.length()));
    int i = Arrays.binarySearch(lineStarts(), off);
    return i >= 0 ? i + 1 : -i - 1;
  }

  /** 1-based column (in characters) of a 0-based offset. */
  public int columnOf(int offset) {
    int off = Math.max(0, Math.min(offset, text.length()));
    return off - lineStarts()[lineOf(off) - 1] + 1;
  }

  /** Offset of a 1-based line and column, or the text length when past the end. */
  public int offsetOf(int line, int column) {
    int[] starts = lineStarts();
    if (line > starts.length) {
      return text.length();
    }
    int off = starts[Math.max(1, line) - 1];
    return Math.min(text.length(), off + Math.max(0, column - 1));
  }

  /** The text of a 1-based line, without its line terminator. */
  public String lineText(int line) {
    int start = offsetOf(line, 1);
    int end = text.indexOf('\n', start);
    String s = end < 0 ? text.substring(start) : text.substring(start, end);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SourceFile f && f.name.equals(name) && f.text.equals(text);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + text.hashCode();
  }

  @Override
  public String toString() {
    return "SourceFile[name=" + name + ", " + text.length() + " chars]";
  }
}
