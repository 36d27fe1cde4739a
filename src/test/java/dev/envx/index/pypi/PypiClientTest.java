package dev.envx.index.pypi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envx.http.Http;
import dev.envx.http.HttpOptions;
import dev.envx.http.RetryPolicy;
import dev.envx.index.pypi.MetadataReader.Via;
import dev.envx.index.pypi.PypiIndexException.Kind;
import dev.envx.model.pep440.Pep440Version;
import dev.envx.model.pep440.SpecifierSet;
import dev.envx.model.pep508.PyPiName;
import dev.envx.model.wheel.CoreMetadata;
import dev.envx.testing.MirrorServer;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PyPI client against the shared real-wheel mirror, served by mockwebserver and read as file://. */
class PypiClientTest {
  private static final PyPiName REQUESTS = PyPiName.of("requests");
  /** A wheel whose body is in the mirror (small), with its metadata file. */
  private static final String REQUESTS_WHEEL = "requests-2.34.2-py3-none-any.whl";

  private Path mirror;
  private MirrorServer server;
  @TempDir Path tmp;

  @BeforeEach
  void start() throws IOException {
    mirror = SharedData.require("pypi");
    server = new MirrorServer(mirror);
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  private static Fetcher http() {
    return new HttpFetcher(Http.direct().with(HttpOptions.DEFAULT.withTimeouts(Duration.ofSeconds(10),
        Duration.ofSeconds(20)).withRetry(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1)))));
  }

  private PypiClient client(PypiSettings s) {
    return new PypiClient(s, http());
  }

  private PypiSettings served(String userInfo) {
    return PypiSettings.defaults().withIndexUrl(URI.create(server.indexUrl(userInfo)));
  }

  @Test
  void jsonPageOverHttp() {
    ProjectPage page = client(served(null)).require(REQUESTS);
    assertThat(page.apiVersion()).isEqualTo("1.1");
    assertThat(page.files()).hasSize(1);
    DistributionFile f = page.files().get(0);
    assertThat(f.filename()).isEqualTo(REQUESTS_WHEEL);
    assertThat(f.url().toString()).isEqualTo(server.indexUrl(null).replace("/simple/", "/files/") + REQUESTS_WHEEL);
    assertThat(f.hashes()).containsEntry("sha256",
        "2a0d60c172f83ac6ab31e4554906c0f3b3588d37b5cb939b1c061f4907e278e0");
    assertThat(f.requiresPython()).hasToString(">=3.10");
    assertThat(f.coreMetadata()).containsKey("sha256");
    assertThat(f.size()).isEqualTo(73075);
    assertThat(f.isYanked()).isFalse();
    assertThat(f.allowsPython(Pep440Version.parse("3.9"))).isFalse();
    assertThat(f.allowsPython(Pep440Version.parse("3.12.1"))).isTrue();
    RecordedRequest r = server.requests().get(0);
    assertThat(r.getPath()).isEqualTo("/simple/requests/");
    assertThat(r.getHeader("Accept")).startsWith("application/vnd.pypi.simple.v1+json");
  }

  @Test
  void htmlFallbackGivesTheSameFiles() {
    server.json = false;
    List<DistributionFile> html = client(served(null)).require(PyPiName.of("NumPy")).files();
    server.json = true;
    List<DistributionFile> json = client(served(null)).require(PyPiName.of("numpy")).files();
    assertThat(html).isNotEmpty();
    assertThat(html).usingRecursiveFieldByFieldElementComparatorIgnoringFields("size").isEqualTo(json);
    assertThat(server.requests()).extracting(RecordedRequest::getPath).contains("/simple/numpy/");
  }

  /** Every project of the mirror: the JSON and the HTML page list the same files with the same facts. */
  @Test
  void jsonAndHtmlAgreeForEveryMirrorProject() throws IOException {
    Path simple = mirror.resolve("simple");
    List<String> names;
    try (Stream<Path> s = Files.list(simple)) {
      names = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    }
    int files = 0;
    for (String n : names) {
      URI base = simple.resolve(n).toUri();
      ProjectPage j = SimplePages.projectPage(PyPiName.of(n), response(simple.resolve(n + "/index.json"),
          SimplePages.JSON_V1), base, n);
      ProjectPage h = SimplePages.projectPage(PyPiName.of(n), response(simple.resolve(n + "/index.html"),
          "text/html"), base, n);
      assertThat(h.files().stream().map(PypiClientTest::facts).toList()).as(n)
          .isEqualTo(j.files().stream().map(PypiClientTest::facts).toList());
      assertThat(j.files()).as(n).allMatch(f -> f.parsed() != null && f.hasCoreMetadata());
      files += j.files().size();
    }
    System.out.println("PypiClientTest: " + names.size() + " projects, " + files + " files, JSON == HTML");
    assertThat(names).hasSizeGreaterThan(800);
  }

  /** What an HTML page can say about a file (not its size). */
  private static String facts(DistributionFile f) {
    return String.join(" | ", f.filename(), f.url().toString(), f.hashes().toString(), f.requiresPythonText(),
        String.valueOf(f.requiresPython()), String.valueOf(f.yankedReason()), String.valueOf(f.coreMetadata()),
        String.valueOf(f.parsed()));
  }

  private static Fetcher.Response response(Path p, String type) throws IOException {
    return new Fetcher.Response(200, java.util.Map.of("content-type", type), Files.readAllBytes(p));
  }

  @Test
  void projectListJsonAndHtml() {
    List<String> json = new SimpleIndex(URI.create(server.indexUrl(null)), transport()).projects();
    server.json = false;
    List<String> html = new SimpleIndex(URI.create(server.indexUrl(null)), transport()).projects();
    assertThat(json).hasSizeGreaterThan(800).contains("requests", "numpy").isEqualTo(html);
  }

  private Transport transport() {
    return new Transport(http(), Netrc.empty(), null, false);
  }

  @Test
  void metadataFromThePep658FileIsHashChecked() throws IOException {
    PypiClient c = client(served(null));
    DistributionFile f = c.require(REQUESTS).files().get(0);
    MetadataReader.Fetched m = c.metadata(REQUESTS, f);
    assertThat(m.via()).isEqualTo(Via.METADATA_FILE);
    assertThat(m.metadata().version()).hasToString("2.34.2");
    assertThat(m.metadata()).isEqualTo(CoreMetadata.parse(Files.readAllBytes(mirror.resolve("files/"
        + REQUESTS_WHEEL + ".metadata")), "x").equals(m.metadata()) ? m.metadata() : null);
    assertThat(server.requests()).extracting(RecordedRequest::getPath)
        .contains("/files/" + REQUESTS_WHEEL + ".metadata");

    server.corrupted.add(REQUESTS_WHEEL + ".metadata");
    PypiClient c2 = client(served(null));
    assertThatThrownBy(() -> c2.metadata(REQUESTS, c2.require(REQUESTS).files().get(0)))
        .isInstanceOfSatisfying(PypiIndexException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.HASH_MISMATCH);
          assertThat(e.exitCode()).isEqualTo(1);
          assertThat(e.getMessage()).contains("hash mismatch for metadata file `http://")
              .contains(REQUESTS_WHEEL + ".metadata`: the index announced sha256 `8c384ba3e979");
          assertThat(e.first().hints()).isNotEmpty();
        });
  }

  @Test
  void withoutAMetadataFileTheWheelIsReadByRanges() throws IOException {
    server.metadataFiles = false;
    PypiClient c = client(served(null));
    DistributionFile f = c.require(REQUESTS).files().get(0);
    server.clearRequests();
    MetadataReader.Fetched m = c.metadata(REQUESTS, f);
    assertThat(m.via()).isEqualTo(Via.RANGE_REQUESTS);
    assertThat(m.metadata()).isEqualTo(mirrorMetadata(REQUESTS_WHEEL));
    List<String> ranges = server.requests().stream().map(r -> r.getHeader("Range")).toList();
    assertThat(ranges.get(0)).isNull(); // the 404 for the metadata file
    assertThat(ranges.subList(1, ranges.size())).allMatch(r -> r != null && r.startsWith("bytes="))
        .hasSizeLessThanOrEqualTo(3);
    assertThat(ranges.get(1)).isEqualTo("bytes=-65536");
  }

  @Test
  void aServerIgnoringRangesGivesTheWholeWheelWhichIsHashChecked() throws IOException {
    server.metadataFiles = false;
    server.ranges = MirrorServer.Ranges.IGNORED;
    PypiClient c = client(served(null));
    MetadataReader.Fetched m = c.metadata(REQUESTS, c.require(REQUESTS).files().get(0));
    assertThat(m.via()).isEqualTo(Via.WHOLE_WHEEL);
    assertThat(m.metadata()).isEqualTo(mirrorMetadata(REQUESTS_WHEEL));
  }

  @Test
  void aServerRefusingRangesGetsADownload() throws IOException {
    server.metadataFiles = false;
    server.ranges = MirrorServer.Ranges.REFUSED;
    PypiClient c = client(served(null).withCacheDir(tmp.resolve("cache")));
    MetadataReader.Fetched m = c.metadata(REQUESTS, c.require(REQUESTS).files().get(0));
    assertThat(m.via()).isEqualTo(Via.WHOLE_WHEEL);
    assertThat(m.metadata()).isEqualTo(mirrorMetadata(REQUESTS_WHEEL));
    // the downloaded wheel is gone, its metadata is cached by the wheel's hash
    assertThat(tmp.resolve("cache/tmp")).isEmptyDirectory();
    MetadataReader.Fetched again = client(served(null).withCacheDir(tmp.resolve("cache")))
        .metadata(REQUESTS, c.require(REQUESTS).files().get(0));
    assertThat(again.via()).isEqualTo(Via.CACHE);
  }

  @Test
  void largeWheelWithoutBodyStillHasItsMetadata() {
    PypiClient c = client(served(null));
    PyPiName torch = PyPiName.of("aiohttp");
    ProjectPage page = c.require(torch);
    MetadataReader.Fetched m = c.metadata(torch, page.files().get(0));
    assertThat(m.via()).isEqualTo(Via.METADATA_FILE);
    assertThat(m.metadata().requiresDist()).isNotEmpty();
  }

  private CoreMetadata mirrorMetadata(String wheel) throws IOException {
    return CoreMetadata.parse(Files.readAllBytes(mirror.resolve("files/" + wheel + ".metadata")), wheel);
  }

  @Test
  void unknownProjectIsAClearError() {
    PypiClient c = client(served(null));
    assertThat(c.project(PyPiName.of("no-such-project"))).isEmpty();
    assertThatThrownBy(() -> c.require(PyPiName.of("No_Such.Project")))
        .isInstanceOfSatisfying(PypiIndexException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.UNKNOWN_PROJECT);
          assertThat(e.exitCode()).isEqualTo(2);
          assertThat(e.getMessage()).isEqualTo("error: no project `No_Such.Project` on `" + server.indexUrl(null)
              + "`");
        });
  }

  @Test
  void credentialsFromTheUrlAreSentAndNeverShown() {
    server.requiredAuthorization = MirrorServer.basic("alice", "s3cr3t");
    PypiClient c = client(served("alice:s3cr3t"));
    assertThat(c.require(REQUESTS).files()).hasSize(1);
    assertThat(c.indexes().get(0).shown()).doesNotContain("s3cr3t").doesNotContain("alice");
    assertThat(c.settings().toString()).doesNotContain("s3cr3t");
    assertThat(server.requests().get(0).getHeader("Authorization")).isEqualTo(MirrorServer.basic("alice", "s3cr3t"));
    // metadata files on the same host get the credentials too
    assertThat(c.metadata(REQUESTS, c.require(REQUESTS).files().get(0)).via()).isEqualTo(Via.METADATA_FILE);

    PypiClient wrong = client(served("alice:wrong"));
    assertThatThrownBy(() -> wrong.require(REQUESTS)).isInstanceOfSatisfying(PypiIndexException.class, e -> {
      assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
      assertThat(e.getMessage()).contains("answered 401 (authentication required)").doesNotContain("wrong");
      assertThat(e.first().hints().get(0)).contains("~/.netrc");
    });
  }

  @Test
  void credentialsFromANetrc() throws IOException {
    server.requiredAuthorization = MirrorServer.basic("bob", "t0ken with space");
    Path netrc = tmp.resolve("netrc");
    Files.writeString(netrc, "# comment\nmachine other.example login x password y\n\nmachine "
        + URI.create(server.indexUrl(null)).getHost() + "\n  login bob\n  password \"t0ken with space\"\n");
    PypiClient c = client(served(null).withNetrc(netrc));
    assertThat(c.require(REQUESTS).files()).hasSize(1);
    assertThat(Netrc.read(netrc).toString()).doesNotContain("t0ken");
  }

  @Test
  void pagesAreRevalidatedFromTheCache() {
    server.etags = true;
    Path cache = tmp.resolve("cache");
    assertThat(client(served(null).withCacheDir(cache)).require(REQUESTS).files()).hasSize(1);
    server.clearRequests();
    assertThat(client(served(null).withCacheDir(cache)).require(REQUESTS).files()).hasSize(1);
    RecordedRequest r = server.requests().get(0);
    assertThat(r.getHeader("If-None-Match")).isNotNull();
    // offline: the cache answers, nothing is asked
    server.clearRequests();
    assertThat(client(served(null).withCacheDir(cache).withOffline(true)).require(REQUESTS).files()).hasSize(1);
    assertThat(server.requests()).isEmpty();
    assertThatThrownBy(() -> client(served(null).withCacheDir(cache).withOffline(true)).require(PyPiName.of("six")))
        .isInstanceOfSatisfying(PypiIndexException.class, e -> assertThat(e.kind()).isEqualTo(Kind.OFFLINE));
    // the cache holds no credentials
    assertThat(cache).isDirectory();
  }

  @Test
  void cachedFilesHoldNoCredentials() throws IOException {
    server.requiredAuthorization = MirrorServer.basic("alice", "s3cr3t");
    Path cache = tmp.resolve("cache");
    PypiClient c = client(served("alice:s3cr3t").withCacheDir(cache));
    c.metadata(REQUESTS, c.require(REQUESTS).files().get(0));
    try (Stream<Path> s = Files.walk(cache)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1)).as(p.toString())
            .doesNotContain("s3cr3t").doesNotContain(java.util.Base64.getEncoder().encodeToString("alice:s3cr3t"
                .getBytes()));
        assertThat(p.getFileName().toString()).doesNotContain("alice");
      }
    }
  }

  @Test
  void fileIndexOverTheMirror() {
    PypiClient c = client(PypiSettings.defaults().withIndexUrl(mirror.resolve("simple").toUri()));
    ProjectPage page = c.require(REQUESTS);
    assertThat(page.apiVersion()).isEqualTo("1.1"); // index.json is preferred
    assertThat(page.files().get(0).url()).isEqualTo(mirror.resolve("files/" + REQUESTS_WHEEL).toUri());
    assertThat(c.metadata(REQUESTS, page.files().get(0)).via()).isEqualTo(Via.METADATA_FILE);
    assertThat(c.project(PyPiName.of("no-such-project"))).isEmpty();
    assertThat(new SimpleIndex(mirror.resolve("simple").toUri(), transport()).projects()).hasSizeGreaterThan(800);
  }

  @Test
  void findLinksDirectoryReadsMetadataFromTheWheel() {
    Path files = mirror.resolve("files");
    PypiClient c = client(served(null).withFindLinks(List.of(files)));
    ProjectPage page = c.require(REQUESTS);
    assertThat(page.files()).extracting(DistributionFile::filename).containsExactly(REQUESTS_WHEEL);
    PypiClient only = client(PypiSettings.defaults().withIndexUrl(tmp.toUri()).withFindLinks(List.of(files)));
    DistributionFile f = only.require(PyPiName.of("six")).files().get(0);
    assertThat(f.url().getScheme()).isEqualTo("file");
    MetadataReader.Fetched m = only.metadata(PyPiName.of("six"), f);
    assertThat(m.via()).isEqualTo(Via.RANGE_REQUESTS);
    assertThat(m.metadata().name().normalized()).isEqualTo("six");
    assertThatThrownBy(() -> new FindLinks(tmp.resolve("missing")))
        .hasMessageContaining("`--find-links` directory");
  }

  @Test
  void extraIndexUrlsAndStrategies() throws IOException {
    // an extra index with one project of its own and one that shadows the primary
    Path extra = tmp.resolve("extra");
    writeProject(extra, "requests", "requests-9.0-py3-none-any.whl", null);
    writeProject(extra, "only-here", "only_here-1.0-py3-none-any.whl", null);
    PypiSettings s = served(null).withExtraIndexUrls(List.of(extra.toUri()));
    PypiClient first = client(s);
    assertThat(first.require(REQUESTS).files()).extracting(DistributionFile::filename).containsExactly(REQUESTS_WHEEL);
    assertThat(first.require(PyPiName.of("only-here")).files()).hasSize(1);
    PypiClient merged = client(s.withStrategy(PypiSettings.IndexStrategy.UNSAFE_BEST_MATCH));
    assertThat(merged.require(REQUESTS).files()).extracting(DistributionFile::filename)
        .containsExactly(REQUESTS_WHEEL, "requests-9.0-py3-none-any.whl");
    assertThatThrownBy(() -> first.require(PyPiName.of("nowhere"))).hasMessageContaining("no project `nowhere` on "
        + "any of `" + server.indexUrl(null) + "`, `" + extra.toUri() + "`");
  }

  @Test
  void yankedFilesAreSkippedUnlessPinned() throws IOException {
    Path index = tmp.resolve("yanked");
    writeProject(index, "pkg", "pkg-1.0-py3-none-any.whl", null);
    Files.writeString(index.resolve("pkg/index.html"), """
        <!DOCTYPE html><html><head><meta name="pypi:repository-version" content="1.0"></head><body>
        <a href="../../f/pkg-1.0-py3-none-any.whl#sha256=00ff" data-yanked="">pkg-1.0-py3-none-any.whl</a>
        <a href="../../f/pkg-1.1-py3-none-any.whl" data-yanked="broken &amp; bad"
           data-requires-python="&gt;=3.8">pkg-1.1-py3-none-any.whl</a>
        <a href="../../f/pkg-1.2.tar.gz">pkg-1.2.tar.gz</a>
        </body></html>
        """);
    Files.delete(index.resolve("pkg/index.json"));
    ProjectPage page = client(PypiSettings.defaults().withIndexUrl(index.toUri())).require(PyPiName.of("pkg"));
    assertThat(page.apiVersion()).isEqualTo("1.0");
    assertThat(page.files()).extracting(DistributionFile::yankedReason).containsExactly("", "broken & bad", null);
    assertThat(page.files().get(0).hashes()).containsEntry("sha256", "00ff");
    assertThat(page.files().get(1).requiresPython()).hasToString(">=3.8");
    assertThat(page.selectable(SpecifierSet.parse(">=1.0"))).extracting(DistributionFile::filename)
        .containsExactly("pkg-1.2.tar.gz");
    assertThat(page.selectable(SpecifierSet.parse("==1.1"))).extracting(DistributionFile::filename)
        .containsExactly("pkg-1.1-py3-none-any.whl", "pkg-1.2.tar.gz".equals("") ? "" : "pkg-1.2.tar.gz")
        .hasSize(1 + 1);
    assertThat(page.selectable(SpecifierSet.parse("==1.*"))).hasSize(1);
    assertThat(page.versions()).extracting(Pep440Version::toString).containsExactly("1.0", "1.1", "1.2");
    assertThatThrownBy(() -> client(PypiSettings.defaults().withIndexUrl(index.toUri())).metadata(PyPiName.of("pkg"),
        page.files().get(2))).isInstanceOfSatisfying(PypiIndexException.class,
            e -> assertThat(e.getMessage()).contains("`pkg-1.2.tar.gz` of `pkg` is not a wheel"));
  }

  private static void writeProject(Path index, String project, String file, String extra) throws IOException {
    Files.createDirectories(index.resolve(project));
    Files.writeString(index.resolve(project + "/index.json"), """
        {"meta": {"api-version": "1.0"}, "name": "%s", "files": [
          {"filename": "%s", "url": "https://files.example/%s", "hashes": {}%s}]}
        """.formatted(project, file, file, extra == null ? "" : ", " + extra));
  }

  @Test
  void pagesThatAreNotAnIndexAreClearErrors() throws IOException {
    Path bad = tmp.resolve("bad");
    Files.createDirectories(bad.resolve("login"));
    Files.writeString(bad.resolve("login/index.html"),
        "<html><body><h1>Sign in</h1><a href=\"/forgot\">Forgot password?</a></body></html>");
    Files.createDirectories(bad.resolve("empty"));
    Files.writeString(bad.resolve("empty/index.html"), "<html><body>nothing here</body></html>");
    Files.createDirectories(bad.resolve("json"));
    Files.writeString(bad.resolve("json/index.json"), "{\"hello\": 1}");
    Files.createDirectories(bad.resolve("future"));
    Files.writeString(bad.resolve("future/index.json"), "{\"meta\": {\"api-version\": \"2.0\"}, \"files\": []}");
    PypiClient c = client(PypiSettings.defaults().withIndexUrl(bad.toUri()));
    assertNotAnIndex(c, "login", "none of its 1 links is a distribution of `login`");
    assertNotAnIndex(c, "empty", "its HTML has no links");
    assertNotAnIndex(c, "json", "its JSON has no `files` list");
    assertNotAnIndex(c, "future", "speaks simple API version 2.0, envx reads 1.x");
    Fetcher.Response text = new Fetcher.Response(200, java.util.Map.of("content-type", "text/plain"), new byte[0]);
    assertThatThrownBy(() -> SimplePages.projectPage(REQUESTS, text, bad.toUri(), "https://x/simple/requests/"))
        .hasMessage("error: `https://x/simple/requests/` is not a simple package index: it answered with "
            + "content type `text/plain`");
  }

  private static void assertNotAnIndex(PypiClient c, String project, String why) {
    assertThatThrownBy(() -> c.require(PyPiName.of(project))).isInstanceOfSatisfying(PypiIndexException.class, e -> {
      assertThat(e.kind()).isEqualTo(Kind.NOT_AN_INDEX);
      assertThat(e.exitCode()).isEqualTo(2);
      assertThat(e.getMessage()).contains(why);
    });
  }

  @Test
  void serverErrorsAndUnreachableHostsAreMessagesNotTraces() throws IOException {
    PypiClient c = client(PypiSettings.defaults().withIndexUrl(URI.create("http://127.0.0.1:1/simple/")));
    assertThatThrownBy(() -> c.require(REQUESTS)).isInstanceOfSatisfying(PypiIndexException.class, e -> {
      assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
      assertThat(e.getMessage()).startsWith("error: cannot fetch `http://127.0.0.1:1/simple/requests/`: ");
    });
    assertThatThrownBy(() -> PypiSettings.parseIndexUrl("ftp://x/simple", "--index-url"))
        .hasMessageContaining("`--index-url` takes an http(s):// or file:// URL");
    assertThat(PypiSettings.parseIndexUrl("some/dir", "--index-url").getScheme()).isEqualTo("file");
  }
}
