package dev.envx.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.envx.format.lock.Lockfiles;
import dev.envx.lock.LockDiff;
import dev.envx.testing.CliRun;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code envx lock merge}: a real {@code git merge} with envx as the merge driver of two branches that each added
 * a dependency, and a merge whose conflict is relocked against the merged manifest.
 */
class LockMergeCommandTest {
  @TempDir Path tmp;

  private Map<String, String> env() {
    return Map.of("ENVX_CACHE_DIR", tmp.resolve("cache").toString());
  }

  private CliRun envx(String... args) {
    CliRun r = CliRun.runWithInput("", env(), args);
    return r;
  }

  private String git(Path repo, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    Map<String, String> e = pb.environment();
    e.put("HOME", tmp.toString());
    e.put("GIT_CONFIG_NOSYSTEM", "1");
    e.put("GIT_AUTHOR_NAME", "t");
    e.put("GIT_AUTHOR_EMAIL", "t@example.org");
    e.put("GIT_COMMITTER_NAME", "t");
    e.put("GIT_COMMITTER_EMAIL", "t@example.org");
    e.put("ENVX_CACHE_DIR", tmp.resolve("cache").toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("git " + String.join(" ", args) + "\n" + out).isZero();
    return out;
  }

  private static boolean hasGit() {
    try {
      return new ProcessBuilder("git", "--version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private void lockIn(Path repo) {
    CliRun r = envx("lock", "-f", repo.resolve("environment.yml").toString(), "-o",
        repo.resolve("conda-lock.yml").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  @Test
  void gitMergesTwoBranchesThatEachAddedADependencyWithoutAConflict() throws Exception {
    assumeTrue(hasGit(), "skipped: no git on PATH");
    Path channel = SharedData.require("packages/conda-forge-local-channel");
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    git(repo, "init", "-q");
    git(repo, "checkout", "-q", "-b", "main");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String driver = "'" + java + "' -cp '" + System.getProperty("java.class.path") + "' dev.envx.cli.Main lock merge"
        + " %O %A %B -o %A";
    git(repo, "config", "merge.envx-lock.driver", driver);
    git(repo, "config", "merge.envx-lock.name", "envx lockfile merge");
    Files.writeString(repo.resolve(".gitattributes"), "conda-lock.yml merge=envx-lock\n");
    Path manifest = repo.resolve("environment.yml");
    Files.writeString(manifest, "channels:\n  - " + channel + "\nplatforms: [linux-64]\ndependencies:\n"
        + "  - xz\n  - libzlib\n  - bzip2\n");
    lockIn(repo);
    git(repo, "add", "-A");
    git(repo, "commit", "-q", "-m", "base");

    git(repo, "checkout", "-q", "-b", "ours");
    Files.writeString(manifest, Files.readString(manifest).replace("  - xz\n", "  - openssl\n  - xz\n"));
    lockIn(repo);
    git(repo, "commit", "-q", "-am", "add openssl");

    git(repo, "checkout", "-q", "main");
    git(repo, "checkout", "-q", "-b", "theirs");
    Files.writeString(manifest, Files.readString(manifest) + "  - ncurses\n");
    lockIn(repo);
    git(repo, "commit", "-q", "-am", "add ncurses");

    git(repo, "checkout", "-q", "ours");
    git(repo, "merge", "--no-edit", "theirs");
    assertThat(git(repo, "status", "--porcelain")).isEmpty();

    String merged = Files.readString(repo.resolve("conda-lock.yml"));
    assertThat(merged).doesNotContain("<<<<<<<", ">>>>>>>").contains("name: openssl", "name: ncurses", "name: xz");
    // both sides changed the input hash: the merged lock has none, so --check calls it stale ...
    CliRun check = envx("lock", "-f", manifest.toString(), "-o", repo.resolve("conda-lock.yml").toString(),
        "--check");
    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.out()).startsWith("the lock records no input hash\n");
    // ... and the merged packages are exactly what a lock of the merged manifest holds
    assertThat(check.out().lines().skip(1).toList()).isEmpty();
    lockIn(repo);
    assertThat(LockDiff.between(Lockfiles.parse(merged, "merged", null).lock(),
        Lockfiles.read(repo.resolve("conda-lock.yml")).lock()).isEmpty()).isTrue();
  }

  @Test
  void aConflictIsExitOneWithoutAManifestAndRelockedWithOne() throws IOException {
    Path channel = SharedData.require("channels/derived-from-pixi-lockfiles/conda-forge");
    Path manifest = tmp.resolve("environment.yml");
    String head = "channels:\n  - " + channel + "\nplatforms: [linux-64]\ndependencies:\n  - bzip2\n";
    Map<String, Path> locks = new java.util.LinkedHashMap<>();
    for (String[] side : new String[][] {{"base", "3.5.*"}, {"ours", "3.4.*"}, {"theirs", "3.6.*"}}) {
      Files.writeString(manifest, head + "  - openssl " + side[1] + "\n");
      Path out = tmp.resolve(side[0] + ".yml");
      assertThat(envx("lock", "-f", manifest.toString(), "-o", out.toString()).exitCode()).isZero();
      locks.put(side[0], out);
    }
    Path out = tmp.resolve("merged.yml");
    CliRun conflict = envx("lock", "merge", locks.get("base").toString(), locks.get("ours").toString(),
        locks.get("theirs").toString(), "-o", out.toString());
    assertThat(conflict.exitCode()).isEqualTo(1);
    assertThat(conflict.err()).contains("conflict: linux-64: both sides changed `openssl`");

    // the merged manifest says 3.6.*: relocking the conflicting package settles it
    CliRun relocked = envx("lock", "merge", locks.get("base").toString(), locks.get("ours").toString(),
        locks.get("theirs").toString(), "-o", out.toString(), "-f", manifest.toString());
    assertThat(relocked.exitCode()).as(relocked.err()).isZero();
    assertThat(Files.readString(out)).contains("name: openssl\n  version: 3.6.");
  }
}
