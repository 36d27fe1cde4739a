package dev.envx.diag;

import java.util.List;
import java.util.Objects;

/**
 * One message for the user: an error, a warning or a note, optionally pointing at a place in an input,
 * with {@code hint:} lines telling what the user can do. Messages start lowercase and quote literals in
 * backticks.
 */
public record Diagnostic(Severity severity, String message, Span span, List<String> hints) {
  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    hints = List.copyOf(hints);
  }

  public static Diagnostic error(String message, Span span, String... hints) {
    return new Diagnostic(Severity.ERROR, message, span, List.of(hints));
  }

  public static Diagnostic warning(String message, Span span, String... hints) {
    return new Diagnostic(Severity.WARNING, message, span, List.of(hints));
  }

  public static Diagnostic note(String message, Span span, String... hints) {
    return new Diagnostic(Severity.NOTE, message, span, List.of(hints));
  }

  public Diagnostic withHint(String hint) {
    var h = new java.util.ArrayList<>(hints);
    h.add(hint);
    return new Diagnostic(severity, message, span, h);
  }

  /** The one-line form {@code file:line:col: error: message}, used in logs and tests. */
  public String oneLine() {
    return (span == null ? "" : span.location() + ": ") + severity.label() + ": " + message;
  }

  @Override
  public String toString() {
    return oneLine();
  }
}
