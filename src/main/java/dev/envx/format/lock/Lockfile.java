package dev.envx.format.lock;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A lockfile, independent of its format: metadata and the environments ({@code default} first, then by name),
 * each with its packages per platform. Every reader produces one and every writer takes one.
 */
public record Lockfile(LockMetadata metadata, List<LockEnvironment> environments) {
  private static final Comparator<LockEnvironment> ENV_ORDER = Comparator
      .comparing((LockEnvironment e) -> !e.name().equals(LockEnvironment.DEFAULT))
      .thenComparing(LockEnvironment::name);

  public Lockfile {
    metadata = metadata == null ? LockMetadata.EMPTY : metadata;
    List<LockEnvironment> envs = new ArrayList<>(Objects.requireNonNull(environments, "environments"));
    Set<String> names = new HashSet<>();
    for (LockEnvironment e : envs) {
      if (!names.add(e.name())) {
        throw new IllegalArgumentException("environment `" + e.name() + "` appears twice");
      }
    }
    envs.sort(ENV_ORDER);
    environments = List.copyOf(envs);
  }

  public Optional<LockEnvironment> environment(String name) {
    return environments.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /** The {@code default} environment, or the first one, or an empty one. */
  public LockEnvironment defaultEnvironment() {
    return environment(LockEnvironment.DEFAULT).orElse(environments.isEmpty()
        ? new LockEnvironment(LockEnvironment.DEFAULT, null, null, null, null) : environments.get(0));
  }

  /** The default environment's channels. */
  public List<String> channels() {
    return defaultEnvironment().channels();
  }

  /** The default environment's index URLs. */
  public List<String> indexUrls() {
    return defaultEnvironment().indexUrls();
  }

  /** The platforms: the metadata's, then any other an environment has packages for. */
  public List<String> platforms() {
    LinkedHashSet<String> all = new LinkedHashSet<>(metadata.platforms());
    for (LockEnvironment e : environments) {
      all.addAll(e.platforms());
    }
    return List.copyOf(all);
  }

  public Lockfile withMetadata(LockMetadata m) {
    return new Lockfile(m, environments);
  }

  /** Only the given platforms (metadata included); the lock as is when {@code keep} is empty. */
  public Lockfile onlyPlatforms(Set<String> keep) {
    if (keep.isEmpty()) {
      return this;
    }
    List<LockEnvironment> envs = new ArrayList<>();
    for (LockEnvironment e : environments) {
      var pk = new java.util.TreeMap<>(e.packages());
      pk.keySet().retainAll(keep);
      envs.add(new LockEnvironment(e.name(), e.channels(), e.indexUrls(), e.options(), pk));
    }
    LockMetadata m = metadata;
    List<String> plats = m.platforms().stream().filter(keep::contains).toList();
    var hashes = new java.util.TreeMap<>(m.contentHashes());
    hashes.keySet().retainAll(keep);
    return new Lockfile(new LockMetadata(m.formatVersion(), m.inputHash(), plats, hashes, m.sources(), m.extra()),
        envs);
  }
}
