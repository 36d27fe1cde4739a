package dev.envx.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envx.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The embedded snapshot reads back as exactly the tables it was made from. */
class MappingSnapshotTest {
  private static MappingLayer parse(Path file, String id) throws IOException {
    return UpstreamFormat.parse(Files.readAllBytes(file), Provenance.of(Layer.SNAPSHOT, id, "x")).layer();
  }

  @Test
  void conda_keyedTableRoundTripsThroughTheCompactRows() throws IOException {
    Path mapping = SharedData.require("mapping");
    MappingLayer parsed = parse(mapping.resolve("parselmouth/compressed_mapping.json"), "parselmouth");
    MappingLayer v0 = parse(mapping.resolve("parselmouth/v0__conda-forge__compressed_mapping.json"), "v0");
    MappingLayer bio = parse(mapping.resolve("parselmouth/v0__bioconda__compressed_mapping.json"), "bioconda");
    MappingLayer gs = parse(mapping.resolve("grayskull/strategy_config.yaml"), "grayskull-strategy");
    String text = MappingSnapshot.encode(List.of(
        new MappingSnapshot.Section("parselmouth", true, MappingSnapshot.Scope.listing, "u", "r", "MIT", parsed),
        new MappingSnapshot.Section("v0", true, MappingSnapshot.Scope.inverted, "u", "r", "MIT", v0),
        new MappingSnapshot.Section("bioconda", true, MappingSnapshot.Scope.forward, "u", "r", "MIT", bio),
        new MappingSnapshot.Section("grayskull-strategy", false, MappingSnapshot.Scope.inverted, "u", "r", "Apache-2.0", gs)));
    List<MappingLayer> back = MappingSnapshot.decode(text, "test");
    assertThat(back).hasSize(4);
    for (int i = 0; i < 2; i++) {
      MappingLayer want = i == 0 ? parsed : v0;
      assertThat(new TreeMap<>(back.get(i).condaToPypi()).equals(new TreeMap<>(want.condaToPypi()))).isTrue();
      assertThat(new TreeMap<>(back.get(i).pypiToConda()).equals(new TreeMap<>(want.pypiToConda()))).isTrue();
      // lookups (the lazy path) agree with the materialized map
      MappingLayer got = back.get(i);
      assertThat(want.pypiToConda().entrySet().stream().allMatch(e -> e.getValue().equals(got.pypiToConda().get(e.getKey()))))
          .isTrue();
    }
    assertThat(new java.util.TreeSet<>(back.get(0).knownConda()).equals(new java.util.TreeSet<>(parsed.knownConda()))).isTrue();
    assertThat(back.get(1).knownConda()).isEmpty();
    assertThat(new TreeMap<>(back.get(2).condaToPypi()).equals(new TreeMap<>(bio.condaToPypi()))).isTrue();
    assertThat(back.get(2).pypiToConda()).as("another channel's packages answer no PyPI name").isEmpty();
    assertThat(new TreeMap<>(back.get(3).pypiToConda()).equals(new TreeMap<>(gs.pypiToConda()))).isTrue();
    // the implied reverse of a PyPI-keyed table: the same names (their order follows the sorted rows)
    assertThat(names(back.get(3).condaToPypi()).equals(names(gs.condaToPypi()))).isTrue();
    assertThat(back.get(0).pypiToConda().get("not-a-package-anywhere")).isNull();
  }

  private static Map<String, java.util.Set<String>> names(Map<String, List<Target>> m) {
    Map<String, java.util.Set<String>> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, new java.util.TreeSet<>(v.stream().map(Target::name).toList())));
    return out;
  }

  @Test
  void theShippedSnapshotHasItsSources() {
    List<MappingLayer> l = EmbeddedMapping.snapshot();
    assertThat(l).extracting(x -> x.provenance().source())
        .contains("parselmouth", "bioconda", "pytorch", "grayskull-strategy", "cf-scripts");
    assertThat(l).allSatisfy(x -> assertThat(x.provenance().layer()).isEqualTo(Layer.SNAPSHOT));
    assertThat(l.get(0).knownConda().size()).isGreaterThan(30_000);
  }

  /**
   * The shipped snapshot is read without checking its row order (start-up speed): the full check runs here, and
   * every key of every section is found by the binary search over the text, with the row the full decode gives.
   */
  @Test
  void theShippedSnapshotIsSortedAndEveryRowIsFoundByTheSearch() throws IOException {
    String text;
    try (var in = EmbeddedMapping.class.getResourceAsStream(EmbeddedMapping.SNAPSHOT)) {
      text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    assertThat(text).isEqualTo(Files.readString(Path.of("mappings/snapshot.tsv")));
    List<MappingLayer> strict = MappingSnapshot.decode(text, "mappings/snapshot.tsv");
    List<MappingLayer> shipped = EmbeddedMapping.snapshot();
    assertThat(shipped).hasSameSizeAs(strict);
    int found = 0;
    for (int i = 0; i < strict.size(); i++) {
      for (Map.Entry<String, List<Target>> e : strict.get(i).condaToPypi().entrySet()) {
        assertThat(shipped.get(i).condaToPypi().get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        found++;
      }
      for (Map.Entry<String, List<Target>> e : strict.get(i).pypiToConda().entrySet()) {
        assertThat(shipped.get(i).pypiToConda().get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
      }
      assertThat(shipped.get(i).condaToPypi().get(" not-a-name")).isNull();
      assertThat(shipped.get(i).condaToPypi().get("zzzzzz-not-a-name")).isNull();
    }
    assertThat(found).isGreaterThan(45_000);
  }

  @Test
  void damageIsAnError() {
    String ok = MappingSnapshot.encode(List.of(new MappingSnapshot.Section("t", true, MappingSnapshot.Scope.listing,
        "u", "r", "MIT", MappingLayer.of(Provenance.of(Layer.SNAPSHOT, "t", "x"), Map.of(),
            Map.of("a", List.of(Target.of("a", Basis.DERIVED)), "b", List.of())))));
    assertThat(ok).contains("\na\n", "\nb\t-\n", "end\tt\t2\n");
    assertThatThrownBy(() -> MappingSnapshot.decode(ok.replace("end\tt\t2", "end\tt\t3"), "x")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> MappingSnapshot.decode(ok.replace("\nb\t-\n", "\n0\t-\n"), "x")).isInstanceOf(IOException.class)
        .hasMessageContaining("out of order");
    assertThatThrownBy(() -> MappingSnapshot.decode(ok.substring(0, ok.length() - 5), "x")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> MappingSnapshot.decode("envx-mapping-snapshot\t2\n", "x")).isInstanceOf(IOException.class);
  }
}
