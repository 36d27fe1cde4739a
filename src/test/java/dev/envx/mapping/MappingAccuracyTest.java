package dev.envx.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.testing.SharedData;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accuracy of the mapping against the shared snapshot (skipped when {@code ../shared/data} is absent).
 * The figures are written to {@code target/mapping-accuracy.txt}; {@code scripts/mapping-accuracy} runs
 * this test and prints them.
 */
class MappingAccuracyTest {
  @TempDir Path tmp;

  @Test
  void accuracyAgainstTheSnapshot() throws Exception {
    Path mapping = SharedData.require("mapping");
    Path corpusDir = SharedData.require("corpus");
    MappingAccuracy acc = new MappingAccuracy(mapping);
    MappingAccuracy.CorpusNames corpus = MappingAccuracy.corpus(corpusDir);

    NameMapping embedded = NameMapping.embedded(); // offline, no cache: the snapshot under default.toml
    NameMapping updated = updateFromSnapshot(mapping);

    List<String> allPypi = new ArrayList<>(acc.pypiTruth.keySet());
    List<String> differing = allPypi.stream().filter(acc::differs).toList();

    var aAll = acc.pypi(embedded, "(a) embedded, snapshot PyPI names, all", allPypi);
    var aDiff = acc.pypi(embedded, "(a) embedded, snapshot PyPI names, names differ", differing);
    var aConda = acc.conda(embedded, "(a) embedded, snapshot conda names -> PyPI", acc.condaToPypi.keySet());
    var bAll = acc.pypi(updated, "(b) after update, snapshot PyPI names, all", allPypi);
    var bDiff = acc.pypi(updated, "(b) after update, snapshot PyPI names, names differ", differing);
    var bConda = acc.conda(updated, "(b) after update, snapshot conda names -> PyPI", acc.condaToPypi.keySet());
    NameMapping parselmouthOnly = embedded.with(UpstreamFormat.parse(
        Files.readAllBytes(mapping.resolve("parselmouth/compressed_mapping.json")),
        Provenance.of(Layer.UPSTREAM, "parselmouth", "snapshot")).layer());
    List<String> ambiguous = allPypi.stream().filter(p -> acc.pypiTruth.get(p).size() > 1).toList();
    var sEmb = acc.curatedChoice(embedded, "strict, embedded: = curated choice (grayskull/cf-scripts)", allPypi);
    var sPm = acc.curatedChoice(parselmouthOnly, "strict, embedded+parselmouth only: = curated choice", allPypi);
    var ambPm = acc.pypi(parselmouthOnly, "embedded+parselmouth only, ambiguous PyPI names", ambiguous);
    var cPypi = acc.pypi(embedded, "corpus, embedded: PyPI names (pip:, pyproject)", corpus.pypi());
    var cConda = acc.conda(embedded, "corpus, embedded: conda names (dependencies:)", corpus.conda());
    var cAll = acc.combine("corpus, embedded: all names", cPypi, cConda);
    var uPypi = acc.pypi(updated, "corpus, after update: PyPI names", corpus.pypi());
    var uConda = acc.conda(updated, "corpus, after update: conda names", corpus.conda());
    var uAll = acc.combine("corpus, after update: all names", uPypi, uConda);

    StringBuilder r = new StringBuilder();
    r.append("envx mapping accuracy against ../shared/data/mapping (parselmouth compressed_mapping.json + grayskull\n")
        .append("strategy_config.yaml + cf-scripts static as truth) and the names in ../shared/data/corpus\n\n");
    for (var s : List.of(aAll, aDiff, aConda, bAll, bDiff, bConda, sEmb, sPm, ambPm, cPypi, cConda, cAll, uPypi,
        uConda, uAll)) {
      r.append(s.line()).append('\n');
    }
    r.append(String.format(Locale.ROOT, "%ncorpus: %d conda names, %d PyPI names%n", corpus.conda().size(),
        corpus.pypi().size()));
    r.append("\nmisses, corpus, embedded default alone (").append(cAll.misses().size()).append("):\n");
    cAll.misses().forEach(m -> r.append("  ").append(m).append('\n'));
    r.append("\nmisses, corpus, after update (").append(uAll.misses().size()).append("):\n");
    uAll.misses().forEach(m -> r.append("  ").append(m).append('\n'));
    r.append("\nmisses, snapshot PyPI names after update (").append(bAll.misses().size()).append("):\n");
    bAll.misses().forEach(m -> r.append("  ").append(m).append('\n'));
    r.append("\nstrict misses, embedded+parselmouth only (").append(sPm.misses().size()).append("):\n");
    sPm.misses().forEach(m -> r.append("  ").append(m).append('\n'));
    r.append("\nmisses, snapshot conda names after update (").append(bConda.misses().size()).append("):\n");
    bConda.misses().forEach(m -> r.append("  ").append(m).append('\n'));
    Path out = SharedData.projectRoot().resolve("target/mapping-accuracy.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, r.toString());
    System.out.println(r);

    assertThat(bAll.percent()).as("after update, snapshot pairs").isGreaterThanOrEqualTo(99.0);
    assertThat(aConda.percent()).as("offline, no cache: conda names agree with parselmouth").isGreaterThanOrEqualTo(99.0);
    assertThat(cAll.percent()).as("embedded alone, corpus names").isGreaterThanOrEqualTo(95.0);
  }

  /** Serves the snapshot's upstream tables with MockWebServer and runs the real updater against it. */
  private NameMapping updateFromSnapshot(Path mapping) throws IOException {
    byte[] parselmouth = Files.readAllBytes(mapping.resolve("parselmouth/compressed_mapping.json"));
    byte[] cfScripts = Files.readAllBytes(mapping.resolve("cf-scripts/pypi_name_mapping_static.yaml"));
    byte[] grayskull = Files.readAllBytes(mapping.resolve("grayskull/strategy_config.yaml"));
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest req) {
          String path = req.getPath() == null ? "" : req.getPath();
          byte[] b = path.endsWith("compressed_mapping.json") ? parselmouth
              : path.endsWith("static.yaml") ? cfScripts : path.endsWith("config.yaml") ? grayskull : null;
          return b == null ? new MockResponse().setResponseCode(404)
              : new MockResponse().setBody(new Buffer().write(b)).setHeader("ETag", "\"snap\"");
        }
      });
      server.start(java.net.InetAddress.getLoopbackAddress(), 0);
      List<UpstreamSource> sources = List.of(
          new UpstreamSource("parselmouth", URI.create(server.url("/compressed-v0/compressed_mapping.json").toString()), "parselmouth"),
          new UpstreamSource("grayskull", URI.create(server.url("/grayskull/config.yaml").toString()), "grayskull"),
          new UpstreamSource("cf-scripts", URI.create(server.url("/cf-scripts/pypi_name_mapping_static.yaml").toString()), "cf-scripts"));
      dev.envx.http.Http client = dev.envx.http.Http.direct();
      MappingCache cache = new MappingCache(tmp.resolve("mapping"));
      var results = new MappingUpdater(client, cache, Clock.systemUTC()).update(sources, false);
      assertThat(results).allMatch(MappingUpdater.Result::ok);
      MappingSettings s = new MappingSettings(tmp, tmp.resolve("no-user-file.toml"), true, sources,
          java.time.Duration.ofSeconds(5));
      MappingLoader.Loaded loaded = MappingLoader.load(s, null, null);
      assertThat(loaded.warnings()).isEmpty();
      return loaded.mapping();
    }
  }
}
