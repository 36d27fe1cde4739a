package dev.envx.http;

import java.util.Optional;

/**
 * The validators of a cached response for a conditional GET: {@code ETag} (sent as {@code If-None-Match}) and
 * {@code Last-Modified} (sent as {@code If-Modified-Since}).
 */
public record Validators(Optional<String> etag, Optional<String> lastModified) {
  public static final Validators NONE = new Validators(Optional.empty(), Optional.empty());

  public Validators {
    etag = etag == null ? Optional.empty() : etag.filter(s -> !s.isBlank());
    lastModified = lastModified == null ? Optional.empty() : lastModified.filter(s -> !s.isBlank());
  }

  /** From possibly-null header values. */
  public static Validators of(String etag, String lastModified) {
    return new Validators(Optional.ofNullable(etag), Optional.ofNullable(lastModified));
  }

  public boolean isEmpty() {
    return etag.isEmpty() && lastModified.isEmpty();
  }

  /**
   * The value for an {@code If-Range} header: a strong ETag, else the {@code Last-Modified} date (a weak ETag
   * cannot be used there, RFC 9110 13.1.5).
   */
  public Optional<String> ifRange() {
    return etag.filter(e -> !e.startsWith("W/")).or(() -> lastModified);
  }
}
