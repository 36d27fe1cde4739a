package dev.envx.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envx.diag.EnvxException;
import dev.envx.format.lock.Hashes;
import dev.envx.format.lock.LockedPackage;
import dev.envx.install.Archives.Member;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corrupt, truncated and malicious packages, interrupted and concurrent installs: nothing lost, clear errors. */
class InstallFaultTest {
  @TempDir Path tmp;

  private PackageCache cache() {
    return new PackageCache(tmp.resolve("cache"), Transport.offline());
  }

  private void install(List<LockedPackage> pkgs, Path prefix) {
    new Installer(cache(), 2).apply(Planner.plan(pkgs, PrefixState.read(prefix), null));
  }

  private List<String> cacheEntries() throws IOException {
    Path root = tmp.resolve("cache");
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(root)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".locks")).sorted().toList();
    }
  }

  @Test
  void corruptedDownloadIsRefusedBeforeExtraction() throws Exception {
    Path good = Archives.conda(tmp.resolve("pkgs"), "good", List.of(Member.file("share/good.txt", "hello\n")));
    LockedPackage.Conda locked = Archives.locked(good, true);
    byte[] bytes = Files.readAllBytes(good);
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(good, bytes);
    Path prefix = tmp.resolve("env");
    assertThatThrownBy(() -> install(List.of(locked), prefix))
        .isInstanceOf(EnvxException.class)
        .hasMessageContaining("the sha256 of `good-1.0-0.conda` is ")
        .hasMessageContaining("the lock says " + locked.hashes().sha256())
        .hasMessageContaining("nothing was extracted");
    assertThat(cacheEntries()).isEmpty();
    assertThat(prefix).doesNotExist();
  }

  @Test
  void md5IsCheckedWhenTheLockHasNoSha256() throws Exception {
    Path good = Archives.tarBz2(tmp.resolve("pkgs"), "onlymd5", List.of(Member.file("a.txt", "a\n")));
    LockedPackage.Conda real = Archives.locked(good, true);
    LockedPackage.Conda wrong = LocalChannel.relocated(real, good, new Hashes("0".repeat(32), null));
    assertThatThrownBy(() -> install(List.of(wrong), tmp.resolve("env")))
        .hasMessageContaining("the md5 of `onlymd5-1.0-0.tar.bz2` is " + real.hashes().md5());
    install(List.of(LocalChannel.relocated(real, good, new Hashes(real.hashes().md5(), null))), tmp.resolve("env"));
    assertThat(tmp.resolve("env/a.txt")).hasContent("a");
  }

  @Test
  void truncatedArchiveIsAClearErrorAndLeavesNoCacheEntry() throws Exception {
    for (boolean conda : List.of(true, false)) {
      List<Member> files = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        files.add(Member.file("share/f" + i + ".txt", ("line " + i + "\n").repeat(50 + i)));
      }
      Path dir = tmp.resolve(conda ? "c" : "b");
      Path full = conda ? Archives.conda(dir, "trunc", files) : Archives.tarBz2(dir, "trunc", files);
      byte[] bytes = Files.readAllBytes(full);
      Files.write(full, java.util.Arrays.copyOf(bytes, bytes.length * 2 / 3));
      LockedPackage.Conda locked = Archives.locked(full, false); // no digest: the decoder has to notice
      assertThatThrownBy(() -> install(List.of(locked), tmp.resolve("env")))
          .isInstanceOf(EnvxException.class)
          .hasMessageStartingWith("error: cannot extract `" + full.getFileName() + "`");
      assertThat(cacheEntries()).isEmpty();
      assertThat(tmp.resolve("env")).doesNotExist();
    }
  }

  @Test
  void pathTraversalIsRefusedNamingPackageAndEntry() throws Exception {
    Path outside = tmp.resolve("outside.txt");
    for (String name : List.of("../outside.txt", "share/../../outside.txt", "/tmp/evil-absolute.txt")) {
      for (boolean conda : List.of(true, false)) {
        Path dir = tmp.resolve("pkgs-" + Math.abs(name.hashCode()) + conda);
        List<Member> m = List.of(Member.file("share/ok.txt", "ok\n"), Member.file(name, "pwned\n"));
        Path pkg = conda ? Archives.conda(dir, "evil", m) : Archives.tarBz2(dir, "evil", m);
        assertThatThrownBy(() -> install(List.of(Archives.locked(pkg, true)), tmp.resolve("env")))
            .isInstanceOf(EnvxException.class)
            .hasMessageContaining("refusing `" + name + "` of `" + pkg.getFileName() + "`");
        assertThat(outside).doesNotExist();
        assertThat(Path.of("/tmp/evil-absolute.txt")).doesNotExist();
        assertThat(cacheEntries()).isEmpty();
      }
    }
  }

  @Test
  void escapingSymlinksAreRefused() throws Exception {
    Path outside = tmp.resolve("outside");
    Files.createDirectories(outside);
    List<List<Member>> cases = List.of(
        List.of(Member.symlink("lib/escape", "../../outside")),
        List.of(Member.symlink("etc-passwd", "/etc/passwd")),
        // a link that is harmless alone, then a file written through it
        List.of(Member.symlink("d", "."), Member.symlink("d/up", "..")),
        List.of(new Member("hard", null, "../outside/x", true)));
    int i = 0;
    for (List<Member> m : cases) {
      Path pkg = Archives.conda(tmp.resolve("pkgs" + i++), "links", m);
      assertThatThrownBy(() -> install(List.of(Archives.locked(pkg, true)), tmp.resolve("env")))
          .as("%s", m)
          .isInstanceOf(EnvxException.class)
          .hasMessageContaining("of `links-1.0-0.conda`")
          .hasMessageContaining("refusing `");
      assertThat(cacheEntries()).isEmpty();
      try (Stream<Path> s = Files.list(outside)) {
        assertThat(s).isEmpty();
      }
    }
  }

  @Test
  void aFailureWhileLinkingLeavesThePreviousEnvironmentAsItWas() throws Exception {
    Path a = Archives.conda(tmp.resolve("pkgs"), "alpha", List.of(Member.file("share/alpha.txt", "1\n")));
    Path b = Archives.conda(tmp.resolve("pkgs"), "beta", List.of(Member.file("share/beta.txt", "2\n")));
    Path c = Archives.conda(tmp.resolve("pkgs"), "gamma", List.of(Member.file("share/gamma.txt", "3\n")));
    Path prefix = tmp.resolve("env");
    install(List.of(Archives.locked(a, true), Archives.locked(b, true)), prefix);
    Map<String, String> before = Trees.describe(prefix);

    InstallPlan plan = Planner.plan(List.of(Archives.locked(a, true), Archives.locked(c, true)),
        PrefixState.read(prefix), null);
    Installer.Probe crash = (stage, pkg) -> {
      throw new IOException("simulated kill after linking " + pkg.displayName());
    };
    assertThatThrownBy(() -> new Installer(cache(), 1).apply(plan, crash))
        .hasMessageContaining("simulated kill after linking gamma")
        .satisfies(t -> assertThat(((EnvxException) t).first().hints()).contains("the environment was left as it was"));
    assertThat(Trees.describe(prefix)).isEqualTo(before);
    assertThat(Installer.sibling(prefix, "stage")).doesNotExist();

    // a process killed while building its stage leaves it behind: the next run removes it, env unchanged
    Files.createDirectories(Installer.sibling(prefix, "stage").resolve("share"));
    Files.writeString(Installer.sibling(prefix, "stage").resolve("share/half.txt"), "half");
    Installer.recover(prefix);
    assertThat(Installer.sibling(prefix, "stage")).doesNotExist();
    assertThat(Trees.describe(prefix)).isEqualTo(before);

    // killed between the two renames of the swap (journal written, prefix moved away): rolled forward
    new Installer(cache(), 1).apply(plan);
    Map<String, String> after = Trees.describe(prefix);
    Path old = Installer.sibling(prefix, "old");
    Files.createDirectories(old.resolve("share"));
    Files.writeString(old.resolve("share/beta.txt"), "2\n"); // the previous environment, moved aside
    Files.writeString(Installer.sibling(prefix, "journal"), "envx install journal v1\n");
    Files.move(prefix, Installer.sibling(prefix, "stage")); // the new one, not yet renamed into place
    Installer.recover(prefix);
    assertThat(Trees.describe(prefix)).isEqualTo(after);
    assertThat(prefix.resolve("share/gamma.txt")).exists();
    assertThat(prefix.resolve("share/beta.txt")).doesNotExist();
    assertThat(Installer.sibling(prefix, "journal")).doesNotExist();
  }

  @Test
  void aDirectoryThatIsNotAnEnvironmentIsNotTouched() throws Exception {
    Path prefix = tmp.resolve("home");
    Files.createDirectories(prefix);
    Files.writeString(prefix.resolve("notes.txt"), "mine");
    Path a = Archives.conda(tmp.resolve("pkgs"), "alpha", List.of(Member.file("share/alpha.txt", "1\n")));
    assertThatThrownBy(() -> install(List.of(Archives.locked(a, true)), prefix))
        .hasMessageContaining("exists and is not an environment");
    assertThat(Trees.describe(prefix)).containsOnlyKeys("notes.txt");
  }

  @Test
  void twoInstallsIntoOneCacheAtOnce() throws Exception {
    List<LockedPackage> pkgs = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      List<Member> files = new ArrayList<>();
      for (int f = 0; f < 40; f++) {
        files.add(Member.file("share/p" + i + "/f" + f + ".txt", ("p" + i + " f" + f + "\n").repeat(100)));
      }
      pkgs.add(Archives.locked(Archives.conda(tmp.resolve("pkgs"), "pkg" + i, files), true));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Installer.Result>> runs = new ArrayList<>();
      for (int r = 0; r < 4; r++) {
        Path prefix = tmp.resolve("env" + r);
        // separate caches over one directory, as separate processes would have
        Callable<Installer.Result> run = () -> new Installer(cache(), 3).apply(
            Planner.plan(pkgs, PrefixState.read(prefix), null));
        runs.add(pool.submit(run));
      }
      for (Future<Installer.Result> f : runs) {
        assertThat(f.get().linked()).isEqualTo(12);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(cacheEntries()).hasSize(12).noneMatch(n -> n.startsWith(".tmp-"));
    Map<String, String> first = Trees.describe(tmp.resolve("env0"));
    for (int r = 1; r < 4; r++) {
      Map<String, String> other = Trees.describe(tmp.resolve("env" + r));
      assertThat(other.keySet()).isEqualTo(first.keySet());
    }
    assertThat(tmp.resolve("env3/share/p11/f39.txt")).hasContent(("p11 f39\n").repeat(100).strip());
  }
}
