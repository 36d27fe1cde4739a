package dev.envx.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import dev.envx.diag.EnvxException;
import dev.envx.http.Http;
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
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

class ShardedRepodataTest {
  private static final String NOARCH = "{\"info\":{\"subdir\":\"noarch\"},\"packages\":{}}";
  /** name -> depends; each name gets one .conda record (and `a` also a .tar.bz2 twin). */
  private final Map<String, List<String>> universe = new LinkedHashMap<>();

  {
    universe.put("a", List.of("b >=1", "c"));
    universe.put("b", List.of());
    universe.put("c", List.of("d"));
    universe.put("d", List.of());
  }

  @TempDir Path cache;
  @TempDir Path work;
  private MockWebServer server;
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  /** path (under /chan/) -> response body; absent: 404. */
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, String> shardHash = new LinkedHashMap<>();
  private volatile String etag = "\"i1\"";

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getPath().substring("/chan/".length());
        log.add(path + (request.getHeader("If-None-Match") != null ? " if-none-match" : ""));
        byte[] body = files.get(path);
        if (body == null) {
          return new MockResponse().setResponseCode(404);
        }
        if (path.endsWith(ShardIndexNames.INDEX)) {
          if (etag.equals(request.getHeader("If-None-Match"))) {
            return new MockResponse().setResponseCode(304);
          }
          return new MockResponse().setHeader("ETag", etag).setBody(new Buffer().write(body));
        }
        return new MockResponse().setBody(new Buffer().write(body));
      }
    });
    server.start(InetAddress.getLoopbackAddress(), 0);
    files.put("noarch/repodata.json", NOARCH.getBytes(StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  /** Names of the files, so tests read like the layout. */
  private static final class ShardIndexNames {
    static final String INDEX = RepodataClient.SHARD_INDEX;
  }

  private Channel channel() {
    return Channel.parse(server.url("/chan").toString(), ChannelConfig.standard());
  }

  private RepodataClient client(boolean offline) {
    return new RepodataClient(RepodataSettings.of(cache).withOffline(offline)
        .withRetries(1, Duration.ZERO, Duration.ZERO).withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(5)),
        Http.direct().withSleeper(d -> { }));
  }

  // ---- building shards with msgpack-core ------------------------------------------------------------------

  private static byte[] digest(String seed, int len) {
    byte[] b = new byte[len];
    for (int i = 0; i < len; i++) {
      b[i] = (byte) (seed.hashCode() * 31 + i);
    }
    return b;
  }

  private static void record(MessageBufferPacker p, String name, String build, List<String> depends)
      throws IOException {
    p.packMapHeader(8);
    p.packString("name").packString(name);
    p.packString("version").packString("1.0");
    p.packString("build").packString(build);
    p.packString("build_number").packInt(0);
    p.packString("depends").packArrayHeader(depends.size());
    for (String d : depends) {
      p.packString(d);
    }
    p.packString("md5").packBinaryHeader(16).writePayload(digest(name + build + "md5", 16));
    p.packString("sha256").packBinaryHeader(32).writePayload(digest(name + build + "sha", 32));
    p.packString("timestamp").packLong(1700000000L);
  }

  static byte[] shard(String name, List<String> depends) throws IOException {
    MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
    p.packMapHeader(3);
    p.packString("packages").packMapHeader(1);
    p.packString(name + "-1.0-h0_0.tar.bz2");
    record(p, name, "h0_0", depends);
    p.packString("packages.conda").packMapHeader(1);
    p.packString(name + "-1.0-h0_0.conda");
    record(p, name, "h0_0", depends);
    p.packString("removed").packArrayHeader(0);
    return Zstd.compress(p.toByteArray());
  }

  static byte[] index(String shardsBaseUrl, Map<String, String> hashes) throws IOException {
    MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
    p.packMapHeader(3);
    p.packString("version").packInt(1);
    p.packString("info").packMapHeader(3);
    p.packString("base_url").packString("");
    p.packString("shards_base_url").packString(shardsBaseUrl);
    p.packString("subdir").packString("linux-64");
    p.packString("shards").packMapHeader(hashes.size());
    for (Map.Entry<String, String> e : hashes.entrySet()) {
      p.packString(e.getKey()).packBinaryHeader(32).writePayload(HexFormat.of().parseHex(e.getValue()));
    }
    return Zstd.compress(p.toByteArray());
  }

  /** Publishes the universe as shards under {@code linux-64/shards/} (served, and written under {@code dir}). */
  private void publish(Path dir) throws IOException {
    for (Map.Entry<String, List<String>> e : universe.entrySet()) {
      byte[] s = shard(e.getKey(), e.getValue());
      String hash = ShardedSource.sha256(s);
      shardHash.put(e.getKey(), hash);
      files.put("linux-64/shards/" + hash + ".msgpack.zst", s);
    }
    files.put("linux-64/" + ShardIndexNames.INDEX, index("shards/", shardHash));
    if (dir != null) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        Path p = dir.resolve(f.getKey());
        Files.createDirectories(p.getParent());
        Files.write(p, f.getValue());
      }
    }
  }

  private List<String> shardRequests() {
    synchronized (log) {
      return log.stream().filter(l -> l.contains("shards/")).toList();
    }
  }

  private String shardPath(String name) {
    return "linux-64/shards/" + shardHash.get(name) + ".msgpack.zst";
  }

  private List<Path> cachedShards() throws IOException {
    Path dir = cache.resolve("shards");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  // ---- the fixture ------------------------------------------------------------------------------------------

  @Test
  void fixtureShardsGiveTheSameRecordsAsItsRepodataJson() throws IOException {
    Path repo = SharedData.require("channels").resolve("conda-format-repo");
    Channel local = Channel.parse(repo.toUri().toString(), ChannelConfig.standard());
    SubdirRepodata json = new RepodataParser().parse(repo.resolve("linux-64/repodata.json"), local, "linux-64");
    SubdirRepodata sharded = client(true).open(local, Platform.LINUX_64, new RepodataParser());
    assertThat(sharded.isSharded()).isTrue();
    assertThat(json.isSharded()).isFalse();
    assertThat(sharded.names()).containsExactlyInAnyOrderElementsOf(json.names()).contains("zlib", "libgcc-ng");
    for (String name : json.names()) {
      assertThat(sharded.records(name)).extracting(ShardedRepodataTest::describe)
          .containsExactlyElementsOf(json.records(name).stream().map(ShardedRepodataTest::describe).toList());
    }
    assertThat(sharded.records("zlib")).extracting(PackageRecord::fileName)
        .containsExactly("zlib-1.2.11-h7b6447c_3.conda");
    assertThat(sharded.size()).isEqualTo(json.size());
    assertThat(client(true).load(local, Platform.LINUX_64, new RepodataParser()).isSharded()).isFalse();
    assertThat(BinaryIndexCacheTest.notBinaryIndexes(cache)).isEmpty();
  }

  @Test
  void realCondaForgeRecordsAsShardsEqualTheirRepodataJson() throws IOException {
    Path src = SharedData.require("channels").resolve("derived-from-pixi-lockfiles/conda-forge");
    Path chan = work.resolve("cf");
    int linux = ShardWriter.write(src.resolve("linux-64/repodata.json"), "linux-64", chan);
    int noarch = ShardWriter.write(src.resolve("noarch/repodata.json"), "noarch", chan);
    assertThat(linux).isGreaterThan(500);
    Channel plain = Channel.parse(src.toString(), ChannelConfig.standard());
    Channel sharded = Channel.parse(chan.toString(), ChannelConfig.standard());
    RepodataIndex json = client(true).loadIndex(List.of(plain), Platform.LINUX_64);
    RepodataIndex shards = client(true).loadIndex(List.of(sharded), Platform.LINUX_64);
    assertThat(shards.subdirs()).extracting(SubdirRepodata::isSharded).containsExactly(true, true);
    assertThat(shards.names()).isEqualTo(json.names()).hasSize(linux + noarch - overlap(json));
    int compared = 0;
    for (String name : json.names()) {
      List<String> want = json.records(name).stream().map(r -> describe(r).replace(src.toUri().toString()
          .replaceAll("/$", ""), "<chan>").replace(String.valueOf(Optional.of(plain)), "<c>")).toList();
      List<String> got = shards.records(name).stream().map(r -> describe(r).replace(chan.toUri().toString()
          .replaceAll("/$", ""), "<chan>").replace(String.valueOf(Optional.of(sharded)), "<c>")).toList();
      assertThat(got).as(name).containsExactlyElementsOf(want);
      compared += want.size();
    }
    assertThat(compared).isEqualTo(json.size()).isEqualTo(shards.size()).isGreaterThan(2000);
  }

  private static int overlap(RepodataIndex index) {
    Set<String> a = index.subdirs().get(0).names();
    return (int) index.subdirs().get(1).names().stream().filter(a::contains).count();
  }

  private static String describe(PackageRecord r) {
    return String.join(" | ", r.fileName(), r.name(), r.version(), r.build(), String.valueOf(r.buildNumber()),
        r.md5().orElse("-"), r.sha256().orElse("-"), String.valueOf(r.depends()), String.valueOf(r.size()),
        String.valueOf(r.timestampMillis()), r.subdir(), r.license().orElse("-"), r.url().orElse("-"),
        String.valueOf(r.channel()));
  }

  @Test
  void fixtureIndexThroughLoadIndexIsShardedForLinuxAndPlainElsewhere() {
    Path repo = SharedData.require("channels").resolve("conda-format-repo");
    Channel local = Channel.parse(repo.toString(), ChannelConfig.standard());
    RepodataIndex linux = client(true).loadIndex(List.of(local), Platform.LINUX_64);
    assertThat(linux.subdirs()).extracting(SubdirRepodata::isSharded).containsExactly(true, false);
    assertThat(linux.records("zlib")).singleElement().satisfies(r -> assertThat(r.url()).contains(
        repo.toUri().toString().replaceAll("/$", "") + "/linux-64/zlib-1.2.11-h7b6447c_3.conda"));
    RepodataIndex osx = client(true).loadIndex(List.of(local), Platform.OSX_64);
    assertThat(osx.subdirs()).extracting(SubdirRepodata::isSharded).containsExactly(false, false);
  }

  // ---- HTTP -------------------------------------------------------------------------------------------------

  @Test
  void fetchesOnlyTheShardsOfTheNamesLookedUp() throws IOException {
    publish(null);
    RepodataIndex index = client(false).loadIndex(List.of(channel()), Platform.LINUX_64);
    assertThat(index.subdirs()).extracting(SubdirRepodata::isSharded).containsExactly(true, false);
    assertThat(shardRequests()).isEmpty();
    assertThat(index.names()).containsExactly("a", "b", "c", "d");
    List<PackageRecord> a = index.records("a");
    assertThat(a).singleElement().satisfies(r -> {
      assertThat(r.fileName()).isEqualTo("a-1.0-h0_0.conda");
      assertThat(r.depends()).containsExactly("b >=1", "c");
      assertThat(r.md5()).contains(HexFormat.of().formatHex(digest("ah0_0md5", 16)));
      assertThat(r.sha256()).contains(HexFormat.of().formatHex(digest("ah0_0sha", 32)));
      assertThat(r.url()).contains(server.url("/chan/linux-64/a-1.0-h0_0.conda").toString());
      assertThat(r.timestampMillis()).contains(1_700_000_000_000L);
    });
    assertThat(shardRequests()).containsExactly(shardPath("a"));
    assertThat(index.records("a")).isEqualTo(a);
    assertThat(index.records("no-such-name")).isEmpty();
    assertThat(shardRequests()).containsExactly(shardPath("a"));

    index.prefetch(List.of("a", "b", "c"));
    assertThat(shardRequests()).containsExactlyInAnyOrder(shardPath("a"), shardPath("b"), shardPath("c"));
    assertThat(index.records("b")).hasSize(1);
    assertThat(index.records("c")).hasSize(1);
    assertThat(shardRequests()).hasSize(3).doesNotContain(shardPath("d"));
    assertThat(cachedShards()).hasSize(3);
    assertThat(log).contains("noarch/repodata.json").doesNotContain("noarch/repodata.json if-none-match");
  }

  @Test
  void prefetchDependenciesWalksTheDependencyGraphOfTheRoots() throws IOException {
    universe.put("e", List.of("f"));
    universe.put("f", List.of());
    publish(null);
    RepodataIndex index = client(false).loadIndex(List.of(channel()), Platform.LINUX_64);
    assertThat(index.prefetchDependencies(List.of("a"))).containsExactly("a", "b", "c", "d");
    assertThat(shardRequests()).containsExactlyInAnyOrder(shardPath("a"), shardPath("b"), shardPath("c"),
        shardPath("d"));
    assertThat(index.records("d")).hasSize(1);
    assertThat(shardRequests()).hasSize(4);
    RepodataIndex offline = client(true).loadIndex(List.of(channel()), Platform.LINUX_64);
    assertThat(offline.prefetchDependencies(List.of("e", "a"))).containsExactly("a", "b", "c", "d", "e");
    assertThatThrownBy(() -> offline.records("e")).isInstanceOf(EnvxException.class);
  }

  @Test
  void dependencyNames() {
    assertThat(RepodataIndex.dependencyName("python >=3.9,<3.12")).isEqualTo("python");
    assertThat(RepodataIndex.dependencyName("libgcc-ng>=7.3.0")).isEqualTo("libgcc-ng");
    assertThat(RepodataIndex.dependencyName("conda-forge::numpy 1.26.*")).isEqualTo("numpy");
    assertThat(RepodataIndex.dependencyName("pkg[version='>=1']")).isEqualTo("pkg");
    assertThat(RepodataIndex.dependencyName("zlib")).isEqualTo("zlib");
  }

  @Test
  void secondRunRevalidatesTheIndexAndDownloadsNoShard() throws IOException {
    publish(null);
    RepodataIndex first = client(false).loadIndex(List.of(channel()), Platform.LINUX_64);
    first.prefetch(universe.keySet());
    assertThat(shardRequests()).hasSize(4);
    log.clear();

    RepodataIndex second = client(false).loadIndex(List.of(channel()), Platform.LINUX_64);
    for (String n : universe.keySet()) {
      assertThat(second.records(n)).hasSize(1);
    }
    assertThat(shardRequests()).isEmpty();
    assertThat(log).contains("linux-64/" + ShardIndexNames.INDEX + " if-none-match");
    assertThat(log).noneMatch(l -> l.startsWith("linux-64/repodata.json"));

    // a changed index (new etag, one new shard for `d`): only that shard is fetched
    byte[] d2 = shard("d", List.of("b"));
    String h2 = ShardedSource.sha256(d2);
    shardHash.put("d", h2);
    files.put(shardPath("d"), d2);
    files.put("linux-64/" + ShardIndexNames.INDEX, index("shards/", shardHash));
    etag = "\"i2\"";
    log.clear();
    RepodataIndex third = client(false).loadIndex(List.of(channel()), Platform.LINUX_64);
    assertThat(third.records("d")).singleElement().satisfies(r -> assertThat(r.depends()).containsExactly("b"));
    assertThat(third.records("a")).hasSize(1);
    assertThat(shardRequests()).containsExactly(shardPath("d"));
  }

  @Test
  void offlineServesTheCachedIndexAndShards() throws IOException {
    publish(null);
    client(false).loadIndex(List.of(channel()), Platform.LINUX_64).records("a");
    log.clear();
    RepodataIndex offline = client(true).loadIndex(List.of(channel()), Platform.LINUX_64);
    assertThat(offline.records("a")).hasSize(1);
    assertThatThrownBy(() -> offline.records("c")).isInstanceOfSatisfying(EnvxException.class, e -> {
      assertThat(e.first().message()).contains("`c`").contains("not cached");
    });
    assertThat(log).isEmpty();
  }

  @Test
  void fallsBackToRepodataJsonWithoutAShardIndexAndRemembersIt() {
    files.put("linux-64/repodata.json", ("{\"info\":{\"subdir\":\"linux-64\"},\"packages.conda\":{"
        + "\"a-1.0-h0_0.conda\":{\"name\":\"a\",\"version\":\"1.0\",\"build\":\"h0_0\"}}}")
        .getBytes(StandardCharsets.UTF_8));
    RepodataIndex index = client(false).loadIndex(List.of(channel()), Platform.LINUX_64);
    assertThat(index.subdirs()).extracting(SubdirRepodata::isSharded).containsExactly(false, false);
    assertThat(index.records("a")).hasSize(1);
    assertThat(log).contains("linux-64/" + ShardIndexNames.INDEX, "linux-64/repodata.json.zst",
        "linux-64/repodata.json");
    log.clear();
    client(false).loadIndex(List.of(channel()), Platform.LINUX_64);
    assertThat(log).noneMatch(l -> l.contains(ShardIndexNames.INDEX));
    RepodataIndex offline = client(true).loadIndex(List.of(channel()), Platform.LINUX_64);
    assertThat(offline.records("a")).hasSize(1);
  }

  @Test
  void aCorruptShardIsAnErrorNamingThePackageAndIsNotCached() throws IOException {
    publish(null);
    files.put(shardPath("c"), shard("c", List.of("something else")));
    RepodataIndex index = client(false).loadIndex(List.of(channel()), Platform.LINUX_64);
    assertThat(index.records("a")).hasSize(1);
    assertThatThrownBy(() -> index.records("c")).isInstanceOfSatisfying(EnvxException.class, e -> {
      assertThat(e.first().message()).contains("`c`").contains("corrupt").contains(shardHash.get("c"));
    });
    assertThat(cachedShards()).extracting(p -> p.getFileName().toString())
        .containsExactly(shardHash.get("a") + ".msgpack.zst");
  }

  @Test
  void aTamperedCacheEntryIsFetchedAgain() throws IOException {
    publish(null);
    client(false).loadIndex(List.of(channel()), Platform.LINUX_64).records("b");
    Path cached = cache.resolve("shards").resolve(shardHash.get("b") + ".msgpack.zst");
    Files.write(cached, new byte[] {1, 2, 3});
    log.clear();
    assertThat(client(false).loadIndex(List.of(channel()), Platform.LINUX_64).records("b")).hasSize(1);
    assertThat(shardRequests()).containsExactly(shardPath("b"));
    assertThat(ShardedSource.sha256(Files.readAllBytes(cached))).isEqualTo(shardHash.get("b"));
  }

  @Test
  void fileChannelsWithShardsAreReadInPlace() throws IOException {
    Path chan = work.resolve("chan");
    publish(chan);
    Channel local = Channel.parse(chan.toString(), ChannelConfig.standard());
    RepodataIndex index = client(false).loadIndex(List.of(local), Platform.LINUX_64);
    assertThat(index.subdirs().get(0).isSharded()).isTrue();
    assertThat(index.records("c")).singleElement().satisfies(r -> {
      assertThat(r.depends()).containsExactly("d");
      assertThat(r.url()).contains(local.url() + "/linux-64/c-1.0-h0_0.conda");
    });
    assertThat(index.subdirs().get(0).all()).hasSize(4);
    assertThat(BinaryIndexCacheTest.notBinaryIndexes(cache)).isEmpty();
    assertThat(log).isEmpty();
    Files.write(chan.resolve(shardPath("d")), shard("d", List.of("x")));
    RepodataIndex again = client(false).loadIndex(List.of(local), Platform.LINUX_64);
    assertThatThrownBy(() -> again.records("d")).isInstanceOfSatisfying(EnvxException.class,
        e -> assertThat(e.first().message()).contains("`d`").contains("corrupt"));
  }

  @Test
  void resolvesShardsBaseUrlAgainstTheIndex() {
    String idx = "https://h/c/linux-64/repodata_shards.msgpack.zst";
    assertThat(ShardedSource.resolve(idx, "")).isEqualTo("https://h/c/linux-64/");
    assertThat(ShardedSource.resolve(idx, "./shards")).isEqualTo("https://h/c/linux-64/shards/");
    assertThat(ShardedSource.resolve(idx, "../../shards/")).isEqualTo("https://h/shards/");
    assertThat(ShardedSource.resolve(idx, "https://cdn/x/")).isEqualTo("https://cdn/x/");
    assertThat(ShardedSource.resolve("file:///srv/c/noarch/i", "../shards")).isEqualTo("file:///srv/c/shards/");
  }

  @Test
  void rejectsANewerIndexVersion() throws IOException {
    MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
    p.packMapHeader(2).packString("version").packInt(2).packString("shards").packMapHeader(0);
    byte[] b = Zstd.compress(p.toByteArray());
    assertThatThrownBy(() -> ShardReader.index(b, "x")).isInstanceOfSatisfying(EnvxException.class,
        e -> assertThat(e.first().message()).contains("version 2"));
  }
}
