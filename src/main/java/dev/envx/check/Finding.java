package dev.envx.check;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** What {@code envx check} found, one file at a time. Only {@link #failing()} findings make it exit 1. */
public sealed interface Finding {
  /** The file the finding is about. */
  Path file();

  /** Whether this finding fails the check. */
  default boolean failing() {
    return true;
  }

  /** The command that fixes it, or null. */
  String fix();

  /**
   * A declared mirror that does not agree with its source.
   *
   * @param file the stale mirror
   * @param source the file it is made from
   * @param differences the entries that differ (never empty)
   * @param fix the envx command that regenerates the mirror
   * @param fixed the mirror's text after the fix
   */
  record StaleMirror(Path file, Path source, List<Difference> differences, String fix, String fixed)
      implements Finding {
    public StaleMirror {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(source, "source");
      differences = List.copyOf(differences);
      if (differences.isEmpty()) {
        throw new IllegalArgumentException("a stale mirror differs in something");
      }
      Objects.requireNonNull(fixed, "fixed");
    }
  }

  /** A declared mirror that does not exist; {@code fixed} is the text the fix writes. */
  record MissingMirror(Path file, Path source, String fix, String fixed) implements Finding {
    public MissingMirror {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(fixed, "fixed");
    }
  }

  /**
   * A lockfile whose recorded input hash matches none of the manifests.
   *
   * @param manifest the manifest it is checked against (the mirror's source when there is one)
   */
  record StaleLock(Path file, Path manifest, String recorded, String expected, String fix) implements Finding {
    public StaleLock {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(manifest, "manifest");
      Objects.requireNonNull(recorded, "recorded");
      Objects.requireNonNull(expected, "expected");
    }
  }

  /** Something worth telling that does not fail the check and has nothing to fix. */
  sealed interface Note extends Finding {
    @Override
    default boolean failing() {
      return false;
    }

    @Override
    default String fix() {
      return null;
    }
  }

  /** A lockfile envx cannot check (not made by envx: no input hash). */
  record UncheckedLock(Path file, String reason) implements Note {}

  /** Two manifests with no mirror declaration: not compared. */
  record Undeclared(Path file, Path other) implements Note {}
}
