package dev.envx.format.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envx.diag.EnvxException;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real lockfile in {@code ../shared/data/lockfiles}: read without error (or, where its README says so,
 * rejected with a clear message), written in its own format, read again: the same packages, URLs, hashes,
 * dependencies and categories; and the written text is a fixpoint (write, read, write gives the same bytes).
 */
class RealLockfilesTest {
  private static final Set<String> NOT_LOCKS = Set.of("pyproject.toml", "pixi.toml", "pdm.lock", "README.md");

  static Path dir() {
    return SharedData.require("lockfiles");
  }

  /** The files the README says must be rejected. */
  static boolean mustFail(Path p) {
    String s = p.toString();
    return s.contains("/invalid-v7/") || s.endsWith("forward-compatible-lock.yml")
        || p.getFileName().toString().startsWith("bad_");
  }

  static Stream<String> lockfiles() throws IOException {
    Path d = dir();
    try (Stream<Path> s = Files.walk(d)) {
      return s.filter(Files::isRegularFile).filter(RealLockfilesTest::isLock)
          .map(p -> d.relativize(p).toString()).sorted().toList().stream();
    }
  }

  /** Lockfiles by content: a lock's keys, a lock-version, an @EXPLICIT line. Manifests are not locks. */
  static boolean isLock(Path p) {
    String n = p.getFileName().toString();
    if (NOT_LOCKS.contains(n) || (n.endsWith(".json") && !n.contains("-lock")) || n.endsWith(".md")) {
      return false;
    }
    try {
      String text = Files.readString(p);
      return LockFormat.sniff(text, null) != null;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** What the own-format writer can hold: pixi v6 has no v7 `conda_source` packages. */
  static Predicate<LockEntry> writable(LockFormat f) {
    return e -> !(f == LockFormat.PIXI && e instanceof LockEntry.Opaque o
        && "conda_source".equals(o.extra().get(PixiLockReader.KIND)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lockfiles")
  void roundTripsInItsOwnFormat(String rel) throws IOException {
    Path p = dir().resolve(rel);
    if (mustFail(p)) {
      assertThatThrownBy(() -> Lockfiles.read(p)).isInstanceOfSatisfying(EnvxException.class, e -> {
        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(e.first().span()).as("a rejected file points at the place").isNotNull();
        System.out.println(rel + ": rejected: " + e.first().oneLine());
      });
      return;
    }
    LockRead read = Lockfiles.read(p);
    LockFormat f = read.format();
    Lockfile lock = read.lock();
    LockWrite written = Lockfiles.write(lock, f);
    Predicate<LockEntry> keep = writable(f);
    for (LockWrite.File out : written.files()) {
      Lockfile again = Lockfiles.parse(out.text(), "written-" + p.getFileName(), f).lock();
      Lockfile expected = out.platform() == null ? lock : lock.onlyPlatforms(Set.of(out.platform()));
      List<String> got = LockSummary.of(again, e -> true);
      List<String> want = LockSummary.of(expected, keep,
          f == LockFormat.PIXI ? x -> PixiLockWriter.v6PlatformName(lock, x) : x -> x);
      List<String> missing = new java.util.ArrayList<>(want);
      missing.removeAll(got);
      List<String> extra = new java.util.ArrayList<>(got);
      extra.removeAll(want);
      assertThat(missing).as("packages of %s lost in a round trip (and gained: %s)", rel,
          extra.subList(0, Math.min(3, extra.size()))).isEmpty();
      assertThat(got).as("packages of %s after a round trip", rel).containsExactlyElementsOf(want);
      assertThat(again.metadata().inputHash()).isEqualTo(lock.metadata().inputHash());
      String twice = Lockfiles.write(again, f).files().get(0).text();
      assertThat(twice).as("write, read, write is a fixpoint").isEqualTo(out.text());
    }
    long conda = LockSummary.count(lock, e -> e instanceof LockEntry.Resolved r
        && r.pkg() instanceof LockedPackage.Conda);
    long pypi = LockSummary.count(lock, e -> e instanceof LockEntry.Resolved r
        && r.pkg() instanceof LockedPackage.Pypi);
    long opaque = LockSummary.count(lock, e -> e instanceof LockEntry.Opaque);
    long dropped = LockSummary.count(lock, keep.negate());
    System.out.printf("%s: %s v%s, %d env, %d platforms, %d conda, %d pypi, %d carried, %d not in v6, %d warnings%n",
        rel, f.label(), lock.metadata().formatVersion(), lock.environments().size(), lock.platforms().size(), conda,
        pypi, opaque, dropped, written.warnings().size());
  }

  @Test
  void shuffledAndOriginalSerializeIdentically() {
    Path d = dir().resolve("pixi-lock/rattler-test-data/v5");
    String a = Lockfiles.write(Lockfiles.read(d.resolve("stability-original.yml")).lock(), LockFormat.PIXI).text();
    String b = Lockfiles.write(Lockfiles.read(d.resolve("stability-shuffled.yml")).lock(), LockFormat.PIXI).text();
    assertThat(b).isEqualTo(a);
  }

  @Test
  void everyCaseIsFound() throws IOException {
    List<String> all = lockfiles().toList();
    System.out.println(all.size() + " lockfiles");
    assertThat(all).hasSizeGreaterThan(100);
  }
}
