package dev.envx.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.model.conda.Channel;
import dev.envx.model.conda.Platform;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The binary index cache gives the records the JSON parser gives, is used on the second read, decodes only the
 * names looked up, and is rebuilt (never trusted) when truncated, tampered with, of another format or stale.
 */
class BinaryIndexCacheTest {
  @TempDir Path tmp;

  private static final String REPODATA = """
      {"info": {"subdir": "linux-64", "base_url": "../pkgs/"}, "repodata_version": 2,
       "packages": {
         "zlib-1.3-h0_0.tar.bz2": {"name": "zlib", "version": "1.3", "build": "h0_0", "build_number": 0,
           "depends": [], "md5": "0123456789abcdef0123456789abcdef", "timestamp": 1700000000},
         "zlib-1.3-h0_0_weird.tar.bz2": {"name": "zlib", "version": "1.3", "build": "h0_1", "build_number": 1,
           "depends": ["libgcc >=13"], "size": 1234},
         "python-3.12.0-h1_0_cpython.tar.bz2": {"name": "python", "version": "3.12.0", "build": "h1_0_cpython",
           "build_number": 0, "depends": ["zlib >=1.2,<2", "libgcc >=13"], "constrains": ["python_abi 3.12.* *_cp312"],
           "track_features": "pypy feat2", "features": "old", "license": "Python-2.0 — ©", "license_family": "PSF",
           "subdir": "linux-64"}
       },
       "packages.conda": {
         "zlib-1.3-h0_0.conda": {"name": "zlib", "version": "1.3", "build": "h0_0", "build_number": 0,
           "sha256": "0000000000000000000000000000000000000000000000000000000000000001", "size": 99},
         "ünïcode-1.0-0.conda": {"name": "ünïcode", "version": "1.0", "build": "0", "build_number": -1,
           "noarch": "python", "python_site_packages_path": "lib/python3.12/site-packages", "timestamp": 1700000000123}
       }}
      """;

  private Path channelDir() throws IOException {
    Path sub = tmp.resolve("chan/linux-64");
    Files.createDirectories(sub);
    Files.writeString(sub.resolve("repodata.json"), REPODATA);
    return sub.resolve("repodata.json");
  }

  private final List<String> debug = new ArrayList<>();

  private BinaryIndexCache cache() {
    return new BinaryIndexCache(tmp.resolve("cache/index"), debug::add);
  }

