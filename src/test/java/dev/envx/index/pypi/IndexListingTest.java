package dev.envx.index.pypi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envx.http.Http;
import dev.envx.http.HttpOptions;
import dev.envx.http.RetryPolicy;
import dev.envx.index.pypi.PypiIndexException.Kind;
import dev.envx.testing.MirrorServer;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link SimpleIndex#listing}, the root page read on the missing-project path: an index lists its projects, an
 * index that is none is a {@link Kind#NOT_AN_INDEX} error, a root that tells nothing (401, pypi.org) gives empty.
 */
class IndexListingTest {
  private static final Path BAD = SharedData.projectRoot().resolve("testdata/pypi-bad");

  private static Transport transport() {
    return new Transport(new HttpFetcher(Http.direct().with(HttpOptions.DEFAULT.withRetry(
        new RetryPolicy(1, Duration.ZERO, Duration.ZERO)))), Netrc.empty(), null, false);
  }

  private static Optional<java.util.List<String>> listing(String url) {
    return new SimpleIndex(URI.create(url), transport()).listing();
  }

  @Test
  void theMirrorListsItsProjectsOverHttpAndFile() throws IOException {
    Path mirror = SharedData.require("pypi");
    try (MirrorServer s = new MirrorServer(mirror)) {
      assertThat(listing(s.indexUrl(null)).orElseThrow()).hasSizeGreaterThan(800).contains("requests");
      s.json = false;
      assertThat(listing(s.indexUrl(null)).orElseThrow()).hasSizeGreaterThan(800).contains("requests");
      s.requiredAuthorization = MirrorServer.basic("alice", "s3cr3t");
      assertThat(listing(s.indexUrl(null))).isEmpty(); // 401: tells nothing
    }
    assertThat(listing(mirror.resolve("simple").toUri().toString()).orElseThrow()).contains("requests");
  }

  @Test
  void pypiOrgIsNeverListed() {
    Transport offline = new Transport(new HttpFetcher(Http.direct()), Netrc.empty(), null, true);
    assertThat(new SimpleIndex(PypiSettings.PYPI, offline).listing()).isEmpty(); // no request at all
  }

  @Test
  void whatIsNoIndexSaysSo() throws IOException {
    for (String dir : new String[] {"no-pages", "html-page"}) {
      try (MirrorServer s = new MirrorServer(BAD.resolve(dir))) {
        assertThatThrownBy(() -> listing(s.indexUrl(null))).as(dir).isInstanceOfSatisfying(PypiIndexException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.NOT_AN_INDEX));
      }
      assertThatThrownBy(() -> listing(BAD.resolve(dir).resolve("simple").toUri().toString())).as(dir)
          .isInstanceOfSatisfying(PypiIndexException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_AN_INDEX));
    }
    assertThat(listing(BAD.resolve("bad-metadata-hash/simple").toUri().toString()).orElseThrow())
        .containsExactly("envx-hash-demo");
  }

  @Test
  void aFolderWithProjectPagesButNoRootPageDoesNotList(@org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException {
    Path page = java.nio.file.Files.createDirectories(dir.resolve("simple/demo")).resolve("index.html");
    java.nio.file.Files.writeString(page, "<html><body><h1>Links for demo</h1></body></html>");
    assertThat(listing(dir.resolve("simple").toUri().toString())).isEmpty();
    java.nio.file.Files.delete(page);
    assertThatThrownBy(() -> listing(dir.resolve("simple").toUri().toString()))
        .isInstanceOfSatisfying(PypiIndexException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_AN_INDEX));
  }
}
