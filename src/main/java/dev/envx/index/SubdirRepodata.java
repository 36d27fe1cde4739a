package dev.envx.index;

import dev.envx.model.conda.Channel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parsed repodata of one channel subdir: records grouped by package name. When a package is listed both as
 * {@code .tar.bz2} and as {@code .conda}, only the {@code .conda} record is kept.
 *
 * <p>A subdir read from a CEP-16 shard index ({@link #isSharded()}) knows all its names up front and loads the
 * records of a name on first lookup (downloading its shard unless it is cached); {@link #size()} and
 * {@link #parsedCount()} then count the records loaded so far, and {@link #all()} loads every shard.
 * Thread-safe.
 */
public final class SubdirRepodata {
  private final Channel channel;
  private final String subdir;
  private final String baseUrl;
  private final int repodataVersion;
  private final Map<String, List<PackageRecord>> byName;
  private final int size;
  private final int parsedCount;
  /** Non-null for a sharded subdir; {@link #byName} then fills on demand. */
  private final ShardedSource shards;

  SubdirRepodata(Channel channel, String subdir, String baseUrl, int repodataVersion,
      Map<String, List<PackageRecord>> byName, int size, int parsedCount) {
    this.parsedCount = parsedCount;
    this.channel = channel;
    this.subdir = subdir;
    this.baseUrl = baseUrl;
    this.repodataVersion = repodataVersion;
    this.byName = Collections.unmodifiableMap(byName);
    this.size = size;
    this.shards = null;
  }

  /** A sharded subdir: records are loaded per name through the source. */
  SubdirRepodata(ShardedSource shards) {
    this.shards = shards;
    this.channel = shards.channel();
    this.subdir = shards.subdir();
    this.baseUrl = shards.baseUrl();
    this.repodataVersion = 1;
    this.byName = new ConcurrentHashMap<>();
    this.size = 0;
    this.parsedCount = 0;
  }

  /** Whether the records come from CEP-16 shards, loaded per name on first lookup. */
  public boolean isSharded() {
    return shards != null;
  }

  /** Whether looking up this name would download its shard now (always false for a plain subdir). */
  public boolean needsDownload(String name) {
    return shards != null && !byName.containsKey(name) && shards.needsDownload(name);
  }

  /** Whether {@link #records} can answer for this name without the network. */
  boolean isAvailable(String name) {
    return shards == null || byName.containsKey(name) || shards.isAvailable(name);
  }

  /** Downloads the shard of a name into the cache without parsing it (a no-op when not needed). */
  public void prefetch(String name) {
    if (shards != null && !byName.containsKey(name)) {
      shards.prefetch(name);
    }
  }

  /** An empty subdir (a channel without this platform). */
  public static SubdirRepodata empty(Channel channel, String subdir) {
    return new SubdirRepodata(channel, subdir, channel == null ? null : channel.subdirUrl(
        dev.envx.model.conda.Platform.fromSubdir(subdir).orElse(dev.envx.model.conda.Platform.NOARCH)) + "/",
        1, Map.of(), 0, 0);
  }

  /** The channel, or empty when parsed from a bare file. */
  public Optional<Channel> channel() {
    return Optional.ofNullable(channel);
  }

  /** {@code info.subdir}, else the subdir it was fetched as. */
  public String subdir() {
    return subdir;
  }

  /** The URL record file names are resolved against (ends with {@code /}), or null when unknown. */
  public String baseUrl() {
    return baseUrl;
  }

  /** {@code repodata_version} (1 when absent). */
  public int repodataVersion() {
    return repodataVersion;
  }

  /** All records of a name (empty list when none), in file order. */
  public List<PackageRecord> records(String name) {
    List<PackageRecord> list = byName.get(name);
    if (list == null && shards != null && shards.names().contains(name)) {
      List<PackageRecord> loaded = shards.load(name);
      list = byName.putIfAbsent(name, loaded);
      list = list == null ? loaded : list;
    }
    return list == null ? List.of() : Collections.unmodifiableList(list);
  }

  /** Every package name (for a sharded subdir: every name of the shard index). */
  public Set<String> names() {
    return shards != null ? Collections.unmodifiableSet(shards.names()) : byName.keySet();
  }

  /** Number of records (after dropping {@code .tar.bz2} duplicates of {@code .conda} packages). */
  public int size() {
    return shards != null ? loadedCount() : size;
  }

  private int loadedCount() {
    int n = 0;
    for (List<PackageRecord> l : byName.values()) {
      n += l.size();
    }
    return n;
  }

  /** Number of records in the file, including {@code .tar.bz2} twins that were dropped. */
  public int parsedCount() {
    return shards != null ? loadedCount() : parsedCount;
  }

  /** Every record, grouped by name. */
  public List<PackageRecord> all() {
    if (shards != null) {
      List<PackageRecord> out = new ArrayList<>();
      for (String n : new TreeSet<>(shards.names())) {
        out.addAll(records(n));
      }
      return out;
    }
    List<PackageRecord> out = new ArrayList<>(size);
    byName.values().forEach(out::addAll);
    return out;
  }

  @Override
  public String toString() {
    return (channel == null ? "<file>" : channel.toString()) + "/" + subdir
        + (shards != null ? " (" + shards.names().size() + " shards)" : " (" + size + " records)");
  }
}
