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

class CheckCommandTest {
  @TempDir Path dir;

  private CliRun run(String... args) {
    return CliRun.runWithInput("", Map.of("ENVX_CACHE_DIR", dir.resolve(".cache").toString(),
        "ENVX_CONFIG_DIR", dir.resolve(".config").toString(), "NO_COLOR", "1"), args);
  }

  private Path project(String name) throws IOException {
    Path p = Files.createDirectory(dir.resolve(name));
    Path from = SharedData.projectRoot().resolve("testdata/check").resolve(name);
    for (String f : new String[] {"pyproject.toml", "environment.yml", "conda-lock.yml"}) {
      if (Files.exists(from.resolve(f))) {
        Files.copy(from.resolve(f), p.resolve(f));
      }
    }
    return p;
  }

  @Test
  void checkWritesNothingAndFixRegeneratesTheStaleMirror() throws IOException {
    Path p = project("drifted");
    String env = Files.readString(p.resolve("environment.yml"));
    CliRun r = run("check", p.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(Files.readString(p.resolve("environment.yml"))).isEqualTo(env);
    try (var s = Files.list(p)) {
      assertThat(s.count()).isEqualTo(2);
    }
    CliRun fixed = run("check", "--fix", p.toString());
    assertThat(fixed.exitCode()).isEqualTo(0);
    assertThat(fixed.err()).contains("wrote " + p.resolve("environment.yml"));
    String now = Files.readString(p.resolve("environment.yml"));
    assertThat(now).contains("numpy>=2").doesNotContain("pandas").startsWith("# A typical research environment");
    assertThat(run("check", p.toString()).exitCode()).isEqualTo(0);
    // a second fix changes nothing
    assertThat(run("check", "--fix", p.toString()).exitCode()).isEqualTo(0);
    assertThat(Files.readString(p.resolve("environment.yml"))).isEqualTo(now);
  }

  @Test
  void fixLeavesAStaleLockAndSaysHowToRelockIt() throws IOException {
    Path p = project("stale-lock");
    String lock = Files.readString(p.resolve("conda-lock.yml"));
    CliRun r = run("check", "--fix", p.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("envx check --fix --lock");
    assertThat(Files.readString(p.resolve("conda-lock.yml"))).isEqualTo(lock);
  }

  @Test
  void lockWithoutFixIsAUsageError() throws IOException {
    CliRun r = run("check", "--lock", project("in-sync").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("`--lock` goes with `--fix`");
  }

  @Test
  void aManifestStandsForItsFolder() throws IOException {
    Path p = project("in-sync");
    CliRun r = run("--json", "check", p.resolve("environment.yml").toString());
    assertThat(r.exitCode()).isEqualTo(0);
    assertThat(r.out()).contains("\"ok\" : true");
  }

  @Test
  void badInputIsExit2() throws IOException {
    Path p = project("in-sync");
    Files.writeString(p.resolve("environment.yml"), "dependencies:\n  - numpy >=\n  - : x\n");
    CliRun r = run("check", p.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("environment.yml:");
  }
}
