package dev.envx.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.format.lock.Hashes;
import dev.envx.format.lock.LockedPackage;
import dev.envx.install.Archives.Member;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compact prefix state: read only while it matches the conda-meta records exactly, else the records are. */
class PrefixStateFileTest {
  @TempDir Path tmp;

  private Path installed() throws Exception {
    Path a = Archives.conda(tmp.resolve("pkgs"), "alpha", List.of(Member.file("share/a b\tc.txt", "1\n"),
        Member.file("bin/alpha", "#!/bin/sh\n")));
    Path b = Archives.conda(tmp.resolve("pkgs"), "beta", List.of(Member.file("share/beta.txt", "2\n")));
    Path prefix = tmp.resolve("env");
    List<LockedPackage> pkgs = List.of(Archives.locked(a, true), Archives.locked(b, true));
    new Installer(new PackageCache(tmp.resolve("cache"), Transport.offline()), 2)
        .apply(Planner.plan(pkgs, PrefixState.read(prefix), null));
    return prefix;
  }

  @Test
  void anInstallWritesItAndItReadsAsTheRecordsDo() throws Exception {
    Path prefix = installed();
    Path meta = prefix.resolve("conda-meta");
    assertThat(meta.resolve(PrefixStateFile.NAME)).exists();
    List<Installed.Conda> records = PrefixState.readConda(prefix);
    assertThat(records).hasSize(2);
    assertThat(PrefixStateFile.read(meta)).contains(records);
    assertThat(PrefixState.read(prefix).conda()).isEqualTo(records);
    assertThat(records.get(0).files()).contains("share/a b\tc.txt");
  }

  @Test
  void aChangedAddedOrRemovedRecordMakesItStale() throws Exception {
    Path prefix = installed();
    Path meta = prefix.resolve("conda-meta");
    Path alpha;
    try (var s = Files.list(meta)) {
      alpha = s.filter(f -> f.getFileName().toString().startsWith("alpha-")).findFirst().orElseThrow();
    }
    // conda rewrote a record: same name, new content (and so size and time)
    String text = Files.readString(alpha);
    Files.writeString(alpha, text.replace("\"requested_spec\": \"\"", "\"requested_spec\": \"alpha\""));
    assertThat(PrefixStateFile.read(meta)).isEmpty();
    // same size, only the time differs: still stale
    Files.writeString(alpha, text);
    Files.setLastModifiedTime(alpha, FileTime.fromMillis(Files.getLastModifiedTime(alpha).toMillis() + 5000));
    assertThat(PrefixStateFile.read(meta)).isEmpty();
    PrefixStateFile.write(meta, PrefixState.readConda(prefix));
    assertThat(PrefixStateFile.read(meta)).isPresent();
    // another tool added a package
    Path extra = Files.writeString(meta.resolve("gamma-1-0.json"), "{\"name\": \"gamma\", \"version\": \"1\", "
        + "\"build\": \"0\", \"files\": []}");
    assertThat(PrefixStateFile.read(meta)).isEmpty();
    assertThat(PrefixState.read(prefix).conda()).extracting(Installed.Conda::name).contains("gamma");
    Files.delete(extra);
    assertThat(PrefixStateFile.read(meta)).isPresent();
    Files.delete(alpha);
    assertThat(PrefixStateFile.read(meta)).isEmpty();
    assertThat(PrefixState.read(prefix).conda()).extracting(Installed.Conda::name).containsExactly("beta");
  }

  @Test
  void aDamagedTruncatedOrNewerFileIsIgnored() throws Exception {
    Path prefix = installed();
    Path meta = prefix.resolve("conda-meta");
    Path state = meta.resolve(PrefixStateFile.NAME);
    String good = Files.readString(state);
    for (String bad : List.of(good.substring(0, good.length() - 4), good.replace("envx prefix state 1",
        "envx prefix state 2"), good.replaceFirst("share/", "share\\\\q/"), good.replaceFirst("\nF\t", "\nG\t"),
        good.replace("\nend\n", "\nend\nmore\n"), "", "garbage\u0000\n")) {
      Files.writeString(state, bad);
      assertThat(PrefixStateFile.read(meta)).as(bad).isEmpty();
      assertThat(PrefixState.read(prefix).conda()).isEqualTo(PrefixState.readConda(prefix));
    }
  }

  @Property(tries = 300)
  void escapingRoundTrips(@ForAll String s) {
    String e = PrefixStateFile.escape(s);
    assertThat(e).doesNotContain("\t", "\n", "\r");
    assertThat(PrefixStateFile.unescape(e)).isEqualTo(s);
  }

  @Test
  void absentValuesRoundTrip() {
    assertThat(PrefixStateFile.unescape(PrefixStateFile.escape(null))).isNull();
    assertThat(PrefixStateFile.unescape(PrefixStateFile.escape("\\N"))).isEqualTo("\\N");
    assertThat(new Hashes(null, null)).isEqualTo(Hashes.NONE);
  }
}
