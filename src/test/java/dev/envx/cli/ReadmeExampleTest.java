package dev.envx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.testing.CliRun;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first example, run through the real CLI with the mapping it ships (no cache, no user file),
 * prints exactly the golden file of that case: the README's output and the golden file cannot disagree.
 */
class ReadmeExampleTest {
  @TempDir Path home;

  @Test
  void readmeExampleOutputIsTheGoldenFile() throws IOException {
    Path root = SharedData.projectRoot();
    String first = Files.readAllLines(root.resolve("README.md")).stream()
        .filter(l -> l.startsWith("scripts/envx ")).findFirst().orElseThrow();
    assertThat(first).startsWith("scripts/envx convert testdata/convert/basic/environment.yml -o -");
    Map<String, String> env = Map.of("ENVX_CACHE_DIR", home.resolve("cache").toString(),
        "ENVX_CONFIG_DIR", home.resolve("config").toString(), "NO_COLOR", "1");
    CliRun r = CliRun.runWithInput("", env, "convert",
        root.resolve("testdata/convert/basic/environment.yml").toString(), "-o", "-");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(Files.readString(root.resolve("testdata/convert/basic/pyproject.toml.expected")));
  }
}
