package dev.envx.diag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiagnosticRendererTest {
  @Test
  void rendersLocationSourceLineCaretAndHint() {
    SourceFile f = SourceFile.of("environment.yml", "name: x\ndependencies:\n  - numpy >=\n");
    int off = f.text().indexOf(">=") + 2;
    Diagnostic d = Diagnostic.error("expected a version after `>=`", Span.ofOffsets(f, off, off + 1),
        "write e.g. `numpy >=1.20`");
    assertThat(new DiagnosticRenderer(false).render(d)).isEqualTo("""
        environment.yml:3:13: error: expected a version after `>=`
          3 |   - numpy >=
            |             ^
          hint: write e.g. `numpy >=1.20`
        """);
  }

  @Test
  void withoutSpanOnlyMessage() {
    assertThat(new DiagnosticRenderer(false).render(Diagnostic.warning("w", null)))
        .isEqualTo("warning: w\n");
  }

  @Test
  void lineAndColumnFromOffsets() {
    SourceFile f = SourceFile.of("a", "ab\ncd\r\nef");
    assertThat(f.lineOf(4)).isEqualTo(2);
    assertThat(f.columnOf(4)).isEqualTo(2);
    assertThat(f.lineText(2)).isEqualTo("cd");
    assertThat(f.offsetOf(3, 1)).isEqualTo(7);
  }

  @org.junit.jupiter.api.Test
  void aLongSourceLineIsCutAroundTheCaret() {
    String line = "x".repeat(500) + "BAD" + "y".repeat(500);
    SourceFile f = SourceFile.of("f.yml", "a: 1\n" + line + "\n");
    String out = new DiagnosticRenderer(false).render(Diagnostic.error("bad", new Span(f, 2, 501, 3)));
    String[] lines = out.split("\n");
    org.assertj.core.api.Assertions.assertThat(lines[1]).startsWith("  2 | ...x").endsWith("y...")
        .contains("BAD").hasSizeLessThan(120);
    int caret = lines[2].indexOf('^');
    org.assertj.core.api.Assertions.assertThat(lines[1].substring(caret, caret + 3)).isEqualTo("BAD");
    org.assertj.core.api.Assertions.assertThat(lines[2]).endsWith("^^^");
    // at the start of a long line: no leading cut
    String start = new DiagnosticRenderer(false).render(Diagnostic.error("bad", new Span(f, 2, 1, 1)));
    org.assertj.core.api.Assertions.assertThat(start.split("\n")[1]).startsWith("  2 | xxx").endsWith("...");
  }
}
