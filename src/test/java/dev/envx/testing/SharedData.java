package dev.envx.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates {@code ../shared/data} (real-world data beside the project root). Tests that need it call
 * {@link #require(String)}, which skips the test with a clear message when the folder is absent.
 */
public final class SharedData {
  private SharedData() {}

  public static Path projectRoot() {
    String p = System.getProperty("envx.project");
    return (p != null ? Path.of(p) : Path.of("")).toAbsolutePath().normalize();
  }

  public static Path root() {
    String p = System.getProperty("envx.shared");
    Path shared = p != null ? Path.of(p) : projectRoot().resolve("../shared");
    return shared.resolve("data").toAbsolutePath().normalize();
  }

  /** The folder {@code ../shared/data/<sub>}, or a skipped test when it is not there. */
  public static Path require(String sub) {
    Path dir = root().resolve(sub);
    assumeTrue(Files.exists(dir),
        () -> "skipped: shared data not found at " + dir + " (expected ../shared/data beside the project root)");
    return dir;
  }
}
