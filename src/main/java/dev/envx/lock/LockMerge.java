package dev.envx.lock;

import dev.envx.format.lock.LockEntry;
import dev.envx.format.lock.LockEnvironment;
import dev.envx.format.lock.LockMetadata;
import dev.envx.format.lock.Lockfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A three-way merge of lockfiles by package, not by line: for each environment, platform and package, the side
 * that changed it wins; where both sides changed the same package differently, that is a conflict (ours is
 * kept, and the names are reported so that a relock can settle them). Channels, index URLs and metadata merge
 * the same way, as wholes. The merged input hash is the changed side's; when both sides changed it, the merge
 * has none (the lock is then stale until relocked).
 */
public final class LockMerge {
  private LockMerge() {}

  /**
   * The merge.
   *
   * @param lock the merged lock (ours where sides conflict)
   * @param conflicts per platform, the package names both sides changed differently
   * @param notes other parts both sides changed differently (channels, platforms …), ours kept
   */
  public record Result(Lockfile lock, Map<String, Set<String>> conflicts, List<String> notes) {
    public Result {
      Objects.requireNonNull(lock, "lock");
      Map<String, Set<String>> c = new TreeMap<>();
      conflicts.forEach((k, v) -> c.put(k, java.util.Collections.unmodifiableSortedSet(new TreeSet<>(v))));
      conflicts = java.util.Collections.unmodifiableMap(c);
      notes = List.copyOf(notes);
    }

    public boolean clean() {
      return conflicts.isEmpty() && notes.isEmpty();
    }

    /** Every conflicting package name, over all platforms. */
    public Set<String> conflictingNames() {
      TreeSet<String> all = new TreeSet<>();
      conflicts.values().forEach(all::addAll);
      return all;
    }
  }

  public static Result merge(Lockfile base, Lockfile ours, Lockfile theirs) {
    Map<String, Set<String>> conflicts = new TreeMap<>();
    List<String> notes = new ArrayList<>();
    LinkedHashSet<String> envNames = new LinkedHashSet<>();
    for (Lockfile l : List.of(ours, theirs, base)) {
      l.environments().forEach(e -> envNames.add(e.name()));
    }
    List<LockEnvironment> envs = new ArrayList<>();
    for (String name : envNames) {
      LockEnvironment b = base.environment(name).orElse(null);
      LockEnvironment o = ours.environment(name).orElse(null);
      LockEnvironment t = theirs.environment(name).orElse(null);
      if (o == null || t == null) {
        LockEnvironment kept = o == null ? t : o;
        LockEnvironment other = three(b, o, t);
        if (other == null && !Objects.equals(kept, b) && b != null) {
          notes.add("environment `" + name + "` was removed on one side and changed on the other; the changed "
              + "one is kept");
          envs.add(kept);
        } else if (other != null) {
          envs.add(other);
        }
        continue;
      }
      envs.add(environment(name, b, o, t, conflicts, notes));
    }
    LockMetadata m = metadata(base.metadata(), ours.metadata(), theirs.metadata(), notes);
    return new Result(new Lockfile(m, envs), conflicts, notes);
  }

  private static LockEnvironment environment(String name, LockEnvironment b, LockEnvironment o, LockEnvironment t,
      Map<String, Set<String>> conflicts, List<String> notes) {
    List<String> channels = part("channels of `" + name + "`", b == null ? null : b.channels(), o.channels(),
        t.channels(), notes);
    List<String> indexUrls = part("index URLs of `" + name + "`", b == null ? null : b.indexUrls(), o.indexUrls(),
        t.indexUrls(), notes);
    Map<String, Object> options = part("options of `" + name + "`", b == null ? null : b.options(), o.options(),
        t.options(), notes);
    TreeSet<String> platforms = new TreeSet<>(o.packages().keySet());
    platforms.addAll(t.packages().keySet());
    if (b != null) {
      platforms.addAll(b.packages().keySet());
    }
    Map<String, List<LockEntry>> packages = new TreeMap<>();
    for (String p : platforms) {
      Map<String, List<LockEntry>> bp = byName(b == null ? null : b.packages().get(p));
      Map<String, List<LockEntry>> op = byName(o.packages().get(p));
      Map<String, List<LockEntry>> tp = byName(t.packages().get(p));
      if (op == null && tp == null) {
        continue; // removed on both sides, or on one and unchanged on the other below
      }
      if (op == null || tp == null) {
        Map<String, List<LockEntry>> present = op == null ? tp : op;
        if (Objects.equals(present, bp)) {
          continue; // one side dropped the platform, the other did not touch it
        }
      }
      TreeSet<String> names = new TreeSet<>();
      for (Map<String, List<LockEntry>> side : java.util.Arrays.asList(bp, op, tp)) {
        if (side != null) {
          names.addAll(side.keySet());
        }
      }
      List<LockEntry> merged = new ArrayList<>();
      for (String n : names) {
        List<LockEntry> be = bp == null ? null : bp.get(n);
        List<LockEntry> oe = op == null ? null : op.get(n);
        List<LockEntry> te = tp == null ? null : tp.get(n);
        List<LockEntry> pick;
        if (Objects.equals(oe, te) || Objects.equals(te, be)) {
          pick = oe;
        } else if (Objects.equals(oe, be)) {
          pick = te;
        } else {
          conflicts.computeIfAbsent(p, k -> new TreeSet<>()).add(n.substring(n.indexOf(':') + 1));
          pick = oe != null ? oe : te;
        }
        if (pick != null) {
          merged.addAll(pick);
        }
      }
      packages.put(p, merged);
    }
    return new LockEnvironment(name, channels, indexUrls, options, packages);
  }

  private static Map<String, List<LockEntry>> byName(List<LockEntry> entries) {
    if (entries == null) {
      return null;
    }
    Map<String, List<LockEntry>> out = new LinkedHashMap<>();
    for (LockEntry e : entries) {
      out.computeIfAbsent(e.ecosystem().label() + ":" + e.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(e);
    }
    return out;
  }

  private static LockMetadata metadata(LockMetadata b, LockMetadata o, LockMetadata t, List<String> notes) {
    String hash = Objects.equals(o.inputHash(), t.inputHash()) || Objects.equals(t.inputHash(), b.inputHash())
        ? o.inputHash() : Objects.equals(o.inputHash(), b.inputHash()) ? t.inputHash() : null;
    List<String> platforms = part("platforms", b.platforms(), o.platforms(), t.platforms(), notes);
    Map<String, String> contentHashes = three(b.contentHashes(), o.contentHashes(), t.contentHashes());
    List<String> sources = part("sources", b.sources(), o.sources(), t.sources(), notes);
    Map<String, Object> extra = three(b.extra(), o.extra(), t.extra());
    return new LockMetadata(o.formatVersion(), hash, platforms, contentHashes == null ? o.contentHashes()
        : contentHashes, sources, extra == null ? o.extra() : extra);
  }

  /** The three-way pick of a whole part; ours with a note when both sides changed it differently. */
  private static <T> T part(String what, T b, T o, T t, List<String> notes) {
    T r = three(b, o, t);
    if (r == null && !(o == null && t == null)) {
      notes.add("both sides changed the " + what + "; ours are kept");
      return o;
    }
    return r;
  }

  /** The changed side's value, the common one when both agree, or null when both changed it differently. */
  private static <T> T three(T b, T o, T t) {
    if (Objects.equals(o, t) || Objects.equals(t, b)) {
      return o;
    }
    if (Objects.equals(o, b)) {
      return t;
    }
    return null;
  }
}
