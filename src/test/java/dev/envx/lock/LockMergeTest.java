package dev.envx.lock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.format.lock.LockEntry;
import dev.envx.format.lock.LockEnvironment;
import dev.envx.format.lock.LockedPackage;
import dev.envx.format.lock.Lockfile;
import dev.envx.format.lock.Lockfiles;
import dev.envx.model.conda.CondaVersion;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The three-way merge by package over a real envx lock (two platforms, a dev category). */
class LockMergeTest {
  private static Lockfile base() throws IOException {
    Path p = SharedData.projectRoot().resolve("testdata/lock/local-categories/conda-lock.yml.expected");
    return Lockfiles.parse(Files.readString(p).replace("@HASH@", "0".repeat(64)).replace("@SHARED@", "/shared"), p.toString(), null).lock();
  }

  /** The lock with each linux-64 entry passed through {@code edit} (null drops it), and {@code added} added. */
  private static Lockfile edit(Lockfile l, UnaryOperator<LockEntry> edit, LockEntry... added) {
    LockEnvironment e = l.defaultEnvironment();
    Map<String, List<LockEntry>> pk = new TreeMap<>(e.packages());
    List<LockEntry> linux = new ArrayList<>();
    for (LockEntry x : pk.get("linux-64")) {
      LockEntry y = edit.apply(x);
      if (y != null) {
        linux.add(y);
      }
    }
    linux.addAll(List.of(added));
    pk.put("linux-64", linux);
    return new Lockfile(l.metadata(), List.of(new LockEnvironment(e.name(), e.channels(), e.indexUrls(),
        e.options(), pk)));
  }

  private static LockEntry entry(Lockfile l, String name) {
    return l.defaultEnvironment().packages("linux-64").stream().filter(e -> e.name().equals(name)).findFirst()
        .orElseThrow();
  }

  /** The same entry at another version. */
  private static LockEntry bumped(LockEntry e, String version) {
    LockedPackage.Conda c = (LockedPackage.Conda) ((LockEntry.Resolved) e).pkg();
    LockedPackage.Conda d = new LockedPackage.Conda(c.name(), CondaVersion.parse(version), c.build(),
        c.buildNumber(), c.channel(), c.subdir(), c.url(), c.fileName(), c.hashes(), c.size(), c.depends(),
        c.constrains(), c.timestampMillis(), c.license(), c.noarch(), c.trackFeatures());
    return new LockEntry.Resolved(d, e.categories(), e.origin(), e.extra());
  }

  @Test
  void eachSideKeepsItsOwnChangesWhenTheyTouchDifferentPackages() throws IOException {
    Lockfile base = base();
    LockEntry xz = entry(base, "xz");
    Lockfile ours = edit(base, e -> e.name().equals("xz") ? null : e);           // removes xz
    Lockfile theirs = edit(base, e -> e.name().equals("openssl") ? bumped(e, "3.9.0") : e); // moves openssl
    LockMerge.Result r = LockMerge.merge(base, ours, theirs);
    assertThat(r.clean()).isTrue();
    List<LockEntry> linux = r.lock().defaultEnvironment().packages("linux-64");
    assertThat(linux).doesNotContain(xz).contains(bumped(entry(base, "openssl"), "3.9.0"));
    assertThat(r.lock().defaultEnvironment().packages("osx-arm64"))
        .isEqualTo(base.defaultEnvironment().packages("osx-arm64"));
    assertThat(LockDiff.between(base, r.lock()).lines(10)).containsExactly(
        "linux-64: ~ openssl 3.3.1-h4ab18f5_1 -> 3.9.0-h4ab18f5_1", "linux-64: - xz 5.2.6-h166bdaf_0");
  }

  @Test
  void theSameChangeOnBothSidesIsNoConflict() throws IOException {
    Lockfile base = base();
    Lockfile both = edit(base, e -> e.name().equals("tk") ? bumped(e, "8.7") : e);
    LockMerge.Result r = LockMerge.merge(base, both, both);
    assertThat(r.clean()).isTrue();
    assertThat(LockDiff.between(both, r.lock()).isEmpty()).isTrue();
  }

  @Test
  void differentChangesToOnePackageAreAConflictNamingItWithOursKept() throws IOException {
    Lockfile base = base();
    Lockfile ours = edit(base, e -> e.name().equals("openssl") ? bumped(e, "3.4.0") : e);
    Lockfile theirs = edit(base, e -> e.name().equals("openssl") ? bumped(e, "3.5.0") : e);
    LockMerge.Result r = LockMerge.merge(base, ours, theirs);
    assertThat(r.conflicts()).containsOnlyKeys("linux-64");
    assertThat(r.conflictingNames()).containsExactly("openssl");
    assertThat(r.lock().defaultEnvironment().packages("linux-64")).contains(entry(ours, "openssl"));
  }

  @Test
  void theInputHashIsTheChangedSidesAndNoneWhenBothChangedIt() throws IOException {
    Lockfile base = base();
    String h1 = "sha256:" + "1".repeat(64);
    String h2 = "sha256:" + "2".repeat(64);
    Lockfile ours = base.withMetadata(base.metadata().withInputHash(h1));
    Lockfile theirs = base.withMetadata(base.metadata().withInputHash(h2));
    assertThat(LockMerge.merge(base, ours, base).lock().metadata().inputHash()).isEqualTo(h1);
    assertThat(LockMerge.merge(base, base, theirs).lock().metadata().inputHash()).isEqualTo(h2);
    assertThat(LockMerge.merge(base, ours, theirs).lock().metadata().inputHash()).isNull();
  }
}
