package dev.envx.format.lock;

import dev.envx.diag.Diagnostic;
import dev.envx.diag.EnvxException;
import dev.envx.diag.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The readers' last line against bad input: a value type's own validation (its compact constructor throws an
 * {@link IllegalArgumentException}, a {@code requireNonNull} a {@link NullPointerException}) or a value of the
 * wrong type ({@link ClassCastException}) becomes a bad-input error at the place being read, never a stack trace.
 */
final class Guard {
  private Guard() {}

  /**
   * {@code build}'s value; a validation failure in it becomes {@code at(message)}, and an error without a place
   * (a model parser's, which knows the value but not the file) gets the place of {@code at}.
   */
  static <T> T at(Supplier<T> build, Function<String, EnvxException> at) {
    try {
      return build.get();
    } catch (EnvxException e) {
      if (e.diagnostics().stream().allMatch(d -> d.span() != null)) {
        throw e;
      }
      Span span = at.apply(e.first().message()).first().span();
      List<Diagnostic> located = new ArrayList<>();
      for (Diagnostic d : e.diagnostics()) {
        located.add(d.span() != null ? d : new Diagnostic(d.severity(), d.message(), span, d.hints()));
      }
      throw new EnvxException(e.exitCode(), located);
    } catch (IllegalArgumentException | NullPointerException | ClassCastException | IndexOutOfBoundsException
        | ArithmeticException | UnsupportedOperationException | IllegalStateException
        | java.time.DateTimeException e) {
      throw at.apply(message(e));
    }
  }

  /** The failure in words (lowercase first letter): a null check's message names what was missing. */
  static String message(RuntimeException e) {
    String m = e.getMessage();
    if (e instanceof NullPointerException) {
      return m != null && m.matches("[A-Za-z_]+") ? "a value is missing: `" + m + "`" : "a value is missing";
    }
    if (e instanceof ClassCastException) {
      return "a value has the wrong type";
    }
    return Diagnostic.lowerFirst(m == null ? "" : m, "invalid value");
  }
}
