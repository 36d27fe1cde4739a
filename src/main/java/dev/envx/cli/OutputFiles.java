package dev.envx.cli;

import dev.envx.diag.EnvxException;
import dev.envx.io.AtomicFiles;
import dev.envx.io.TextFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Reading inputs and writing outputs of commands, through the one writer {@link AtomicFiles}. */
final class OutputFiles {
  private OutputFiles() {}

  /**
   * Writes a command's output file atomically; refuses (exit 2) an output that is one of {@code inputs}, that
   * is not a regular file, or whose folder does not exist (see {@link AtomicFiles}).
   */
  static void writeAtomically(Path target, String text, Path... inputs) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    try {
      AtomicFiles.write(target, out -> out.write(bytes), AtomicFiles.Policy.output(inputs));
    } catch (IOException e) {
      Path dir = target.toAbsolutePath().getParent();
      throw EnvxException.failure("cannot write `" + target + "`: " + e.getMessage(),
          e.getMessage().equals("permission denied") ? "check the permissions of `" + target + "` and its folder `"
              + dir + "`" : "the previous file, if any, is unchanged");
    }
  }

  /** Refuses, before any work is done, an output file that is the input (see {@link AtomicFiles}). */
  static void requireNotInput(Path target, Path input) {
    if (target == null) {
      return;
    }
    try {
      AtomicFiles.requireNotInput(target, java.util.List.of(input));
    } catch (IOException e) {
      throw EnvxException.failure("cannot read `" + target + "`: " + dev.envx.diag.IoErrors.reason(e));
    }
  }

  /** `export -p environment.yml` gets one clear message instead of a TOML error per line. */
  static void requirePyproject(Path p) {
    String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (n.endsWith(".yml") || n.endsWith(".yaml")) {
      throw EnvxException.input("`" + p + "` is an environment file, not a pyproject.toml", null,
          "`envx export` reads a pyproject.toml; to turn an environment.yml into one, run `envx convert " + p + "`");
    }
  }

  static String read(Path p) {
    try {
      return TextFiles.readUtf8(p);
    } catch (IOException e) {
      throw EnvxException.cannotRead(p, e);
    }
  }
}