  private Path cacheFile(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> files = s.filter(p -> p.toString().endsWith(".bidx")).toList();
      assertThat(files).hasSize(1);
      return files.get(0);
    }
  }

  /**
   * The files under a repodata cache dir other than binary indexes: what a test of "local channels are read in
   * place" expects to be empty (only their {@code index/*.bidx} files are written).
   */
  static List<Path> notBinaryIndexes(Path cache) throws IOException {
    try (Stream<Path> s = Files.walk(cache)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !(p.getParent().equals(cache.resolve("index")) && p.toString().endsWith(".bidx"))).toList();
    }
  }

  private static Channel channel(Path repodata) {
    return Channel.parse(repodata.getParent().getParent().toUri().toString());
  }

  /** Every field of every record, by file name, plus the subdir's own fields. */
  static Map<String, String> describe(SubdirRepodata s) {
    Map<String, String> out = new TreeMap<>();
    out.put("", s.subdir() + " " + s.baseUrl() + " " + s.repodataVersion() + " " + s.size() + " "
        + s.parsedCount() + " " + new java.util.TreeSet<>(s.names()) + " " + s.channel());
    for (PackageRecord r : s.all()) {
      out.put(r.fileName() + " " + r.subdir(), String.join("|", r.name(), r.version(), r.build(),
          "" + r.buildNumber(), "" + r.depends(), "" + r.constrains(), "" + r.trackFeatures(), "" + r.features(),
          "" + r.timestampMillis(), "" + r.md5(), "" + r.sha256(), "" + r.size(), "" + r.isCondaFormat(),
          "" + r.license(), "" + r.licenseFamily(), "" + r.noarch(), "" + r.pythonSitePackagesPath(),
          "" + r.url(), "" + r.channel(), r.toString()));
    }
    return out;
  }

  @Test
  void secondReadComesFromTheIndexWithTheSameRecords() throws IOException {
    Path file = channelDir();
    Channel ch = channel(file);
    SubdirRepodata json = new RepodataParser().parse(file, ch, "linux-64");
    SubdirRepodata first = cache().load(file, ch, "linux-64", new RepodataParser());
    Path idx = cacheFile(tmp.resolve("cache/index"));
    FileTime written = Files.getLastModifiedTime(idx);
    SubdirRepodata second = cache().load(file, ch, "linux-64", new RepodataParser());
    assertThat(describe(first)).isEqualTo(describe(json));
    assertThat(describe(second)).isEqualTo(describe(json));
    assertThat(second.records("zlib")).containsExactlyElementsOf(json.records("zlib"));
    assertThat(second.records("missing")).isEmpty();
    assertThat(Files.getLastModifiedTime(idx)).isEqualTo(written);
    assertThat(debug).isEmpty();
  }

  @Test
  void recordsAreDecodedOnlyForTheNamesLookedUp() throws IOException {
    Path file = channelDir();
    Channel ch = channel(file);
    cache().load(file, ch, "linux-64", new RepodataParser());
    Path idx = cacheFile(tmp.resolve("cache/index"));
    BinaryIndex b = ((BinaryIndex.Usable) BinaryIndex.open(idx, BinaryIndexCache.key(file, ch, "linux-64"))).index();
    Map<String, List<PackageRecord>> records = b.records(ch);
    assertThat(b.decodedNames()).isZero();
    assertThat(records.containsKey("python")).isTrue();
    assertThat(b.decodedNames()).isZero();
    assertThat(records.get("python")).hasSize(1);
    assertThat(records.get("python")).isSameAs(records.get("python"));
    assertThat(b.decodedNames()).isEqualTo(1);
  }

  @Test
  void aMappedIndexReadsLikeOneReadWhole() throws IOException {
    Path file = channelDir();
    Channel ch = channel(file);
    cache().load(file, ch, "linux-64", new RepodataParser());
    Path idx = cacheFile(tmp.resolve("cache/index"));
    String key = BinaryIndexCache.key(file, ch, "linux-64");
    BinaryIndex mapped = ((BinaryIndex.Usable) BinaryIndex.open(idx, key, 0)).index();
    BinaryIndex read = ((BinaryIndex.Usable) BinaryIndex.open(idx, key)).index();
    for (String name : List.of("zlib", "python", "ünïcode")) {
      assertThat(mapped.records(ch).get(name)).as(name).isNotEmpty()
          .containsExactlyElementsOf(read.records(ch).get(name));
    }
  }

  @Test
  void largeSourcesAreWrittenOnASecondThread() throws Exception {
    Path file = channelDir();
    Channel ch = channel(file);
    Path dir = tmp.resolve("cache/index");
    SubdirRepodata parsed = new BinaryIndexCache(dir, debug::add, 1).load(file, ch, "linux-64", new RepodataParser());
    String key = BinaryIndexCache.key(file, ch, "linux-64");
    long until = System.nanoTime() + 30_000_000_000L;
    while (!(Files.isDirectory(dir) && hasIndex(dir)) && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    BinaryIndex.Opened opened = BinaryIndex.open(cacheFile(dir), key);
    assertThat(opened).isInstanceOf(BinaryIndex.Usable.class);
    assertThat(describe(cache().load(file, ch, "linux-64", new RepodataParser()))).isEqualTo(describe(parsed));
    assertThat(debug).isEmpty();
  }

  private static boolean hasIndex(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(p -> p.toString().endsWith(".bidx"));
    }
  }

  @Test
  void aTruncatedIndexIsRebuilt() throws IOException {
    assertRebuilt(idx -> {
      try (RandomAccessFile f = new RandomAccessFile(idx.toFile(), "rw")) {
        f.setLength(f.length() / 2);
      }
    }, "truncated");
  }

  @Test
  void aTamperedIndexIsRebuilt() throws IOException {
    assertRebuilt(idx -> {
      byte[] b = Files.readAllBytes(idx);
      int at = b.length - 20; // inside the records
      b[at] ^= 0x01;
      Files.write(idx, b);
    }, "checksum mismatch");
  }

  @Test
  void anIndexOfAnotherFormatIsRebuilt() throws IOException {
    assertRebuilt(idx -> {
      byte[] b = Files.readAllBytes(idx);
      b[8] = 99;
      Files.write(idx, b);
    }, "format 99");
  }

  @Test
  void anEmptyIndexIsRebuilt() throws IOException {
    assertRebuilt(idx -> Files.write(idx, new byte[0]), "truncated");
  }

  @Test
  void aForeignFileIsRebuilt() throws IOException {
    assertRebuilt(idx -> Files.writeString(idx, "not an index at all, but long enough"), "not an envx binary index");
  }

  private interface Damage {
    void apply(Path idx) throws IOException;
  }

  private void assertRebuilt(Damage damage, String reason) throws IOException {
    Path file = channelDir();
    Channel ch = channel(file);
    Map<String, String> expected = describe(new RepodataParser().parse(file, ch, "linux-64"));
    cache().load(file, ch, "linux-64", new RepodataParser());
    Path idx = cacheFile(tmp.resolve("cache/index"));
    byte[] good = Files.readAllBytes(idx);
    damage.apply(idx);
    SubdirRepodata again = cache().load(file, ch, "linux-64", new RepodataParser());
    assertThat(describe(again)).isEqualTo(expected);
    assertThat(debug).singleElement().asString().contains(reason).contains("rebuilding");
    assertThat(Files.readAllBytes(idx)).isEqualTo(good);
    debug.clear();
    assertThat(describe(cache().load(file, ch, "linux-64", new RepodataParser()))).isEqualTo(expected);
    assertThat(debug).isEmpty();
  }

  @Test
  void aChangedSourceMakesTheIndexStale() throws IOException {
    Path file = channelDir();
    Channel ch = channel(file);
    cache().load(file, ch, "linux-64", new RepodataParser());
    String changed = REPODATA.replace("\"3.12.0\"", "\"3.12.1\"").replace("3.12.0-h1", "3.12.1-h1");
    Files.writeString(file, changed);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
    SubdirRepodata again = cache().load(file, ch, "linux-64", new RepodataParser());
    assertThat(again.records("python")).singleElement().extracting(PackageRecord::version).isEqualTo("3.12.1");
    assertThat(debug).singleElement().asString().contains("stale");
  }

  @Test
  void concurrentColdReadersAndWritersAllSeeTheRecords() throws Exception {
    Path file = channelDir();
    Channel ch = channel(file);
    Map<String, String> expected = describe(new RepodataParser().parse(file, ch, "linux-64"));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Map<String, String>>> runs = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        runs.add(pool.submit(() -> describe(cache().load(file, ch, "linux-64", new RepodataParser()))));
      }
      for (Future<Map<String, String>> f : runs) {
        assertThat(f.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdown();
    }
    Path dir = tmp.resolve("cache/index");
    assertThat(BinaryIndex.open(cacheFile(dir), BinaryIndexCache.key(file, ch, "linux-64")))
        .isInstanceOf(BinaryIndex.Usable.class);
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
    }
  }

  @Test
  void anUnwritableCacheOnlyCostsTheSpeedUp() throws IOException {
    Path file = channelDir();
    Channel ch = channel(file);
    Files.writeString(tmp.resolve("blocker"), "a file where the cache dir should be");
    BinaryIndexCache blocked = new BinaryIndexCache(tmp.resolve("blocker/index"), debug::add);
    SubdirRepodata s = blocked.load(file, ch, "linux-64", new RepodataParser());
    assertThat(describe(s)).isEqualTo(describe(new RepodataParser().parse(file, ch, "linux-64")));
    assertThat(debug).last().asString().contains("not written");
  }

  @Test
  void theClientUsesTheIndexForLocalChannels() throws IOException {
    Path file = channelDir();
    Files.createDirectories(tmp.resolve("chan/noarch"));
    Files.writeString(tmp.resolve("chan/noarch/repodata.json"), "{}", StandardCharsets.UTF_8);
    RepodataClient client = new RepodataClient(RepodataSettings.of(tmp.resolve("cache")).withOffline(true));
    RepodataIndex cold = client.loadIndex(List.of(channel(file)), Platform.LINUX_64);
    RepodataIndex warm = client.loadIndex(List.of(channel(file)), Platform.LINUX_64);
    try (Stream<Path> s = Files.list(tmp.resolve("cache/index"))) {
      assertThat(s.filter(p -> p.toString().endsWith(".bidx"))).hasSize(2);
    }
    assertThat(warm.records("zlib")).containsExactlyElementsOf(cold.records("zlib"));
    assertThat(warm.names()).isEqualTo(cold.names());
  }

  @Test
  void realChannelsRoundTripThroughTheIndex() throws IOException {
    Path shared = SharedData.require("channels");
    for (Path file : List.of(shared.resolve("anaconda-r/linux-64/repodata.json"),
        shared.resolve("derived-from-pixi-lockfiles/conda-forge/linux-64/repodata.json"),
        shared.resolve("derived-from-pixi-lockfiles/conda-forge/noarch/repodata.json"),
        shared.resolve("anaconda-defaults-2018/index4.json"))) {
      Channel ch = Channel.parse("https://conda.example.org/test");
      SubdirRepodata json = new RepodataParser().parse(file, ch, "linux-64");
      cache().load(file, ch, "linux-64", new RepodataParser());
      SubdirRepodata warm = cache().load(file, ch, "linux-64", new RepodataParser());
      assertThat(describe(warm)).as(file.toString()).isEqualTo(describe(json));
    }
    assertThat(debug).isEmpty();
  }
}
