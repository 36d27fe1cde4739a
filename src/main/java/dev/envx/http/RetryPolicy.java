package dev.envx.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a request is tried: 5xx, 429, timeouts and connection resets are retried up to {@code maxAttempts}
 * times in all, waiting {@code initialBackoff} doubled per retry, capped at {@code maxBackoff}; a longer
 * {@code Retry-After: <seconds>} is honoured up to {@code maxBackoff}.
 *
 * @param maxAttempts attempts per request (1 = no retry), 1-20
 * @param initialBackoff wait before the first retry
 * @param maxBackoff upper bound of one wait
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
  /** 4 attempts, 0.5 s doubling up to 8 s. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(8));

  public RetryPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (maxAttempts < 1 || maxAttempts > 20) {
      throw new IllegalArgumentException("maxAttempts must be between 1 and 20, got " + maxAttempts);
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("backoff must satisfy 0 <= initial <= max");
    }
  }

  /** The wait before retry number {@code retry} (1-based): initial * 2^(retry-1), capped at max. */
  public Duration backoff(int retry) {
    Duration d = initialBackoff;
    for (int i = 1; i < retry && d.compareTo(maxBackoff) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }

  /** A {@code Retry-After: <seconds>} longer than the backoff is honoured, up to the maximum backoff. */
  public Duration retryAfter(String header, Duration backoff) {
    if (header == null || !header.strip().matches("\\d{1,6}")) {
      return backoff;
    }
    Duration asked = Duration.ofSeconds(Long.parseLong(header.strip()));
    Duration d = asked.compareTo(backoff) > 0 ? asked : backoff;
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }
}
