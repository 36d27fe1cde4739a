package dev.envx.diag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place where diagnostics become text:
 *
 * <pre>
 * environment.yml:4:5: error: expected a version after `>=`
 *   4 |   - numpy >=
 *     |           ^
 *   hint: write e.g. `numpy >=1.20`
 * </pre>
 */
public final class DiagnosticRenderer {
  private static final String RED = "\u001b[1;31m";
  private static final String YELLOW = "\u001b[1;33m";
  private static final String CYAN = "\u001b[1;36m";
  private static final String BOLD = "\u001b[1m";
  private static final String RESET = "\u001b[0m";

  /** Source lines longer than this are cut around the caret. */
  static final int MAX_WIDTH = 100;

  private final boolean color;

  public DiagnosticRenderer(boolean color) {
    this.color = color;
  }

  public String render(Diagnostic d) {
    StringBuilder sb = new StringBuilder();
    if (d.span() != null) {
      sb.append(paint(BOLD, d.span().location() + ":")).append(' ');
    }
    String sevColor = switch (d.severity()) {
      case ERROR -> RED;
      case WARNING -> YELLOW;
      case NOTE -> CYAN;
    };
    sb.append(paint(sevColor, d.severity().label() + ":")).append(' ').append(d.message()).append('\n');
    Span span = d.span();
    if (span != null && !span.file().text().isEmpty()) {
      String lineNo = Integer.toString(span.line());
      String pad = " ".repeat(lineNo.length());
      String line = span.file().lineText(span.line());
      int column = span.column();
      // a long line is cut to a window around the caret, marked with `...` where it was cut
      int from = 0;
      int to = line.length();
      if (line.length() > MAX_WIDTH) {
        from = Math.max(0, Math.min(column - 1 - MAX_WIDTH / 3, line.length() - MAX_WIDTH));
        to = Math.min(line.length(), from + MAX_WIDTH);
      }
      String src = line.substring(from, to);
      String head = from > 0 ? "..." : "";
      sb.append("  ").append(lineNo).append(" | ").append(head).append(expandTabs(src))
          .append(to < line.length() ? "..." : "").append('\n');
      int rel = column - from;
      int col = visualColumn(src, rel) + head.length();
      int avail = Math.max(1, src.length() - (rel - 1));
      int carets = Math.max(1, Math.min(span.length(), avail));
      sb.append("  ").append(pad).append(" | ").append(" ".repeat(col - 1))
          .append(paint(sevColor, "^".repeat(carets))).append('\n');
    }
    for (String h : d.hints()) {
      sb.append("  ").append(paint(CYAN, "hint:")).append(' ').append(h).append('\n');
    }
    return sb.toString();
  }

  public String renderAll(List<Diagnostic> ds) {
    StringBuilder sb = new StringBuilder();
    for (Diagnostic d : ds) {
      sb.append(render(d));
    }
    return sb.toString();
  }

  /** A JSON-ready map of a diagnostic (for {@code --json}). */
  public static Map<String, Object> toMap(Diagnostic d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("severity", d.severity().label());
    m.put("message", d.message());
    if (d.span() != null) {
      m.put("file", d.span().file().name());
      m.put("line", d.span().line());
      m.put("column", d.span().column());
      m.put("length", d.span().length());
    }
    if (!d.hints().isEmpty()) {
      m.put("hints", new ArrayList<>(d.hints()));
    }
    return m;
  }

  private String paint(String code, String s) {
    return color ? code + s + RESET : s;
  }

  private static String expandTabs(String s) {
    return s.replace("\t", "    ");
  }

  private static int visualColumn(String src, int column) {
    int v = 1;
    for (int i = 0; i < column - 1 && i < src.length(); i++) {
      v += src.charAt(i) == '\t' ? 4 : 1;
    }
    if (column - 1 > src.length()) {
      v += column - 1 - src.length();
    }
    return v;
  }
}
