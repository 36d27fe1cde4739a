package dev.envx.index;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.luben.zstd.ZstdInputStream;
import dev.envx.diag.EnvxException;
import dev.envx.io.AtomicFiles;
import dev.envx.index.FetchedRepodata.Source;
import dev.envx.model.conda.Channel;
import dev.envx.model.conda.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

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
 *   <li>Writes atomically (temp file + move); cache files carry redacted URLs only, never a token.
 *   <li>{@code file://} channels are read in place, never copied.
 *   <li>A missing {@code noarch} means the channel does not exist (error); another missing subdir is empty.
 * </ul>
 */
public final class RepodataClient {
  /** Built on first use (a holder class): local and binary-index runs never load Jackson's databind. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
        .configure(SerializationFeature.INDENT_OUTPUT, true)
        .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  }

  private final RepodataSettings settings;
  /** Built on first use: a run over local channels or the cache never pays for okhttp's (and kotlin's) set-up. */
  private final Supplier<OkHttpClient> http;
  private final Sleeper sleeper;
  private final Clock clock;

  /** A client with its own okhttp instance built from the settings' timeouts. */
  public RepodataClient(RepodataSettings settings) {
    this(settings, new Lazy<>(() -> new OkHttpClient.Builder()
        .connectTimeout(settings.connectTimeout())
        .readTimeout(settings.readTimeout())
        .retryOnConnectionFailure(false)
        .build()), Sleeper.REAL, Clock.systemUTC());
  }

  /** A client over a given okhttp instance (shared connection pool, tests) and sleeper. */
  public RepodataClient(RepodataSettings settings, OkHttpClient http, Sleeper sleeper) {
    this(settings, http, sleeper, Clock.systemUTC());
  }

  /** As above, with the clock that cache ages are measured by (tests). */
  public RepodataClient(RepodataSettings settings, OkHttpClient http, Sleeper sleeper, Clock clock) {
    this(settings, () -> http, sleeper, clock);
    Objects.requireNonNull(http, "http");
  }

  private RepodataClient(RepodataSettings settings, Supplier<OkHttpClient> http, Sleeper sleeper, Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.http = Objects.requireNonNull(http, "http");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
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
   * parallel (up to 4 at a time); parsing is sequential and shares one string interner.
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
    List<Object> fetched = Parallel.run(tasks, settings.offline() ? 1 : 4, "repodata");
    RepodataParser parser = new RepodataParser();
    BinaryIndexCache cache = BinaryIndexCache.in(settings);
    List<SubdirRepodata> subdirs = new ArrayList<>();
    for (Object o : fetched) {
      if (o instanceof ShardedSource shards) {
        subdirs.add(new SubdirRepodata(shards));
      } else {
        FetchedRepodata f = (FetchedRepodata) o;
        subdirs.add(f.source() == Source.MISSING ? SubdirRepodata.empty(f.channel(), f.subdir().subdir())
            : cache.load(f.file(), f.channel(), f.subdir().subdir(), parser));
      }
    }
    return RepodataIndex.of(subdirs);
  }

  /** Fetches the target subdir and {@code noarch} of every channel, in parallel; results in channel order. */
  public List<FetchedRepodata> fetchAll(List<Channel> channels, Platform target) {
    List<Callable<FetchedRepodata>> tasks = new ArrayList<>();
    for (Channel c : channels) {
      for (Platform p : c.subdirs(target)) {
        tasks.add(() -> fetch(c, p));
      }
    }
    return Parallel.run(tasks, settings.offline() ? 1 : 4, "repodata");
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

  /** A value computed once, on first use. */
  private static final class Lazy<T> implements Supplier<T> {
    private Supplier<T> make;
    private T value;

    Lazy(Supplier<T> make) {
      this.make = make;
    }

    @Override
    public synchronized T get() {
      if (make != null) {
        value = make.get();
        make = null;
      }
      return value;
    }
  }

  /** Cache bookkeeping stored next to the cached file; URLs are redacted. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record CacheInfo(@JsonProperty("url") String url, @JsonProperty("variant") String variant,
      @JsonProperty("etag") String etag, @JsonProperty("last_modified") String lastModified,
      @JsonProperty("zst_missing_since") Long zstMissingSince, @JsonProperty("missing") boolean missing,
      @JsonProperty("fetched_at") Long fetchedAt, @JsonProperty("max_age") Long maxAge) {
    CacheInfo revalidated(long now, Long age) {
      return new CacheInfo(url, variant, etag, lastModified, zstMissingSince, missing, now, age);
    }

    boolean freshAt(long now) {
      return fetchedAt != null && maxAge != null && now >= fetchedAt && now - fetchedAt < maxAge;
    }
  }

  /** How long a channel without {@code repodata.json.zst} is not asked for it again (as rattler: 14 days). */
  static final long ZST_RECHECK_SECONDS = 14L * 24 * 3600;
  private static final Pattern NO_CACHE = Pattern.compile("(?i)\\bno-(cache|store)\\b");
  private static final Pattern MAX_AGE = Pattern.compile("(?i)(?:^|[,\\s])max-age\\s*=\\s*(\\d{1,9})");

  /** {@code max-age} seconds of a {@code Cache-Control} header, or null ({@code no-cache}/{@code no-store}: null). */
  static Long maxAge(String cacheControl) {
    if (cacheControl == null || NO_CACHE.matcher(cacheControl).find()) {
      return null;
    }
    Matcher m = MAX_AGE.matcher(cacheControl);
    return m.find() ? Long.valueOf(m.group(1)) : null;
  }

  /** The cache file for a channel subdir: readable prefix plus a hash of the URL (without credentials). */
  Path cacheFile(Channel channel, Platform subdir) {
    String key = channel.subdirUrl(subdir);
    String readable = (channel.name() + "-" + subdir).replaceAll("[^A-Za-z0-9._-]+", "_");
    if (readable.length() > 60) {
      readable = readable.substring(readable.length() - 60);
    }
    return settings.cacheDir().resolve(readable + "-" + sha256(key).substring(0, 16) + ".json");
  }

  private static Path infoFile(Path cacheFile) {
    String n = cacheFile.getFileName().toString();
    return cacheFile.resolveSibling(n.substring(0, n.length() - ".json".length()) + ".info.json");
  }

  private FetchedRepodata fetchRemote(Channel channel, Platform subdir) {
    Path file = cacheFile(channel, subdir);
    Path infoPath = infoFile(file);
    CacheInfo info = readInfo(infoPath);
    boolean cached = Files.isRegularFile(file) && info != null;
    String jsonUrl = channel.subdirUrl(subdir) + "/repodata.json";
    if (settings.offline()) {
      if (info != null && info.missing()) {
        return missing(channel, subdir, jsonUrl, "the cache records no `" + subdir + "/repodata.json`");
      }
      if (!cached) {
        throw EnvxException.failure("repodata for `" + channel + "/" + subdir + "` is not cached",
            "run once without `--offline` to fill the cache in " + settings.cacheDir());
      }
      return new FetchedRepodata(channel, subdir, file, Source.CACHED, jsonUrl);
    }
    long now = clock.instant().getEpochSecond();
    if (cached && settings.honourCacheControl() && info.freshAt(now)) {
      return new FetchedRepodata(channel, subdir, file, Source.CACHED, info.url());
    }
    Long zstMissingSince = info == null ? null : info.zstMissingSince();
    boolean skipZst = zstMissingSince != null && now >= zstMissingSince && now - zstMissingSince < ZST_RECHECK_SECONDS;
    if (!skipZst) {
      zstMissingSince = null; // unknown or long ago: ask for the .zst again
    }
    List<String> variants = skipZst ? List.of("json") : List.of("zst", "json");
    for (String variant : variants) {
      String name = variant.equals("zst") ? "repodata.json.zst" : "repodata.json";
      String shownUrl = channel.subdirUrl(subdir) + "/" + name;
      Request.Builder req = new Request.Builder()
          .url(channel.authenticatedUrl() + "/" + subdir.subdir() + "/" + name)
          .header("User-Agent", "envx");
      if (cached && variant.equals(info.variant())) {
        conditional(req, info);
      }
      try (Response resp = execute(req.build(), shownUrl)) {
        int code = resp.code();
        if (code == 304 && cached) {
          writeInfo(infoPath, info.revalidated(now, maxAge(resp.header("Cache-Control"))));
          return new FetchedRepodata(channel, subdir, file, Source.NOT_MODIFIED, shownUrl);
        }
        if (code == 200) {
          store(resp.body(), variant.equals("zst"), file, shownUrl);
          writeInfo(infoPath, new CacheInfo(shownUrl, variant, resp.header("ETag"), resp.header("Last-Modified"),
              zstMissingSince, false, now, maxAge(resp.header("Cache-Control"))));
          return new FetchedRepodata(channel, subdir, file, Source.DOWNLOADED, shownUrl);
        }
        if (code == 401 || code == 403 && variant.equals("json")) {
          throw EnvxException.failure("access to `" + shownUrl + "` denied (HTTP " + code + ")",
              channel.hasCredentials() ? "check that the channel token is valid and not expired"
                  : "this channel may need a token: `https://<host>/t/<token>/<channel>`");
        }
        if (variant.equals("zst") && code >= 400 && code < 500) {
          zstMissingSince = now;
          continue;
        }
        if (code == 404) {
          writeInfo(infoPath, new CacheInfo(shownUrl, null, null, null, zstMissingSince, true, now, null));
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

  private Path shardIndexFile(Channel channel, Platform subdir) {
    String n = cacheFile(channel, subdir).getFileName().toString();
    return settings.cacheDir().resolve(n.substring(0, n.length() - ".json".length()) + ".shards.msgpack.zst");
  }

  private static Path shardInfoFile(Path shardIndexFile) {
    String n = shardIndexFile.getFileName().toString();
    return shardIndexFile.resolveSibling(n.substring(0, n.length() - ".msgpack.zst".length()) + ".info.json");
  }

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
    Path file = shardIndexFile(channel, subdir);
    Path infoPath = shardInfoFile(file);
    CacheInfo info = readInfo(infoPath);
    boolean cached = Files.isRegularFile(file) && info != null && !info.missing();
    long now = clock.instant().getEpochSecond();
    if (settings.offline()) {
      return cached ? sharded(channel, subdir, indexUrl, shownUrl, file) : null;
    }
    if (info != null && info.missing() && info.fetchedAt() != null && now >= info.fetchedAt()
        && now - info.fetchedAt() < ZST_RECHECK_SECONDS) {
      return null;
    }
    if (cached && settings.honourCacheControl() && info.freshAt(now)) {
      return sharded(channel, subdir, indexUrl, shownUrl, file);
    }
    Request.Builder req = new Request.Builder().url(indexUrl).header("User-Agent", "envx");
    if (cached) {
      conditional(req, info);
    }
    try (Response resp = execute(req.build(), shownUrl)) {
      int code = resp.code();
      if (code == 304 && cached) {
        writeInfo(infoPath, info.revalidated(now, maxAge(resp.header("Cache-Control"))));
        return sharded(channel, subdir, indexUrl, shownUrl, file);
      }
      if (code == 200) {
        store(resp.body(), false, file, shownUrl); // kept compressed: it is small and read once per run
        writeInfo(infoPath, new CacheInfo(shownUrl, "shards", resp.header("ETag"), resp.header("Last-Modified"),
            null, false, now, maxAge(resp.header("Cache-Control"))));
        return sharded(channel, subdir, indexUrl, shownUrl, file);
      }
      if (code >= 400 && code < 500 && code != 401 && code != 403 && code != 429) {
        writeInfo(infoPath, new CacheInfo(shownUrl, null, null, null, null, true, now, null));
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
    Request req = new Request.Builder().url(url).header("User-Agent", "envx").build();
    byte[] bytes;
    try (Response resp = execute(req, shownUrl)) {
      if (resp.code() != 200) {
        throw EnvxException.failure("cannot fetch the shard of `" + name + "` from `" + shownUrl + "`: HTTP "
            + resp.code(), resp.code() == 404 ? "the shard index may be newer than its shards; try again later"
                : "use `--offline` to work from the cache");
      }
      bytes = resp.body().bytes();
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

  /** Adds {@code If-None-Match} / {@code If-Modified-Since} from the cached validators. */
  private static void conditional(Request.Builder req, CacheInfo info) {
    if (info.etag() != null) {
      req.header("If-None-Match", info.etag());
    }
    if (info.lastModified() != null) {
      req.header("If-Modified-Since", info.lastModified());
    }
  }

  /** Runs a request, retrying 5xx, 429 and I/O errors with backoff. The caller closes the response. */
  private Response execute(Request request, String shownUrl) {
    IOException last = null;
    for (int attempt = 1; ; attempt++) {
      Duration wait = settings.backoff(attempt);
      try {
        Response resp = http.get().newCall(request).execute();
        boolean retryable = resp.code() >= 500 || resp.code() == 429;
        if (!retryable || attempt >= settings.maxAttempts()) {
          return resp;
        }
        wait = retryAfter(resp.header("Retry-After"), wait);
        resp.close();
      } catch (InterruptedIOException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw EnvxException.failure("interrupted while fetching `" + shownUrl + "`");
        }
        last = e; // a timeout
      } catch (IOException e) {
        last = e;
      }
      if (attempt >= settings.maxAttempts()) {
        throw EnvxException.failure("cannot fetch `" + shownUrl + "` after " + attempt + " attempts: "
            + Channel.redact(describe(last)), "check the network, or use `--offline` to work from the cache");
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw EnvxException.failure("interrupted while fetching `" + shownUrl + "`");
      }
    }
  }

  /** A {@code Retry-After: <seconds>} longer than the backoff is honoured, up to the maximum backoff. */
  private Duration retryAfter(String header, Duration backoff) {
    if (header == null || !header.strip().matches("\\d{1,6}")) {
      return backoff;
    }
    Duration asked = Duration.ofSeconds(Long.parseLong(header.strip()));
    Duration d = asked.compareTo(backoff) > 0 ? asked : backoff;
    return d.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : d;
  }

  private static String describe(IOException e) {
    if (e == null) {
      return "unknown error";
    }
    return dev.envx.diag.IoErrors.reason(e);
  }

  /** Streams the body (decompressing zstd) into a temp file in the cache dir, then moves it into place. */
  private void store(ResponseBody body, boolean zst, Path target, String shownUrl) {
    try {
      AtomicFiles.write(target, out -> {
        try (InputStream raw = body.byteStream(); InputStream in = zst ? new ZstdInputStream(raw) : raw) {
          in.transferTo(out);
        }
      }, AtomicFiles.Policy.CACHE);
    } catch (IOException e) {
      throw EnvxException.failure("cannot download `" + shownUrl + "`: " + Channel.redact(describe(e)),
          "try again; the cache was left unchanged");
    }
  }

  private static CacheInfo readInfo(Path p) {
    if (!Files.isRegularFile(p)) {
      return null;
    }
    try {
      return Json.MAPPER.readValue(p.toFile(), CacheInfo.class);
    } catch (IOException e) {
      return null; // a corrupt info file only costs a full download
    }
  }

  private static void writeInfo(Path p, CacheInfo info) {
    try {
      AtomicFiles.write(p, (Json.MAPPER.writeValueAsString(info) + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + p, e);
    }
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
