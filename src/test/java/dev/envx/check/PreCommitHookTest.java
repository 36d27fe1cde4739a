package dev.envx.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.envx.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's {@code .pre-commit-hooks.yaml} under the real {@code pre-commit} (Debian package, installed by
 * scripts/ci-deps): a scratch hook repository holding this checkout's hooks file, a scratch project whose
 * {@code .pre-commit-config.yaml} points at it ({@code repo: <path>}, {@code rev: <sha>}), and an {@code envx} on
 * PATH that runs the classes under test. The hook passes on an in-sync project and fails, with envx's report, on a
 * drifted one, both through {@code pre-commit run} and through {@code git commit}.
 */
class PreCommitHookTest {
  @TempDir Path tmp;
  private Map<String, String> env;

  @BeforeEach
  void tools() throws Exception {
    assumeTrue(onPath("git"), "git is not installed: skipping the pre-commit integration test");
    assumeTrue(onPath("pre-commit"), "pre-commit is not installed (Debian package `pre-commit`, installed by "
        + "scripts/ci-deps): skipping the pre-commit integration test");
    Path bin = Files.createDirectory(tmp.resolve("bin"));
    Path envx = bin.resolve("envx");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Files.writeString(envx, "#!/bin/sh\nexec '" + java + "' -cp '" + System.getProperty("java.class.path")
        + "' dev.envx.cli.Main \"$@\"\n");
    Files.setPosixFilePermissions(envx, PosixFilePermissions.fromString("rwxr-xr-x"));
    env = Map.of("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
        "PRE_COMMIT_HOME", tmp.resolve("pre-commit-home").toString(),
        "HOME", tmp.toString(), "ENVX_CACHE_DIR", tmp.resolve("cache").toString(),
        "ENVX_CONFIG_DIR", tmp.resolve("config").toString(), "NO_COLOR", "1",
        "GIT_AUTHOR_NAME", "t", "GIT_AUTHOR_EMAIL", "t@example.org", "GIT_COMMITTER_NAME", "t",
        "GIT_COMMITTER_EMAIL", "t@example.org");
  }

  record Run(int code, String output) {}

  private Run run(Path dir, String... cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("%s finished", String.join(" ", cmd)).isTrue();
    return new Run(p.exitValue(), out);
  }

  private Run ok(Path dir, String... cmd) throws Exception {
    Run r = run(dir, cmd);
    assertThat(r.code()).as("%s:\n%s", String.join(" ", cmd), r.output()).isZero();
    return r;
  }

  /** A git repository holding this checkout's hooks file; returns its commit. */
  private String hookRepo(Path repo) throws Exception {
    Files.createDirectories(repo);
    Files.copy(SharedData.projectRoot().resolve(".pre-commit-hooks.yaml"), repo.resolve(".pre-commit-hooks.yaml"));
    ok(repo, "git", "init", "-q");
    ok(repo, "git", "add", ".pre-commit-hooks.yaml");
    ok(repo, "git", "commit", "-q", "-m", "hooks");
    return ok(repo, "git", "rev-parse", "HEAD").output().strip();
  }

  private Path project(String hooks, String sha, String hookIds) throws Exception {
    Path p = Files.createDirectory(tmp.resolve("project"));
    Path from = SharedData.projectRoot().resolve("testdata/check/in-sync");
    for (String f : List.of("pyproject.toml", "environment.yml", "conda-lock.yml")) {
      Files.copy(from.resolve(f), p.resolve(f));
    }
    List<String> cfg = new ArrayList<>(List.of("repos:", "  - repo: " + hooks, "    rev: " + sha, "    hooks:"));
    for (String id : hookIds.split(",")) {
      cfg.add("      - id: " + id);
    }
    Files.writeString(p.resolve(".pre-commit-config.yaml"), String.join("\n", cfg) + "\n");
    ok(p, "git", "init", "-q");
    ok(p, "git", "add", "-A");
    return p;
  }

  @Test
  void theHookPassesInStepAndFailsWithEnvxsReportWhenDrifted() throws Exception {
    Path hooks = tmp.resolve("hooks");
    String sha = hookRepo(hooks);
    Path p = project(hooks.toString(), sha, "envx-check");
    Run pass = ok(p, "pre-commit", "run", "--all-files");
    assertThat(pass.output()).contains("envx check (manifests and lockfiles in step)").contains("Passed");

    Path py = p.resolve("pyproject.toml");
    Files.writeString(py, Files.readString(py).replace("\"numpy>=1.20\"", "\"numpy>=2\""));
    ok(p, "git", "add", "pyproject.toml");
    Run fail = run(p, "pre-commit", "run", "--all-files");
    assertThat(fail.code()).as(fail.output()).isEqualTo(1);
    assertThat(fail.output()).contains("Failed", "environment.yml is stale: it mirrors pyproject.toml",
        "+ numpy>=2", "- numpy>=1.20", "fix: envx check --fix", "conda-lock.yml is stale");
    assertThat(Files.readString(p.resolve("environment.yml"))).contains("numpy>=1.20"); // the hook wrote nothing

    // the installed hook stops the commit the same way
    ok(p, "pre-commit", "install");
    Run commit = run(p, "git", "commit", "-q", "-m", "drift");
    assertThat(commit.code()).isNotZero();
    assertThat(commit.output()).contains("environment.yml is stale");
    assertThat(run(p, "git", "rev-parse", "--verify", "-q", "HEAD").code()).as("nothing was committed").isNotZero();
  }

  @Test
  void theOptInLockHookRunsTheRelockAndFailsForReview() throws Exception {
    Path hooks = tmp.resolve("hooks");
    Path p = project(hooks.toString(), hookRepo(hooks), "envx-lock");
    Path py = p.resolve("pyproject.toml");
    Files.writeString(py, Files.readString(py).replace("\"numpy>=1.20\"", "\"numpy>=2\""));
    ok(p, "git", "add", "pyproject.toml");
    Run r = run(p, "pre-commit", "run", "--all-files");
    // it relocks (conda-forge: fetched, or a fetch error here offline) and fails either way, for review
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.output()).contains("envx check --fix --lock (regenerate and relock)").contains("Failed")
        .doesNotContain("not available yet");
  }

  private static boolean onPath(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }
}
