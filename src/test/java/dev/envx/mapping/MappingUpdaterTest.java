package dev.envx.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.http.Http;
import dev.envx.http.HttpOptions;
import dev.envx.http.RetryPolicy;
import dev.envx.model.pep508.PyPiName;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingUpdaterTest {
  @TempDir Path tmp;
  MockWebServer server;
  Http client;
  MappingCache cache;
  final Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    client = Http.direct().with(HttpOptions.DEFAULT.withRetry(new RetryPolicy(1, Duration.ZERO, Duration.ZERO)));
    cache = new MappingCache(tmp.resolve("cache/mapping"));
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  static byte[] fixture(String name) throws IOException {
    return Files.readAllBytes(Path.of("testdata/mapping", name));
  }

  UpstreamSource source(String path) {
    return new UpstreamSource("parselmouth", URI.create(server.url(path).toString()), "parselmouth");
  }

  MappingUpdater updater() {
    return new MappingUpdater(client, cache, clock);
  }

  NameMapping loaded() {
    List<dev.envx.diag.Diagnostic> warnings = new ArrayList<>();
    List<MappingLayer> layers = new ArrayList<>();
    layers.add(EmbeddedMapping.load());
    layers.addAll(MappingLoader.cached(cache, warnings));
    assertThat(warnings).isEmpty();
    return NameMapping.of(layers);
  }

  MockResponse ok(byte[] body) {
    return new MockResponse().setBody(new Buffer().write(body)).setHeader("ETag", "\"v1\"")
        .setHeader("Last-Modified", "Tue, 24 Nov 2026 10:00:00 GMT");
  }

  @Test
  void updatesCachesAndRevalidatesWithEtag() throws Exception {
    server.enqueue(ok(fixture("parselmouth-small.json")));
    server.enqueue(new MockResponse().setResponseCode(304));
    UpstreamSource s = source("/compressed_mapping.json");

    List<MappingUpdater.Result> first = updater().update(List.of(s), false);
    assertThat(first).singleElement().satisfies(r -> {
      assertThat(r.status()).isEqualTo(MappingUpdater.Status.UPDATED);
      assertThat(r.rows()).isEqualTo(14);
    });
    RecordedRequest r1 = server.takeRequest();
    assertThat(r1.getHeader("If-None-Match")).isNull();
    assertThat(cache.index()).containsExactly("parselmouth");
    MappingAnswer hdf5 = loaded().toPypi("psycopg");
    assertThat(hdf5.provenance().layer()).isEqualTo(Layer.UPSTREAM);
    assertThat(hdf5.provenance().date()).contains(clock.instant());

    List<MappingUpdater.Result> second = updater().update(List.of(s), false);
    assertThat(second.get(0).status()).isEqualTo(MappingUpdater.Status.NOT_MODIFIED);
    RecordedRequest r2 = server.takeRequest();
    assertThat(r2.getHeader("If-None-Match")).isEqualTo("\"v1\"");
    assertThat(r2.getHeader("If-Modified-Since")).isEqualTo("Tue, 24 Nov 2026 10:00:00 GMT");
    assertThat(loaded().toPypi("psycopg").provenance().layer()).isEqualTo(Layer.UPSTREAM);
  }

  @Test
  void serverErrorKeepsThePreviousTable() throws Exception {
    server.enqueue(ok(fixture("parselmouth-small.json")));
    server.enqueue(new MockResponse().setResponseCode(500).setBody("oops"));
    UpstreamSource s = source("/m.json");
    updater().update(List.of(s), false);
    MappingUpdater.Result r = updater().update(List.of(s), false).get(0);
    assertThat(r.status()).isEqualTo(MappingUpdater.Status.KEPT_PREVIOUS);
    assertThat(r.message()).contains("server answered 500").contains("kept the table fetched");
    assertThat(loaded().toPypi("psycopg").provenance().source()).isEqualTo("parselmouth");
  }

  @Test
  void truncatedBodyKeepsThePreviousTable() throws Exception {
    byte[] body = fixture("parselmouth-small.json");
    server.enqueue(ok(body));
    // the connection drops in the middle of the body
    server.enqueue(ok(body).setHeader("ETag", "\"v2\"").setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
    // a complete response whose content is cut in half (a broken upload upstream)
    server.enqueue(ok(java.util.Arrays.copyOf(body, body.length / 2)).setHeader("ETag", "\"v3\""));
    UpstreamSource s = source("/m.json");
    updater().update(List.of(s), false);
    String sha = cache.meta("parselmouth").orElseThrow().sha256();

    MappingUpdater.Result cut = updater().update(List.of(s), false).get(0);
    assertThat(cut.status()).isEqualTo(MappingUpdater.Status.KEPT_PREVIOUS);
    MappingUpdater.Result half = updater().update(List.of(s), false).get(0);
    assertThat(half.status()).isEqualTo(MappingUpdater.Status.KEPT_PREVIOUS);
    assertThat(half.message()).contains("not a usable mapping table");

    MappingCache.Meta meta = cache.meta("parselmouth").orElseThrow();
    assertThat(meta.sha256()).isEqualTo(sha);
    assertThat(meta.etag()).isEqualTo("\"v1\"");
    assertThat(cache.body(meta)).isPresent();
    assertThat(loaded().toConda(PyPiName.of("requests")).provenance().source()).isEqualTo("parselmouth");
    try (var files = Files.list(cache.dir())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.endsWith(".tmp")).hasSize(4); // index, meta, one body and its digest
    }
    assertThat(cache.digested("parselmouth")).isPresent();
  }

  @Test
  void failureWithoutCacheFallsBackToEmbedded() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(503));
    MappingUpdater.Result r = updater().update(List.of(source("/m.json")), false).get(0);
    assertThat(r.status()).isEqualTo(MappingUpdater.Status.FAILED);
    assertThat(cache.index()).isEmpty();
    assertThat(loaded().toConda(PyPiName.of("torch")).provenance().layer()).isEqualTo(Layer.EMBEDDED);
  }

  @Test
  void offlineFetchesNothingAndKeepsTheCache() throws Exception {
    server.enqueue(ok(fixture("parselmouth-small.json")));
    UpstreamSource s = source("/m.json");
    updater().update(List.of(s), false);
    int before = server.getRequestCount();
    MappingUpdater.Result r = updater().update(List.of(s), true).get(0);
    assertThat(r.status()).isEqualTo(MappingUpdater.Status.SKIPPED_OFFLINE);
    assertThat(r.message()).contains("kept the cached table");
    assertThat(server.getRequestCount()).isEqualTo(before);
    assertThat(loaded().toPypi("psycopg").provenance().layer()).isEqualTo(Layer.UPSTREAM);
    // a file source is read even offline
    UpstreamSource file = UpstreamSource.from("testdata/mapping/grayskull-small.json", Path.of(""));
    assertThat(updater().update(List.of(file), true).get(0).status()).isEqualTo(MappingUpdater.Status.UPDATED);
    assertThat(cache.index()).containsExactly(file.id());
  }

  @Test
  void recognisesEveryFormat() throws Exception {
    Provenance p = Provenance.of(Layer.UPSTREAM, "t", "t");
    assertThat(UpstreamFormat.parse(fixture("parselmouth-small.json"), p).format()).isEqualTo(UpstreamFormat.PARSELMOUTH);
    assertThat(UpstreamFormat.parse(fixture("grayskull-small.json"), p).format()).isEqualTo(UpstreamFormat.GRAYSKULL);
    UpstreamFormat.Parsed cf = UpstreamFormat.parse(fixture("cf-scripts-small.yaml"), p);
    assertThat(cf.format()).isEqualTo(UpstreamFormat.CF_SCRIPTS);
    assertThat(NameMapping.of(List.of(cf.layer())).toConda(PyPiName.of("pyqt4"), "4.11").preferred()).contains("pyqt");
    assertThat(UpstreamFormat.parse("{\"a\": [\"b\", \"c\"], \"d\": null}".getBytes(), p).format())
        .isEqualTo(UpstreamFormat.PARSELMOUTH_V0);
    assertThat(UpstreamFormat.parse("torch:\n  conda_forge: pytorch\n  import_name: torch\n".getBytes(), p).format())
        .isEqualTo(UpstreamFormat.GRAYSKULL_STRATEGY);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> UpstreamFormat.parse("{\"a\": 1}".getBytes(), p))
        .isInstanceOf(IOException.class);
    // the bundling flag: a package that ships several dists is a weak candidate
    MappingLayer v0 = UpstreamFormat.parse(
        "{\"ab\": [\"ab\", \"attrs\"], \"python-attrs\": [\"attrs\"]}".getBytes(), p).layer();
    assertThat(NameMapping.of(List.of(v0)).toConda(PyPiName.of("attrs")).preferred()).contains("python-attrs");
  }

  @Test
  void aTableAboveTheSizeLimitIsRefusedAndTheCacheKept() throws Exception {
    Path big = tmp.resolve("big.json");
    byte[] row = "\"some-package-name\": [\"some-conda-name\"],\n".getBytes();
    try (var out = Files.newOutputStream(big)) {
      out.write('{');
      for (long n = 0; n <= MappingUpdater.MAX_TABLE_BYTES / row.length; n++) {
        out.write(row);
      }
      out.write("\"z\": [\"z\"]}".getBytes());
    }
    UpstreamSource file = UpstreamSource.from(big.toString(), Path.of(""));
    MappingUpdater.Result r = updater().update(List.of(file), true).get(0);
    assertThat(r.status()).isEqualTo(MappingUpdater.Status.FAILED);
    assertThat(r.message()).contains("above the 16,777,216-byte limit for a mapping table");
    assertThat(cache.index()).isEmpty();
    server.enqueue(ok(Files.readAllBytes(big)));
    assertThat(updater().update(List.of(source("/big.json")), false).get(0).message()).contains("above the");
  }
}
