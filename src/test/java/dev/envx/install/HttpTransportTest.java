package dev.envx.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envx.format.lock.LockedPackage;
import dev.envx.http.Http;
import dev.envx.http.HttpOptions;
import dev.envx.http.RetryPolicy;
import dev.envx.install.Archives.Member;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads over http (mockwebserver): retried on 5xx, resumed after a cut, verified before extraction. */
class HttpTransportTest {
  @TempDir Path tmp;

  private static HttpTransport transport() {
    return new HttpTransport(Http.direct().with(HttpOptions.DEFAULT.withTimeouts(Duration.ofSeconds(5),
        Duration.ofSeconds(5)).withRetry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1)))));
  }

  @Test
  void retriesServerErrorsThenInstalls() throws Exception {
    Path pkg = Archives.conda(tmp.resolve("src"), "remote", List.of(Member.file("share/r.txt", "remote\n")));
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse().setResponseCode(503));
      server.enqueue(new MockResponse().setBody(new Buffer().write(Files.readAllBytes(pkg))));
      server.start();
      LockedPackage.Conda local = Archives.locked(pkg, true);
      LockedPackage.Conda remote = LocalChannel.relocated(local, pkg, local.hashes());
      remote = new LockedPackage.Conda(remote.name(), remote.version(), remote.build(), 0, null, remote.subdir(),
          server.url("/noarch/" + pkg.getFileName()).toString(), remote.fileName(), remote.hashes(), remote.size(),
          List.of(), List.of(), null, null, null, List.of());
      Path prefix = tmp.resolve("env");
      PackageCache cache = new PackageCache(tmp.resolve("cache"), transport());
      new Installer(cache, 1).apply(Planner.plan(List.of(remote), PrefixState.read(prefix), null));
      assertThat(prefix.resolve("share/r.txt")).hasContent("remote");
      assertThat(server.getRequestCount()).isEqualTo(2);
      // a second environment from the same cache downloads nothing
      new Installer(cache, 1).apply(Planner.plan(List.of(remote), PrefixState.read(tmp.resolve("env2")), null));
      assertThat(server.getRequestCount()).isEqualTo(2);
    }
  }

  @Test
  void aCorruptedDownloadIsRefusedAndNotCached() throws Exception {
    Path pkg = Archives.conda(tmp.resolve("src"), "remote", List.of(Member.file("share/r.txt", "remote\n")));
    byte[] body = Files.readAllBytes(pkg);
    body[body.length - 30] ^= 1;
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse().setBody(new Buffer().write(body)));
      server.start();
      LockedPackage.Conda local = Archives.locked(pkg, true);
      LockedPackage.Conda remote = new LockedPackage.Conda(local.name(), local.version(), local.build(), 0, null,
          local.subdir(), server.url("/" + pkg.getFileName()).toString(), local.fileName(), local.hashes(),
          local.size(), List.of(), List.of(), null, null, null, List.of());
      PackageCache cache = new PackageCache(tmp.resolve("cache"), transport());
      assertThatThrownBy(() -> cache.conda(remote)).hasMessageContaining("the sha256 of `remote-1.0-0.conda` is");
      try (var s = Files.list(tmp.resolve("cache"))) {
        assertThat(s.map(p -> p.getFileName().toString())).containsOnly(".locks");
      }
    }
  }

  @Test
  void aClientErrorIsNotRetried() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse().setResponseCode(404));
      server.start();
      assertThatThrownBy(() -> transport().download(server.url("/x.conda").uri(), tmp.resolve("x")))
          .hasMessageContaining("HTTP 404");
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void aDownloadCutByTheServerIsResumedInALaterRunAndVerified() throws Exception {
    Path pkg = Archives.conda(tmp.resolve("src"), "remote", List.of(Member.file("share/r.txt", "remote\n")));
    byte[] body = Files.readAllBytes(pkg);
    int half = body.length / 2;
    try (MockWebServer server = new MockWebServer()) {
      // the first run gets half the file and then only errors; the second run asks for the rest
      server.enqueue(new MockResponse().setBody(new Buffer().write(body, 0, half)).setHeader("ETag", "\"e1\"")
          .setHeader("Content-Length", body.length)
          .setSocketPolicy(okhttp3.mockwebserver.SocketPolicy.DISCONNECT_AT_END));
      for (int i = 0; i < 3; i++) {
        server.enqueue(new MockResponse().setResponseCode(503));
      }
      server.enqueue(new MockResponse().setResponseCode(206).setHeader("ETag", "\"e1\"")
          .setHeader("Content-Range", "bytes " + half + "-" + (body.length - 1) + "/" + body.length)
          .setBody(new Buffer().write(body, half, body.length - half)));
      server.start(java.net.InetAddress.getLoopbackAddress(), 0);
      LockedPackage.Conda local = Archives.locked(pkg, true);
      LockedPackage.Conda remote = new LockedPackage.Conda(local.name(), local.version(), local.build(), 0, null,
          local.subdir(), server.url("/" + pkg.getFileName()).toString(), local.fileName(), local.hashes(),
          local.size(), List.of(), List.of(), null, null, null, List.of());
      PackageCache cache = new PackageCache(tmp.resolve("cache"), transport());
      assertThatThrownBy(() -> cache.conda(remote)).hasMessageContaining("HTTP 503");
      Path entry = cache.conda(remote);
      assertThat(entry.resolve("share/r.txt")).hasContent("remote");
      server.takeRequest();
      for (int i = 0; i < 3; i++) {
        assertThat(server.takeRequest().getHeader("Range")).isEqualTo("bytes=" + half + "-");
      }
      var resumed = server.takeRequest();
      assertThat(resumed.getHeader("Range")).isEqualTo("bytes=" + half + "-");
      assertThat(resumed.getHeader("If-Range")).isEqualTo("\"e1\"");
      try (var s = Files.list(tmp.resolve("cache"))) {
        assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".partial-"));
      }
    }
  }
}
