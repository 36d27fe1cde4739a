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

/** The lock stage behind {@code envx check --fix --lock} and {@code envx migrate --lock}, over a real local channel. */
class LockStageTest {
  @TempDir Path dir;

  private CliRun run(String... args) {
    return CliRun.runWithInput("", Map.of("ENVX_CACHE_DIR", dir.resolve(".cache").toString(),
        "ENVX_CONFIG_DIR", dir.resolve(".config").toString(), "NO_COLOR", "1"), args);
  }

  private Path project(String deps) throws IOException {
    Path channel = SharedData.require("packages/conda-forge-local-channel");
    Path p = Files.createDirectories(dir.resolve("project"));
    Files.writeString(p.resolve("environment.yml"), "channels: [" + channel + "]\nplatforms: [linux-64]\n"
        + "dependencies: " + deps + "\n");
    return p;
  }

  @Test
  void aLockFromEnvxLockIsFreshForCheckAndFixLockRelocksItWhenStale() throws IOException {
    Path p = project("[xz]");
    CliRun locked = run("lock", "-f", p.resolve("environment.yml").toString());
    assertThat(locked.exitCode()).as(locked.err()).isZero();
    CliRun fresh = run("check", p.toString());
    assertThat(fresh.exitCode()).as(fresh.out() + fresh.err()).isZero();

    Files.writeString(p.resolve("environment.yml"), Files.readString(p.resolve("environment.yml"))
        .replace("[xz]", "[xz, bzip2]"));
    assertThat(run("check", p.toString()).exitCode()).isEqualTo(1);
    CliRun fixed = run("check", "--fix", "--lock", p.toString());
    assertThat(fixed.exitCode()).as(fixed.out() + fixed.err()).isZero();
    assertThat(fixed.err()).contains("locked " + p.resolve("conda-lock.yml"));
    assertThat(Files.readString(p.resolve("conda-lock.yml"))).contains("name: bzip2", "name: xz");
    CliRun after = run("check", p.toString());
    assertThat(after.exitCode()).as(after.out() + after.err()).isZero();
  }

  @Test
  void migrateLockLocksTheWrittenPyproject() throws IOException {
    Path p = project("[xz]");
    CliRun m = run("migrate", p.toString(), "--lock");
    assertThat(m.exitCode()).as(m.out() + m.err()).isZero();
    assertThat(p.resolve("pyproject.toml")).isRegularFile();
    assertThat(m.err()).contains("locked " + p.resolve("conda-lock.yml"));
    assertThat(Files.readString(p.resolve("conda-lock.yml"))).contains("name: xz", "platform: linux-64");
    CliRun check = run("lock", "--check", "-f", p.resolve("pyproject.toml").toString());
    assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
  }

  @Test
  void migrateLockWithDryRunIsBadInput() throws IOException {
    Path p = project("[xz]");
    CliRun m = run("migrate", p.toString(), "--lock", "--dry-run");
    assertThat(m.exitCode()).isEqualTo(2);
    assertThat(m.err()).contains("`--dry-run` writes none");
    assertThat(p.resolve("pyproject.toml")).doesNotExist();
  }
}
