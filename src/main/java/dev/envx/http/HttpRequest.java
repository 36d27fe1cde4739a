package dev.envx.http;

import dev.envx.diag.Redaction;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A GET request: an {@code http(s)} URL and headers (names case-insensitive). Credentials in the URL's user info
 * ({@code https://user:token@host/}) become an {@code Authorization: Basic} header and leave the URL, so that the
 * URL can be shown; conda's {@code /t/<token>/} segments stay in the URL and are redacted by {@link #shown()}.
 * Neither {@link #toString()} nor {@link #shown()} ever contains a credential.
 */
public record HttpRequest(URI url, Map<String, String> headers) {
  public HttpRequest {
    Objects.requireNonNull(url, "url");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
      throw new IllegalArgumentException("not an http(s) URL: " + Redaction.redact(String.valueOf(url)));
    }
    TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.putAll(headers);
    if (url.getRawUserInfo() != null) {
      String info = url.getRawUserInfo();
      int colon = info.indexOf(':');
      String user = URLDecoder.decode(colon < 0 ? info : info.substring(0, colon), StandardCharsets.UTF_8);
      String pass = colon < 0 ? "" : URLDecoder.decode(info.substring(colon + 1), StandardCharsets.UTF_8);
      h.putIfAbsent("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8)));
      url = withoutUserInfo(url);
    }
    headers = Collections.unmodifiableMap(h);
  }

  public static HttpRequest get(URI url) {
    return new HttpRequest(url, Map.of());
  }

  /** @throws IllegalArgumentException when the text is not an http(s) URL */
  public static HttpRequest get(String url) {
    try {
      return get(new URI(url));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: " + Redaction.redact(url));
    }
  }

  /** The request with one more header (replacing one of the same name). */
  public HttpRequest header(String name, String value) {
    Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.putAll(headers);
    h.put(name, value);
    return new HttpRequest(url, h);
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  /** The request made conditional on a cached response's validators. */
  public HttpRequest conditional(Validators v) {
    HttpRequest r = this;
    if (v.etag().isPresent()) {
      r = r.header("If-None-Match", v.etag().get());
    }
    if (v.lastModified().isPresent()) {
      r = r.header("If-Modified-Since", v.lastModified().get());
    }
    return r;
  }

  /** The URL as messages show it: tokens and passwords redacted. */
  public String shown() {
    return Redaction.redact(url.toString());
  }

  /** {@code GET <shown URL>}: never a header (an {@code Authorization} value stays out). */
  @Override
  public String toString() {
    return "GET " + shown();
  }

  private static URI withoutUserInfo(URI u) {
    try {
      return new URI(u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "")
          + (u.getRawPath() == null ? "" : u.getRawPath()) + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery())
          + (u.getRawFragment() == null ? "" : "#" + u.getRawFragment()));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: " + Redaction.redact(u.toString()), e);
    }
  }
}
