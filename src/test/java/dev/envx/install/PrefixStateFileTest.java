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

/**
 * The compact prefix state: read only while it matches the conda-meta records and the PyPI dist-info directories
 * exactly, else the records are.
 */
class PrefixStateFileTest {
  @TempDir Path tmp;

  private Path installed() throws Exception {
    Path a = Archives.conda(tmp.resolve("pkgs"), "alpha", List.of(Member.file("share/a b\tc.txt", "1\n"),
        Member.file("bin/alpha", "#!/bin/sh\n")));
    Path b = Archives.conda(tmp.resolve("pkgs"), "beta", List.of(Member.file("share/beta.txt", "2\n")));
    Path prefix = tmp.resolve("env");
    List<LockedPackage> pkgs = List.of(Archives.locked(a, true), Archives.locked(b, true),
        Archives.wheel(tmp.resolve("wheels"), "gadget", "1.0"), Archives.wheel(tmp.resolve("wheels"), "widget", "2.0"));
    install(pkgs, prefix);
    return prefix;
  }

  private void install(List<LockedPackage> pkgs, Path prefix) {
    new Installer(new PackageCache(tmp.resolve("cache"), Transport.offline()), 2)
        .apply(Planner.plan(pkgs, PrefixState.read(prefix), PY));
  }

  private static final PythonTarget PY = new PythonTarget("3.11", null);

  @Test
  void anInstallWritesItAndItReadsAsTheRecordsDo() throws Exception {
    Path prefix = installed();
    Path meta = prefix.resolve("conda-meta");
    assertThat(meta.resolve(PrefixStateFile.NAME)).exists();
    PrefixState records = PrefixState.readRecords(prefix);
    assertThat(records.conda()).hasSize(2);
    assertThat(records.wheels()).extracting(Installed.Wheel::label).containsExactly("gadget==1.0", "widget==2.0");
    assertThat(records.wheels().get(0).files()).contains("lib/python3.11/site-packages/gadget/__init__.py");
    assertThat(PrefixStateFile.read(prefix)).contains(records);
    assertThat(PrefixState.read(prefix)).isEqualTo(records);
    assertThat(records.conda().get(0).files()).contains("share/a b\tc.txt");
  }

  @Test
  void pipChangingAddingOrRemovingADistInfoMakesItStale() throws Exception {
    Path prefix = installed();
    Path sp = prefix.resolve(PY.sitePackages());
    Path record = sp.resolve("gadget-1.0.dist-info/RECORD");
    // pip rewrote a RECORD (same size, other time) or the INSTALLER
    Files.setLastModifiedTime(record, FileTime.fromMillis(Files.getLastModifiedTime(record).toMillis() + 5000));
    assertThat(PrefixStateFile.read(prefix)).isEmpty();
    PrefixStateFile.write(PrefixState.readRecords(prefix));
    assertThat(PrefixStateFile.read(prefix)).isPresent();
    Files.writeString(sp.resolve("gadget-1.0.dist-info/INSTALLER"), "pip\n");
    assertThat(PrefixStateFile.read(prefix)).isEmpty();
    assertThat(PrefixState.read(prefix).wheels().get(0).installer()).isEqualTo("pip");
    PrefixStateFile.write(PrefixState.readRecords(prefix));
    // pip installed another distribution
    Path extra = Files.createDirectories(sp.resolve("extra-3.dist-info"));
    Files.writeString(extra.resolve("METADATA"), "Name: extra\nVersion: 3\n\n");
    assertThat(PrefixStateFile.read(prefix)).isEmpty();
    assertThat(PrefixState.read(prefix).wheels()).extracting(Installed.Wheel::label).contains("extra==3");
    // a dist-info envx does not read as a distribution (no METADATA) is in the state too, and stays fresh
    Files.delete(extra.resolve("METADATA"));
    PrefixStateFile.write(PrefixState.readRecords(prefix));
    assertThat(PrefixStateFile.read(prefix)).contains(PrefixState.readRecords(prefix));
    Files.writeString(extra.resolve("METADATA"), "Name: extra\nVersion: 3\n\n");
    assertThat(PrefixStateFile.read(prefix)).isEmpty();
    // pip uninstalled one
    PrefixStateFile.write(PrefixState.readRecords(prefix));
    PackageCache.deleteTree(sp.resolve("gadget-1.0.dist-info"));
    assertThat(PrefixStateFile.read(prefix)).isEmpty();
    assertThat(PrefixState.read(prefix).wheels()).extracting(Installed.Wheel::label)
        .containsExactly("extra==3", "widget==2.0");
  }

