package dev.envx.index.pypi;

import dev.envx.http.Exchange;
import dev.envx.http.Http;
import dev.envx.http.HttpFailure;
import dev.envx.http.HttpRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP(S) through the run's {@link Http} client (proxies, CA bundle, retries of 5xx, 429 and I/O errors with
 * backoff, resumable downloads); redirects are followed, and okhttp drops the {@code Authorization} header when a
 * redirect leaves the host.
 */
public final class HttpFetcher implements Fetcher {
  private final Http http;

  public HttpFetcher(Http http) {
    this.http = http;
  }

  @Override
  public Fetcher.Response fetch(Fetcher.Request request) throws IOException {
    try (Exchange x = http.send(new HttpRequest(request.url(), request.headers()))) {
      return new Fetcher.Response(x.status(), x.headers(), x.bytes());
    }
  }

  @Override
  public Fetcher.Response download(Fetcher.Request request, Path target) throws IOException {
    try {
      http.download(new HttpRequest(request.url(), request.headers()), target, Optional.empty());
      return new Fetcher.Response(200, Map.of(), null);
    } catch (HttpFailure e) {
      if (e.status().isPresent()) {
        return new Fetcher.Response(e.status().get(), Map.of(), null);
      }
      throw e;
    }
  }
}
