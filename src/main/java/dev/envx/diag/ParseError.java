package dev.envx.diag;

/**
 * A syntax error in a one-line input such as a version, a spec or a requirement. Offsets are 0-based and
 * relative to the string that was parsed; callers that know where that string sits in a file turn it into a
 * {@link Diagnostic} with {@link #toDiagnostic(SourceFile, int)}.
 */
public class ParseError extends IllegalArgumentException {
  private final String input;
  private final int offset;
  private final int length;
  private final String hint;

  /**
   * @param message lowercase, literals in backticks, e.g. "expected a version after `>=`"
   * @param input the whole string that was being parsed
   * @param offset 0-based offset in {@code input} of the offending part
   * @param length length of the offending part (0 is shown as one caret)
   * @param hint what the user can do, or null
   */
  public ParseError(String message, String input, int offset, int length, String hint) {
    super(message);
    this.input = input;
    this.offset = Math.max(0, Math.min(offset, input.length()));
    this.length = Math.max(0, length);
    this.hint = hint;
  }

  public ParseError(String message, String input, int offset, int length) {
    this(message, input, offset, length, null);
  }

  public String input() {
    return input;
  }

  public int offset() {
    return offset;
  }

  public int length() {
    return length;
  }

  public String hint() {
    return hint;
  }

  /** This error as a diagnostic in {@code file}, where the parsed string starts at {@code baseOffset}. */
  public Diagnostic toDiagnostic(SourceFile file, int baseOffset) {
    Span span = Span.ofOffsets(file, baseOffset + offset, baseOffset + offset + Math.max(1, length));
    // messages copied from other tools (packaging) start uppercase; envx diagnostics start lowercase
    String msg = Diagnostic.lowerFirst(getMessage(), getMessage());
    return hint == null ? Diagnostic.error(msg, span) : Diagnostic.error(msg, span, hint);
  }

  /** This error as a diagnostic on its own input, shown under {@code name} (e.g. {@code <argument>}). */
  public Diagnostic toDiagnostic(String name) {
    return toDiagnostic(SourceFile.of(name, input), 0);
  }
}
