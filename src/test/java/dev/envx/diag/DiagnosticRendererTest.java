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
}