  @Test
  void aNoopReinstallWithWheelsReadsNoRecordOrMetadata() throws Exception {
    Path prefix = installed();
    Path di = prefix.resolve(PY.sitePackages()).resolve("gadget-1.0.dist-info");
    // METADATA and RECORD rewritten behind the state's back, with their size and time kept: the state still
    // stands for them, which shows that a no-op read opened neither (the records themselves now say otherwise)
    for (String f : List.of("METADATA", "RECORD")) {
      Path file = di.resolve(f);
      FileTime time = Files.getLastModifiedTime(file);
      String text = Files.readString(file);
      Files.writeString(file, f.equals("METADATA") ? text.replace("Version: 1.0", "Version: 9.9")
          : text.replace("gadget/__init__.py", "gadget/__init__.px"));
      Files.setLastModifiedTime(file, time);
    }
    PrefixState records = PrefixState.readRecords(prefix);
    assertThat(records.wheels().get(0).label()).isEqualTo("gadget==9.9");
    PrefixState state = PrefixState.read(prefix);
    assertThat(state.wheels().get(0).label()).isEqualTo("gadget==1.0");
    assertThat(state.wheels().get(0).files()).contains("lib/python3.11/site-packages/gadget/__init__.py");
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
    assertThat(PrefixStateFile.read(prefix)).isEmpty();
    // same size, only the time differs: still stale
    Files.writeString(alpha, text);
    Files.setLastModifiedTime(alpha, FileTime.fromMillis(Files.getLastModifiedTime(alpha).toMillis() + 5000));
    assertThat(PrefixStateFile.read(prefix)).isEmpty();
    PrefixStateFile.write(PrefixState.readRecords(prefix));
    assertThat(PrefixStateFile.read(prefix)).isPresent();
    // another tool added a package
    Path extra = Files.writeString(meta.resolve("gamma-1-0.json"), "{\"name\": \"gamma\", \"version\": \"1\", "
        + "\"build\": \"0\", \"files\": []}");
    assertThat(PrefixStateFile.read(prefix)).isEmpty();
    assertThat(PrefixState.read(prefix).conda()).extracting(Installed.Conda::name).contains("gamma");
    Files.delete(extra);
    assertThat(PrefixStateFile.read(prefix)).isPresent();
    Files.delete(alpha);
    assertThat(PrefixStateFile.read(prefix)).isEmpty();
    assertThat(PrefixState.read(prefix).conda()).extracting(Installed.Conda::name).containsExactly("beta");
  }

  @Test
  void aDamagedTruncatedOrNewerFileIsIgnored() throws Exception {
    Path prefix = installed();
    Path meta = prefix.resolve("conda-meta");
    Path state = meta.resolve(PrefixStateFile.NAME);
    String good = Files.readString(state);
    for (String bad : List.of(good.substring(0, good.length() - 4), good.replace("envx prefix state 2",
        "envx prefix state 3"), good.replace("envx prefix state 2", "envx prefix state 1"),
        good.replaceFirst("\nW\t", "\nV\t"), good.replaceFirst("share/", "share\\\\q/"), good.replaceFirst("\nF\t", "\nG\t"),
        good.replace("\nend\n", "\nend\nmore\n"), "", "garbage\u0000\n")) {
      Files.writeString(state, bad);
      assertThat(PrefixStateFile.read(prefix)).as(bad).isEmpty();
      assertThat(PrefixState.read(prefix)).isEqualTo(PrefixState.readRecords(prefix));
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
