package dev.envx.index.pypi;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How the PyPI client reads a URL: {@link FileFetcher} for {@code file://}, {@link HttpFetcher} for HTTP(S).
 * A fetcher returns every HTTP status as a {@link Response} and throws only for I/O failures; policy (which
 * status is an error, caching, credentials) is the caller's.
 */
public interface Fetcher {
  /** Fetches a URL into memory. */
  Response fetch(Request request) throws IOException;

  /**
   * Fetches a URL into {@code target} (for whole wheels); the response has an empty body. The file is
   * written only for a 200 response.
   */
  Response download(Request request, Path target) throws IOException;

  /** A GET request: URL (without credentials) and headers. */
  record Request(URI url, Map<String, String> headers) {
    public Request {
      Objects.requireNonNull(url, "url");
      if (url.getUserInfo() != null) {
        throw new IllegalArgumentException("credentials go in an Authorization header, not the URL");
      }
      headers = Map.copyOf(headers);
    }

    public static Request get(URI url) {
      return new Request(url, Map.of());
    }

    public Request with(String header, String value) {
      Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      h.putAll(headers);
      h.put(header, value);
      return new Request(url, h);
    }

    public Optional<String> header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(Map.Entry::getValue).findFirst();
    }

    /** Never prints the Authorization header. */
    @Override
    public String toString() {
      return "GET " + url;
    }
  }

  /** A response; header names are lowercase. */
  record Response(int status, Map<String, String> headers, byte[] body) {
    public Response {
      Map<String, String> h = new TreeMap<>();
      headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), v));
      headers = Map.copyOf(h);
      body = body == null ? new byte[0] : body;
    }

    public Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The media type of {@code Content-Type} without parameters, lowercase, or {@code ""}. */
    public String mediaType() {
      String ct = header("content-type").orElse("");
      int semi = ct.indexOf(';');
      return (semi < 0 ? ct : ct.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
      return "HTTP " + status + " (" + body.length + " bytes)";
    }
  }
}
