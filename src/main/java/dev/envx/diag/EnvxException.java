package dev.envx.diag;

import java.util.List;

/**
 * The one exception type that carries user-facing diagnostics out of a stage. The CLI renders its
 * diagnostics and exits with {@link #exitCode()} (2 for bad input or usage, 1 for failures).
 */
public class EnvxException extends RuntimeException {
  public static final int FAILURE = 1;
  public static final int USAGE = 2;

  private final transient List<Diagnostic> diagnostics;
  private final int exitCode;

  public EnvxException(int exitCode, List<Diagnostic> diagnostics) {
    super(diagnostics.isEmpty() ? "error" : diagnostics.get(0).oneLine());
    this.diagnostics = List.copyOf(diagnostics);
    this.exitCode = exitCode;
  }

  public EnvxException(int exitCode, Diagnostic diagnostic) {
    this(exitCode, List.of(diagnostic));
  }

  /** Bad input: exit code 2. */
  public static EnvxException input(Diagnostic d) {
    return new EnvxException(USAGE, d);
  }

  /** Bad input at a span: exit code 2. */
  public static EnvxException input(String message, Span span, String... hints) {
    return new EnvxException(USAGE, Diagnostic.error(message, span, hints));
  }

  /** Something failed that was not the input's fault: exit code 1. */
  public static EnvxException failure(String message, String... hints) {
    return new EnvxException(FAILURE, Diagnostic.error(message, null, hints));
  }

  /**
   * A file that could not be read: a missing file, a folder or something else that is not a file, or text that
   * is not UTF-8 is bad input (exit 2), anything else a failure. The message gives the OS's reason in words,
   * never an exception class.
   */
  public static EnvxException cannotRead(java.nio.file.Path path, java.io.IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return input("`" + path + "` does not exist", null, "check the path");
    }
    if (java.nio.file.Files.isDirectory(path)) {
      return input("`" + path + "` is a directory, not a file", null, "give the path of a file in it");
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return failure("cannot read `" + path + "`: permission denied", "check the file's permissions");
    }
    if (e instanceof java.nio.charset.CharacterCodingException) {
      return input("`" + path + "` is not UTF-8 text", null, "save it as UTF-8");
    }
    return failure("cannot read `" + path + "`: " + IoErrors.reason(e));
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  public Diagnostic first() {
    return diagnostics.get(0);
  }

  public int exitCode() {
    return exitCode;
  }
}
