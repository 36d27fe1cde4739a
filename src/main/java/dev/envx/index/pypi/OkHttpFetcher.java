package dev.envx.index.pypi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request.Builder;
import okhttp3.ResponseBody;

/**
 * HTTP(S) through okhttp: the only class of {@code index.pypi} that knows okhttp, so that it can be swapped
 * for the shared {@code http} layer. Retries 5xx, 429 and I/O errors a bounded number of times; follows
 * redirects (okhttp drops the {@code Authorization} header when a redirect leaves the host).
 */
public final class OkHttpFetcher implements Fetcher {
  private final OkHttpClient http;
  private final int attempts;
  private final Duration backoff;

  public OkHttpFetcher() {
    this(new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(30)).readTimeout(Duration.ofSeconds(60))
        .retryOnConnectionFailure(false).build(), 3, Duration.ofMillis(500));
  }

  public OkHttpFetcher(OkHttpClient http, int attempts, Duration backoff) {
    this.http = http;
    this.attempts = Math.max(1, attempts);
    this.backoff = backoff;
  }

  @Override
  public Fetcher.Response fetch(Fetcher.Request request) throws IOException {
    try (okhttp3.Response r = execute(request)) {
      ResponseBody b = r.body();
      return new Fetcher.Response(r.code(), headers(r), b == null ? null : b.bytes());
    }
  }

  @Override
  public Fetcher.Response download(Fetcher.Request request, Path target) throws IOException {
    try (okhttp3.Response r = execute(request)) {
      ResponseBody b = r.body();
      if (r.code() == 200 && b != null) {
        try (InputStream in = b.byteStream()) {
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return new Fetcher.Response(r.code(), headers(r), null);
    }
  }

  private okhttp3.Response execute(Fetcher.Request request) throws IOException {
    Builder b = new Builder().url(request.url().toString()).header("User-Agent", "envx");
    request.headers().forEach(b::header);
    okhttp3.Request req = b.build();
    IOException last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try {
        okhttp3.Response r = http.newCall(req).execute();
        if ((r.code() < 500 && r.code() != 429) || attempt == attempts) {
          return r;
        }
        r.close();
      } catch (IOException e) {
        last = e;
        if (attempt == attempts) {
          throw e;
        }
      }
      try {
        Thread.sleep(backoff.toMillis() * attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted");
      }
    }
    throw last == null ? new IOException("no response") : last;
  }

  private static Map<String, String> headers(okhttp3.Response r) {
    Map<String, String> h = new HashMap<>();
    for (String name : r.headers().names()) {
      h.put(name, r.header(name));
    }
    return h;
  }
}
