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

  /**
   * A message taken from another tool (picocli, tomlj, packaging) in envx's style: first letter lowercase
   * unless it starts an acronym (`TOML`), and {@code ifBlank} when there is no message at all.
   */
  public static String lowerFirst(String message, String ifBlank) {
    if (message == null || message.isBlank()) {
      return ifBlank;
    }
    if (Character.isUpperCase(message.charAt(0))
        && (message.length() == 1 || !Character.isUpperCase(message.charAt(1)))) {
      return Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }
    return message;
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
