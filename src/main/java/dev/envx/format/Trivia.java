package dev.envx.format;

import java.util.List;

/**
 * What a user wrote around a value that is not part of it, kept verbatim so that a round trip through another
 * format gives the file back: the blank and comment lines written directly before it ({@code before}, each a
 * whole line without its terminator, indentation included) and the rest of its own line ({@code after}: blanks,
 * then a comment, e.g. {@code "  # required to run mypy"}).
 */
public record Trivia(List<String> before, String after) {
  public static final Trivia EMPTY = new Trivia(List.of(), "");

  public Trivia {
    before = List.copyOf(before);
    for (String line : before) {
      if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("a trivia line is one line");
      }
    }
    if (after.indexOf('\n') >= 0 || after.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("the rest of a line is one line");
    }
    if (!after.isBlank() && after.strip().charAt(0) != '#') {
      throw new IllegalArgumentException("the rest of a line must be blanks then a comment: " + after);
    }
  }

  /** Trivia with only a comment after the value ({@code "  # text"}), or {@link #EMPTY} for an empty text. */
  public static Trivia trailing(String commentText) {
    return commentText.isEmpty() ? EMPTY : new Trivia(List.of(), "  # " + commentText);
  }

  public boolean isEmpty() {
    return before.isEmpty() && after.isEmpty();
  }

  /** The comment after the value without {@code #} and surrounding blanks ({@code ""} for none). */
  public String comment() {
    String a = after.strip();
    return a.isEmpty() ? "" : a.substring(1).strip();
  }

  /** Whether every {@code before} line is blank or a comment (what a TOML array or table can hold). */
  public boolean onlyCommentLines() {
    return before.stream().allMatch(l -> l.isBlank() || l.strip().startsWith("#"));
  }

  public Trivia withAfter(String newAfter) {
    return new Trivia(before, newAfter);
  }

  public Trivia withBefore(List<String> newBefore) {
    return new Trivia(newBefore, after);
  }
}
