package dev.envx.http;

import java.time.Duration;
import java.util.Objects;

/**
 * What the HTTP layer does beyond {@link dev.envx.settings.Settings}: timeouts, retries and the user agent.
 *
 * @param connectTimeout TCP (and TLS) connect timeout
 * @param readTimeout the longest silence while reading a response
 * @param retry when and how often to try again
 * @param userAgent the {@code User-Agent} header ({@code envx/<version>})
 */
public record HttpOptions(Duration connectTimeout, Duration readTimeout, RetryPolicy retry, String userAgent) {
  /** 10 s connect, 60 s read, {@link RetryPolicy#DEFAULT}, user agent {@code envx}. */
  public static final HttpOptions DEFAULT = new HttpOptions(Duration.ofSeconds(10), Duration.ofSeconds(60),
      RetryPolicy.DEFAULT, "envx");

  public HttpOptions {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(userAgent, "userAgent");
    if (connectTimeout.isNegative() || readTimeout.isNegative()) {
      throw new IllegalArgumentException("timeouts cannot be negative");
    }
    if (userAgent.isBlank() || userAgent.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
      throw new IllegalArgumentException("the user agent must be printable ASCII");
    }
  }

  public HttpOptions withTimeouts(Duration connect, Duration read) {
    return new HttpOptions(connect, read, retry, userAgent);
  }

  public HttpOptions withRetry(RetryPolicy r) {
    return new HttpOptions(connectTimeout, readTimeout, r, userAgent);
  }

  public HttpOptions withUserAgent(String ua) {
    return new HttpOptions(connectTimeout, readTimeout, retry, ua);
  }
}
