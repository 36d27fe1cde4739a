package dev.envx.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envx.diag.Diagnostic;
import dev.envx.model.pep508.PyPiName;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MappingDigestTest {
  static final Instant FETCHED = Instant.parse("2026-11-25T12:00:00Z");

  @TempDir Path tmp;

  static Provenance provenance(String label) {
    return new Provenance(Layer.UPSTREAM, label, "https://example.org/" + label, Optional.of(FETCHED));
  }

  static MappingLayer roundTrip(MappingLayer layer) throws IOException {
    Provenance p = layer.provenance();
    String text = MappingDigest.encode(
        new MappingDigest.Header("00".repeat(32), 1L, FETCHED, p.location(), p.source()), layer);
    assertThat(MappingDigest.header(text)).contains(
        new MappingDigest.Header("00".repeat(32), 1L, FETCHED, p.location(), p.source()));
    return MappingDigest.decode(text, p);
  }

  /** Every look-up over every key of the layer answers the same with the digested layer. */
  static void assertSameAnswers(MappingLayer parsed, MappingLayer digested) {
    NameMapping a = NameMapping.of(List.of(EmbeddedMapping.load(), parsed));
    NameMapping b = NameMapping.of(List.of(EmbeddedMapping.load(), digested));
    for (String k : parsed.pypiToConda().keySet()) {
      PyPiName n = PyPiName.of(k);
      assertThat(b.toConda(n)).as(k).isEqualTo(a.toConda(n));
      assertThat(b.toConda(n, "4.5")).as(k).isEqualTo(a.toConda(n, "4.5"));
    }
    for (String k : parsed.condaToPypi().keySet()) {
      assertThat(b.toPypi(k)).as(k).isEqualTo(a.toPypi(k));
      assertThat(b.isCondaOnly(k)).as(k).isEqualTo(a.isCondaOnly(k));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "parselmouth/compressed_mapping.json",
      "parselmouth/v0__conda-forge__compressed_mapping.json",
      "parselmouth/mapping_as_grayskull.json",
      "grayskull/strategy_config.yaml",
      "cf-scripts/pypi_name_mapping_static.yaml",
      "pixi/examples__conda_mapping__robostack_mapping.json"})
  void digestOfTheRealSnapshotAnswersLikeTheParsedTable(String file) throws IOException {
    Path f = SharedData.require("mapping").resolve(file);
    UpstreamFormat.Parsed parsed = UpstreamFormat.parse(Files.readAllBytes(f), provenance(file));
    assertThat(parsed.layer().size()).isPositive();
    MappingLayer digested = roundTrip(parsed.layer());
    assertThat(digested).isEqualTo(parsed.layer());
    assertSameAnswers(parsed.layer(), digested);
  }

  @Test
  void keepsPatternsExceptionsAndAnExplicitListing() throws IOException {
    MappingLayer layer = new MappingLayer(provenance("odd"),
        Map.of("a\tb", List.of(new Target("x\\y", Basis.EXPLICIT, VersionWindow.parse(">=4,<5"), true, "why\nso")),
            "none", List.of()),
        Map.of("x\\y", List.of(Target.of("a\tb", Basis.DERIVED)), "lib", List.of()),
        List.of(Pattern.compile("^lib", Pattern.CASE_INSENSITIVE)), Set.of("libfoo"), Set.of("x\\y", "lib", "other"));
    MappingLayer back = roundTrip(layer);
    assertThat(back.pypiToConda()).isEqualTo(layer.pypiToConda());
    assertThat(back.condaToPypi()).isEqualTo(layer.condaToPypi());
    assertThat(back.knownConda()).isEqualTo(layer.knownConda());
    assertThat(back.patternExceptions()).isEqualTo(layer.patternExceptions());
    assertThat(back.condaOnlyPatterns()).singleElement().satisfies(p -> {
      assertThat(p.pattern()).isEqualTo("^lib");
      assertThat(p.flags()).isEqualTo(Pattern.CASE_INSENSITIVE);
    });
  }

  @Test
  void damagedDigestTextIsRejected() throws IOException {
    MappingLayer layer = UpstreamFormat.parse(
        Files.readAllBytes(Path.of("testdata/mapping/parselmouth-small.json")), provenance("p")).layer();
    String text = MappingDigest.encode(new MappingDigest.Header("00".repeat(32), 1L, FETCHED, "u", "l"), layer);
    Provenance p = provenance("p");
    assertThatThrownBy(() -> MappingDigest.decode(text.substring(0, text.length() / 2), p))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> MappingDigest.decode(text.substring(0, text.lastIndexOf("end\t")), p))
        .isInstanceOf(IOException.class);
    assertThat(text).contains("\np\t");
    assertThatThrownBy(() -> MappingDigest.decode(text.replaceFirst("\np\t", "\nP\t"), p))
        .isInstanceOf(IOException.class);
    String full = "P\tk\tn\tD\t\t0\t\n";
    String withFull = text.replaceFirst("\nend\t\\d+", "\n" + full + "end\t" + (layer.pypiToConda().size() + 1));
    assertThat(MappingDigest.decode(withFull, p).pypiToConda()).containsEntry("k", List.of(Target.of("n", Basis.DERIVED)));
    assertThatThrownBy(() -> MappingDigest.decode(withFull.replace(full, full.replace("\tD\t", "\tQ\t")), p))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> MappingDigest.decode(withFull.replace(full, full.replace("\t0\t", "\t2\t")), p))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> MappingDigest.decode(text + "p\tlate\n", p)).isInstanceOf(IOException.class);
    assertThat(MappingDigest.header(text.replaceFirst("\t1\n", "\t0\n"))).isEmpty();
  }

  @Property
  void escapingRoundTrips(@ForAll("fields") String s) {
    String e = MappingDigest.esc(s);
    assertThat(e).doesNotContain("\t", "\n", "\r");
    assertThat(MappingDigest.unesc(e)).isEqualTo(s);
  }

  @Provide
  Arbitrary<String> fields() {
    return Arbitraries.strings().withChars('a', '\\', '\t', '\n', '\r', 't', 'n', '|', 'é').ofMaxLength(12);
  }

  // --- through the cache: the loader reads the digest, and falls back to the body when it does not fit

  MappingCache cacheWith(String id, Path file) throws IOException {
    MappingCache cache = new MappingCache(tmp.resolve("mapping"));
    byte[] body = Files.readAllBytes(file);
    UpstreamFormat.Parsed parsed = UpstreamFormat.parse(body, provenance(id));
    MappingCache.Meta m = cache.store(new MappingCache.Meta(id, "https://example.org/" + id, id, null, null,
        FETCHED, FETCHED, "", "", parsed.format().name(), parsed.rows()), body);
    assertThat(cache.writeDigest(m, parsed.layer())).isTrue();
    cache.writeIndex(List.of(id));
    return cache;
  }

  static List<MappingLayer> loaded(MappingCache cache) {
    List<Diagnostic> warnings = new ArrayList<>();
    List<MappingLayer> out = MappingLoader.cached(cache, warnings);
    assertThat(warnings).isEmpty();
    return out;
  }

  static MappingLayer parsedBody(MappingCache cache, String id) throws IOException {
    MappingCache.Meta m = cache.meta(id).orElseThrow();
    return UpstreamFormat.parse(cache.body(m).orElseThrow(),
        new Provenance(Layer.UPSTREAM, m.label(), m.url(), Optional.of(m.fetched()))).layer();
  }

  @Test
  void loaderReadsTheDigestOfTheRealSnapshot() throws IOException {
    MappingCache cache = cacheWith("parselmouth",
        SharedData.require("mapping").resolve("parselmouth/compressed_mapping.json"));
    assertThat(cache.index()).containsExactly("parselmouth");
    Optional<MappingLayer> digested = cache.digested("parselmouth");
    assertThat(digested).isPresent();
    MappingLayer parsed = parsedBody(cache, "parselmouth");
    assertThat(digested.get()).isEqualTo(parsed);
    assertThat(loaded(cache)).containsExactly(parsed);
  }

  @Test
  void damagedOrMismatchedDigestFallsBackToTheBodyAndIsRewritten() throws IOException {
    MappingCache cache = cacheWith("p", Path.of("testdata/mapping/parselmouth-small.json"));
    MappingLayer parsed = parsedBody(cache, "p");
    Path digest = cache.dir().resolve("p.digest");
    String good = Files.readString(digest);
    List<String> bad = List.of(
        good.substring(0, good.length() / 2),                                  // cut short
        good.replaceFirst("\t1\n", "\t99\n"),                                   // another format version
        good.replaceFirst("sha256\t[0-9a-f]{8}", "sha256\t00000000"),           // another body
        good.replaceFirst("fetched\t2026", "fetched\t2025"),                    // another fetch
        good.replaceFirst("\np\t", "\nP\t"),                                     // a damaged row
        good.replaceFirst("size\t", "size\t1"),                                // a body of another size
        "");
    for (String b : bad) {
      assertThat(b).isNotEqualTo(good);
      Files.writeString(digest, b);
      assertThat(cache.digested("p")).as(b).isEmpty();
      assertThat(loaded(cache)).as(b).containsExactly(parsed);
      assertThat(Files.readString(digest)).isEqualTo(good);
      assertThat(cache.digested("p")).contains(parsed);
    }
    Files.delete(digest);
    assertThat(loaded(cache)).containsExactly(parsed);
    assertThat(digest).exists();
  }

  @Test
  void digestOfAChangedBodyIsNotUsed() throws IOException {
    MappingCache cache = cacheWith("p", Path.of("testdata/mapping/parselmouth-small.json"));
    MappingCache.Meta m = cache.meta("p").orElseThrow();
    Files.write(cache.dir().resolve(m.body()), "{\"other\": \"other\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(cache.digested("p")).isEmpty();
    List<Diagnostic> warnings = new ArrayList<>();
    assertThat(MappingLoader.cached(cache, warnings)).isEmpty();
    assertThat(warnings).singleElement().satisfies(w -> assertThat(w.message()).contains("missing or damaged"));
  }

  @Test
  void indexIsReadWithAndWithoutTheJsonParser() throws IOException {
    MappingCache cache = new MappingCache(tmp.resolve("mapping"));
    assertThat(cache.index()).isEmpty();
    cache.writeIndex(List.of("parselmouth", "from-c5ff6df5f380", "cf_scripts.v1"));
    assertThat(cache.index()).containsExactly("parselmouth", "from-c5ff6df5f380", "cf_scripts.v1");
    cache.writeIndex(List.of("with space", "quote\"d"));
    assertThat(cache.index()).containsExactly("with space", "quote\"d");
    cache.writeIndex(List.of());
    assertThat(cache.index()).isEmpty();
  }
}
