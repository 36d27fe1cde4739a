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
  /** Why records were skipped ({@code `file`: reason}), in file order; or why the subdir is empty. */
  private final List<String> skipped;
  private final String missing;

  SubdirRepodata(Channel channel, String subdir, String baseUrl, int repodataVersion,
      Map<String, List<PackageRecord>> byName, int size, int parsedCount) {
    this(channel, subdir, baseUrl, repodataVersion, byName, size, parsedCount, List.of(), null);
  }

  SubdirRepodata(Channel channel, String subdir, String baseUrl, int repodataVersion,
      Map<String, List<PackageRecord>> byName, int size, int parsedCount, List<String> skipped, String missing) {
    this.skipped = List.copyOf(skipped);
    this.missing = missing;
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
    this.skipped = List.of();
    this.missing = null;
  }

  /** How many records of the file were skipped as malformed (a wrong type, a missing field). */
  public int skippedCount() {
    return skipped.size();
  }

  /**
   * What the user should hear about this subdir: the records skipped as malformed (a count and the first
   * {@value #FIRST_REASONS} reasons, or every reason when {@code all}), and a subdir the channel does not have
   * (naming those it has, when it can tell).
   */
  public List<dev.envx.diag.Diagnostic> warnings(boolean all) {
    List<dev.envx.diag.Diagnostic> out = new ArrayList<>();
    String where = (channel == null ? "<file>" : channel.toString()) + "/" + subdir;
    if (!skipped.isEmpty()) {
      int shown = all ? skipped.size() : Math.min(FIRST_REASONS, skipped.size());
      List<String> hints = new ArrayList<>(skipped.subList(0, shown));
      if (shown < skipped.size()) {
        hints.add((skipped.size() - shown) + " more; run with `--verbose` to list them all");
      }
      out.add(new dev.envx.diag.Diagnostic(dev.envx.diag.Severity.WARNING, "skipped " + skipped.size()
          + " malformed record" + (skipped.size() == 1 ? "" : "s") + " of " + (parsedCount + skipped.size())
          + " in `" + where + "`", null, hints));
    }
    if (missing != null) {
      out.add(dev.envx.diag.Diagnostic.note(missing, null));
    }
    return out;
  }

  static final int FIRST_REASONS = 3;

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
        1, Map.of(), 0, 0, List.of(), channel == null ? null : missingText(channel, subdir));
  }

  /** "channel `c` has no `linux-64` subdir (it has noarch, osx-arm64)": a local channel can list its own. */
  private static String missingText(Channel channel, String subdir) {
    String text = "channel `" + channel + "` has no `" + subdir + "` subdir";
    if (!channel.isLocal()) {
      return text + "; only its `noarch` packages are candidates";
    }
    List<String> has = new ArrayList<>();
    try (var dirs = java.nio.file.Files.list(channel.localPath())) {
      dirs.filter(d -> java.nio.file.Files.isRegularFile(d.resolve("repodata.json"))
              || java.nio.file.Files.isRegularFile(d.resolve("repodata.json.zst")))
          .map(d -> d.getFileName().toString()).sorted().forEach(has::add);
    } catch (java.io.IOException | RuntimeException e) {
      return text;
    }
    return text + " (it has " + (has.isEmpty() ? "none" : String.join(", ", has)) + ")";
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
