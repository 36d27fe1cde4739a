package dev.envx.format.lock;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One environment of a lockfile: where its packages come from and, per platform, the packages. Entries are kept
 * in the canonical order ({@link #ORDER}), so that a lock's content, not its history, decides its bytes.
 *
 * @param name {@code default} or a named environment (pixi environments; conda-lock has only {@code default})
 * @param channels conda channels in priority order, credentials replaced by {@code ${VAR}} references
 * @param indexUrls PyPI index URLs, first the primary one, likewise redacted
 * @param options format options of the environment (pixi's {@code options:}), raw
 * @param packages platform name (a conda subdir, or a pixi v7 platform name) to its packages
 */
public record LockEnvironment(String name, List<String> channels, List<String> indexUrls,
    Map<String, Object> options, Map<String, List<LockEntry>> packages) {
  public static final String DEFAULT = "default";

  /** Conda before PyPI, then by name (case-insensitive), version, location and categories. */
  public static final Comparator<LockEntry> ORDER = Comparator
      .comparing(LockEntry::ecosystem)
      .thenComparing(e -> e.name().toLowerCase(java.util.Locale.ROOT))
      .thenComparing(LockEnvironment::versionOf)
      .thenComparing(e -> e.location().orElse(""))
      .thenComparing(e -> String.join(",", e.categories()));

  public LockEnvironment {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("an environment needs a name");
    }
    channels = List.copyOf(channels == null ? List.of() : channels);
    indexUrls = List.copyOf(indexUrls == null ? List.of() : indexUrls);
    for (String c : channels) {
      Credentials.refuseUnreferenced("channel", c);
    }
    for (String u : indexUrls) {
      Credentials.refuseUnreferenced("index", u);
    }
    options = Raw.freezeMap(options);
    TreeMap<String, List<LockEntry>> p = new TreeMap<>();
    if (packages != null) {
      for (Map.Entry<String, List<LockEntry>> e : packages.entrySet()) {
        List<LockEntry> sorted = new ArrayList<>(e.getValue());
        sorted.sort(ORDER);
        p.put(e.getKey(), List.copyOf(sorted));
      }
    }
    packages = Collections.unmodifiableSortedMap(p);
  }

  /** The platforms this environment has packages for (possibly none), sorted. */
  public List<String> platforms() {
    return List.copyOf(packages.keySet());
  }

  public List<LockEntry> packages(String platform) {
    return packages.getOrDefault(platform, List.of());
  }

  /** Every entry of every platform. */
  public List<LockEntry> allEntries() {
    List<LockEntry> all = new ArrayList<>();
    packages.values().forEach(all::addAll);
    return all;
  }

  static String versionOf(LockEntry e) {
    if (e instanceof LockEntry.Resolved r) {
      return r.pkg().versionText() + (r.pkg() instanceof LockedPackage.Conda c ? "-" + c.build() : "");
    }
    return "";
  }
}
