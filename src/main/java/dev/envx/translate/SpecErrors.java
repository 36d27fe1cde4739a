package dev.envx.translate;

import dev.envx.diag.Diagnostic;
import dev.envx.diag.ParseError;
import dev.envx.diag.SourceFile;
import dev.envx.diag.Span;

/**
 * Turns a {@link ParseError} in a spec string into a diagnostic at the spec's place in its file, worded the same
 * whichever command read it ({@code invalid requirement: …} / {@code invalid conda spec: …} and the same hint).
 */
public final class SpecErrors {
  private SpecErrors() {}

  /** What a PEP 508 requirement is called in messages (a pip line, a `[project]` entry, `envx spec pypi`). */
  public static final String REQUIREMENT = "requirement";
  public static final String CONDA_SPEC = "conda spec";

  public static Diagnostic at(ParseError e, Span span, String what) {
    return withHint(locate(e, span, what), what);
  }

  /** The error in a spec given on its own (a command-line argument shown as {@code name}). */
  public static Diagnostic ofArgument(ParseError e, String name, String what) {
    Diagnostic d = e.toDiagnostic(name);
    return withHint(new Diagnostic(d.severity(), "invalid " + what + ": " + d.message(), d.span(), d.hints()), what);
  }

  private static Diagnostic withHint(Diagnostic d, String what) {
    if (d.hints().isEmpty()) {
      d = d.withHint(what.equals(CONDA_SPEC)
          ? "conda specs look like `numpy >=1.20,<2`, `numpy=1.21`, `conda-forge::numpy 1.21.* py39*`"
          : "requirements look like `numpy>=1.20,<2`, `numpy==1.26.*`, `pywin32; sys_platform == \"win32\"`");
    }
    return d;
  }

  private static Diagnostic locate(ParseError e, Span span, String what) {
    if (span == null) {
      return e.toDiagnostic("<" + what + ">");
    }
    SourceFile f = span.file();
    int base = f.offsetOf(span.line(), span.column());
    if (base < f.text().length() && (f.text().charAt(base) == '"' || f.text().charAt(base) == '\'')) {
      base++;
    }
    String line = f.lineText(span.line());
    int col0 = span.column() - 1;
    // only trust offsets into the source when the spec is written there verbatim
    if (col0 <= line.length() && line.substring(Math.min(line.length(), base - f.offsetOf(span.line(), 1)))
        .startsWith(e.input().strip())) {
      Diagnostic d = e.toDiagnostic(f, base - leading(e.input()));
      return new Diagnostic(d.severity(), "invalid " + what + ": " + d.message(), d.span(), d.hints());
    }
    return new Diagnostic(dev.envx.diag.Severity.ERROR, "invalid " + what + ": " + e.getMessage(), span,
        e.hint() == null ? java.util.List.of() : java.util.List.of(e.hint()));
  }

  private static int leading(String s) {
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }
}
