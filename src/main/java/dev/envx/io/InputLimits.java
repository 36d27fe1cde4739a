package dev.envx.io;

import dev.envx.diag.EnvxException;
import dev.envx.diag.SourceFile;
import dev.envx.diag.Span;

/**
 * The bounds every reader of user input enforces, so that no input, however hostile, costs more than linear
 * time and bounded memory, or ends in a {@link StackOverflowError}. Each violation is a diagnostic at the place
 * in the file, exit 2.
 *
 * <table>
 *   <caption>the default limits ({@link #DEFAULT})</caption>
 *   <tr><td>document size</td><td>64 Mi characters (a 1M-entry environment.yml is ~25 MB)</td></tr>
 *   <tr><td>line length</td><td>64 Ki characters</td></tr>
 *   <tr><td>nesting depth</td><td>64 levels of mappings/sequences (YAML, block or flow), tables/arrays (TOML,
 *       inline) or objects/arrays (JSON)</td></tr>
 *   <tr><td>aliases (YAML)</td><td>100 aliases of anything (scalars too), together expanding to at most 1 Mi
 *       characters</td></tr>
 *   <tr><td>key length</td><td>1024 characters (YAML mapping keys)</td></tr>
 * </table>
 *
 * <p>PEP 508 markers have their own parenthesis limit ({@code Marker.MAX_DEPTH}); mapping tables given to
 * {@code envx mapping update --from} their own size limit ({@code MappingUpdater.MAX_TABLE_BYTES}).
 */
public record InputLimits(int maxChars, int maxLineChars, int maxDepth, int maxAliases, long maxAliasChars,
    int maxKeyChars) {
  public static final InputLimits DEFAULT = new InputLimits(64 << 20, 64 << 10, 64, 100, 1 << 20, 1024);

  public InputLimits {
    if (maxChars < 1 || maxLineChars < 1 || maxDepth < 1 || maxAliases < 0 || maxAliasChars < 0
        || maxKeyChars < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /** Checks the size of the document and the length of each line, in one pass. */
  public void checkText(SourceFile file) {
    String text = file.text();
    if (text.length() > maxChars) {
      throw EnvxException.input(String.format("`%s` is too large: %,d characters, the limit is %,d",
          file.name(), text.length(), maxChars), null, "envx reads manifests, not data; split the file");
    }
    int start = 0;
    for (int line = 1; start <= text.length(); line++) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl;
      if (end - start > maxLineChars) {
        throw EnvxException.input(String.format("line %d is too long: %,d characters, the limit is %,d", line,
            end - start, maxLineChars), new Span(file, line, maxLineChars + 1, 1), "break the line");
      }
      if (nl < 0) {
        break;
      }
      start = nl + 1;
    }
  }

  /** The error for nesting deeper than {@link #maxDepth} at {@code at}. */
  public EnvxException tooDeep(Span at, String what) {
    return EnvxException.input(what + " nested deeper than " + maxDepth + " levels", at,
        "envx accepts at most " + maxDepth + " levels of nesting; flatten the structure");
  }

  /**
   * Checks TOML's nesting (inline arrays and tables, and array-of-table headers) without parsing it: brackets
   * outside strings and comments, so that a parser that recurses (tomlj) only ever sees bounded nesting.
   */
  public void checkTomlDepth(SourceFile file) {
    String t = file.text();
    int depth = 0;
    int n = t.length();
    for (int i = 0; i < n; i++) {
      char c = t.charAt(i);
      switch (c) {
        case '#' -> {
          int nl = t.indexOf('\n', i);
          i = nl < 0 ? n : nl;
        }
        case '"', '\'' -> i = skipTomlString(t, i) - 1;
        case '[', '{' -> {
          if (++depth > maxDepth) {
            throw tooDeep(Span.ofOffsets(file, i, i + 1), "arrays and tables");
          }
        }
        case ']', '}' -> depth = Math.max(0, depth - 1);
        default -> { }
      }
    }
  }

  /** Offset just after the TOML string opening at {@code i} (basic or literal, one- or multi-line). */
  private static int skipTomlString(String t, int i) {
    char q = t.charAt(i);
    String triple = String.valueOf(q).repeat(3);
    boolean multi = t.startsWith(triple, i);
    int j = i + (multi ? 3 : 1);
    while (j < t.length()) {
      char c = t.charAt(j);
      if (q == '"' && c == '\\') {
        j += 2;
        continue;
      }
      if (multi ? t.startsWith(triple, j) : c == q) {
        return j + (multi ? 3 : 1);
      }
      if (!multi && c == '\n') {
        return j; // an unterminated string: the parser reports it
      }
      j++;
    }
    return t.length();
  }
}
