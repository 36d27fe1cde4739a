package dev.envx.index.pypi;

import dev.envx.http.ConditionalCache;
import dev.envx.http.Validators;
import dev.envx.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Cached index pages for conditional GET, in the HTTP layer's {@link ConditionalCache}: per URL (without
 * credentials) and {@code Accept} value, the body and its validators ({@code ETag}, {@code Last-Modified}, content
 * type). File names hash the URL, so no credential is ever part of a file name or content; a damaged entry is a
 * miss. Beside them, content-addressed blobs (metadata files by their SHA-256).
 */
public final class PageCache {
  private final Path dir;
  private final ConditionalCache pages;

  public PageCache(Path dir) {
    this.dir = dir;
    this.pages = new ConditionalCache(dir);
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

  private static ConditionalCache.Key key(String url, String accept) {
    return new ConditionalCache.Key("page", url + "\n" + accept);
  }

  public Optional<Entry> get(String url, String accept) {
    Optional<ConditionalCache.Entry> e = pages.get(key(url, accept));
    if (e.isEmpty() || e.get().body().isEmpty()) {
      return Optional.empty();
    }
    try {
      Validators v = e.get().validators();
      return Optional.of(new Entry(url, v.etag().orElse(null), v.lastModified().orElse(null),
          e.get().contentType().orElse(null), Files.readAllBytes(e.get().body().get())));
    } catch (IOException x) {
      return Optional.empty(); // a damaged entry is a cache miss
    }
  }

  public void put(String url, String accept, Fetcher.Response r) throws IOException {
    pages.store(key(url, accept), url, Validators.of(r.header("etag").orElse(null),
        r.header("last-modified").orElse(null)), r.header("content-type"), Optional.empty(),
        ConditionalCache.bytes(r.body()), Map.of(), Instant.now());
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
}
