package dev.envx.index;

import dev.envx.model.conda.Channel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * The repodata of several channel subdirs, in priority order (first channel first, its target subdir before
 * {@code noarch}). Looking up a name returns its records in that order; the solver adapter applies
 * {@link dev.envx.model.conda.ChannelPriority} on top.
 */
public final class RepodataIndex {
  private final List<SubdirRepodata> subdirs;
  private final List<Channel> channels;

  private RepodataIndex(List<SubdirRepodata> subdirs) {
    this.subdirs = List.copyOf(subdirs);
    Set<Channel> distinct = new LinkedHashSet<>();
    for (SubdirRepodata s : this.subdirs) {
      s.channel().ifPresent(distinct::add);
    }
    this.channels = List.copyOf(distinct);
  }

  public static RepodataIndex of(List<SubdirRepodata> subdirs) {
    return new RepodataIndex(subdirs);
  }

  public List<SubdirRepodata> subdirs() {
    return subdirs;
  }

  /** The distinct channels, in priority order. */
  public List<Channel> channels() {
    return channels;
  }

  /** Priority of a channel: 0 for the first, -1 when absent. */
  public int channelRank(Channel channel) {
    return channels().indexOf(channel);
  }

  /**
   * Downloads, in parallel, the shards of these names that sharded subdirs do not have cached yet (up to 8 at a
   * time), so that later {@link #records(String)} calls read from the cache. Plain subdirs are unaffected.
   */
  public void prefetch(Collection<String> names) {
    List<Callable<Void>> tasks = new ArrayList<>();
    for (SubdirRepodata s : subdirs) {
      for (String n : names) {
        if (s.needsDownload(n)) {
          tasks.add(() -> {
            s.prefetch(n);
            return null;
          });
        }
      }
    }
    Parallel.run(tasks, 8, "shards", "fetching shards");
  }

  /**
   * Downloads the shards of these names and of everything their records depend on, transitively (the CEP-16
   * fetch loop): one parallel batch per level of the dependency graph. A caller that knows its root names (a
   * solve request) saves the solver one round trip per name it reaches. Does nothing without sharded subdirs;
   * offline it fetches nothing. Returns the names visited.
   */
  public Set<String> prefetchDependencies(Collection<String> roots) {
    Set<String> seen = new TreeSet<>();
    if (subdirs.stream().noneMatch(SubdirRepodata::isSharded)) {
      return seen;
    }
    List<String> level = new ArrayList<>();
    for (String r : roots) {
      if (seen.add(r)) {
        level.add(r);
      }
    }
    while (!level.isEmpty()) {
      prefetch(level);
      List<String> next = new ArrayList<>();
      for (String n : level) {
        for (SubdirRepodata s : subdirs) {
          if (!s.isSharded() || !s.isAvailable(n)) {
            continue; // plain subdirs need no prefetch; an uncached shard offline is left to records() to report
          }
          for (PackageRecord r : s.records(n)) {
            for (String d : r.depends()) {
              String dn = dependencyName(d);
              if (!dn.isEmpty() && seen.add(dn)) {
                next.add(dn);
              }
            }
          }
        }
      }
      level = next;
    }
    return seen;
  }

  /** The package name a repodata dependency string starts with ({@code python >=3.9} -> {@code python}). */
  static String dependencyName(String dependency) {
    String d = dependency.strip();
    int colons = d.lastIndexOf("::");
    if (colons >= 0) {
      d = d.substring(colons + 2);
    }
    int end = 0;
    while (end < d.length() && " \t=<>!~[;,".indexOf(d.charAt(end)) < 0) {
      end++;
    }
    return d.substring(0, end);
  }

  /**
   * All records of a name across subdirs, in priority order. Sharded subdirs load the name's shards on first
   * lookup (the missing ones of all subdirs downloaded in parallel).
   */
  public List<PackageRecord> records(String name) {
    prefetch(List.of(name));
    return recordsIn(name, null);
  }

  /**
   * The records of a name in the highest-priority channel that has it (strict channel priority), in priority
   * order; when no channel has it, those of the subdirs without a channel. The subdirs of later channels are not
   * looked at, so their records of the name are never decoded (a binary index decodes a name's records on first
   * lookup): anaconda's {@code r} and {@code defaults} 2018, which share ~2,200 records, cost a solve half the
   * decoding.
   */
  public List<PackageRecord> recordsOfFirstChannel(String name) {
    prefetch(List.of(name));
    for (Channel c : channels) {
      List<PackageRecord> r = recordsIn(name, c);
      if (!r.isEmpty()) {
        return r;
      }
    }
    return recordsIn(name, null);
  }

  /** The records of a name in the subdirs of {@code channel} (all subdirs: null), in priority order. */
  private List<PackageRecord> recordsIn(String name, Channel channel) {
    List<PackageRecord> first = null;
    List<PackageRecord> all = null;
    for (SubdirRepodata s : subdirs) {
      if (channel != null && !channel.equals(s.channel().orElse(null))) {
        continue;
      }
      List<PackageRecord> r = s.records(name);
      if (r.isEmpty()) {
        continue;
      }
      if (first == null) {
        first = r;
      } else {
        if (all == null) {
          all = new ArrayList<>(first);
        }
        all.addAll(r);
      }
    }
    return all != null ? List.copyOf(all) : first != null ? first : List.of();
  }

  /** Every package name, sorted. */
  public Set<String> names() {
    Set<String> out = new TreeSet<>();
    for (SubdirRepodata s : subdirs) {
      out.addAll(s.names());
    }
    return out;
  }

  /** Number of records (sharded subdirs count the records loaded so far). */
  public int size() {
    return subdirs.stream().mapToInt(SubdirRepodata::size).sum();
  }

  @Override
  public String toString() {
    return "RepodataIndex" + subdirs;
  }
}
