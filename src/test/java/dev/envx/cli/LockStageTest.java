package dev.envx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.testing.CliRun;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
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
  void migrateLockCommitCommitsTheLockfileBesideThePyproject() throws Exception {
    Path p = project("[xz]");
    try (Git git = Git.init().setDirectory(p.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      PersonIdent me = new PersonIdent("t", "t@example.org");
      git.commit().setMessage("legacy").setAuthor(me).setCommitter(me).call();
    }
    CliRun m = run("migrate", p.toString(), "--lock", "--commit");
    assertThat(m.exitCode()).as(m.out() + m.err()).isZero();
    try (Git git = Git.open(p.toFile())) {
      assertThat(git.getRepository().getBranch()).isEqualTo("envx/migrate");
      RevCommit c = git.log().call().iterator().next();
      assertThat(c.getFullMessage()).startsWith("envx migrate: pyproject.toml and conda-lock.yml from environment.yml");
      List<String> changed = new ArrayList<>();
      try (TreeWalk w = new TreeWalk(git.getRepository())) {
        w.addTree(c.getParent(0).getTree());
        w.addTree(c.getTree());
        w.setRecursive(true);
        for (DiffEntry d : DiffEntry.scan(w)) {
          changed.add(d.getChangeType() + " " + d.getNewPath());
        }
      }
      assertThat(changed).containsExactlyInAnyOrder("ADD pyproject.toml", "ADD conda-lock.yml");
      var status = git.status().call();
      assertThat(status.getUntracked()).doesNotContain("conda-lock.yml", "pyproject.toml");
      assertThat(status.isClean()).as(status.getUntracked().toString()).isTrue();
    }
    assertThat(Files.readString(p.resolve("conda-lock.yml"))).contains("name: xz");
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
