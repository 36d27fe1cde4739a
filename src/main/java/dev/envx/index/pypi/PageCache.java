package dev.envx.index.pypi;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envx.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Cached index pages for conditional GET: per URL (without credentials) and {@code Accept} value, the body
 * and its validators ({@code ETag}, {@code Last-Modified}, content type). Keys are SHA-256 of the URL, so no
 * credential is ever part of a file name or content; files are written atomically.
 */
public final class PageCache {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;

  public PageCache(Path dir) {
    this.dir = dir;
  }

  /** A cached page: the validators and the body. */
  public record Entry(String url, String etag, String lastModified, String contentType, byte[] body) {
    Fetcher.Response asResponse() {
      Map<String, String> h = new LinkedHashMap<>();
      if (contentType != null) {
        h.put("content-type", contentType);
      }
      if (etag != null) {
        h.put("etag", etag);
      }
      return new Fetcher.Response(200, h, body);
    }
  }

  public Optional<Entry> get(String url, String accept) {
    Path info = dir.resolve(key(url, accept) + ".json");
    Path body = dir.resolve(key(url, accept) + ".body");
    if (!Files.isRegularFile(info) || !Files.isRegularFile(body)) {
      return Optional.empty();
    }
    try {
      @SuppressWarnings("unchecked")
      Map<String, String> m = JSON.readValue(info.toFile(), Map.class);
      if (!url.equals(m.get("url"))) {
        return Optional.empty();
      }
      return Optional.of(new Entry(url, m.get("etag"), m.get("last-modified"), m.get("content-type"),
          Files.readAllBytes(body)));
    } catch (IOException e) {
      return Optional.empty(); // a damaged entry is a cache miss
    }
  }

  public void put(String url, String accept, Fetcher.Response r) throws IOException {
    Files.createDirectories(dir);
    Map<String, String> m = new LinkedHashMap<>();
    m.put("url", url);
    r.header("etag").ifPresent(v -> m.put("etag", v));
    r.header("last-modified").ifPresent(v -> m.put("last-modified", v));
    r.header("content-type").ifPresent(v -> m.put("content-type", v));
    AtomicFiles.write(dir.resolve(key(url, accept) + ".body"), r.body());
    AtomicFiles.write(dir.resolve(key(url, accept) + ".json"), JSON.writeValueAsBytes(m));
  }

  /** A content-addressed file (metadata by its SHA-256), or empty. */
  public Optional<byte[]> blob(String name) {
    Path p = dir.resolve("blobs").resolve(name);
    try {
      return Files.isRegularFile(p) ? Optional.of(Files.readAllBytes(p)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public void putBlob(String name, byte[] bytes) throws IOException {
    Files.createDirectories(dir.resolve("blobs"));
    AtomicFiles.write(dir.resolve("blobs").resolve(name), bytes);
  }

  static String key(String url, String accept) {
    return sha256((url + "\n" + accept).getBytes(StandardCharsets.UTF_8));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
