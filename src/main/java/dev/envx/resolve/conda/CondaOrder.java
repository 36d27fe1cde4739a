package dev.envx.resolve.conda;

import dev.envx.resolve.CandidateOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * conda's candidate order (most preferred first), as libsolv/conda/rattler rank them:
 * <ol>
 *   <li>channel rank (strict priority has already dropped the other channels' records; disabled ranks all 0);
 *   <li>fewer {@code track_features} (a tracked feature de-prioritises a record below every version without);
 *   <li>higher version, then higher build number;
 *   <li>builds that tie so far (the py311/py312/py313 builds of one numpy) by the highest versions their shared
 *       dependencies can reach, in alphabetical order of the dependency names (rattler's rule: the build for the
 *       newest python first), then newer timestamp.
 * </ol>
 * Records whose version does not parse come last (they are excluded anyway).
 */
final class CondaOrder implements CandidateOrder<Integer> {
  /** Channel, track features, version, build number: the order before the dependency tie-break. */
  // both written out rather than as comparing/thenComparing chains: every solve builds them at class
  // initialisation, and the chain's lambdas cost a cold start more than the comparisons
  static final Comparator<CondaCandidate> SIMPLE = CondaOrder::simple;

  /** No track features first, then the highest version: how dependency versions are compared. */
  static final Comparator<CondaCandidate> BY_VERSION = CondaOrder::byVersion;

  private static int simple(CondaCandidate a, CondaCandidate b) {
    int c = Integer.compare(a.invalid == null ? 0 : 1, b.invalid == null ? 0 : 1);
    if (c == 0) {
      c = Integer.compare(a.rank, b.rank);
    }
    if (c == 0) {
      c = Integer.compare(a.trackFeatureCount(), b.trackFeatureCount());
    }
    if (c == 0) {
      c = b.version.compareTo(a.version);
    }
    return c != 0 ? c : Long.compare(b.record.buildNumber(), a.record.buildNumber());
  }

  private static int byVersion(CondaCandidate a, CondaCandidate b) {
    int c = Integer.compare(a.trackFeatureCount() > 0 ? 1 : 0, b.trackFeatureCount() > 0 ? 1 : 0);
    return c != 0 ? c : b.version.compareTo(a.version);
  }

  private final CondaProvider p;
  /** version set id -> its best candidate (see {@link #highest}), empty when none matches. */
  private final Map<Integer, Optional<CondaCandidate>> highestCache = new HashMap<>();

  CondaOrder(CondaProvider provider) {
    this.p = provider;
  }

  @Override
  public Comparator<Integer> primary() {
    return (a, b) -> SIMPLE.compare(p.candidate(a), p.candidate(b));
  }

  /**
   * Orders builds that tie on channel, track features, version and build number as rattler does: by the highest
   * versions their shared dependencies can reach, names in alphabetical order, then by newer timestamp.
   */
  @Override
  public Comparator<Integer> tieBreak(Integer[] group) {
    Map<Integer, Map<Integer, List<Integer>>> deps = new HashMap<>();
    Map<Integer, Integer> nameCount = new HashMap<>();
    for (int c : group) {
      Map<Integer, List<Integer>> byName = new HashMap<>();
      CondaCandidate k = p.candidate(c);
      if (!k.virtual) {
        for (String d : k.record.depends()) {
          int vs = p.versionSet(d);
          Integer name = p.set(vs).name();
          List<Integer> sets = byName.get(name);
          if (sets == null) {
            sets = new ArrayList<>(2);
            byName.put(name, sets);
          }
          sets.add(vs);
        }
      }
      deps.put(c, byName);
      // loops, not computeIfAbsent/merge with lambdas: capturing ones cost a cold solve a method-handle call each
      for (Integer name : byName.keySet()) {
        Integer seen = nameCount.get(name);
        nameCount.put(name, seen == null ? 1 : seen + 1);
      }
    }
    List<Integer> shared = new ArrayList<>();
    for (Map.Entry<Integer, Integer> e : nameCount.entrySet()) {
      if (e.getValue() == group.length) {
        shared.add(e.getKey());
      }
    }
    // names in alphabetical order; no comparator chains here or below: their JDK lambdas are linked at run time
    // (the start-up cache does not hold them), which costs a cold solve more than the sorting
    shared.sort((a, b) -> p.displayName(a).compareTo(p.displayName(b)));
    return (a, b) -> {
      int c = byDependencies(a, b, shared, deps);
      return c != 0 ? c : Long.compare(p.candidate(b).timestamp(), p.candidate(a).timestamp());
    };
  }

  private int byDependencies(int a, int b, List<Integer> shared, Map<Integer, Map<Integer, List<Integer>>> deps) {
    for (int n : shared) {
      CondaCandidate x = highest(deps.get(a).get(n));
      CondaCandidate y = highest(deps.get(b).get(n));
      if (x == null || y == null) {
        if (x != y) {
          return x == null ? 1 : -1;
        }
        continue;
      }
      int cmp = BY_VERSION.compare(x, y);
      if (cmp != 0) {
        return cmp;
      }
    }
    return 0;
  }

  /** The best candidate (no track features first, then highest version) meeting any of the version sets. */
  private CondaCandidate highest(List<Integer> versionSets) {
    CondaCandidate best = null;
    for (int vs : versionSets) {
      Optional<CondaCandidate> cached = highestCache.get(vs);
      if (cached == null) {
        CondaCandidate b = null;
        for (int c : p.loaded(p.set(vs).name())) {
          CondaCandidate x = p.candidate(c);
          if (x.invalid == null && p.matches(vs, c) && (b == null || BY_VERSION.compare(x, b) < 0)) {
            b = x;
          }
        }
        cached = Optional.ofNullable(b);
        highestCache.put(vs, cached);
      }
      CondaCandidate h = cached.orElse(null);
      if (h != null && (best == null || BY_VERSION.compare(h, best) < 0)) {
        best = h;
      }
    }
    return best;
  }
}
