package dev.envx.index;

import com.github.luben.zstd.ZstdInputStream;
import dev.envx.diag.EnvxException;
import dev.envx.http.ConditionalCache;
import dev.envx.http.Exchange;
import dev.envx.http.Http;
import dev.envx.http.HttpFailure;
import dev.envx.http.HttpRequest;
import dev.envx.io.AtomicFiles;
import dev.envx.index.FetchedRepodata.Source;
import dev.envx.model.conda.Channel;
import dev.envx.model.conda.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Fetches and caches {@code repodata.json} per channel subdir.
 *
 * <ul>
 *   <li>Prefers {@code repodata.json.zst} (decompressed with zstd-jni into the cache); falls back to
 *       {@code repodata.json} when the {@code .zst} is absent (404 or another 4xx but 401) and remembers that
 *       for 14 days.
 *   <li>Revalidates with {@code If-None-Match} / {@code If-Modified-Since}; a 304 keeps the cached file. While
 *       the cached file is younger than the server's {@code Cache-Control: max-age}, no request is made.
 *   <li>Retries 5xx, 429 and I/O errors (timeouts, resets) with bounded exponential backoff (a longer
 *       {@code Retry-After} is honoured up to the maximum backoff).
 *   <li>Offline: only the cache; a clear error when a subdir is not cached.
 *   <li>Through the run's {@link Http} client (proxies, CA bundle, retries) and its {@link ConditionalCache}
 *       format; cache files carry redacted URLs only, never a token.
 *   <li>{@code file://} channels are read in place, never copied.
 *   <li>A missing {@code noarch} means the channel does not exist (error); another missing subdir is empty.
 * </ul>
 */
public final class RepodataClient {
  private final RepodataSettings settings;
  private final Http http;
  private final Clock clock;
  private final ConditionalCache cache;

  /**
   * A client with a direct connection (no proxy, the system's trust store): for tests and callers that were
   * not given the run's client; commands pass theirs with {@link #RepodataClient(RepodataSettings, Http)}.
   */
  public RepodataClient(RepodataSettings settings) {
    this(settings, Http.direct());
  }

  /** A client over the run's HTTP client, with the settings' retries and timeouts. */
  public RepodataClient(RepodataSettings settings, Http http) {
    this(settings, http, Clock.systemUTC());
  }

  /** As above, with the clock that cache ages are measured by (tests). */
  public RepodataClient(RepodataSettings settings, Http http, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.http = http.with(http.options().withRetry(settings.retry())
        .withTimeouts(settings.connectTimeout(), settings.readTimeout()));
    this.cache = new ConditionalCache(settings.cacheDir());
  }

  public RepodataSettings settings() {
    return settings;
  }

  /** Fetches (or revalidates, or takes from the cache) one subdir's repodata. */
  public FetchedRepodata fetch(Channel channel, Platform subdir) {
    return channel.isLocal() ? fetchLocal(channel, subdir) : fetchRemote(channel, subdir);
  }

  /** Fetches and parses one subdir's {@code repodata.json} (never shards); a missing subdir is empty. */
  public SubdirRepodata load(Channel channel, Platform subdir, RepodataParser parser) {
    FetchedRepodata f = fetch(channel, subdir);
    if (f.source() == Source.MISSING) {
      return SubdirRepodata.empty(channel, subdir.subdir());
    }
    return BinaryIndexCache.in(settings).load(f.file(), channel, subdir.subdir(), parser);
  }

  /**
   * Opens one subdir as {@link #loadIndex} does: from its CEP-16 shard index when the channel offers one
   * (records then load per name on lookup), else as {@link #load}.
   */
  public SubdirRepodata open(Channel channel, Platform subdir, RepodataParser parser) {
    ShardedSource shards = shardIndex(channel, subdir);
    return shards != null ? new SubdirRepodata(shards) : load(channel, subdir, parser);
  }

  /**
   * Loads the target subdir and {@code noarch} of every channel, in channel order (highest priority first).
   * A subdir with a CEP-16 shard index ({@code repodata_shards.msgpack.zst}) is read lazily: only the shards of
   * the names looked up are fetched. Otherwise {@code repodata.json(.zst)} is fetched whole. Downloads run in
   * parallel (up to 4 at a time), and so are the reads (one per processor at a time; a large file is itself read
   * in parts, see {@link RepodataParser}).
   */
  public RepodataIndex loadIndex(List<Channel> channels, Platform target) {
    List<Callable<Object>> tasks = new ArrayList<>();
    for (Channel c : channels) {
      for (Platform p : c.subdirs(target)) {
        tasks.add(() -> {
          ShardedSource shards = shardIndex(c, p);
          return shards != null ? shards : fetch(c, p);
        });
      }
    }
    List<Object> fetched = Parallel.run(tasks, settings.offline() ? 1 : 4, "repodata", "fetching repodata");
    BinaryIndexCache cache = BinaryIndexCache.in(settings);
    List<Callable<SubdirRepodata>> loads = new ArrayList<>();
    for (Object o : fetched) {
      if (o instanceof ShardedSource shards) {
        loads.add(() -> new SubdirRepodata(shards));
      } else {
        FetchedRepodata f = (FetchedRepodata) o;
        loads.add(() -> f.source() == Source.MISSING ? SubdirRepodata.empty(f.channel(), f.subdir().subdir())
            : cache.load(f.file(), f.channel(), f.subdir().subdir(), new RepodataParser()));
      }
    }
    // side by side: while one subdir's records are grouped (one thread), another's are scanned
    return RepodataIndex.of(Parallel.run(loads, Runtime.getRuntime().availableProcessors(), "repodata-parse",
        "reading repodata"));
  }

  /** Fetches the target subdir and {@code noarch} of every channel, in parallel; results in channel order. */
  public List<FetchedRepodata> fetchAll(List<Channel> channels, Platform target) {
    List<Callable<FetchedRepodata>> tasks = new ArrayList<>();
    for (Channel c : channels) {
      for (Platform p : c.subdirs(target)) {
        tasks.add(() -> fetch(c, p));
      }
    }
    return Parallel.run(tasks, settings.offline() ? 1 : 4, "repodata", "fetching repodata");
  }

  private static boolean isFolder(String name) {
    try {
      return Files.isDirectory(Path.of(name));
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
  }

  private FetchedRepodata fetchLocal(Channel channel, Platform subdir) {
    Path dir = channel.localPath().resolve(subdir.subdir());
    String url = channel.subdirUrl(subdir) + "/repodata.json";
    for (String name : List.of("repodata.json", "repodata.json.zst")) {
      Path f = dir.resolve(name);
      if (Files.isRegularFile(f)) {
        return new FetchedRepodata(channel, subdir, f, Source.LOCAL, url);
      }
      if (Files.exists(f)) {
        throw EnvxException.failure("`" + f + "` is not a file", "a local channel has a `repodata.json` file in "
            + "each subdir folder");
      }
    }
    if (!Files.isDirectory(channel.localPath())) {
      throw EnvxException.failure("local channel `" + channel + "` does not exist",
          "check the path; a local channel is a directory with `<subdir>/repodata.json` files");
    }
    return missing(channel, subdir, url, "no `" + subdir + "/repodata.json` in " + channel.localPath());
  }

  private FetchedRepodata missing(Channel channel, Platform subdir, String url, String detail) {
    if (subdir.isNoarch()) {
      throw EnvxException.failure("channel `" + channel + "` not found: " + detail,
          "check the channel name or URL; every conda channel has a `noarch` subdir");
    }
    return new FetchedRepodata(channel, subdir, null, Source.MISSING, url);
  }

  /** How long a channel without {@code repodata.json.zst} is not asked for it again (as rattler: 14 days). */
  static final long ZST_RECHECK_SECONDS = 14L * 24 * 3600;
  private static final String VARIANT = "variant";
  private static final String ZST_MISSING_SINCE = "zst-missing-since";
  private static final String MISSING = "missing";

  /** The cache entry of a channel subdir's repodata: readable prefix plus a hash of the URL (without credentials). */
  private static ConditionalCache.Key key(Channel channel, Platform subdir) {
    return new ConditionalCache.Key(channel.name() + "-" + subdir, channel.subdirUrl(subdir));
  }

  /** The cached body of a channel subdir's repodata (decompressed {@code repodata.json}), whether or not present. */
  Path cacheFile(Channel channel, Platform subdir) {
    return cache.bodyFile(key(channel, subdir));
  }

  private FetchedRepodata fetchRemote(Channel channel, Platform subdir) {
    ConditionalCache.Key key = key(channel, subdir);
    Optional<ConditionalCache.Entry> entry = cache.get(key);
    boolean missingNoted = entry.flatMap(e -> e.note(MISSING)).isPresent();
    Optional<ConditionalCache.Entry> cached = entry.filter(e -> e.body().isPresent());
    String jsonUrl = channel.subdirUrl(subdir) + "/repodata.json";
    if (settings.offline()) {
      if (missingNoted) {
        return missing(channel, subdir, jsonUrl, "the cache records no `" + subdir + "/repodata.json`");
      }
      if (cached.isEmpty()) {
        String hint = "run once without `--offline` to fill the cache in " + settings.cacheDir();
        if (!channel.isLocal() && isFolder(channel.toString())) { // conda reads a bare relative path as a name too
          hint = "`" + channel + "` is read as a channel name; to use the folder of that name as a local channel "
              + "write `./" + channel + "` or a `file://` URL";
        }
        throw EnvxException.failure("repodata for `" + channel + "/" + subdir + "` is not cached", hint);
      }
      return new FetchedRepodata(channel, subdir, cached.get().body().get(), Source.CACHED, jsonUrl);
    }
    Instant now = clock.instant();
    if (cached.isPresent() && settings.honourCacheControl() && cached.get().freshAt(now)) {
      return new FetchedRepodata(channel, subdir, cached.get().body().get(), Source.CACHED, cached.get().url());
    }
    Long zstMissingSince = entry.flatMap(e -> e.note(ZST_MISSING_SINCE)).map(Long::valueOf).orElse(null);
    long t = now.getEpochSecond();
    boolean skipZst = zstMissingSince != null && t >= zstMissingSince && t - zstMissingSince < ZST_RECHECK_SECONDS;
    if (!skipZst) {
      zstMissingSince = null; // unknown or long ago: ask for the .zst again
    }
    List<String> variants = skipZst ? List.of("json") : List.of("zst", "json");
    for (String variant : variants) {
      String name = variant.equals("zst") ? "repodata.json.zst" : "repodata.json";
      String shownUrl = channel.subdirUrl(subdir) + "/" + name;
      HttpRequest req = HttpRequest.get(channel.authenticatedUrl() + "/" + subdir.subdir() + "/" + name);
      if (cached.isPresent() && cached.get().note(VARIANT).filter(variant::equals).isPresent()) {
        req = req.conditional(cached.get().validators());
      }
      try (Exchange resp = send(req, shownUrl)) {
        int code = resp.status();
        if (code == 304 && cached.isPresent()) {
          ConditionalCache.Entry e = write(() -> cache.revalidated(cached.get(), resp, now), shownUrl);
          return new FetchedRepodata(channel, subdir, e.body().get(), Source.NOT_MODIFIED, shownUrl);
        }
        if (code == 200) {
          Map<String, String> notes = new HashMap<>();
          notes.put(VARIANT, variant);
          if (zstMissingSince != null) {
            notes.put(ZST_MISSING_SINCE, zstMissingSince.toString());
          }
          boolean zst = variant.equals("zst");
          ConditionalCache.Entry e = store(key, resp, shownUrl, zst, notes, now);
          return new FetchedRepodata(channel, subdir, e.body().get(), Source.DOWNLOADED, shownUrl);
        }
        if (code == 401 || code == 403 && variant.equals("json")) {
          throw EnvxException.failure("access to `" + shownUrl + "` denied (HTTP " + code + ")",
              channel.hasCredentials() ? "check that the channel token is valid and not expired"
                  : "this channel may need a token: `https://<host>/t/<token>/<channel>`");
        }
        if (variant.equals("zst") && code >= 400 && code < 500) {
          zstMissingSince = t;
          continue;
        }
        if (code == 404) {
          Map<String, String> notes = new HashMap<>();
          notes.put(MISSING, "true");
          if (zstMissingSince != null) {
            notes.put(ZST_MISSING_SINCE, zstMissingSince.toString());
          }
          write(() -> cache.note(key, shownUrl, notes, now), shownUrl);
          return missing(channel, subdir, jsonUrl, "`" + shownUrl + "` does not exist (HTTP 404)");
        }
        throw EnvxException.failure("cannot fetch `" + shownUrl + "`: HTTP " + code
            + (code >= 500 ? " after " + settings.maxAttempts() + " attempts" : ""),
            "use `--offline` to work from the cache");
      }
    }
    throw new IllegalStateException("unreachable");
  }

  /** The CEP-16 shard index file name in a subdir. */
  static final String SHARD_INDEX = "repodata_shards.msgpack.zst";

  /**
   * The subdir's shard index, fetched, revalidated (ETag / Last-Modified, {@code max-age}) or read from the cache
   * like {@code repodata.json}; null when the channel offers none (a 4xx is remembered for 14 days, as for the
   * {@code .zst}), when the server fails on it, or offline without a cached index: the caller then falls back to
   * {@code repodata.json}. {@code file://} channels are read in place.
   */
  ShardedSource shardIndex(Channel channel, Platform subdir) {
    String indexUrl = channel.authenticatedUrl() + "/" + subdir.subdir() + "/" + SHARD_INDEX;
    String shownUrl = channel.subdirUrl(subdir) + "/" + SHARD_INDEX;
    if (channel.isLocal()) {
      Path f = channel.localPath().resolve(subdir.subdir()).resolve(SHARD_INDEX);
      return Files.isRegularFile(f) ? sharded(channel, subdir, indexUrl, f.toString(), f) : null;
    }
    ConditionalCache.Key key = new ConditionalCache.Key(channel.name() + "-" + subdir + "-shards", shownUrl);
    Optional<ConditionalCache.Entry> entry = cache.get(key);
    Optional<ConditionalCache.Entry> cached = entry.filter(e -> e.body().isPresent());
    Instant now = clock.instant();
    if (settings.offline()) {
      return cached.map(e -> sharded(channel, subdir, indexUrl, shownUrl, e.body().get())).orElse(null);
    }
    if (entry.flatMap(e -> e.note(MISSING)).isPresent() && !now.isBefore(entry.get().fetched())
        && now.getEpochSecond() - entry.get().fetched().getEpochSecond() < ZST_RECHECK_SECONDS) {
      return null;
    }
    if (cached.isPresent() && settings.honourCacheControl() && cached.get().freshAt(now)) {
      return sharded(channel, subdir, indexUrl, shownUrl, cached.get().body().get());
    }
    HttpRequest req = HttpRequest.get(indexUrl);
    if (cached.isPresent()) {
      req = req.conditional(cached.get().validators());
    }
    try (Exchange resp = send(req, shownUrl)) {
      int code = resp.status();
      if (code == 304 && cached.isPresent()) {
        write(() -> cache.revalidated(cached.get(), resp, now), shownUrl);
        return sharded(channel, subdir, indexUrl, shownUrl, cached.get().body().get());
      }
      if (code == 200) {
        // kept compressed: it is small and read once per run
        ConditionalCache.Entry e = store(key, resp, shownUrl, false, Map.of(VARIANT, "shards"), now);
        return sharded(channel, subdir, indexUrl, shownUrl, e.body().get());
      }
      if (code >= 400 && code < 500 && code != 401 && code != 403 && code != 429) {
        write(() -> cache.note(key, shownUrl, Map.of(MISSING, "true"), now), shownUrl);
      }
      return null; // repodata.json reports auth and server errors
    }
  }

  private ShardedSource sharded(Channel channel, Platform subdir, String indexUrl, String source, Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    ShardReader.Index index = ShardReader.index(bytes, source);
    return new ShardedSource(channel, subdir.subdir(), indexUrl, source, index, settings.cacheDir(),
        settings.offline(), this::downloadShard);
  }

  /** Downloads a shard, checks its sha256, then writes it atomically into the cache (not on a mismatch). */
  private byte[] downloadShard(String name, String url, String shownUrl, String sha256, Path cacheFile) {
    byte[] bytes;
    try (Exchange resp = send(HttpRequest.get(url), shownUrl)) {
      if (resp.status() != 200) {
        throw EnvxException.failure("cannot fetch the shard of `" + name + "` from `" + shownUrl + "`: HTTP "
            + resp.status(), resp.status() == 404 ? "the shard index may be newer than its shards; try again later"
                : "use `--offline` to work from the cache");
      }
      bytes = resp.bytes();
    } catch (IOException e) {
      throw EnvxException.failure("cannot download `" + shownUrl + "`: " + Channel.redact(describe(e)),
          "try again; the cache was left unchanged");
    }
    ShardedSource.check(name, sha256, bytes, shownUrl);
    try {
      AtomicFiles.write(cacheFile, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + cacheFile, e);
    }
    return bytes;
  }

  /** Sends a request through the HTTP layer (which retries); a request that never got an answer is a failure. */
  private Exchange send(HttpRequest request, String shownUrl) {
    try {
      return http.send(request);
    } catch (InterruptedIOException e) {
      throw EnvxException.failure("interrupted while fetching `" + shownUrl + "`");
    } catch (HttpFailure e) {
      throw EnvxException.failure("cannot fetch `" + shownUrl + "`" + (e.attempts() > 1 ? " after " + e.attempts()
          + " attempts" : "") + ": " + Channel.redact(e.reason()),
          "check the network, or use `--offline` to work from the cache");
    } catch (IOException e) {
      throw EnvxException.failure("cannot fetch `" + shownUrl + "`: " + Channel.redact(describe(e)),
          "check the network, or use `--offline` to work from the cache");
    }
  }

  private static String describe(IOException e) {
    return dev.envx.diag.IoErrors.reason(e);
  }

  /** Streams the body (decompressing zstd) into the cache; the previous entry stays when the transfer fails. */
  private ConditionalCache.Entry store(ConditionalCache.Key key, Exchange resp, String shownUrl, boolean zst,
      Map<String, String> notes, Instant now) {
    try {
      return cache.store(key, shownUrl, resp.validators(), resp.header("Content-Type"),
          ConditionalCache.maxAge(resp.header("Cache-Control").orElse(null)), out -> {
            try (InputStream raw = resp.body(); InputStream in = zst ? new ZstdInputStream(raw) : raw) {
              in.transferTo(out);
            }
          }, notes, now);
    } catch (IOException e) {
      throw EnvxException.failure("cannot download `" + shownUrl + "`: " + Channel.redact(describe(e)),
          "try again; the cache was left unchanged");
    }
  }

  private interface CacheWrite {
    ConditionalCache.Entry run() throws IOException;
  }

  private static ConditionalCache.Entry write(CacheWrite w, String shownUrl) {
    try {
      return w.run();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the cache entry of " + shownUrl, e);
    }
  }
}
