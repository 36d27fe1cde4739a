package dev.envx.cli;

import dev.envx.diag.EnvxException;
import dev.envx.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Atomic writes of converted files: a temporary file beside the target, then a move over it. */
final class OutputFiles {
  private OutputFiles() {}

  static void writeAtomically(Path target, String text) {
    try {
      AtomicFiles.writeString(target, text);
    } catch (IOException e) {
      throw EnvxException.failure("cannot write `" + target + "`: " + e.getMessage());
    }
  }

  static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw EnvxException.cannotRead(p, e);
    }
  }
}
