package dev.envx.format.lock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.model.conda.CondaVersion;
import dev.envx.model.conda.Platform;
import dev.envx.model.pep440.Pep440Version;
import dev.envx.model.pep508.PyPiName;
import dev.envx.model.pep508.Requirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Over generated locks, in every format: writing is deterministic and write → read → write is a fixpoint (for
 * {@code @EXPLICIT} up to line order, which follows dependencies the format does not record).
 */
class LockWriteProperties {
  private static final List<String> PLATFORMS = List.of("linux-64", "osx-arm64", "win-64");

  @Property(tries = 60)
  void writeReadWriteIsAFixpoint(@ForAll("locks") Lockfile lock) {
    for (LockFormat f : LockFormat.values()) {
      LockWrite first = Lockfiles.write(lock, f);
      assertThat(Lockfiles.write(lock, f).files()).as("two writes, same bytes (%s)", f)
          .isEqualTo(first.files());
      for (LockWrite.File file : first.files()) {
        Lockfile read = Lockfiles.parse(file.text(), f.defaultFileName(), f).lock();
        List<LockWrite.File> again = Lockfiles.write(read, f).files();
        assertThat(again).as("%s", f).hasSize(1);
        if (f == LockFormat.EXPLICIT) {
          // @EXPLICIT holds no dependencies, so the dependency-first line order is not read back: same lines,
          // and from the second write on the same bytes
          assertThat(again.get(0).text().lines().sorted().toList()).isEqualTo(file.text().lines().sorted().toList());
          Lockfile read2 = Lockfiles.parse(again.get(0).text(), f.defaultFileName(), f).lock();
          assertThat(Lockfiles.write(read2, f).files()).isEqualTo(again);
        } else {
          assertThat(again.get(0).text()).as("write, read, write (%s)", f).isEqualTo(file.text());
        }
      }
    }
  }

  @Property(tries = 30)
  void packageOrderDoesNotMatter(@ForAll("locks") Lockfile lock) {
    LockEnvironment env = lock.defaultEnvironment();
    Map<String, List<LockEntry>> reversed = new TreeMap<>();
    env.packages().forEach((p, entries) -> {
      List<LockEntry> r = new ArrayList<>(entries);
      java.util.Collections.reverse(r);
      reversed.put(p, r);
    });
    Lockfile shuffled = new Lockfile(lock.metadata(), List.of(new LockEnvironment(env.name(), env.channels(),
        env.indexUrls(), env.options(), reversed)));
    for (LockFormat f : LockFormat.values()) {
      assertThat(Lockfiles.write(shuffled, f).files()).isEqualTo(Lockfiles.write(lock, f).files());
    }
  }

  @Provide
  Arbitrary<Lockfile> locks() {
    Arbitrary<LockEntry> conda = Combinators.combine(Arbitraries.of("zlib", "numpy", "python", "libgcc-ng", "tzdata"),
        Arbitraries.integers().between(0, 30), Arbitraries.integers().between(0, 9), Arbitraries.of(PLATFORMS),
        Arbitraries.strings().withChars("0123456789abcdef").ofLength(32),
        Arbitraries.of("zlib", "python >=3.9", "libgcc-ng >=12").list().ofMaxSize(2).uniqueElements(),
        Arbitraries.of(Set.of("main"), Set.of("dev"), Set.of("main", "dev"))).as(
            (name, minor, build, platform, md5, deps, cats) -> {
              String version = "1." + minor;
              String b = "h1234_" + build;
              String file = name + "-" + version + "-" + b + ".conda";
              String url = "https://conda.anaconda.org/conda-forge/" + platform + "/" + file;
              LockedPackage.Conda c = new LockedPackage.Conda(name, CondaVersion.parse(version), b, build,
                  "https://conda.anaconda.org/conda-forge", Platform.parse(platform), url, file,
                  new Hashes(md5, md5 + md5), -1, deps.stream().filter(d -> !d.startsWith(name)).toList(), null,
                  null, null, null, null);
              return (LockEntry) new LockEntry.Resolved(c, new java.util.TreeSet<>(cats), LockFormat.CONDA_LOCK,
                  null);
            });
    Arbitrary<LockEntry> pypi = Combinators.combine(Arbitraries.of("requests", "six", "Flask", "attrs"),
        Arbitraries.integers().between(0, 20), Arbitraries.strings().withChars("0123456789abcdef").ofLength(64),
        Arbitraries.of("six", "attrs>=20", "idna").list().ofMaxSize(2).uniqueElements()).as(
            (name, minor, sha, deps) -> {
              String version = "2." + minor;
              String file = name.toLowerCase() + "-" + version + "-py3-none-any.whl";
              LockedPackage.Pypi p = new LockedPackage.Pypi(PyPiName.of(name), Pep440Version.parse(version),
                  "https://files.pythonhosted.org/packages/" + file, file, Hashes.sha256(sha), -1,
                  deps.stream().map(Requirement::parse).toList(), null, null);
              return (LockEntry) LockEntry.Resolved.of(p, LockFormat.PIXI);
            });
    Arbitrary<List<LockEntry>> entries = Arbitraries.oneOf(conda, pypi).list().ofMaxSize(12);
    return entries.map(list -> {
      Map<String, List<LockEntry>> byPlatform = new TreeMap<>();
      for (LockEntry e : list) {
        String platform = e instanceof LockEntry.Resolved r && r.pkg() instanceof LockedPackage.Conda c
            ? c.subdir().subdir() : PLATFORMS.get(Math.abs(e.name().hashCode()) % PLATFORMS.size());
        List<LockEntry> l = byPlatform.computeIfAbsent(platform, k -> new ArrayList<>());
        // one package per name and platform, as a solve gives
        if (l.stream().noneMatch(x -> x.name().equalsIgnoreCase(e.name()))) {
          l.add(e);
        }
      }
      LockEnvironment env = new LockEnvironment(LockEnvironment.DEFAULT, List.of("conda-forge"),
          List.of("https://pypi.org/simple"), null, byPlatform);
      LockMetadata meta = new LockMetadata(null, "sha256:" + "0".repeat(64), new ArrayList<>(byPlatform.keySet()),
          null, null, null);
      return new Lockfile(meta, List.of(env));
    });
  }
}
