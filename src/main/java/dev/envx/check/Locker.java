package dev.envx.check;

import java.nio.file.Path;

/**
 * The lock stage as {@code envx check --fix --lock} and {@code envx migrate --lock} need it: solve a manifest and
 * write its lockfile (the format from the file's name), recording the manifest's input hash. The CLI supplies the
 * implementation; this package does not solve.
 */
public interface Locker {
  /**
   * Solves {@code manifest} and writes {@code lockfile} atomically.
   *
   * @return what was done, in a few words, for the report
   */
  String lock(Path manifest, Path lockfile);
}
