package dev.envx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.testing.CliRun;
import dev.envx.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code envx install} over an @EXPLICIT file of the real local channel: dry run, install, no-op, bad input. */
class InstallCommandTest {
  @TempDir Path tmp;

  @Test
  void dryRunThenInstallThenNoop() throws Exception {
    Path dir = SharedData.require("packages/conda-forge-local-channel/linux-64");
    Path lock = tmp.resolve("env.txt");
    Files.writeString(lock, "# platform: linux-64\n@EXPLICIT\n"
        + dir.resolve("libzlib-1.3.1-h4ab18f5_1.conda").toUri() + "#"
        + "57d7dc60e9325e3de37ff8dffd18e814\n"
        + dir.resolve("xz-5.2.6-h166bdaf_0.tar.bz2").toUri() + "\n");
    Path prefix = tmp.resolve("env");
    Map<String, String> env = Map.of("ENVX_CACHE_DIR", tmp.resolve("cache").toString());
    CliRun dry = CliRun.runWithInput("", env, "install", lock.toString(), "-p", prefix.toString(), "--dry-run");
    assertThat(dry.exitCode()).as(dry.err()).isZero();
    assertThat(dry.out()).contains("link     libzlib-1.3.1-h4ab18f5_1", "link     xz-5.2.6-h166bdaf_0",
        ": 2 to download, 2 to link, 0 to unlink, 0 unchanged");
    assertThat(prefix).doesNotExist();

    CliRun run = CliRun.runWithInput("", env, "install", lock.toString(), "-p", prefix.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(prefix.resolve("bin/xz")).exists();
    assertThat(prefix.resolve("conda-meta/xz-5.2.6-h166bdaf_0.json")).exists();

    CliRun again = CliRun.runWithInput("", env, "install", lock.toString(), "-p", prefix.toString(), "--dry-run");
    assertThat(again.out()).isEqualTo(prefix + ": 0 to download, 0 to link, 0 to unlink, 2 unchanged\n");
  }

  @Test
  void aWrongDigestFailsWithExitOne() throws Exception {
    Path dir = SharedData.require("packages/conda-forge-local-channel/linux-64");
    Path lock = tmp.resolve("env.txt");
    Files.writeString(lock, "@EXPLICIT\n" + dir.resolve("libzlib-1.3.1-h4ab18f5_1.conda").toUri() + "#"
        + "0".repeat(32) + "\n");
    CliRun run = CliRun.runWithInput("", Map.of("ENVX_CACHE_DIR", tmp.resolve("cache").toString()), "install",
        lock.toString(), "-p", tmp.resolve("env").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("error: the md5 of `libzlib-1.3.1-h4ab18f5_1.conda` is", "hint:");
    assertThat(tmp.resolve("env")).doesNotExist();
  }

  @Test
  void notAnExplicitFileIsBadInput() throws Exception {
    Path lock = tmp.resolve("env.txt");
    Files.writeString(lock, "numpy\nscipy>=1\n");
    CliRun run = CliRun.runWithInput("", Map.of("ENVX_CACHE_DIR", tmp.resolve("cache").toString()), "install",
        lock.toString(), "-p", tmp.resolve("env").toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains(lock + ":1:1: error: expected a package URL, found `numpy`");
  }

  @Test
  void installsEveryLockFormatOfTheSameEnvironment() throws Exception {
    Path dir = SharedData.require("packages/conda-forge-local-channel/linux-64");
    Path explicit = tmp.resolve("env.txt");
    Files.writeString(explicit, "# platform: linux-64\n@EXPLICIT\n"
        + dir.resolve("libzlib-1.3.1-h4ab18f5_1.conda").toUri() + "#57d7dc60e9325e3de37ff8dffd18e814\n"
        + dir.resolve("xz-5.2.6-h166bdaf_0.tar.bz2").toUri() + "\n");
    Map<String, String> env = Map.of("ENVX_CACHE_DIR", tmp.resolve("cache").toString());
    for (String name : new String[] {"conda-lock.yml", "pixi.lock"}) {
      Path lock = tmp.resolve(name);
      CliRun conv = CliRun.runWithInput("", env, "lock", "convert", explicit.toString(), "-o", lock.toString());
      assertThat(conv.exitCode()).as(conv.err()).isZero();
      Path prefix = tmp.resolve("env-" + name);
      CliRun run = CliRun.runWithInput("", env, "install", lock.toString(), "-p", prefix.toString());
      assertThat(run.exitCode()).as(name + ": " + run.err()).isZero();
      assertThat(prefix.resolve("bin/xz")).as(name).exists();
      assertThat(prefix.resolve("conda-meta/libzlib-1.3.1-h4ab18f5_1.json")).as(name).exists();
      CliRun other = CliRun.runWithInput("", env, "install", lock.toString(), "-p", prefix.toString(),
          "--platform", "osx-arm64");
      assertThat(other.exitCode()).isEqualTo(1);
      assertThat(other.err()).contains("locks no packages for `osx-arm64`", "it locks: linux-64");
      CliRun group = CliRun.runWithInput("", env, "install", lock.toString(), "-p", prefix.toString(),
          "--group", "dev");
      assertThat(group.exitCode()).isEqualTo(1);
      assertThat(group.err()).contains("has no group `dev`");
    }
  }

  @Test
  void withoutALockfileTheManifestIsLockedFirstThenRelockedOnlyWhenStale() throws Exception {
    Path channel = SharedData.require("packages/conda-forge-local-channel");
    Path project = Files.createDirectories(tmp.resolve("project"));
    Path manifest = Files.writeString(project.resolve("environment.yml"), "channels: [" + channel + "]\n"
        + "platforms: [linux-64]\ndependencies: [xz]\n");
    Map<String, String> env = Map.of("ENVX_CACHE_DIR", tmp.resolve("cache").toString());
    CliRun run = CliRun.runWithInput("", env, "install", "-m", manifest.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    Path lock = project.resolve("conda-lock.yml");
    assertThat(run.err()).contains("wrote " + lock);
    Path prefix = project.resolve(".envx/envs/default");
    assertThat(prefix.resolve("bin/xz")).exists();
    assertThat(run.out()).startsWith(prefix + ": installed;");

    // up to date: used as it is, not written again
    String first = Files.readString(lock);
    Files.setLastModifiedTime(lock, java.nio.file.attribute.FileTime.fromMillis(1_000_000L));
    CliRun again = CliRun.runWithInput("", env, "install", "-m", manifest.toString());
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.err()).doesNotContain("wrote ");
    assertThat(Files.getLastModifiedTime(lock).toMillis()).isEqualTo(1_000_000L);

    // stale (the manifest changed): relocked, then installed
    Files.writeString(manifest, Files.readString(manifest).replace("[xz]", "[xz, bzip2]"));
    CliRun stale = CliRun.runWithInput("", env, "install", "-m", manifest.toString());
    assertThat(stale.exitCode()).as(stale.err()).isZero();
    assertThat(Files.readString(lock)).isNotEqualTo(first).contains("bzip2");
    assertThat(prefix.resolve("bin/bzip2")).exists();
  }

  @Test
  void anUnlockableManifestIsAnErrorAndNothingIsInstalled() throws Exception {
    Path project = Files.createDirectories(tmp.resolve("project"));
    Path manifest = Files.writeString(project.resolve("environment.yml"), "dependencies: [xz]\n");
    CliRun none = CliRun.runWithInput("", Map.of("ENVX_CACHE_DIR", tmp.resolve("cache").toString()), "install",
        "-m", manifest.toString());
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("names no channel");
    assertThat(project.resolve(".envx")).doesNotExist();
    assertThat(project.resolve("conda-lock.yml")).doesNotExist();
  }

  @Test
  void neitherALockfileNorAManifestIsBadInput() {
    CliRun run = CliRun.runWithInput("", Map.of("ENVX_CACHE_DIR", tmp.resolve("cache").toString()), "install",
        "-m", tmp.resolve("missing.yml").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no manifest `" + tmp.resolve("missing.yml") + "`");
  }
}
