package dev.envx.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envx.model.pep508.PyPiName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NameMappingTest {
  /** What ships: the upstream snapshot under default.toml. */
  static final NameMapping EMBEDDED = NameMapping.embedded();
  /** default.toml alone (no channel listing). */
  static final NameMapping CURATED = NameMapping.of(List.of(EmbeddedMapping.load()));

  static MappingLayer upstream(String file) throws IOException {
    byte[] body = Files.readAllBytes(Path.of("testdata/mapping", file));
    return UpstreamFormat.parse(body, Provenance.of(Layer.UPSTREAM, file, "testdata/mapping/" + file)).layer();
  }

  @Test
  void torchIsPytorchOfflineWithProvenance() {
    MappingAnswer a = EMBEDDED.toConda(PyPiName.of("torch"));
    assertThat(a.preferred()).contains("pytorch");
    assertThat(a.provenance().layer()).isEqualTo(Layer.EMBEDDED);
    assertThat(a.basis()).isEqualTo(Basis.EXPLICIT);
    assertThat(a.alternatives()).extracting(Alternative::name).containsExactly("pytorch-cpu", "pytorch-gpu");
  }

  @Test
  void lookupNormalizesTheQuery() {
    assertThat(EMBEDDED.toConda(PyPiName.of("Typing_Extensions")).preferred()).contains("typing_extensions");
    assertThat(EMBEDDED.toConda(PyPiName.of("PyYAML")).preferred()).contains("pyyaml");
    assertThat(EMBEDDED.toPypi("Ruamel.Yaml").preferred()).contains("ruamel-yaml");
  }

  @Test
  void issueRenamesBothDirections() {
    Map<String, String> p2c = Map.of("msgpack", "msgpack-python", "tables", "pytables", "build", "python-build",
        "graphviz", "python-graphviz", "matplotlib", "matplotlib-base", "opencv-python", "opencv");
    p2c.forEach((p, c) -> assertThat(EMBEDDED.toConda(PyPiName.of(p)).preferred()).as(p).contains(c));
    assertThat(EMBEDDED.toPypi("pytables").preferred()).contains("tables");
    assertThat(EMBEDDED.toPypi("msgpack-python").preferred()).contains("msgpack");
    assertThat(EMBEDDED.toPypi("python-graphviz").preferred()).contains("graphviz");
    assertThat(EMBEDDED.toPypi("matplotlib-base").preferred()).contains("matplotlib");
    assertThat(EMBEDDED.toPypi("py-opencv").preferred()).contains("opencv-python");
    assertThat(EMBEDDED.toPypi("py-opencv").alternatives()).extracting(Alternative::name)
        .contains("opencv-python-headless");
  }

  @Test
  void condaOnlyPackages() {
    for (String c : List.of("python", "graphviz", "gcc_linux-64", "libgdal", "hdf5", "r-base", "cudatoolkit",
        "_libgcc_mutex", "xorg-libx11", "compilers")) {
      assertThat(EMBEDDED.isCondaOnly(c)).as(c).isTrue();
    }
    for (String c : List.of("numpy", "python-graphviz", "libcst", "cuda-python", "pytorch", "python-dateutil")) {
      assertThat(EMBEDDED.isCondaOnly(c)).as(c).isFalse();
    }
    assertThat(CURATED.toPypi("libgdal").reason()).contains("`^lib`");
    assertThat(EMBEDDED.toPypi("libgdal").reason()).contains("found no Python distribution");
  }

  @Test
  void versionDependentRename() {
    assertThat(EMBEDDED.toConda(PyPiName.of("pyqt5"), "5.15.9").preferred()).contains("pyqt");
    MappingAnswer old = CURATED.toConda(PyPiName.of("pyqt5"), "6.1"); // the window excludes it: the naming rule
    assertThat(old.preferred()).contains("pyqt5");
    assertThat(old.alternatives()).anySatisfy(a -> {
      assertThat(a.name()).isEqualTo("pyqt");
      assertThat(a.note()).contains(">=5,<6");
    });
    assertThat(EMBEDDED.toPypi("pyqt").preferred()).contains("pyqt5");
  }

  @Test
  void unknownPypiNamesFollowTheNamingRuleOnlyWithoutAChannelListing() {
    MappingAnswer a = CURATED.toConda(PyPiName.of("Some_Package"));
    assertThat(a.preferred()).contains("some-package");
    assertThat(a.basis()).isEqualTo(Basis.RULE);
    assertThat(a.known()).isFalse();
    MappingAnswer listed = EMBEDDED.toConda(PyPiName.of("Some_Package"));
    assertThat(listed.preferred()).isEmpty();
    assertThat(listed.reason()).contains("no conda package carries `some-package`");
  }

  @Test
  void unknownCondaNamesAreCondaOnlyNeverInventedPypiNames() {
    for (NameMapping m : List.of(CURATED, EMBEDDED)) {
      MappingAnswer a = m.toPypi("some_private_tool");
      assertThat(a.preferred()).isEmpty();
      assertThat(a.known()).isFalse();
      assertThat(a.reason()).contains("treated as conda-only");
    }
  }

  @Test
  void theSnapshotKnowsBiocondaAndCondaForgeTools() {
    for (String c : List.of("bedtools", "blast", "bowtie2", "bwa", "cd-hit", "clustalo", "diamond", "coin-or-cbc",
        "alsa-lib", "fribidi", "atk-1.0", "aria2", "hhsuite", "hmmer", "kalign2")) {
      MappingAnswer a = EMBEDDED.toPypi(c);
      assertThat(a.preferred()).as(c).isEmpty();
    }
    assertThat(EMBEDDED.toPypi("cupy-core").preferred()).contains("cupy");
    assertThat(EMBEDDED.toPypi("pytorch-cuda").preferred()).isEmpty();
    assertThat(EMBEDDED.toPypi("bedtools").provenance().layer()).isEqualTo(Layer.SNAPSHOT);
  }

  @Test
  void overridesMergeAndWin() {
    MappingLayer project = MappingTables.fromMap(
        Map.of("pypi-to-conda", Map.of("torch", "pytorch-gpu"), "conda-to-pypi", Map.of("hdf5", List.of("h5py"))),
        Provenance.of(Layer.PROJECT, "tool.envx.mapping", "pyproject.toml"), "tool.envx.mapping");
    NameMapping m = EMBEDDED.with(project);
    MappingAnswer t = m.toConda(PyPiName.of("torch"));
    assertThat(t.preferred()).contains("pytorch-gpu");
    assertThat(t.provenance().layer()).isEqualTo(Layer.PROJECT);
    assertThat(t.alternatives()).extracting(Alternative::name).contains("pytorch", "pytorch-cpu");
    assertThat(m.toPypi("hdf5").preferred()).contains("h5py");
    // everything else is still there
    assertThat(m.toConda(PyPiName.of("tables")).preferred()).contains("pytables");
    assertThat(m.isCondaOnly("python")).isTrue();
  }

  @Test
  void userFileSitsBelowTheProject() throws IOException {
    MappingLayer user = MappingLoader.userFile(Path.of("testdata/mapping/user-override.toml")).orElseThrow();
    NameMapping m = EMBEDDED.with(user);
    assertThat(m.toConda(PyPiName.of("torch")).preferred()).contains("pytorch-cpu");
    assertThat(m.toConda(PyPiName.of("torch")).provenance().layer()).isEqualTo(Layer.USER);
    assertThat(m.toConda(PyPiName.of("my-wheel-only")).noCounterpart()).isTrue();
    assertThat(m.toPypi("my-conda-lib").preferred()).contains("my-python-dist");
    MappingLayer project = MappingTables.fromMap(Map.of("pypi-to-conda", Map.of("torch", "pytorch")),
        Provenance.of(Layer.PROJECT, "p", "p"), "p");
    assertThat(NameMapping.of(List.of(project, user, EmbeddedMapping.load())).toConda(PyPiName.of("torch"))
        .provenance().layer()).isEqualTo(Layer.PROJECT);
  }

  @Test
  void explicitUpstreamBeatsEmbeddedAndDerivedIsRanked() throws IOException {
    NameMapping m = EMBEDDED.with(upstream("parselmouth-small.json")).with(upstream("grayskull-small.json"));
    MappingAnswer torch = m.toConda(PyPiName.of("torch"));
    assertThat(torch.preferred()).contains("pytorch");
    assertThat(torch.provenance().source()).isEqualTo("grayskull-small.json");
    // derived only: two conda packages carry `opencv-python`; the rule prefers the non-lib one
    NameMapping derivedOnly = NameMapping.of(List.of(upstream("parselmouth-small.json")));
    assertThat(derivedOnly.toConda(PyPiName.of("opencv-python")).preferred()).contains("py-opencv");
    assertThat(derivedOnly.toConda(PyPiName.of("opencv-python")).alternatives()).extracting(Alternative::name)
        .containsExactly("libopencv");
    assertThat(derivedOnly.toConda(PyPiName.of("torch")).preferred()).contains("pytorch");
    assertThat(derivedOnly.toConda(PyPiName.of("matplotlib")).preferred()).contains("matplotlib");
    assertThat(derivedOnly.toPypi("hdf5").noCounterpart()).isTrue();
    assertThat(derivedOnly.toPypi("hdf5").basis()).isEqualTo(Basis.DERIVED);
  }

  @Test
  void embeddedEntryBeatsAWrongDerivedOne() throws IOException {
    // a vendored dist-info makes `psycopg` look like a candidate for PyPI `tzdata` in some tables
    MappingLayer glitch = MappingLayer.of(Provenance.of(Layer.UPSTREAM, "glitchy", "x"),
        Map.of("tzdata", List.of(Target.of("psycopg", Basis.DERIVED))), Map.of());
    MappingAnswer a = EMBEDDED.with(glitch).toConda(PyPiName.of("tzdata"));
    assertThat(a.preferred()).contains("python-tzdata");
    assertThat(a.alternatives()).extracting(Alternative::name).contains("psycopg");
  }

  @Test
  void staleEmbeddedEntryLosesToAChannelListing() {
    // a listing of the channel (>= 1000 names, some not Python) that has no `pytorch` any more
    java.util.Map<String, List<Target>> c2p = new java.util.TreeMap<>();
    java.util.Map<String, List<Target>> p2c = new java.util.TreeMap<>();
    java.util.Set<String> known = new java.util.TreeSet<>();
    for (int i = 0; i < 1000; i++) {
      known.add("pkg" + i);
    }
    known.add("torch-renamed");
    p2c.put("torch", List.of(Target.of("torch-renamed", Basis.DERIVED)));
    MappingLayer listing = new MappingLayer(Provenance.of(Layer.UPSTREAM, "listing", "x"), p2c, c2p, List.of(),
        java.util.Set.of(), known);
    MappingAnswer a = CURATED.with(listing).toConda(PyPiName.of("torch"));
    assertThat(a.preferred()).contains("torch-renamed");
    assertThat(a.alternatives()).anySatisfy(x -> assertThat(x.note()).contains("stale"));
    // and an unknown name is reported as having no conda package rather than guessed
    MappingAnswer none = CURATED.with(listing).toConda(PyPiName.of("not-on-conda-forge"));
    assertThat(none.noCounterpart()).isTrue();
    assertThat(none.alternatives()).extracting(Alternative::name).containsExactly("not-on-conda-forge");
  }

  @Test
  void ruleGuessIsCheckedAgainstAChannelListing() {
    java.util.Map<String, List<Target>> c2p = new java.util.TreeMap<>();
    java.util.Set<String> known = new java.util.TreeSet<>();
    for (int i = 0; i < 1000; i++) {
      known.add("pkg" + i);
    }
    known.addAll(List.of("some-c-tool", "vendoring-pkg"));
    c2p.put("some-c-tool", List.of());
    c2p.put("vendoring-pkg", List.of(Target.of("tomli", Basis.DERIVED)));
    MappingLayer listing = new MappingLayer(Provenance.of(Layer.UPSTREAM, "listing", "x"), Map.of(), c2p,
        List.of(), java.util.Set.of(), known);
    NameMapping m = EMBEDDED.with(listing);
    MappingAnswer tool = m.toConda(PyPiName.of("some-c-tool"));
    assertThat(tool.noCounterpart()).isTrue();
    assertThat(tool.reason()).contains("not a Python distribution");
    MappingAnswer vendoring = m.toConda(PyPiName.of("vendoring-pkg"));
    assertThat(vendoring.preferred()).contains("vendoring-pkg");
    assertThat(vendoring.reason()).contains("found `tomli` in it");
  }

  @Test
  void embeddedTableHasNoUnresolvedAmbiguity() {
    MappingLayer e = EmbeddedMapping.load();
    e.condaToPypi().forEach((conda, targets) -> assertThat(targets)
        .as("conda `%s` is listed by several PyPI names; say which in [conda-to-pypi]", conda)
        .noneMatch(t -> t.note().equals("several PyPI names list this conda package")));
  }

  @Test
  void tableErrorsNameTheKey() {
    Provenance p = Provenance.of(Layer.PROJECT, "t", "t");
    assertThatThrownBy(() -> MappingTables.fromMap(Map.of("pypi-to-conda", Map.of("torch", 3)), p, "tool.envx.mapping"))
        .hasMessage("`tool.envx.mapping.pypi-to-conda.torch`: expected a string or an array of strings");
    assertThatThrownBy(() -> MappingTables.fromMap(Map.of("pypi-to-cond", Map.of()), p, "tool.envx.mapping"))
        .hasMessageContaining("unknown key");
    assertThatThrownBy(() -> MappingTables.fromMap(Map.of("format", 2L), p, ""))
        .hasMessageContaining("newer than this envx reads");
    assertThatThrownBy(() -> MappingTables.fromMap(
        Map.of("pypi-to-conda", Map.of("pyqt5", Map.of("conda", "pyqt", "versions", "five"))), p, ""))
        .hasMessageContaining("invalid version window");
    assertThatThrownBy(() -> MappingTables.fromMap(Map.of("conda-to-pypi", Map.of("Bad Name", "x")), p, ""))
        .hasMessageContaining("invalid conda package name");
  }

  @Test
  void versionWindows() {
    VersionWindow w = VersionWindow.parse(">=4.0.0,<5.0.0");
    assertThat(w.admits("4.12.3")).isTrue();
    assertThat(w.admits("5")).isFalse();
    assertThat(w.admits("3.9")).isFalse();
    assertThat(w.admits("4.0rc1")).isTrue();
    assertThat(VersionWindow.ANY.admits("anything")).isTrue();
    assertThat(Optional.of(VersionWindow.parse("==2").admits("2.0.0"))).contains(true);
  }
}
