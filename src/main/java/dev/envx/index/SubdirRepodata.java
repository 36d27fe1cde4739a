package dev.envx.index;

import dev.envx.model.conda.Channel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parsed repodata of one channel subdir: records grouped by package name. When a package is listed both as
 * {@code .tar.bz2} and as {@code .conda}, only the {@code .conda} record is kept.
 */
public final class SubdirRepodata {
  private final Channel channel;
  private final String subdir;
  private final String baseUrl;
  private final int repodataVersion;
  private final Map<String, List<PackageRecord>> byName;
  private final int size;
  private final int parsedCount;

  SubdirRepodata(Channel channel, String subdir, String baseUrl, int repodataVersion,
      Map<String, List<PackageRecord>> byName, int size, int parsedCount) {
    this.parsedCount = parsedCount;
    this.channel = channel;
    this.subdir = subdir;
    this.baseUrl = baseUrl;
    this.repodataVersion = repodataVersion;
    this.byName = Collections.unmodifiableMap(byName);
    this.size = size;
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
    return list == null ? List.of() : Collections.unmodifiableList(list);
  }

  public Set<String> names() {
    return byName.keySet();
  }

  /** Number of records (after dropping {@code .tar.bz2} duplicates of {@code .conda} packages). */
  public int size() {
    return size;
  }

  /** Number of records in the file, including {@code .tar.bz2} twins that were dropped. */
  public int parsedCount() {
    return parsedCount;
  }

  /** Every record, grouped by name. */
  public List<PackageRecord> all() {
    List<PackageRecord> out = new ArrayList<>(size);
    byName.values().forEach(out::addAll);
    return out;
  }

  @Override
  public String toString() {
    return (channel == null ? "<file>" : channel.toString()) + "/" + subdir + " (" + size + " records)";
  }
}
