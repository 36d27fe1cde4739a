package dev.envx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.testing.CliRun;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code envx lock} honours {@code [tool.envx.prefer]} as {@code envx solve -f} does (the solve side is pinned by
 * the {@code solve-cross-prefer-*} CLI snapshots), and the table is part of the lock's input hash.
 */
class PreferLockTest {
  private static final Path MANIFEST = SharedData.projectRoot().resolve("testdata/solve/cross/prefer/pyproject.toml");

  @TempDir Path dir;

  @Test
  void perPackagePreferenceFlipsOnePackageInTheLock() throws IOException {
    SharedData.require("pypi/simple");
    SharedData.require("channels/derived-from-pixi-lockfiles/conda-forge");
    String text = Files.readString(MANIFEST);
    Path with = dir.resolve("with/pyproject.toml");
    Path without = dir.resolve("without/pyproject.toml");
    Files.createDirectories(with.getParent());
    Files.createDirectories(without.getParent());
    Files.writeString(with, text);
    Files.writeString(without, text.substring(0, text.indexOf("[tool.envx.prefer]")));

    String a = lock(with);
    String b = lock(without);
    assertThat(manager(a, "attrs")).isEqualTo("pip");
    assertThat(manager(b, "attrs")).isEqualTo("conda");
    assertThat(manager(a, "rich")).isEqualTo("conda");
    assertThat(manager(b, "rich")).isEqualTo("conda");
    assertThat(hash(a)).isNotEqualTo(hash(b));
  }

  private String lock(Path manifest) throws IOException {
    Path out = manifest.resolveSibling("conda-lock.yml");
    CliRun r = CliRun.runWithInput("", Map.of("ENVX_CACHE_DIR", dir.resolve("cache").toString(),
        "ENVX_CONFIG_DIR", dir.resolve("config").toString(), "NO_COLOR", "1"),
        "lock", "-f", manifest.toString(), "-o", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    return Files.readString(out);
  }

  private static String manager(String lock, String name) {
    Matcher m = Pattern.compile("- name: " + Pattern.quote(name) + "\n  version: \\S+\n  manager: (\\w+)").matcher(lock);
    assertThat(m.find()).as(name + " in the lock").isTrue();
    return m.group(1);
  }

  private static String hash(String lock) {
    Matcher m = Pattern.compile("envx-input-hash: (\\S+)").matcher(lock);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }
}
