package dev.envx.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envx.diag.EnvxException;
import dev.envx.model.conda.Channel;
import dev.envx.model.conda.ChannelConfig;
import dev.envx.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepodataParserTest {
  private static final Channel CF = Channel.parse("conda-forge");

  private static Path testdata(String name) {
    return SharedData.projectRoot().resolve("testdata/index").resolve(name);
  }

  private static Path channels() {
    return SharedData.require("channels");
  }

  @Test
  void readsEveryFieldTheSolverAndLockNeed() {
    SubdirRepodata r = new RepodataParser().parse(testdata("edge-cases.json"), CF, "noarch");
    assertThat(r.subdir()).isEqualTo("noarch");
    assertThat(r.repodataVersion()).isEqualTo(2);
    assertThat(r.names()).containsExactlyInAnyOrder("foo", "legacy");
    // foo-1.0 exists as .tar.bz2 and .conda: only the .conda record is kept
    assertThat(r.records("foo")).extracting(PackageRecord::fileName)
        .containsExactlyInAnyOrder("foo-1.0-py_0.conda", "foo-1.1-py_0.tar.bz2");
    assertThat(r.size()).isEqualTo(3);
    PackageRecord foo = r.records("foo").stream().filter(PackageRecord::isCondaFormat).findFirst().orElseThrow();
    assertThat(foo.name()).isEqualTo("foo");
    assertThat(foo.version()).isEqualTo("1.0");
    assertThat(foo.build()).isEqualTo("py_0");
    assertThat(foo.depends()).containsExactly("python >=3.8", "bar");
    assertThat(foo.constrains()).containsExactly("baz <2");
    assertThat(foo.trackFeatures()).isEmpty();
    assertThat(foo.noarch()).contains("python");
    assertThat(foo.pythonSitePackagesPath()).contains("lib/python3.13t/site-packages");
    assertThat(foo.sha256()).contains("242c0c324507ee172c0e0dd2045814e746bb303d1eb78870d182ceb0abc726a8");
    assertThat(foo.md5()).isEmpty();
    assertThat(foo.size()).isEqualTo(999);
    assertThat(foo.timestampMillis()).isEmpty();
    assertThat(foo.channel()).contains(CF);
    // CEP-15: a relative base_url resolves against the subdir URL
    assertThat(foo.url()).contains("https://conda.anaconda.org/conda-forge/mirror/noarch/foo-1.0-py_0.conda");

    PackageRecord old = r.records("foo").stream().filter(x -> x.version().equals("1.1")).findFirst().orElseThrow();
    assertThat(old.timestampMillis()).contains(1518197313289L);
    assertThat(old.license()).contains("MIT");
    assertThat(old.size()).isEqualTo(-1);

    PackageRecord legacy = r.records("legacy").get(0);
    assertThat(legacy.version()).isEqualTo("2.0"); // name, version and build from the file name
    assertThat(legacy.build()).isEqualTo("0");
    assertThat(legacy.features()).containsExactly("nomkl");
    assertThat(legacy.trackFeatures()).containsExactly("mkl", "debug");
    assertThat(legacy.noarch()).contains("generic");
    assertThat(legacy.depends()).isEmpty();
    assertThat(legacy.subdir()).isEqualTo("noarch");
  }

  @Test
  void internsRepeatedStrings() {
    SubdirRepodata r = new RepodataParser().parse(testdata("edge-cases.json"), CF, "noarch");
    List<PackageRecord> foo = r.records("foo");
    String python = foo.get(0).depends().isEmpty() ? foo.get(1).depends().get(0) : foo.get(0).depends().get(0);
    SubdirRepodata again = new RepodataParser().parse(testdata("edge-cases.json"), CF, "noarch");
    assertThat(again.records("foo").get(0).name()).isEqualTo("foo");
    assertThat(foo.get(0).name()).isSameAs(foo.get(1).name());
    assertThat(python).isEqualTo("python >=3.8");
  }

  @Test
  void malformedRepodataIsAFailureWithLocation() {
    assertThatThrownBy(() -> new RepodataParser().parse(testdata("truncated.json"), CF, "noarch"))
        .isInstanceOfSatisfying(EnvxException.class, e -> {
          assertThat(e.exitCode()).isEqualTo(1);
          assertThat(e.first().message()).startsWith("malformed repodata `").contains("truncated.json` at line ");
          assertThat(e.first().hints()).isNotEmpty();
        });
    assertThatThrownBy(() -> new RepodataParser().parse("[1]".getBytes(), CF, "noarch", "x"))
        .isInstanceOf(EnvxException.class).hasMessageContaining("`x` is not repodata: its top level is an array");
  }

  private static SubdirRepodata parse(String json) {
    return new RepodataParser().parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), CF, "noarch",
        "ch/noarch/repodata.json");
  }

  @Test
  void recordsWithWrongTypesAreSkippedWithTheirReasons() {
    SubdirRepodata r = parse("""
        {"packages": {
          "a-1-0.tar.bz2": {"name": "a", "version": "1", "build": "0", "depends": "python"},
          "b-1-0.tar.bz2": {"name": "b", "version": "1", "build": "0", "depends": ["python", 3]},
          "c-1-0.tar.bz2": {"name": "c", "version": 1, "build": "0"},
          "d-1-0.tar.bz2": {"name": "d", "version": "1", "build": "0", "build_number": "7"},
          "e-1-0.tar.bz2": 5,
          "f.tar.bz2": {"version": "1", "build": "0"},
          "g-1-0.tar.bz2": {"name": "g", "version": "1", "build": "0", "sha256": "abc"},
          "ok-1-0.tar.bz2": {"name": "ok", "version": "1", "build": "0", "depends": ["python >=3"]}
        }}""");
    assertThat(r.size()).isEqualTo(1);
    assertThat(r.records("ok").get(0).depends()).containsExactly("python >=3");
    assertThat(r.skippedCount()).isEqualTo(7);
    var w = r.warnings(false);
    assertThat(w).hasSize(1);
    assertThat(w.get(0).message()).isEqualTo("skipped 7 malformed records of 8 in `" + CF + "/noarch`");
    assertThat(w.get(0).hints()).containsExactly("`a-1-0.tar.bz2`: `depends` is a string, not a list of strings",
        "`b-1-0.tar.bz2`: an element of `depends` is not a string", "`c-1-0.tar.bz2`: `version` is a number, not a string",
        "4 more; run with `--verbose` to list them all");
    assertThat(r.warnings(true).get(0).hints()).hasSize(7).contains("`e-1-0.tar.bz2`: the record is a number, not an object",
        "`f.tar.bz2`: no name, version or build", "`g-1-0.tar.bz2`: `sha256` is not 64 hexadecimal digits",
        "`d-1-0.tar.bz2`: `build_number` is a string, not an integer");
  }

  @Test
  void aWrongTopLevelShapeIsAnErrorNamingTheFile() {
    for (String json : new String[] {"{\"packages\": [1, 2, 3]}", "{\"packages\": 5}", "{\"packages.conda\": \"x\"}"}) {
      assertThatThrownBy(() -> parse(json)).isInstanceOf(EnvxException.class)
          .hasMessageContaining("in `ch/noarch/repodata.json` is ").hasMessageContaining("not an object of records");
    }
    assertThat(parse("{\"packages\": {}}").warnings(true)).isEmpty();
  }

  @Test
  void repodataV2BaseUrlWins() {
    Path f = channels().resolve("repodata-v2-base-url/linux-64/repodata.json");
    SubdirRepodata r = new RepodataParser().parse(f, CF, "linux-64");
    assertThat(r.repodataVersion()).isEqualTo(2);
    assertThat(r.baseUrl()).isEqualTo("https://repo.anaconda.com/repo/main/linux-64/");
    assertThat(r.records("bzip2").get(0).url())
        .contains("https://repo.anaconda.com/repo/main/linux-64/bzip2-1.0.8-hd590300_5.conda");
    assertThat(r.records("_libgcc_mutex").get(0).depends()).isEmpty();
  }

  @Test
  void repodataV2WithoutBaseUrlFallsBackToTheChannel() {
    Path f = channels().resolve("repodata-v2-base-url/linux-64/repodata-missing-base_url.json");
    SubdirRepodata r = new RepodataParser().parse(f, CF, "linux-64");
    assertThat(r.baseUrl()).isEqualTo("https://conda.anaconda.org/conda-forge/linux-64/");
    assertThat(r.all()).allSatisfy(p -> assertThat(p.url().orElseThrow())
        .isEqualTo("https://conda.anaconda.org/conda-forge/linux-64/" + p.fileName()));
  }

  @Test
  void filenameToRecordMapForm() {
    Path f = channels().resolve("anaconda-defaults-2018/index4.json");
    SubdirRepodata r = new RepodataParser().parse(f, Channel.parse("pkgs/main"), "linux-64");
    assertThat(r.size()).isEqualTo(5643);
    assertThat(r.records("sqlite")).isNotEmpty();
    assertThat(r.records("conda")).anySatisfy(p -> assertThat(p.constrains()).isNotEmpty());
  }

  @Test
  void largestRealSnapshot() {
    Path f = channels().resolve("anaconda-r/linux-64/repodata.json");
    SubdirRepodata r = new RepodataParser().parse(f, Channel.parse("r", ChannelConfig.standard()), "linux-64");
    assertThat(r.size()).isEqualTo(4211);
    PackageRecord mutex = r.records("_r-mutex").stream().filter(p -> p.build().equals("anacondar_1"))
        .findFirst().orElseThrow();
    assertThat(mutex.trackFeatures()).containsExactly("anacondar");
    assertThat(mutex.timestampMillis()).contains(1518197313289L);
    assertThat(mutex.md5()).contains("4b678895ad61a5ff81b7c7249d2d09c1");
  }

  @Test
  void prefersCondaOverTarBz2InARealChannel() {
    Path f = channels().resolve("conda-format-repo/linux-64/repodata.json");
    SubdirRepodata r = new RepodataParser().parse(f, null, "linux-64");
    assertThat(r.records("zlib")).extracting(PackageRecord::fileName).containsExactly("zlib-1.2.11-h7b6447c_3.conda");
    assertThat(r.records("zlib").get(0).url()).isEmpty(); // bare file: no channel, no URL
  }

  @Test
  void zstdFilesAreDecompressed() throws Exception {
    Path dir = Files.createTempDirectory("envx-zst");
    Path zst = dir.resolve("repodata.json.zst");
    Files.write(zst, com.github.luben.zstd.Zstd.compress(Files.readAllBytes(testdata("edge-cases.json"))));
    assertThat(new RepodataParser().parse(zst, CF, "noarch").size()).isEqualTo(3);
  }

  @Test
  void splitsFileNamesFromTheRight() {
    assertThat(RepodataParser.splitFileName("python-dateutil-2.8.2-pyhd8ed1ab_0.conda"))
        .containsExactly("python-dateutil", "2.8.2", "pyhd8ed1ab_0");
    assertThat(RepodataParser.splitFileName("x.whl")).isNull();
    assertThat(RepodataParser.splitFileName("nodash.conda")).isNull();
  }
}
