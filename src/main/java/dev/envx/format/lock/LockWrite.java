package dev.envx.format.lock;

import dev.envx.diag.Diagnostic;
import java.util.List;
import java.util.Objects;

/**
 * A lockfile as written: one text per output file (one per platform for {@code @EXPLICIT}, else one), and a
 * warning for each kind of content the format could not hold.
 *
 * @param files the texts, with the platform each one is for ({@code null} for a file holding every platform)
 * @param warnings what was left out, one warning per kind
 */
public record LockWrite(List<File> files, List<Diagnostic> warnings) {
  /** One output file. */
  public record File(String platform, String text) {
    public File {
      Objects.requireNonNull(text, "text");
    }
  }

  public LockWrite {
    files = List.copyOf(files);
    warnings = List.copyOf(warnings);
  }

  /** The text of a single-file write. */
  public String text() {
    if (files.size() != 1) {
      throw new IllegalStateException("this write has " + files.size() + " files");
    }
    return files.get(0).text();
  }
}
