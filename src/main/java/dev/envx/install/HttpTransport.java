package dev.envx.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Downloads over okhttp, retrying 5xx, 429 and I/O errors (timeouts included) with doubling backoff. A retry
 * starts the body again from its first byte.
 */
public final class HttpTransport implements Transport {
  private final OkHttpClient client;
  private final int attempts;
  private final Duration initialBackoff;

  public HttpTransport(OkHttpClient client, int attempts, Duration initialBackoff) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
    this.client = client;
    this.attempts = attempts;
    this.initialBackoff = initialBackoff;
  }

  /** 4 attempts, 0.5 s first backoff, 10 s connect and 60 s read timeouts. */
  public static HttpTransport defaults() {
    return new HttpTransport(new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ofSeconds(60)).build(), 4, Duration.ofMillis(500));
  }

  @Override
  public void download(URI uri, Path target) throws IOException {
    IOException last = null;
    Duration wait = initialBackoff;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) {
        pause(wait);
        wait = wait.multipliedBy(2);
      }
      try (Response r = client.newCall(new Request.Builder().url(uri.toString()).build()).execute()) {
        if (r.isSuccessful()) {
          try (InputStream in = r.body().byteStream()) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
          }
          return;
        }
        last = new IOException("HTTP " + r.code() + " for " + redacted(uri));
        if (r.code() < 500 && r.code() != 429) {
          throw last;
        }
      } catch (InterruptedIOException e) {
        last = new IOException("timed out fetching " + redacted(uri), e);
      } catch (IOException e) {
        if (e == last) {
          throw e;
        }
        last = new IOException(e.getMessage() + " (" + redacted(uri) + ")", e);
      }
    }
    throw last;
  }

  private static String redacted(URI uri) {
    return uri.getUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo() + "@", "***@");
  }

  private static void pause(Duration d) throws IOException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    }
  }
}
