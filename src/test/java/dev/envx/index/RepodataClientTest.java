package dev.envx.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import dev.envx.diag.EnvxException;
import dev.envx.http.Http;
import dev.envx.index.FetchedRepodata.Source;
import dev.envx.model.conda.Channel;
import dev.envx.model.conda.ChannelConfig;
import dev.envx.model.conda.Platform;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepodataClientTest {
  private static final String SECRET = "tk-0123456789-secret";
  private static final String REPODATA = "{\"info\":{\"subdir\":\"linux-64\"},\"packages.conda\":{"
      + "\"a-1.0-h0_0.conda\":{\"name\":\"a\",\"version\":\"1.0\",\"build\":\"h0_0\",\"build_number\":0,"
      + "\"depends\":[\"b >=2\"]}}}";
  private static final String NOARCH = "{\"info\":{\"subdir\":\"noarch\"},\"packages\":{}}";

  @TempDir Path cache;
  private MockWebServer server;
  private final List<Duration> sleeps = java.util.Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private Channel channel() {
    return Channel.parse(server.url("/chan").toString(), ChannelConfig.standard());
  }

  private Channel tokenChannel() {
    String base = server.url("/").toString();
    return Channel.parse(base + "t/" + SECRET + "/chan", ChannelConfig.standard());
  }

  private RepodataClient client(RepodataSettings settings) {
    return new RepodataClient(settings.withTimeouts(Duration.ofSeconds(10), Duration.ofMillis(500)),
        Http.direct().withSleeper(sleeps::add));
  }

  private RepodataClient client() {
    return client(RepodataSettings.of(cache).withRetries(3, Duration.ofMillis(100), Duration.ofMillis(150)));
  }

  private static MockResponse zst(String json) {
    return new MockResponse().setBody(new Buffer().write(Zstd.compress(json.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void prefersZstAndDecompressesIntoTheCache() throws Exception {
    server.enqueue(zst(REPODATA).setHeader("ETag", "\"v1\""));
    FetchedRepodata f = client().fetch(channel(), Platform.LINUX_64);
    assertThat(f.source()).isEqualTo(Source.DOWNLOADED);
    assertThat(server.takeRequest().getPath()).isEqualTo("/chan/linux-64/repodata.json.zst");
    assertThat(Files.readString(f.file())).isEqualTo(REPODATA);
    assertThat(f.file().getParent()).isEqualTo(cache);
    assertThat(f.url()).endsWith("/chan/linux-64/repodata.json.zst");
    server.enqueue(new MockResponse().setResponseCode(304));
    SubdirRepodata parsed = client().load(channel(), Platform.LINUX_64, new RepodataParser());
    assertThat(parsed.records("a").get(0).depends()).containsExactly("b >=2");
    assertThat(parsed.records("a").get(0).url()).contains(server.url("/chan/linux-64/a-1.0-h0_0.conda").toString());
  }

  @Test
  void fallsBackToJsonWhenZstIsMissingAndRemembers() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(404));
    server.enqueue(new MockResponse().setBody(REPODATA).setHeader("Last-Modified", "Wed, 01 Jan 2025 00:00:00 GMT"));
    FetchedRepodata f = client().fetch(channel(), Platform.LINUX_64);
    assertThat(f.source()).isEqualTo(Source.DOWNLOADED);
    assertThat(server.takeRequest().getPath()).endsWith("repodata.json.zst");
    assertThat(server.takeRequest().getPath()).isEqualTo("/chan/linux-64/repodata.json");
    assertThat(Files.readString(f.file())).isEqualTo(REPODATA);

    server.enqueue(new MockResponse().setResponseCode(304));
    FetchedRepodata again = client().fetch(channel(), Platform.LINUX_64);
    RecordedRequest r = server.takeRequest();
    assertThat(r.getPath()).isEqualTo("/chan/linux-64/repodata.json"); // no second .zst attempt
    assertThat(r.getHeader("If-Modified-Since")).isEqualTo("Wed, 01 Jan 2025 00:00:00 GMT");
    assertThat(again.source()).isEqualTo(Source.NOT_MODIFIED);
    assertThat(Files.readString(again.file())).isEqualTo(REPODATA);
  }

  @Test
  void revalidatesWithEtagAndReplacesOnChange() throws Exception {
    server.enqueue(zst(REPODATA).setHeader("ETag", "\"v1\""));
    client().fetch(channel(), Platform.LINUX_64);
    server.takeRequest();
    server.enqueue(new MockResponse().setResponseCode(304));
    assertThat(client().fetch(channel(), Platform.LINUX_64).source()).isEqualTo(Source.NOT_MODIFIED);
    assertThat(server.takeRequest().getHeader("If-None-Match")).isEqualTo("\"v1\"");
    server.enqueue(zst(NOARCH).setHeader("ETag", "\"v2\""));
    FetchedRepodata changed = client().fetch(channel(), Platform.LINUX_64);
    assertThat(server.takeRequest().getHeader("If-None-Match")).isEqualTo("\"v1\"");
    assertThat(changed.source()).isEqualTo(Source.DOWNLOADED);
    assertThat(Files.readString(changed.file())).isEqualTo(NOARCH);
    server.enqueue(new MockResponse().setResponseCode(304));
    client().fetch(channel(), Platform.LINUX_64);
    assertThat(server.takeRequest().getHeader("If-None-Match")).isEqualTo("\"v2\"");
  }

  private RepodataClient clientAt(long epochSecond, RepodataSettings settings) {
    return new RepodataClient(settings.withTimeouts(Duration.ofSeconds(10), Duration.ofMillis(500)),
        Http.direct().withSleeper(sleeps::add),
        java.time.Clock.fixed(java.time.Instant.ofEpochSecond(epochSecond), java.time.ZoneOffset.UTC));
  }

  @Test
  void noRequestWhileTheCacheIsYoungerThanMaxAge() throws Exception {
    RepodataSettings settings = RepodataSettings.of(cache);
    server.enqueue(zst(REPODATA).setHeader("ETag", "\"v1\"").setHeader("Cache-Control", "public, max-age=600"));
    assertThat(clientAt(1_000, settings).fetch(channel(), Platform.LINUX_64).source()).isEqualTo(Source.DOWNLOADED);
    FetchedRepodata fresh = clientAt(1_599, settings).fetch(channel(), Platform.LINUX_64);
    assertThat(fresh.source()).isEqualTo(Source.CACHED);
    assertThat(fresh.url()).endsWith("/chan/linux-64/repodata.json.zst");
    assertThat(server.getRequestCount()).isEqualTo(1);

    server.enqueue(new MockResponse().setResponseCode(304).setHeader("Cache-Control", "max-age=60"));
    assertThat(clientAt(1_600, settings).fetch(channel(), Platform.LINUX_64).source()).isEqualTo(Source.NOT_MODIFIED);
    server.takeRequest();
    assertThat(server.takeRequest().getHeader("If-None-Match")).isEqualTo("\"v1\"");
    assertThat(clientAt(1_659, settings).fetch(channel(), Platform.LINUX_64).source()).isEqualTo(Source.CACHED);
    assertThat(server.getRequestCount()).isEqualTo(2);

    server.enqueue(new MockResponse().setResponseCode(304));
    assertThat(clientAt(1_620, settings.withHonourCacheControl(false)).fetch(channel(), Platform.LINUX_64).source())
        .isEqualTo(Source.NOT_MODIFIED);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void asksForZstAgainAfterTwoWeeks() throws Exception {
    RepodataSettings settings = RepodataSettings.of(cache);
    server.enqueue(new MockResponse().setResponseCode(404));
    server.enqueue(new MockResponse().setBody(REPODATA).setHeader("ETag", "\"j\""));
    clientAt(1_000_000, settings).fetch(channel(), Platform.LINUX_64);
    server.enqueue(new MockResponse().setResponseCode(304));
    clientAt(1_000_000 + RepodataClient.ZST_RECHECK_SECONDS - 1, settings).fetch(channel(), Platform.LINUX_64);
    server.enqueue(zst(REPODATA));
    clientAt(1_000_000 + RepodataClient.ZST_RECHECK_SECONDS, settings).fetch(channel(), Platform.LINUX_64);
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      paths.add(server.takeRequest().getPath().replace("/chan/linux-64/", ""));
    }
    assertThat(paths).containsExactly("repodata.json.zst", "repodata.json", "repodata.json", "repodata.json.zst");
  }

  @Test
  void retriesServerErrorsWithExponentialBackoff() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(503));
    server.enqueue(new MockResponse().setResponseCode(502));
    server.enqueue(zst(REPODATA));
    RepodataClient c = client(RepodataSettings.of(cache).withRetries(4, Duration.ofMillis(100), Duration.ofSeconds(1)));
    assertThat(c.fetch(channel(), Platform.LINUX_64).source()).isEqualTo(Source.DOWNLOADED);
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void honoursRetryAfterUpToTheMaximumBackoff() {
    server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "1"));
    server.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", "3600"));
    server.enqueue(zst(REPODATA));
    RepodataClient c = client(RepodataSettings.of(cache).withRetries(4, Duration.ofMillis(100), Duration.ofSeconds(2)));
    assertThat(c.fetch(channel(), Platform.LINUX_64).source()).isEqualTo(Source.DOWNLOADED);
    assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void retriesAreBounded() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse().setResponseCode(500));
    }
    assertThatThrownBy(() -> client().fetch(channel(), Platform.LINUX_64))
        .isInstanceOfSatisfying(EnvxException.class, e -> {
          assertThat(e.exitCode()).isEqualTo(1);
          assertThat(e.first().message()).contains("repodata.json.zst`: HTTP 500 after 3 attempts");
        });
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(150));
    assertThat(cache).isEmptyDirectory();
  }

  @Test
  void retriesTimeouts() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    server.enqueue(zst(REPODATA));
    assertThat(client().fetch(channel(), Platform.LINUX_64).source()).isEqualTo(Source.DOWNLOADED);
    assertThat(sleeps).hasSize(1);
  }

  @Test
  void timeoutsEndInAClearError() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    }
    assertThatThrownBy(() -> client().fetch(channel(), Platform.LINUX_64))
        .isInstanceOfSatisfying(EnvxException.class, e -> {
          assertThat(e.first().message()).contains("after 3 attempts: timed out");
          assertThat(e.first().hints()).anyMatch(h -> h.contains("--offline"));
        });
  }

  @Test
  void offlineUsesOnlyTheCache() throws Exception {
    RepodataClient offline = client(RepodataSettings.of(cache).withOffline(true));
    assertThatThrownBy(() -> offline.fetch(channel(), Platform.LINUX_64))
        .isInstanceOfSatisfying(EnvxException.class, e -> {
          assertThat(e.first().message()).isEqualTo("repodata for `" + channel() + "/linux-64` is not cached");
          assertThat(e.first().hints()).containsExactly("run once without `--offline` to fill the cache in " + cache);
        });
    server.enqueue(zst(REPODATA));
    client().fetch(channel(), Platform.LINUX_64);
    int before = server.getRequestCount();
    FetchedRepodata f = offline.fetch(channel(), Platform.LINUX_64);
    assertThat(f.source()).isEqualTo(Source.CACHED);
    assertThat(Files.readString(f.file())).isEqualTo(REPODATA);
    assertThat(server.getRequestCount()).isEqualTo(before);
  }

  @Test
  void missingNoarchMeansNoChannelButOtherSubdirsAreEmpty() {
    server.enqueue(new MockResponse().setResponseCode(404));
    server.enqueue(new MockResponse().setResponseCode(404));
    FetchedRepodata win = client().fetch(channel(), Platform.WIN_ARM64);
    assertThat(win.source()).isEqualTo(Source.MISSING);
    server.enqueue(new MockResponse().setResponseCode(404)); // the .zst is known to be absent: one request
    assertThat(client().load(channel(), Platform.WIN_ARM64, new RepodataParser()).size()).isZero();
    server.enqueue(new MockResponse().setResponseCode(404));
    server.enqueue(new MockResponse().setResponseCode(404));
    assertThatThrownBy(() -> client().fetch(channel(), Platform.NOARCH))
        .isInstanceOfSatisfying(EnvxException.class, e -> {
          assertThat(e.first().message()).startsWith("channel `" + channel() + "` not found");
          assertThat(e.first().hints().get(0)).contains("check the channel name");
        });
  }

  @Test
  void tokenGoesOnTheWireButNeverIntoCacheFilesOrErrors() throws Exception {
    Channel c = tokenChannel();
    server.enqueue(zst(REPODATA).setHeader("ETag", "\"v1\""));
    FetchedRepodata f = client().fetch(c, Platform.LINUX_64);
    assertThat(server.takeRequest().getPath()).isEqualTo("/t/" + SECRET + "/chan/linux-64/repodata.json.zst");
    assertThat(f.url()).doesNotContain(SECRET).contains("/chan/linux-64/");
    assertThat(f.toString()).doesNotContain(SECRET);
    try (Stream<Path> files = Files.walk(cache)) { // the entries and their lock files
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        assertThat(p.getFileName().toString()).doesNotContain(SECRET);
        assertThat(Files.readString(p)).doesNotContain(SECRET);
      }
    }
    server.enqueue(new MockResponse().setResponseCode(401));
    assertThatThrownBy(() -> client().fetch(c, Platform.NOARCH))
        .isInstanceOfSatisfying(EnvxException.class, e -> {
          assertThat(e.first().message()).contains("denied (HTTP 401)").doesNotContain(SECRET);
          assertThat(e.first().hints()).containsExactly("check that the channel token is valid and not expired");
        });
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    }
    assertThatThrownBy(() -> client().fetch(c, Platform.LINUX_AARCH64))
        .isInstanceOfSatisfying(EnvxException.class, e -> assertThat(e.first().toString()).doesNotContain(SECRET));
  }

  @Test
  void interruptedDownloadLeavesTheCacheUnchanged() throws Exception {
    server.enqueue(new MockResponse().setBody(REPODATA + REPODATA).setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY)
        .throttleBody(16, 1, TimeUnit.MILLISECONDS));
    RepodataClient c = client(RepodataSettings.of(cache).withRetries(1, Duration.ZERO, Duration.ZERO));
    assertThatThrownBy(() -> c.fetch(channel(), Platform.LINUX_64)).isInstanceOf(EnvxException.class);
    try (Stream<Path> files = Files.list(cache)) {
      assertThat(files.filter(p -> !p.getFileName().toString().endsWith(".meta")).toList()).isEmpty();
    }
  }

  @Test
  void localChannelsAreReadInPlace() throws java.io.IOException {
    Path repo = SharedData.require("channels").resolve("conda-format-repo");
    Channel local = Channel.parse(repo.toUri().toString(), ChannelConfig.standard());
    RepodataClient offline = client(RepodataSettings.of(cache).withOffline(true));
    FetchedRepodata f = offline.fetch(local, Platform.LINUX_64);
    assertThat(f.source()).isEqualTo(Source.LOCAL);
    assertThat(f.file()).isEqualTo(repo.resolve("linux-64/repodata.json"));
    RepodataIndex index = offline.loadIndex(List.of(local), Platform.OSX_64);
    assertThat(index.records("zlib")).extracting(PackageRecord::fileName).containsExactly("zlib-1.2.11-h1de35cc_3.conda");
    assertThat(index.records("zlib").get(0).url().orElseThrow())
        .isEqualTo(repo.toUri().toString().replaceAll("/$", "") + "/osx-64/zlib-1.2.11-h1de35cc_3.conda");
    assertThat(offline.fetch(local, Platform.LINUX_AARCH64).source()).isEqualTo(Source.MISSING);
    assertThat(BinaryIndexCacheTest.notBinaryIndexes(cache)).isEmpty();
    Channel nowhere = Channel.parse(repo.resolve("does-not-exist").toString(), ChannelConfig.standard());
    assertThatThrownBy(() -> offline.fetch(nowhere, Platform.NOARCH)).isInstanceOfSatisfying(EnvxException.class,
        e -> assertThat(e.first().message()).contains("does not exist"));
  }

  @Test
  void loadIndexFetchesInParallelAndKeepsChannelOrder() {
    server.setDispatcher(new okhttp3.mockwebserver.Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getPath();
        if (path.endsWith(".zst")) {
          return new MockResponse().setResponseCode(404);
        }
        String chan = path.split("/")[1];
        String subdir = path.split("/")[2];
        if (subdir.equals("osx-arm64") && chan.equals("b")) {
          return new MockResponse().setResponseCode(404);
        }
        return new MockResponse().setBody("{\"info\":{\"subdir\":\"" + subdir + "\"},\"packages\":{\"pkg-1.0-" + chan
            + "_0.tar.bz2\":{\"name\":\"pkg\",\"version\":\"1.0\",\"build\":\"" + chan + "_0\"}}}");
      }
    });
    Channel a = Channel.parse(server.url("/a").toString(), ChannelConfig.standard());
    Channel b = Channel.parse(server.url("/b").toString(), ChannelConfig.standard());
    RepodataIndex index = client().loadIndex(List.of(a, b), Platform.OSX_ARM64);
    assertThat(index.subdirs()).extracting(SubdirRepodata::subdir)
        .containsExactly("osx-arm64", "noarch", "osx-arm64", "noarch");
    assertThat(index.records("pkg")).extracting(r -> r.channel().orElseThrow().url() + " " + r.subdir())
        .containsExactly(a.url() + " osx-arm64", a.url() + " noarch", b.url() + " noarch");
    assertThat(index.size()).isEqualTo(3);
  }

  @Test
  void indexKeepsChannelOrder() {
    Path channels = SharedData.require("channels");
    Channel first = Channel.parse(channels.resolve("conda-format-repo").toString(), ChannelConfig.standard());
    Channel second = Channel.parse(channels.resolve("derived-from-pixi-lockfiles/conda-forge").toString(),
        ChannelConfig.standard());
    RepodataIndex index = client(RepodataSettings.of(cache).withOffline(true))
        .loadIndex(List.of(first, second), Platform.LINUX_64);
    assertThat(index.channels()).containsExactly(first, second);
    List<PackageRecord> zlib = index.records("zlib");
    assertThat(zlib.get(0).channel()).contains(first);
    assertThat(zlib).anySatisfy(r -> assertThat(r.channel()).contains(second));
    assertThat(index.records("no-such-package")).isEmpty();
    assertThat(index.names()).contains("python", "zlib", "numpy");
    assertThat(index.channelRank(second)).isEqualTo(1);
  }
}
