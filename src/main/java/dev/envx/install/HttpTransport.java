package dev.envx.install;

import dev.envx.format.lock.Hashes;
import dev.envx.http.Digest;
import dev.envx.http.Http;
import dev.envx.http.HttpRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Downloads through the run's {@link Http} client: retried on 5xx, 429 and I/O errors (timeouts included) with
 * backoff, and resumed with a {@code Range} request after a cut connection, in the same call or a later one
 * (the package cache keeps the partial file); a resumed file is checked against the lock's digest before it
 * counts. Proxies, the CA bundle and offline mode are the client's.
 */
public final class HttpTransport implements Transport {
  private final Http http;

  public HttpTransport(Http http) {
    this.http = http;
  }

  /** Over a direct connection (no proxy, the system's trust store); commands pass the run's client. */
  public static HttpTransport defaults() {
    return new HttpTransport(Http.direct());
  }

  @Override
  public void download(URI uri, Path target) throws IOException {
    http.download(HttpRequest.get(uri), target, Optional.empty());
  }

  @Override
  public void download(URI uri, Path target, Hashes expected) throws IOException {
    download(uri, target, expected, Bytes.NONE);
  }

  @Override
  public void download(URI uri, Path target, Hashes expected, Bytes bytes) throws IOException {
    Optional<Digest> d = expected.sha256() != null ? Optional.of(Digest.sha256(expected.sha256()))
        : expected.md5() != null ? Optional.of(Digest.md5(expected.md5())) : Optional.empty();
    http.download(HttpRequest.get(uri), target, d, bytes::transferred);
  }
}
