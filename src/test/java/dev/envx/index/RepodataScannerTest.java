package dev.envx.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.diag.EnvxException;
import dev.envx.model.conda.Channel;
import dev.envx.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.junit.jupiter.api.Test;

/**
 * {@link RepodataScanner} (the fast path) against Jackson's path of {@link RepodataParser}: on every real repodata
 * file of the shared data and testdata, whole and cut into parts, and on generated, damaged and adversarial
 * documents. Either the scanner declines, or both give the same subdir, record for record and field for field;
 * where Jackson fails the scanner must decline; and clean documents must not be declined (else the fast path
 * would be tested never to run).
 */
class RepodataScannerTest {
  private static final Channel CH = Channel.parse("conda-forge");
  private static final Path TMP = tmp();

  private static Path tmp() {
    try {
      return Files.createTempDirectory("envx-scanner-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterContainer
  static void cleanUp() throws IOException {
    try (Stream<Path> files = Files.walk(TMP)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Everything a reader of the subdir can see, one line per record, in a stable order. */
  static List<String> describe(SubdirRepodata s) {
    List<String> out = new ArrayList<>();
    out.add("subdir=" + s.subdir() + " base=" + s.baseUrl() + " version=" + s.repodataVersion() + " size="
        + s.size() + " parsed=" + s.parsedCount() + " skipped=" + s.skippedCount() + " "
        + s.warnings(true));
    for (String name : new java.util.TreeSet<>(s.names())) {
      for (PackageRecord r : s.records(name)) {
        out.add(record(r));
      }
    }
    return out;
  }

  static String record(PackageRecord r) {
    HexFormat hex = HexFormat.of();
    return String.join(" | ", r.name(), r.version(), r.build(), String.valueOf(r.buildNumber()),
        String.valueOf(r.depends()), String.valueOf(r.constrains()), String.valueOf(r.rawTrackFeatures()),
        String.valueOf(r.rawFeatures()), String.valueOf(r.rawTimestamp()),
        r.rawMd5() == null ? "-" : hex.formatHex(r.rawMd5()), r.rawSha256() == null ? "-" : hex.formatHex(r.rawSha256()),
        String.valueOf(r.size()), r.fileName(), String.valueOf(r.isCondaFormat()), r.subdir(),
        String.valueOf(r.rawSubdir()), String.valueOf(r.rawLicense()), String.valueOf(r.rawLicenseFamily()),
        String.valueOf(r.rawNoarch()), String.valueOf(r.rawSitePackagesPath()), String.valueOf(r.url()),
        String.valueOf(r.channel().map(Channel::url)));
  }

  /** Jackson's reading, or the failure's message prefixed by "failed: ". */
  static List<String> jackson(byte[] json) {
    try {
      return describe(new RepodataParser().parse(new ByteArrayInputStream(json), CH, "linux-64", "test.json"));
    } catch (EnvxException e) {
      return List.of("failed: " + e.getMessage());
    }
  }

  /** The scanner's reading of the file, or null when it declined. */
  static List<String> scanned(RepodataParser parser, Path file) {
    try {
      SubdirRepodata s = parser.scan(file, CH, "linux-64");
      return s == null ? null : describe(s);
    } catch (EnvxException e) {
      return List.of("failed: " + e.getMessage()); // what follows the scan (base_url) fails as it does after Jackson
    }
  }

  private static Path write(byte[] json) throws IOException {
    return Files.write(Files.createTempFile(TMP, "repodata", ".json"), json);
  }

  /** The scanner declined, or agrees with Jackson; Jackson failing means the scanner must have declined. */
  private static boolean agrees(byte[] json, RepodataParser parser) throws IOException {
    Path f = write(json);
    try {
      List<String> want = jackson(json);
      List<String> got = scanned(parser, f);
      if (got == null) {
        return false;
      }
      assertThat(got).isEqualTo(want); // where Jackson fails, so must this
      return true;
    } finally {
      Files.delete(f);
    }
  }

  // --- real files ------------------------------------------------------------------------------------------------

  private static List<Path> realFiles() throws IOException {
    List<Path> roots = new ArrayList<>();
    roots.add(SharedData.projectRoot().resolve("testdata"));
    if (Files.isDirectory(SharedData.root().resolve("channels"))) {
      roots.add(SharedData.require("channels"));
    } else {
      System.err.println("RepodataScannerTest: ../shared/data/channels is absent; testdata only");
    }
    List<Path> out = new ArrayList<>();
    for (Path root : roots) {
      try (Stream<Path> files = Files.walk(root)) {
        files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().matches("(current_)?repodata(_from_packages)?\\.json"))
            .sorted().forEach(out::add);
      }
    }
    return out;
  }

  @Test
  void readsEveryRealRepodataFileAsJacksonDoes() throws IOException {
    List<Path> files = realFiles();
    assertThat(files).hasSizeGreaterThan(5);
    int read = 0;
    for (Path f : files) {
      byte[] json = Files.readAllBytes(f);
      List<String> want = jackson(json);
      List<String> got = scanned(new RepodataParser(), f);
      if (want.get(0).startsWith("failed: ")) {
        assertThat(got).as(f + ": Jackson fails, so the scanner must decline").isNull();
        continue;
      }
      if (got == null) {
        continue; // declined (counted below: real files are nearly all read)
      }
      read++;
      assertThat(got).as(f.toString()).isEqualTo(want);
      // cut into up to four parts of at least 2 KB
      List<String> split = scanned(new RepodataParser(2048, 4), f);
      assertThat(split).as(f + " in parts").isEqualTo(want);
    }
    assertThat(read).as("real files the scanner read (of %d)", files.size()).isGreaterThanOrEqualTo(files.size() - 3);
  }

  @Test
  void cutsALargeFileIntoPartsThatJoinUp() throws IOException {
    Path f = SharedData.projectRoot().resolve("testdata/cli/channel/linux-64/repodata.json");
    if (Files.isDirectory(SharedData.root().resolve("channels"))) {
      f = SharedData.require("channels").resolve("anaconda-r/linux-64/repodata.json");
    }
    RepodataParser parser = new RepodataParser(Files.size(f) / 4, 4);
    List<RepodataScanner.Result> parts;
    try {
      parts = parser.parts(f, new PackageRecord.Origin(CH, "linux-64", null));
    } catch (RepodataScanner.Declined e) {
      throw new AssertionError("declined " + f + ": " + e.getMessage());
    }
    assertThat(parts).hasSizeGreaterThan(1);
    for (int i = 0; i + 1 < parts.size(); i++) {
      assertThat(parts.get(i).stopped()).isTrue();
    }
    assertThat(parts.get(parts.size() - 1).stopped()).isFalse();
    assertThat(scanned(parser, f)).isEqualTo(jackson(Files.readAllBytes(f)));
  }

  @Test
  void readsAZstdFileAsJacksonReadsTheJson() throws IOException {
    Path json = SharedData.projectRoot().resolve("testdata/cli/channel/linux-64/repodata.json");
    Path zst = TMP.resolve("repodata.json.zst");
    Files.write(zst, com.github.luben.zstd.Zstd.compress(Files.readAllBytes(json)));
    List<String> got = scanned(new RepodataParser(1, 4), zst); // never cut: a compressed stream cannot seek
    assertThat(got).isNotNull().isEqualTo(jackson(Files.readAllBytes(json)));
  }

  @Test
  void jacksonFailuresAreDeclined() throws IOException {
    for (String bad : List.of("", "[]", "{", "{\"packages\": []}", "{\"packages\": {\"a-1-0.conda\": {\"name\": 1}}}",
        "{\"packages\": {\"a-1-0.conda\": {\"build_number\": 1.5}}}", "{\"repodata_version\": 99999999999}",
        "{\"packages\": {\"a-1-0.conda\": {\"md5\": \"xyz\"}}}", "{\"a\": 01}", "{\"a\": [1,]}", "{\"a\": \"\\x\"}",
        "\uFEFF{}", "{\"a\": tru}", "{\"a\": \"\u0001\"}", "{\"packages\": {\"a-1-0.conda\": {}}} trailing",
        "{\"info\": {\"subdir\": \"\\ud800\"}}", "{\"packages\": {\"a-1-0.conda\": {\"depends\": [\"x\", 2]}}}")) {
      byte[] json = bad.getBytes(StandardCharsets.UTF_8);
      boolean read = agrees(json, new RepodataParser());
      if (bad.endsWith("trailing") || bad.contains("{}}}")) {
        assertThat(read).as(bad).isTrue(); // what follows the document is read by neither
      }
    }
  }

  @Test
  void readsEscapesAndUtf8AsJacksonDoes() throws IOException {
    String json = "{\"info\": {\"subdir\": \"linux-64\", \"base_url\": \"https://m\\u00e9/x\"}, \"packages\": {"
        + "\"caf\\u00e9-1.0-0.conda\": {\"name\": \"caf\u00e9\", \"version\": \"1.0\", \"build\": \"0\", "
        + "\"license\": \"\\\"BSD\\\" \\\\ \\/ \\b\\f\\n\\r\\t \\ud83d\\ude00 \u20ac\", \"depends\": [\"a \u00e9\", "
        + "\"b\\u0020>=1\"], \"extra\": {\"k\\\"ey\": [null, true, false, -0.5e-3, {\"x\": []}]}}}}";
    assertThat(agrees(json.getBytes(StandardCharsets.UTF_8), new RepodataParser())).isTrue();
  }

  // --- generated documents ---------------------------------------------------------------------------------------

  @Property(tries = 400)
  void cleanDocumentsAreReadAsJacksonReadsThem(@ForAll("seeds") long seed) throws IOException {
    byte[] json = new Doc(new Random(seed), false).json();
    assertThat(agrees(json, new RepodataParser())).as(new String(json, StandardCharsets.UTF_8)).isTrue();
  }

  @Property(tries = 400)
  void untidyDocumentsAreDeclinedOrReadAsJacksonReadsThem(@ForAll("seeds") long seed) throws IOException {
    net.jqwik.api.statistics.Statistics.collect(agrees(new Doc(new Random(seed), true).json(), new RepodataParser())
        ? "read" : "declined");
  }

  @Property(tries = 600)
  void damagedDocumentsAreDeclinedOrReadAsJacksonReadsThem(@ForAll("seeds") long seed) throws IOException {
    Random rnd = new Random(seed);
    byte[] json = new Doc(rnd, rnd.nextBoolean()).json();
    byte[] interesting = "\"\\{}[],: 0a-.e\n\u00e9".getBytes(StandardCharsets.UTF_8);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int edits = 1 + rnd.nextInt(3);
    int[] at = new int[edits];
    for (int i = 0; i < edits; i++) {
      at[i] = rnd.nextInt(json.length);
    }
    for (int i = 0; i < json.length; i++) {
      int edit = -1;
      for (int a : at) {
        edit = a == i ? rnd.nextInt(3) : edit;
      }
      byte b = rnd.nextInt(8) == 0 ? (byte) rnd.nextInt(256) : interesting[rnd.nextInt(interesting.length)];
      switch (edit) {
        case 0 -> out.write(b); // replaced
        case 1 -> {
          out.write(b); // inserted
          out.write(json[i]);
        }
        case 2 -> { } // deleted
        default -> out.write(json[i]);
      }
    }
    net.jqwik.api.statistics.Statistics.collect(agrees(out.toByteArray(), new RepodataParser()) ? "read"
        : "declined");
  }

  @Property(tries = 300)
  void documentsCutIntoPartsAreReadAsJacksonReadsThem(@ForAll("seeds") long seed) throws IOException {
    Random rnd = new Random(seed);
    Doc doc = new Doc(rnd, rnd.nextInt(4) == 0);
    doc.decoys = true; // strings that look like a record boundary, so some cuts are wrong
    byte[] json = doc.json();
    RepodataParser parts = new RepodataParser(1 + rnd.nextInt(Math.max(1, json.length / 2)), 2 + rnd.nextInt(4));
    Path f = write(json);
    try {
      List<String> whole = scanned(new RepodataParser(), f);
      List<String> cut = scanned(parts, f);
      assertThat(cut).isEqualTo(whole);
      net.jqwik.api.statistics.Statistics.collect(whole == null ? "declined" : "read");
      if (whole != null) {
        assertThat(whole).isEqualTo(jackson(json));
      }
    } finally {
      Files.delete(f);
    }
  }

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs();
  }

  /** A random repodata document: clean (every field of its type) or untidy (wrong types, nulls, odd spellings). */
  static final class Doc {
    private final Random rnd;
    private final boolean untidy;
    private final boolean pretty;
    private final boolean escapeKeys;
    boolean decoys;
    private final StringBuilder sb = new StringBuilder();

    Doc(Random rnd, boolean untidy) {
      this.rnd = rnd;
      this.untidy = untidy;
      this.pretty = rnd.nextBoolean();
      this.escapeKeys = untidy && rnd.nextInt(8) == 0;
    }

    byte[] json() {
      sb.setLength(0);
      sb.append('{');
      List<Runnable> members = new ArrayList<>();
      if (rnd.nextInt(3) > 0) {
        members.add(() -> {
          key("info");
          sb.append('{');
          List<Runnable> info = new ArrayList<>();
          if (rnd.nextBoolean()) {
            info.add(() -> member("subdir", () -> str(pick("linux-64", "noarch", "osx-arm64"))));
          }
          if (rnd.nextInt(3) == 0) {
            info.add(() -> member("base_url", () -> str(pick("https://example.org/m/", "../mirror", ""))));
          }
          if (rnd.nextBoolean()) {
            info.add(() -> member("arch", this::anyValue));
          }
          join(info);
          sb.append('}');
        });
      }
      if (rnd.nextInt(4) == 0) {
        members.add(() -> member("repodata_version", () -> sb.append(untidy && rnd.nextInt(3) == 0 ? "\"2\"" : "2")));
      }
      for (String k : new String[] {"packages", "packages.conda"}) {
        if (rnd.nextInt(5) > 0) {
          members.add(() -> {
            key(k);
            sb.append('{');
            List<Runnable> recs = new ArrayList<>();
            int n = rnd.nextInt(12);
            for (int i = 0; i < n; i++) {
              recs.add(this::record);
            }
            join(recs);
            sb.append('}');
          });
        }
      }
      if (rnd.nextInt(4) == 0) {
        members.add(() -> member("removed", () -> {
          sb.append('[');
          str("gone-1.0-0.tar.bz2");
          sb.append(']');
        }));
      }
      if (rnd.nextInt(6) == 0) {
        members.add(this::record); // the bare file name -> record form
      }
      java.util.Collections.shuffle(members, rnd);
      join(members);
      ws();
      sb.append('}');
      if (rnd.nextInt(5) == 0) {
        sb.append(pick("\n", "  ", " garbage", "{}"));
      }
      return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void record() {
      String name = pick("numpy", "py-lib", "caf\u00e9", "x", "r-base", "_mutex");
      String version = pick("1.0", "2.3.4", "1!2.0", "0.1.dev0");
      String build = pick("0", "py_0", "h1234abc_1", "pyhd8ed1ab_0");
      String ext = pick(".conda", ".tar.bz2", ".conda", untidy ? ".zip" : ".conda");
      boolean canonical = rnd.nextInt(5) > 0;
      key(canonical ? name + "-" + version + "-" + build + ext : pick("odd" + ext, "a-b" + ext, "n-1-0" + ext));
      if (untidy && rnd.nextInt(15) == 0) {
        anyValue(); // a record that is not an object
        return;
      }
      sb.append('{');
      List<Runnable> fields = new ArrayList<>();
      if (rnd.nextInt(8) > 0) {
        fields.add(() -> member("name", () -> str(name)));
      }
      if (rnd.nextInt(8) > 0) {
        fields.add(() -> member("version", () -> str(version)));
      }
      if (rnd.nextInt(8) > 0) {
        fields.add(() -> member("build", () -> str(build)));
      }
      maybe(fields, "build_number", () -> sb.append(rnd.nextInt(20)));
      maybe(fields, "depends", () -> strings(pick("python >=3.8", "libgcc-ng >=12", "numpy 1.2.*", "a \u00e9",
          "b \"q\"", "c\\d")));
      maybe(fields, "constrains", () -> strings(pick("pytz >=2020", "x <2")));
      maybe(fields, "track_features", () -> {
        if (rnd.nextBoolean()) {
          str(pick("", "mkl", "a b"));
        } else {
          strings(pick("f1", "f2"));
        }
      });
      maybe(fields, "features", () -> str(pick("debug", "", "vc14")));
      maybe(fields, "timestamp", () -> sb.append(pick("1518197313289", "1700000000", "0", "-5")));
      maybe(fields, "md5", () -> str(hex(16)));
      maybe(fields, "sha256", () -> str(hex(32)));
      maybe(fields, "size", () -> sb.append(rnd.nextInt(1 << 30)));
      maybe(fields, "subdir", () -> str(pick("linux-64", "noarch")));
      maybe(fields, "license", () -> str(pick("MIT", "BSD-3-Clause", "GPL \u00a9", "\"quoted\"")));
      maybe(fields, "license_family", () -> str(pick("BSD", "MIT")));
      maybe(fields, "noarch", () -> {
        if (rnd.nextBoolean()) {
          str(pick("python", "generic"));
        } else {
          sb.append(pick("true", "false"));
        }
      });
      maybe(fields, "python_site_packages_path", () -> str("lib/python3.13t/site-packages"));
      maybe(fields, pick("arch", "platform", "legacy_bz2_md5", "app_entry"), this::anyValue);
      if (untidy && rnd.nextInt(4) == 0) {
        String k = pick("name", "version", "build", "build_number", "depends", "md5", "sha256", "size",
            "timestamp", "noarch", "license", "features", "subdir");
        fields.add(() -> member(k, this::anyValue)); // any type, also the wrong one, or null
      }
      java.util.Collections.shuffle(fields, rnd);
      join(fields);
      ws();
      sb.append('}');
    }

    private void maybe(List<Runnable> fields, String key, Runnable value) {
      if (rnd.nextBoolean()) {
        fields.add(() -> member(key, untidy && rnd.nextInt(12) == 0 ? () -> sb.append("null") : value));
      }
    }

    private void anyValue() {
      anyValue(0);
    }

    private void anyValue(int depth) {
      switch (rnd.nextInt(depth > 2 ? 6 : 8)) {
        case 0 -> str(pick("x", "", "\u00e9\u20ac", "a\\b", "}, \"fake-1-0.conda\": {"));
        case 1 -> sb.append(pick("0", "-1", "12", "1.5", "-0.25e3", "1E+2", "123456789012"));
        case 2 -> sb.append(pick("true", "false"));
        case 3 -> sb.append("null");
        case 4 -> str(hex(16));
        case 5 -> sb.append(pick("99999999999999999999", "9223372036854775807", "3000000000"));
        case 6 -> {
          sb.append('[');
          List<Runnable> items = new ArrayList<>();
          for (int i = rnd.nextInt(4); i > 0; i--) {
            items.add(() -> anyValue(depth + 1));
          }
          join(items);
          sb.append(']');
        }
        default -> {
          sb.append('{');
          List<Runnable> items = new ArrayList<>();
          for (int i = rnd.nextInt(4); i > 0; i--) {
            String k = pick("a", "name", "b\u00e9", "k\\\"");
            items.add(() -> member(k, () -> anyValue(depth + 1)));
          }
          join(items);
          sb.append('}');
        }
      }
    }

    private void strings(String... some) {
      sb.append('[');
      List<Runnable> items = new ArrayList<>();
      for (int i = rnd.nextInt(4); i > 0; i--) {
        String s = pick("python >=3.8", "libgcc-ng >=12", some[rnd.nextInt(some.length)]);
        items.add(() -> str(s));
      }
      if (decoys && rnd.nextInt(3) == 0) {
        items.add(() -> str("}, \"decoy-1-0.conda\": {\"name\": \"decoy\"}, \"x\": "));
      }
      join(items);
      ws();
      sb.append(']');
    }

    private String hex(int bytes) {
      byte[] b = new byte[bytes];
      rnd.nextBytes(b);
      String h = HexFormat.of().formatHex(b);
      return rnd.nextInt(10) == 0 ? h.toUpperCase(java.util.Locale.ROOT) : h;
    }

    private void member(String key, Runnable value) {
      key(key);
      value.run();
    }

    private void key(String k) {
      ws();
      str(k, escapeKeys); // the scanner declines an escaped key of a record
      ws();
      sb.append(':');
      ws();
    }

    /** A JSON string: as is, or with some characters escaped (also the ones that need no escape). */
    private void str(String s) {
      str(s, true);
    }

    private void str(String s, boolean mayEscape) {
      sb.append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '"' || c == '\\') {
          sb.append('\\').append(c);
        } else if (c < 0x20 || mayEscape && rnd.nextInt(40) == 0) {
          sb.append(String.format("\\u%04x", (int) c));
        } else {
          sb.append(c);
        }
      }
      sb.append('"');
    }

    private void join(List<Runnable> items) {
      for (int i = 0; i < items.size(); i++) {
        if (i > 0) {
          ws();
          sb.append(',');
        }
        items.get(i).run();
      }
      if (!items.isEmpty()) {
        ws();
      }
    }

    private void ws() {
      if (pretty) {
        sb.append(pick("\n  ", " ", "\n    ", "\r\n\t", ""));
      } else if (rnd.nextInt(6) == 0) {
        sb.append(' ');
      }
    }

    private String pick(String... options) {
      return options[rnd.nextInt(options.length)];
    }
  }

  @Test
  void aStreamThatReturnsFewBytesAtATimeIsReadWhole() throws Exception {
    byte[] json = new Doc(new Random(7), false).json();
    InputStream trickle = new InputStream() {
      private int at;

      @Override
      public int read() {
        return at < json.length ? json[at++] & 0xff : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (at >= json.length) {
          return -1;
        }
        int n = at % 3 == 0 ? 0 : Math.min(len, 1 + at % 5); // sometimes nothing at all
        System.arraycopy(json, at, b, off, n);
        at += n;
        return n;
      }
    };
    PackageRecord.Origin origin = new PackageRecord.Origin(CH, "linux-64", null);
    RepodataScanner.Result r = new RepodataScanner(trickle, 0, new ByteInterner(), new RecordFields(), 16)
        .scan(origin);
    RepodataScanner.Result whole = new RepodataScanner(new ByteArrayInputStream(json), 0, new ByteInterner(),
        new RecordFields(), 1 << 16).scan(new PackageRecord.Origin(CH, "linux-64", null));
    assertThat(r.records().stream().map(RepodataScannerTest::record).toList())
        .isEqualTo(whole.records().stream().map(RepodataScannerTest::record).toList());
    assertThat(r.skipped()).isEqualTo(whole.skipped());
  }
}
