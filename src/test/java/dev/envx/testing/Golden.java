package dev.envx.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one golden-file check of every golden harness: {@code actual} must equal the expected file. A missing
 * expected file fails the test (a harness that writes it and passes could never catch anything); with
 * {@code -Denvx.update-golden=true} the expected file is (re)written instead, to be reviewed as a diff.
 */
public final class Golden {
  /** The system property that rewrites expected files. */
  public static final String UPDATE_PROPERTY = "envx.update-golden";

  private Golden() {}

  /** Whether this run rewrites expected files ({@code -Denvx.update-golden=true}). */
  public static boolean updating() {
    return Boolean.getBoolean(UPDATE_PROPERTY);
  }

  /** Compares {@code actual} with {@code expected} (UTF-8), or rewrites it when {@link #updating()}. */
  public static void check(Path expected, CharSequence actual) {
    check(expected, actual, updating());
  }

  /** As {@link #check(Path, CharSequence)} with the update switch given (for the test of this helper). */
  static void check(Path expected, CharSequence actual, boolean update) {
    String text = actual.toString();
    try {
      if (update) {
        Files.createDirectories(expected.toAbsolutePath().getParent());
        Files.writeString(expected, text, StandardCharsets.UTF_8);
        return;
      }
      if (!Files.exists(expected)) {
        throw new AssertionError("missing expected file " + expected + "; create it with -D" + UPDATE_PROPERTY
            + "=true and review it. Actual output:\n" + text);
      }
      assertThat(text).as(expected.toString()).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
