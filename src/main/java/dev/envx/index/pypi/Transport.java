package dev.envx.index.pypi;

import dev.envx.index.pypi.PypiIndexException.Kind;
import dev.envx.model.conda.Channel;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How the PyPI client reaches URLs: {@code file://} through {@link FileFetcher}, HTTP(S) through the given
 * fetcher with credentials (from the configured index URLs' user info, else the netrc, matched by host) and,
 * for pages, the {@link PageCache} with conditional GET. URLs in messages never carry credentials.
 */
public final class Transport {
  private final Fetcher http;
  private final Fetcher file = new FileFetcher();
  private final Netrc netrc;
  private final Map<String, Credentials> byHost = new HashMap<>();
  private final PageCache cache;
  private final boolean offline;

  public Transport(Fetcher http, Netrc netrc, PageCache cache, boolean offline) {
    this.http = http;
    this.netrc = netrc == null ? Netrc.empty() : netrc;
    this.cache = cache;
    this.offline = offline;
  }

  /** Remembers the credentials of a configured URL for its host; returns the URL without them. */
  public URI register(URI url) {
    Credentials.fromUrl(url).ifPresent(c -> byHost.putIfAbsent(hostKey(url), c));
    return Credentials.strip(url);
  }

  public PageCache cache() {
    return cache;
  }

  /** The URL as messages show it (credentials and conda tokens redacted). */
  public static String shown(URI url) {
    String s = Credentials.strip(url).toString();
    if (s.startsWith("file:/") && !s.startsWith("file://")) {
      s = "file://" + s.substring("file:".length()); // one spelling of a local path in every message
    }
    return Channel.redact(s);
  }

  /** A GET; a page ({@code cacheable}) is revalidated against the cache and stored. */
  public Fetcher.Response get(URI url, Map<String, String> headers, boolean cacheable) {
    URI clean = Credentials.strip(url);
    Fetcher.Request req = new Fetcher.Request(clean, headers);
    if (isFile(clean)) {
      return call(() -> file.fetch(req), clean);
    }
    String accept = headers.getOrDefault("Accept", "");
    Optional<PageCache.Entry> cached = cacheable && cache != null ? cache.get(clean.toString(), accept)
        : Optional.empty();
    if (offline) {
      return cached.map(PageCache.Entry::asResponse).orElseThrow(() -> new PypiIndexException(Kind.OFFLINE,
          "`" + shown(clean) + "` is not in the cache and envx is offline", "run once without `--offline`"));
    }
    Fetcher.Request r = authorize(req);
    if (cached.isPresent()) {
      if (cached.get().etag() != null) {
        r = r.with("If-None-Match", cached.get().etag());
      }
      if (cached.get().lastModified() != null) {
        r = r.with("If-Modified-Since", cached.get().lastModified());
      }
    }
    Fetcher.Request sent = r;
    Fetcher.Response resp = call(() -> http.fetch(sent), clean);
    if (resp.status() == 304 && cached.isPresent()) {
      return cached.get().asResponse();
    }
    if (resp.status() == 200 && cacheable && cache != null) {
      try {
        cache.put(clean.toString(), accept, resp);
      } catch (IOException e) {
        // a cache that cannot be written costs speed, not correctness
      }
    }
    return resp;
  }

  /** Downloads a file into {@code target}. */
  public Fetcher.Response download(URI url, Path target) {
    URI clean = Credentials.strip(url);
    Fetcher.Request req = new Fetcher.Request(clean, Map.of());
    if (isFile(clean)) {
      return call(() -> file.download(req, target), clean);
    }
    if (offline) {
      throw new PypiIndexException(Kind.OFFLINE, "cannot download `" + shown(clean) + "`: envx is offline");
    }
    return call(() -> http.download(authorize(req), target), clean);
  }

  /** The standard error for an unexpected status. */
  public static PypiIndexException statusError(Fetcher.Response r, URI url) {
    if (r.status() == 401 || r.status() == 403) {
      return new PypiIndexException(Kind.AUTHENTICATION, "`" + shown(url) + "` answered " + r.status() + " ("
          + (r.status() == 401 ? "authentication required" : "forbidden") + ")",
          "put credentials in the index URL (`https://USER:TOKEN@host/simple/`) or in `~/.netrc`");
    }
    return new PypiIndexException(Kind.UNAVAILABLE, "`" + shown(url) + "` answered HTTP " + r.status());
  }

  private Fetcher.Request authorize(Fetcher.Request req) {
    Credentials c = byHost.get(hostKey(req.url()));
    if (c == null) {
      c = netrc.lookup(req.url().getHost()).orElse(null);
    }
    return c == null ? req : req.with("Authorization", c.authorization());
  }

  private static String hostKey(URI u) {
    return (u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT)) + ":" + u.getPort();
  }

  static boolean isFile(URI u) {
    return "file".equalsIgnoreCase(u.getScheme());
  }

  private interface Call {
    Fetcher.Response run() throws IOException;
  }

  private static Fetcher.Response call(Call c, URI url) {
    try {
      return c.run();
    } catch (java.io.InterruptedIOException e) {
      throw new PypiIndexException(Kind.UNAVAILABLE, "interrupted while fetching `" + shown(url) + "`");
    } catch (IOException e) {
      String why = e instanceof java.net.SocketTimeoutException ? "timed out"
          : e instanceof java.net.UnknownHostException ? "unknown host `" + e.getMessage() + "`"
          : Channel.redact(String.valueOf(e.getMessage()));
      throw new PypiIndexException(Kind.UNAVAILABLE, "cannot fetch `" + shown(url) + "`: " + why,
          "check the URL and the network, or use `--offline` to work from the cache");
    }
  }
}
