package dev.envx.http;

import java.io.IOException;
import java.util.Optional;

/**
 * A request that failed for good: every attempt ended in an I/O error (timeout, reset, refused connection, an
 * untrusted certificate), or a download ended with an HTTP status it cannot use. The message names the URL
 * without credentials and the reason in words; {@link #status()} is the HTTP status when there was one.
 */
public final class HttpFailure extends IOException {
  private static final long serialVersionUID = 1L;
  private final String shownUrl;
  private final int status;
  private final int attempts;
  private final String reason;

  HttpFailure(String shownUrl, int status, int attempts, String reason, Throwable cause) {
    super("cannot fetch `" + shownUrl + "`" + (attempts > 1 ? " after " + attempts + " attempts" : "") + ": "
        + reason, cause);
    this.shownUrl = shownUrl;
    this.status = status;
    this.attempts = attempts;
    this.reason = reason;
  }

  public String shownUrl() {
    return shownUrl;
  }

  /** The HTTP status of the last answer, if the server answered. */
  public Optional<Integer> status() {
    return status > 0 ? Optional.of(status) : Optional.empty();
  }

  public int attempts() {
    return attempts;
  }

  /** The reason in words ({@code timed out}, {@code HTTP 404}, ...), without the URL. */
  public String reason() {
    return reason;
  }
}
