package dev.envx.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envx.settings.Settings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP layer against mockwebserver on the loopback interface: proxies, retries, resume, offline, secrets. */
class HttpTest {
  @TempDir Path tmp;
  private MockWebServer server;
  private final List<Duration> sleeps = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private Settings settings(Map<String, String> env, boolean offline) {
    return Settings.fromEnvironment(env, "Linux", tmp, 2, offline);
  }

  private Http http(Map<String, String> env, int attempts) {
    return Http.of(settings(env, false), HttpOptions.DEFAULT.withTimeouts(Duration.ofSeconds(5),
        Duration.ofMillis(400)).withRetry(new RetryPolicy(attempts, Duration.ofMillis(10), Duration.ofMillis(25))))
        .withSleeper(sleeps::add);
  }

  private static String body(Exchange x) throws IOException {
    return new String(x.bytes(), StandardCharsets.UTF_8);
  }

  @Test
  void anHttpProxyCarriesTheRequestAndGetsItsCredentialsOnlyOnTheWire() throws Exception {
    String proxy = "http://alice:s3cret@" + server.getHostName() + ":" + server.getPort();
    server.enqueue(new MockResponse().setResponseCode(407).setHeader("Proxy-Authenticate", "Basic realm=\"p\""));
    server.enqueue(new MockResponse().setBody("via proxy"));
    Http h = http(Map.of("HTTP_PROXY", proxy), 1);
    try (Exchange x = h.send(HttpRequest.get("http://origin.envx.invalid/simple/x/"))) {
      assertThat(x.status()).isEqualTo(200);
      assertThat(body(x)).isEqualTo("via proxy");
    }
    RecordedRequest first = server.takeRequest();
    assertThat(first.getRequestLine()).isEqualTo("GET http://origin.envx.invalid/simple/x/ HTTP/1.1");
    assertThat(first.getHeader("Proxy-Authorization")).isNull();
    assertThat(server.takeRequest().getHeader("Proxy-Authorization"))
        .isEqualTo("Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8)));
    assertThat(settings(Map.of("HTTP_PROXY", proxy), false).toString()).doesNotContain("s3cret");
  }

  @Test
  void noProxyHostsGoDirect() throws Exception {
    try (MockWebServer proxy = new MockWebServer()) {
      proxy.start(InetAddress.getLoopbackAddress(), 0);
      server.enqueue(new MockResponse().setBody("direct"));
      Http h = http(Map.of("HTTP_PROXY", "http://" + proxy.getHostName() + ":" + proxy.getPort(),
          "NO_PROXY", "example.org," + server.getHostName()), 1);
      try (Exchange x = h.send(HttpRequest.get(server.url("/a").uri()))) {
        assertThat(body(x)).isEqualTo("direct");
      }
      assertThat(proxy.getRequestCount()).isZero();
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void eachSchemeHasItsProxy() {
    Settings s = settings(Map.of("HTTPS_PROXY", "http://tls-proxy:3128", "HTTP_PROXY", "http://plain-proxy:8080",
        "ALL_PROXY", "socks5://socks:1080", "NO_PROXY", ".corp"), false);
    ProxyRoutes routes = new ProxyRoutes(s.proxies());
    assertThat(routes.select(URI.create("https://pypi.org/simple/"))).singleElement()
        .satisfies(p -> assertThat(p.address().toString()).startsWith("tls-proxy"));
    assertThat(routes.select(URI.create("http://pypi.org/simple/"))).singleElement()
        .satisfies(p -> assertThat(p.address().toString()).startsWith("plain-proxy"));
    assertThat(routes.select(URI.create("https://repo.corp/x"))).containsExactly(Proxy.NO_PROXY);
    Settings socks = settings(Map.of("ALL_PROXY", "socks5h://socks:1080"), false);
    assertThat(new ProxyRoutes(socks.proxies()).select(URI.create("https://conda.anaconda.org/")))
        .singleElement().satisfies(p -> assertThat(p.type()).isEqualTo(Proxy.Type.SOCKS));
  }

  @Test
  void aProxyEnvxCannotSpeakToIsAClearErrorAtTheFirstRequest() {
    Http h = http(Map.of("HTTPS_PROXY", "https://alice:s3cret@proxy.example:443"), 1);
    assertThatThrownBy(() -> h.send(HttpRequest.get(server.url("/").uri().toString().replace("http:", "https:"))))
        .isInstanceOf(HttpFailure.class).hasMessageContaining("write `http://`").hasMessageNotContaining("s3cret");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void serverErrorsAndTimeoutsAreRetriedWithBackoff() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(503));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "0"));
    server.enqueue(new MockResponse().setBody("ok"));
    try (Exchange x = http(Map.of(), 4).send(HttpRequest.get(server.url("/r").uri()))) {
      assertThat(body(x)).isEqualTo("ok");
    }
    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(sleeps).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(25));
  }

  @Test
  void afterTheLastAttemptTheCallerSeesTheStatusAndClientErrorsAreNotRetried() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(500));
    server.enqueue(new MockResponse().setResponseCode(502));
    try (Exchange x = http(Map.of(), 2).send(HttpRequest.get(server.url("/r").uri()))) {
      assertThat(x.status()).isEqualTo(502);
    }
    server.enqueue(new MockResponse().setResponseCode(404));
    try (Exchange x = http(Map.of(), 4).send(HttpRequest.get(server.url("/r").uri()))) {
      assertThat(x.status()).isEqualTo(404);
    }
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void connectionFailuresEndInAFailureNamingTheUrlWithoutItsCredentials() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String url = "http://bob:pa55word@127.0.0.1:" + port + "/t/tk-secret-123/chan/noarch/repodata.json";
    assertThatThrownBy(() -> http(Map.of(), 3).send(HttpRequest.get(url)))
        .isInstanceOfSatisfying(HttpFailure.class, e -> {
          assertThat(e.getMessage()).contains("after 3 attempts").contains("/t/<TOKEN>/chan/noarch/repodata.json")
              .doesNotContain("pa55word").doesNotContain("bob").doesNotContain("tk-secret-123");
          assertThat(e.status()).isEmpty();
        });
    assertThat(sleeps).hasSize(2);
  }

  @Test
  void urlCredentialsBecomeBasicAuthorization() throws Exception {
    server.enqueue(new MockResponse().setBody("ok"));
    HttpRequest r = HttpRequest.get(server.url("/simple/").uri().toString().replace("://", "://bob:p%40ss@"));
    assertThat(r.toString()).doesNotContain("p%40ss").doesNotContain("p@ss");
    assertThat(r.url().getUserInfo()).isNull();
    try (Exchange x = http(Map.of(), 1).send(r)) {
      assertThat(x.status()).isEqualTo(200);
    }
    RecordedRequest got = server.takeRequest();
    assertThat(got.getHeader("Authorization"))
        .isEqualTo("Basic " + Base64.getEncoder().encodeToString("bob:p@ss".getBytes(StandardCharsets.UTF_8)));
    assertThat(got.getHeader("User-Agent")).isEqualTo("envx");
  }

  @Test
  void offlineRefusesBeforeSendingAnything() {
    Http h = Http.of(settings(Map.of(), true));
    String url = server.url("/t/tk-secret-123/chan/noarch/repodata.json").toString();
    assertThatThrownBy(() -> h.send(HttpRequest.get(url))).isInstanceOf(OfflineException.class)
        .hasMessageStartingWith("envx is offline (`--offline` or `ENVX_OFFLINE`): not fetching `")
        .hasMessageContaining("/t/<TOKEN>/").hasMessageNotContaining("tk-secret-123");
    assertThatThrownBy(() -> h.download(HttpRequest.get(url), tmp.resolve("f"), Optional.empty()))
        .isInstanceOf(OfflineException.class);
    assertThat(server.getRequestCount()).isZero();
    assertThat(tmp.resolve("f")).doesNotExist();
  }

  private static byte[] payload(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + seed);
    }
    return b;
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  /** An answer that announces the whole body but sends only its first {@code sent} bytes, then hangs up. */
  private static MockResponse cut(byte[] body, int sent) {
    return new MockResponse().setBody(new Buffer().write(body, 0, sent)).setHeader("ETag", "\"v1\"")
        .setHeader("Content-Length", body.length).setSocketPolicy(SocketPolicy.DISCONNECT_AT_END);
  }

  private static MockResponse rest(byte[] body, int from) {
    return new MockResponse().setResponseCode(206).setHeader("ETag", "\"v1\"")
        .setHeader("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length)
        .setBody(new Buffer().write(body, from, body.length - from));
  }

  @Test
  void aCutDownloadIsResumedWithRangeAndIfRange() throws Exception {
    byte[] body = payload(200_000, 7);
    server.enqueue(cut(body, 70_000));
    server.enqueue(rest(body, 70_000));
    Path target = tmp.resolve("pkg.conda");
    Http.Download d = http(Map.of(), 3).download(HttpRequest.get(server.url("/pkg.conda").uri()), target,
        Optional.of(Digest.sha256(sha256(body))));
    assertThat(d.resumed()).isTrue();
    assertThat(Files.readAllBytes(target)).isEqualTo(body);
    assertThat(tmp.resolve("pkg.conda.resume")).doesNotExist();
    RecordedRequest first = server.takeRequest();
    assertThat(first.getHeader("Range")).isNull();
    assertThat(first.getHeader("Accept-Encoding")).isEqualTo("identity");
    RecordedRequest second = server.takeRequest();
    assertThat(second.getHeader("Range")).isEqualTo("bytes=70000-");
    assertThat(second.getHeader("If-Range")).isEqualTo("\"v1\"");
    assertThat(sleeps).as("the server answered: no backoff").isEmpty();
  }

  @Test
  void theListenerIsToldTheBytesInTheFileAndTheWholeSizeAcrossAResume() throws Exception {
    byte[] body = payload(200_000, 3);
    server.enqueue(cut(body, 70_000));
    server.enqueue(rest(body, 70_000));
    java.util.List<long[]> told = new java.util.ArrayList<>();
    http(Map.of(), 3).download(HttpRequest.get(server.url("/pkg.conda").uri()), tmp.resolve("pkg.conda"),
        Optional.of(Digest.sha256(sha256(body))), (bytes, total) -> told.add(new long[] {bytes, total}));
    assertThat(told).allSatisfy(t -> assertThat(t[1]).isEqualTo(200_000));
    assertThat(told.get(0)[0]).isZero();
    assertThat(told).anySatisfy(t -> assertThat(t[0]).isEqualTo(70_000)); // where the cut left the file
    assertThat(told.get(told.size() - 1)[0]).isEqualTo(200_000);
    for (int i = 1; i < told.size(); i++) { // never backwards: the resume starts from what the file had
      assertThat(told.get(i)[0]).isGreaterThanOrEqualTo(told.get(i - 1)[0]);
    }
  }

  @Test
  void aResumedFileWithTheWrongDigestIsFetchedAgainWhole() throws Exception {
    byte[] body = payload(50_000, 1);
    byte[] other = payload(50_000, 2); // the file changed on the server, which ignored If-Range
    server.enqueue(cut(body, 20_000));
    server.enqueue(rest(other, 20_000));
    server.enqueue(new MockResponse().setBody(new Buffer().write(body)));
    Path target = tmp.resolve("w.whl");
    Http.Download d = http(Map.of(), 3).download(HttpRequest.get(server.url("/w.whl").uri()), target,
        Optional.of(Digest.sha256(sha256(body))));
    assertThat(Files.readAllBytes(target)).isEqualTo(body);
    assertThat(d.resumed()).isFalse();
    server.takeRequest();
    server.takeRequest();
    assertThat(server.takeRequest().getHeader("Range")).isNull();
  }

  @Test
  void aServerThatIgnoresRangeSendsTheWholeFileAgain() throws Exception {
    byte[] body = payload(30_000, 3);
    server.enqueue(cut(body, 10_000));
    server.enqueue(new MockResponse().setBody(new Buffer().write(body)));
    Path target = tmp.resolve("x");
    http(Map.of(), 3).download(HttpRequest.get(server.url("/x").uri()), target, Optional.empty());
    assertThat(Files.readAllBytes(target)).isEqualTo(body);
  }

  @Test
  void aDownloadThatFailsForGoodKeepsItsPartForTheNextCall() throws Exception {
    byte[] body = payload(40_000, 4);
    server.enqueue(cut(body, 15_000));
    server.enqueue(new MockResponse().setResponseCode(503));
    server.enqueue(new MockResponse().setResponseCode(503));
    Path target = tmp.resolve("y");
    HttpRequest req = HttpRequest.get(server.url("/y").uri());
    assertThatThrownBy(() -> http(Map.of(), 2).download(req, target, Optional.empty()))
        .isInstanceOfSatisfying(HttpFailure.class, e -> assertThat(e.status()).contains(503));
    assertThat(Files.size(target)).isEqualTo(15_000);
    server.enqueue(rest(body, 15_000));
    assertThat(http(Map.of(), 2).download(req, target, Optional.empty()).resumed()).isTrue();
    assertThat(Files.readAllBytes(target)).isEqualTo(body);
  }

  @Test
  void aClientErrorEndsADownloadAtOnce() {
    server.enqueue(new MockResponse().setResponseCode(404));
    assertThatThrownBy(() -> http(Map.of(), 4).download(HttpRequest.get(server.url("/z").uri()), tmp.resolve("z"),
        Optional.empty())).isInstanceOf(HttpFailure.class).hasMessageContaining("HTTP 404");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
