package dev.envx.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.envx.testing.ChildJvm;
import dev.envx.testing.LocalChannelLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes: {@code envx install} in a child JVM killed with SIGKILL in the middle of its work, then run
 * again; and two child JVMs installing into one cache at once. Nothing is lost and no half-made state is used.
 */
class InstallKillTest {
  @TempDir Path tmp;

  private Path natives() throws IOException {
    assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "skipped: linux-64 binaries");
    return Files.writeString(tmp.resolve("natives.txt"), LocalChannelLock.natives());
  }

  private Process start(Path lock, Path prefix, Path cache) throws IOException {
    return ChildJvm.envx(tmp, Map.of("ENVX_CACHE_DIR", cache.toString()),
        List.of("install", lock.toString(), "-p", prefix.toString()))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(tmp.resolve("err-" + System.nanoTime()).toFile())
        .start();
  }

  private void install(Path lock, Path prefix, Path cache) throws Exception {
    Process p = start(lock, prefix, cache);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("envx install %s -p %s: %s", lock, prefix, errors()).isZero();
  }

  /** What the child processes wrote on stderr. */
  private String errors() throws IOException {
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> s = Files.list(tmp)) {
      for (Path f : s.filter(f -> f.getFileName().toString().startsWith("err-")).sorted().toList()) {
        sb.append(Files.readString(f));
      }
    }
    return sb.toString();
  }

  /** Polls until {@code ready} holds, then SIGKILLs {@code p}; fails when {@code p} ended first. */
  private static void killWhen(Process p, String what, Predicate<Void> ready) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    while (!ready.test(null)) {
      assertThat(p.isAlive()).as("the install ended (exit %s) before %s", p.isAlive() ? "-" : p.exitValue(), what)
          .isTrue();
      assertThat(System.nanoTime()).as("waited too long for " + what).isLessThan(deadline);
      Thread.sleep(1);
    }
    p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(128 + 9);
  }

  private static long count(Path dir, Predicate<Path> which) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(which).count();
    } catch (IOException e) {
      return 0; // not there (yet, or any more)
    }
  }

  @Test
  void twoProcessesInstallIntoOneCacheAtOnceThenOneIsKilledWhileLinking() throws Exception {
    Path all = natives();
    Path cache = tmp.resolve("cache");
    // two processes fill one empty cache at once (per-package file locks): both environments complete
    List<Process> runs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      runs.add(start(all, tmp.resolve("env" + i), cache));
    }
    for (Process p : runs) {
      assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as("%s", errors()).isZero();
    }
    Path pkgs = PackageCache.defaultDir(cache);
    assertThat(count(pkgs, f -> f.getFileName().toString().startsWith(".tmp-"))).isZero();
    Map<String, String> env0 = Trees.describe(tmp.resolve("env0"));
    assertThat(Trees.describe(tmp.resolve("env1")).keySet()).isEqualTo(env0.keySet());
    for (int i = 0; i < 2; i++) {
      assertThat(Trees.run(tmp, Map.of(), tmp.resolve("env" + i + "/bin/openssl").toString(), "version"))
          .startsWith("OpenSSL");
    }

    // the cache now holds every package: the install below only links, and is killed while it does
    List<String> lines = Files.readAllLines(all);
    Path small = Files.write(tmp.resolve("small.txt"), lines.stream()
        .filter(l -> l.startsWith("#") || l.startsWith("@") || l.contains("/libzlib-") || l.contains("/xz-")).toList());
    Path prefix = tmp.resolve("envs/demo");
    install(small, prefix, cache);
    Map<String, String> before = Trees.describe(prefix);
    int packages = (int) lines.stream().filter(l -> l.startsWith("file:")).count();

    Process p = start(all, prefix, cache);
    Path stageMeta = Installer.sibling(prefix, "stage").resolve("conda-meta");
    // the stage starts as a clone of the prefix (2 records); kill once 3 more packages are linked into it
    killWhen(p, "linking", v -> count(stageMeta, f -> f.toString().endsWith(".json")) >= 5);
    assertThat(Trees.describe(prefix)).as("the environment after the kill").isEqualTo(before);
    assertThat(Installer.sibling(prefix, "stage")).as("the stage the killed run left").exists();
    assertThat(Installer.sibling(prefix, "journal")).doesNotExist();

    install(all, prefix, cache);
    assertThat(Installer.sibling(prefix, "stage")).doesNotExist();
    assertThat(Installer.sibling(prefix, "old")).doesNotExist();
    assertThat(count(prefix.resolve("conda-meta"), f -> f.toString().endsWith(".json"))).isEqualTo(packages);
    assertThat(Trees.run(tmp, Map.of(), prefix.resolve("bin/xz").toString(), "--version")).contains("5.2.6");
    assertThat(Trees.run(tmp, Map.of(), prefix.resolve("bin/openssl").toString(), "version")).startsWith("OpenSSL");
    // the same files as an install that was never interrupted (contents differ by the prefix written in)
    assertThat(Trees.describe(prefix).keySet()).isEqualTo(env0.keySet());
  }

  @Test
  void killedWhileFillingTheCacheTheRerunRebuildsNoHalfEntry() throws Exception {
    Path all = natives();
    Path prefix = tmp.resolve("env");
    // the kill can land between two packages (one renamed into place, the next not begun): then nothing is half
    // done and the run is repeated on a fresh cache, up to five times (it once failed in CI that way)
    Path cache = null;
    Path pkgs = null;
    long leftovers = 0;
    for (int attempt = 0; attempt < 5 && leftovers == 0; attempt++) {
      cache = tmp.resolve("cache" + attempt);
      Path dir = PackageCache.defaultDir(cache);
      Process p = start(all, prefix, cache);
      killWhen(p, "extracting", v -> count(dir, f -> f.getFileName().toString().startsWith(".tmp-")) > 0
          && count(dir, f -> !f.getFileName().toString().startsWith(".")) >= 2);
      assertThat(prefix).doesNotExist();
      pkgs = dir;
      leftovers = count(dir, f -> f.getFileName().toString().startsWith(".tmp-"));
    }
    assertThat(leftovers).as("the killed run's half-extracted entries (in five tries)").isPositive();

    install(all, prefix, cache);
    assertThat(count(pkgs, f -> f.getFileName().toString().startsWith(".tmp-"))).isZero();
    try (Stream<Path> s = Files.list(pkgs)) {
      for (Path e : s.filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
        assertThat(e.resolve("info/repodata_record.json")).as("complete cache entry").exists();
      }
    }
    assertThat(Trees.run(tmp, Map.of(), prefix.resolve("bin/xz").toString(), "--version")).contains("5.2.6");
  }
}
