package dev.envx.index;

import dev.envx.http.RetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How repodata is fetched and cached. Passed to {@link RepodataClient}; nothing is read from global state.
 *
 * @param cacheDir where {@code <channel>-<subdir>-<hash>.json} and its {@code .info.json} are kept
 * @param offline use only the cache (and {@code file://} channels); never touch the network
 * @param maxAttempts attempts per request for 5xx, 429 and I/O errors (1 = no retry)
 * @param initialBackoff wait before the first retry; doubles per retry
 * @param maxBackoff upper bound of one wait
 * @param connectTimeout TCP connect timeout
 * @param readTimeout socket read timeout
 * @param honourCacheControl skip the request while a cached file is younger than the server's
 *     {@code Cache-Control: max-age} (conda's default); false revalidates every time (a {@code --refresh})
 */
public record RepodataSettings(Path cacheDir, boolean offline, int maxAttempts, Duration initialBackoff,
    Duration maxBackoff, Duration connectTimeout, Duration readTimeout, boolean honourCacheControl) {
  public RepodataSettings {
    Objects.requireNonNull(cacheDir, "cacheDir");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    new RetryPolicy(maxAttempts, initialBackoff, maxBackoff); // validates
  }

  /** The retries as the HTTP layer takes them. */
  public RetryPolicy retry() {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff);
  }

  /** Defaults (4 attempts, 0.5 s backoff up to 8 s, 10 s connect, 60 s read) with the given cache dir. */
  public static RepodataSettings of(Path cacheDir) {
    return new RepodataSettings(cacheDir, false, 4, Duration.ofMillis(500), Duration.ofSeconds(8),
        Duration.ofSeconds(10), Duration.ofSeconds(60), true);
  }

  public RepodataSettings withOffline(boolean off) {
    return new RepodataSettings(cacheDir, off, maxAttempts, initialBackoff, maxBackoff, connectTimeout,
        readTimeout, honourCacheControl);
  }

  public RepodataSettings withCacheDir(Path dir) {
    return new RepodataSettings(dir, offline, maxAttempts, initialBackoff, maxBackoff, connectTimeout,
        readTimeout, honourCacheControl);
  }

  public RepodataSettings withRetries(int attempts, Duration initial, Duration max) {
    return new RepodataSettings(cacheDir, offline, attempts, initial, max, connectTimeout, readTimeout,
        honourCacheControl);
  }

  public RepodataSettings withTimeouts(Duration connect, Duration read) {
    return new RepodataSettings(cacheDir, offline, maxAttempts, initialBackoff, maxBackoff, connect, read,
        honourCacheControl);
  }

  /** {@code false}: revalidate with the server on every fetch, whatever {@code max-age} said. */
  public RepodataSettings withHonourCacheControl(boolean honour) {
    return new RepodataSettings(cacheDir, offline, maxAttempts, initialBackoff, maxBackoff, connectTimeout,
        readTimeout, honour);
  }

  /** The wait before retry number {@code retry} (1-based): initial * 2^(retry-1), capped at max. */
  public Duration backoff(int retry) {
    return retry().backoff(retry);
  }
}
