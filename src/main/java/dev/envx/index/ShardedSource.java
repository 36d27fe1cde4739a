package dev.envx.index;

import dev.envx.diag.EnvxException;
import dev.envx.model.conda.Channel;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One subdir's CEP-16 shard index plus the way to its shards: the shards of a name are read lazily, from a
 * {@code file://} channel in place or from the content-addressed cache, downloading only what is not cached.
 * Every shard's bytes are checked against the sha256 the index names before they are used or cached.
 */
final class ShardedSource {
  /** Downloads a shard's compressed bytes (verified by the caller) and stores them in the cache. */
  interface Downloader {
    byte[] download(String name, String url, String shownUrl, String sha256, Path cacheFile);
  }

  private final Channel channel;
  private final String subdir;
  private final String indexSource;
  private final ShardReader.Index index;
  private final PackageRecord.Origin origin;
  private final String shardsBase;
  private final Path cacheDir;
  private final boolean offline;
  private final Downloader downloader;
  private final ShardReader reader = new ShardReader();

  /**
   * @param indexUrl the (authenticated) URL of the shard index, which relative URLs resolve against
   * @param indexSource how to name the index in messages (redacted URL or path)
   * @param cacheDir where shards are cached by hash (unused for {@code file://} shards)
   */
  ShardedSource(Channel channel, String subdirHint, String indexUrl, String indexSource, ShardReader.Index index,
      Path cacheDir, boolean offline, Downloader downloader) {
    this.channel = channel;
    this.subdir = index.subdir() != null ? index.subdir() : subdirHint;
    this.indexSource = indexSource;
    this.index = index;
    this.cacheDir = cacheDir;
    this.offline = offline;
    this.downloader = downloader;
    String base = RepodataParser.resolveBase(channel, subdir, index.baseUrl());
    this.origin = new PackageRecord.Origin(channel, subdir, base);
    this.shardsBase = resolve(indexUrl, index.shardsBaseUrl());
  }

  /** {@code url} resolved against the directory of {@code indexUrl}; a blank one is that directory. */
  static String resolve(String indexUrl, String url) {
    String dir = indexUrl.substring(0, indexUrl.lastIndexOf('/') + 1);
    if (url == null || url.isBlank()) {
      return dir;
    }
    String r = RepodataParser.resolveUrl(dir, url.strip());
    return r.endsWith("/") ? r : r + "/";
  }

  Channel channel() {
    return channel;
  }

  String subdir() {
    return subdir;
  }

  String baseUrl() {
    return origin.baseUrl;
  }

  Set<String> names() {
    return index.shards().keySet();
  }

  /** Whether reading the shard of a name needs a download now (never offline: reading it then fails). */
  boolean needsDownload(String name) {
    String hash = index.shards().get(name);
    return hash != null && !offline && !isLocal() && !Files.isRegularFile(cacheFile(hash));
  }

  /** Whether the shard of a name can be read without the network (in place, or cached). */
  boolean isAvailable(String name) {
    String hash = index.shards().get(name);
    return hash != null && (isLocal() || Files.isRegularFile(cacheFile(hash)));
  }

  /** Downloads the shard of a name into the cache unless it is there (a no-op for unknown names). */
  void prefetch(String name) {
    if (needsDownload(name)) {
      bytes(name, index.shards().get(name));
    }
  }

  /** The records of a name ({@code .conda} preferred), empty when the index has no shard for it. */
  List<PackageRecord> load(String name) {
    String hash = index.shards().get(name);
    if (hash == null) {
      return List.of();
    }
    byte[] bytes = bytes(name, hash);
    Map<String, List<PackageRecord>> byName;
    synchronized (reader) {
      byName = reader.shard(bytes, origin, Channel.redact(shardsBase) + hash + ".msgpack.zst");
    }
    List<PackageRecord> list = byName.get(name);
    return list == null ? List.of() : List.copyOf(list);
  }

  private boolean isLocal() {
    return shardsBase.startsWith("file:");
  }

  private Path cacheFile(String hash) {
    return cacheDir.resolve("shards").resolve(hash + ".msgpack.zst");
  }

  private byte[] bytes(String name, String hash) {
    String url = shardsBase + hash + ".msgpack.zst";
    String shown = Channel.redact(url);
    if (isLocal()) {
      Path p = Path.of(URI.create(url));
      byte[] b;
      try {
        b = Files.readAllBytes(p);
      } catch (NoSuchFileException e) {
        throw EnvxException.failure("the shard of `" + name + "` is missing: " + p,
            "the shard index `" + indexSource + "` names a file that does not exist");
      } catch (IOException e) {
        throw EnvxException.failure("cannot read the shard of `" + name + "` at " + p + ": " + e.getMessage());
      }
      check(name, hash, b, shown);
      return b;
    }
    Path cached = cacheFile(hash);
    if (Files.isRegularFile(cached)) {
      try {
        byte[] b = Files.readAllBytes(cached);
        if (sha256(b).equals(hash)) {
          return b;
        }
      } catch (IOException e) {
        // unreadable: fetch it again below
      }
    }
    if (offline) {
      throw EnvxException.failure("the shard of `" + name + "` in `" + channel + "/" + subdir + "` is not cached",
          "run once without `--offline` to fill the cache in " + cacheDir);
    }
    return downloader.download(name, url, shown, hash, cached);
  }

  /** Throws when the bytes do not hash to the index's sha256. */
  static void check(String name, String hash, byte[] bytes, String shownUrl) {
    String actual = sha256(bytes);
    if (!actual.equals(hash)) {
      throw EnvxException.failure("the shard of `" + name + "` from `" + shownUrl + "` is corrupt: its sha256 is "
          + actual + ", the shard index says " + hash, "try again; the cache was left unchanged");
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return indexSource + " (" + index.shards().size() + " shards)";
  }
}
