package dev.envx.resolve.conda;

import dev.envx.format.lock.Hashes;
import dev.envx.format.lock.LockedPackage;
import dev.envx.index.PackageRecord;
import dev.envx.index.RepodataIndex;
import dev.envx.index.VirtualPackages;
import dev.envx.model.conda.ChannelPriority;
import dev.envx.model.conda.MatchSpec;
import dev.envx.model.conda.Platform;
import dev.envx.resolve.CandidateOrder;
import dev.envx.resolve.CondaRequirement;
import dev.envx.resolve.Interner;
import dev.envx.resolve.Request;
import dev.envx.solve.ConflictGraph;
import dev.envx.solve.Dependencies;
import dev.envx.solve.Problem;
import dev.envx.solve.Provider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The conda source: a {@link Provider} over a {@link RepodataIndex} plus the target's virtual packages. Names,
 * candidates and version sets get small int ids ({@link Interner}) as the solver reaches them. A requested spec
 * arrives parsed ({@link CondaRequirement}); each distinct {@code depends}/{@code constrains} string of a record is
 * parsed once, when a candidate that has it is first reached; each version once per record, when its name is first
 * reached. Candidates are ordered by {@link CondaOrder}; with {@link ChannelPriority#STRICT} only the records of the
 * highest-priority channel that has the name are candidates at all (a root request naming a channel,
 * {@code chan::name}, picks that channel instead). Records of a previous lock ({@link Request#locked()}) are
 * {@link #favored favored}; records whose version does not parse, or that the request avoids, are
 * {@link #excluded excluded} with that reason.
 *
 * <p>Not thread-safe; one provider serves one solve (and the checks after it).
 */
public final class CondaProvider implements Provider {
  final RepodataIndex index;
  final Request request;
  final Channels channels;
  final Map<String, List<PackageRecord>> virtuals = new HashMap<>();
  /** name -> channel given in a root request ({@code chan::name}); overrides strict priority for that name. */
  private final Map<String, String> requestedChannel = new HashMap<>();

  private final Interner<String, String> names = new Interner<>();
  /** Version sets by their text: a request's spelling or a record's {@code depends} string. */
  private final Interner<String, CondaVersionSet> sets = new Interner<>();
  private final List<CondaCandidate> cands = new ArrayList<>();
  private int[][] candidatesOf = new int[16][];
  private int[][] loadedOf = new int[16][];
  private final CondaOrder order = new CondaOrder(this);
  /** Each distinct version string parsed once (the builds of one version share it; it is immutable). */
  private final Map<String, CondaCandidate.ParsedVersion> versions = new HashMap<>();

  /**
   * @param index the channels' records, highest priority first
   * @param target the platform solved for (the subdir of the virtual package records)
   * @param request requirements, priority, virtual packages and lock
   */
  public CondaProvider(RepodataIndex index, Platform target, Request request) {
    this.index = Objects.requireNonNull(index, "index");
    this.request = Objects.requireNonNull(request, "request");
    this.channels = new Channels(index.channels());
    for (PackageRecord r : VirtualPackages.asRecords(request.virtualPackages(), target)) {
      virtuals.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r);
    }
    for (CondaRequirement r : request.condaRequirements()) {
      String c = r.spec().channel();
      if (c != null && !c.equals("*")) {
        requestedChannel.put(r.name(), c);
      }
    }
  }

  /** The root requirements (the request's specs) and root constraints (its pins) as version set ids. */
  public Problem problem() {
    return problemOf(request);
  }

  /** The problem of another request over this provider's ids (e.g. the original request after re-solves). */
  public Problem problemOf(Request other) {
    int[] reqs = other.condaRequirements().stream().mapToInt(this::versionSet).toArray();
    int[] cons = other.condaConstraints().stream().mapToInt(this::versionSet).toArray();
    return new Problem(reqs, cons);
  }

  public Request request() {
    return request;
  }

  // ---------------------------------------------------------------- ids

  /** The id of a name, allocated on first use. */
  public int nameId(String name) {
    return names.intern(name, n -> n);
  }

  /** The id of a requested (typed) spec; it is not parsed again. */
  public int versionSet(CondaRequirement r) {
    return sets.intern(r.display(), text -> CondaVersionSet.of(text, nameId(r.name()), r.spec()));
  }

  /** The id of a record's {@code depends}/{@code constrains} string; parsed the first time it is seen. */
  public int versionSet(String text) {
    // find, then put: `intern(text, this::parseMetadataSpec)` would capture a method reference per call (the
    // solver asks for every dependency of every candidate it reaches), an interpreted method-handle call cold
    int id = sets.find(text);
    return id >= 0 ? id : sets.put(text, parseMetadataSpec(text));
  }

  private CondaVersionSet parseMetadataSpec(String text) {
    try {
      MatchSpec m = MatchSpec.parse(text);
      String name = m.exactName();
      if (name != null) {
        return CondaVersionSet.of(text, nameId(name), m);
      }
      return unparsable(text, "no exact package name");
    } catch (IllegalArgumentException e) {
      return unparsable(text, e.getMessage());
    }
  }

  /** A spec that names no package: a name of its own (no candidates), so the requirement cannot be met. */
  private CondaVersionSet unparsable(String text, String error) {
    return new CondaVersionSet(text, nameId(text), null, null, error);
  }

  CondaVersionSet set(int versionSet) {
    return sets.get(versionSet);
  }

  CondaCandidate candidate(int id) {
    return cands.get(id);
  }

  /** The record of a candidate. */
  public PackageRecord record(int candidate) {
    return cands.get(candidate).record;
  }

  /** Whether a candidate is a virtual package of the target rather than a channel record. */
  public boolean isVirtual(int candidate) {
    return cands.get(candidate).virtual;
  }

  /** The chosen channel records as lockable packages, sorted by name; virtual packages are left out. */
  public List<LockedPackage> locked(int[] chosen) {
    List<LockedPackage.Conda> out = new ArrayList<>();
    for (int c : chosen) {
      if (!isVirtual(c)) {
        out.add(lockedPackage(cands.get(c)));
      }
    }
    // not Comparator.comparing: its lambda, inside the JDK, is linked at run time (the start-up cache holds envx's)
    out.sort((a, b) -> a.name().compareTo(b.name()));
    return List.copyOf(out);
  }

  private static LockedPackage.Conda lockedPackage(CondaCandidate c) {
    return lockedPackage(c.record, c.version);
  }

  /** The lockable package of a repodata record (its version parsed here; tools and tests). */
  public static LockedPackage.Conda lockedPackage(PackageRecord r) {
    return lockedPackage(r, dev.envx.model.conda.CondaVersion.parse(r.version()));
  }

  private static LockedPackage.Conda lockedPackage(PackageRecord r, dev.envx.model.conda.CondaVersion version) {
    Platform subdir = Platform.fromSubdir(r.subdir()).orElseThrow(() -> new IllegalStateException(
        "record `" + r + "` has the unknown subdir `" + r.subdir() + "`"));
    return new LockedPackage.Conda(r.name(), version, r.build(), r.buildNumber(),
        r.channel().map(CondaProvider::lockChannel).orElse(null), subdir, r.url().orElse(null), r.fileName(),
        new Hashes(r.md5().orElse(null), r.sha256().orElse(null)), r.size(), r.depends(), r.constrains(),
        r.timestampMillis().orElse(null), r.license().orElse(null), r.noarch().orElse(null), r.trackFeatures());
  }

  /** A record's channel as a lock holds it: the canonical name, or the URL without any secret or placeholder. */
  private static String lockChannel(dev.envx.model.conda.Channel c) {
    return c.hasCredentials() ? c.url() : c.toString();
  }

  // ---------------------------------------------------------------- Provider

  @Override
  public int[] candidates(int name) {
    if (name < candidatesOf.length && candidatesOf[name] != null) {
      return candidatesOf[name];
    }
    int[] loaded = loaded(name);
    Integer[] ids = new Integer[loaded.length]; // loops, not streams: a stream pipeline per name costs a cold solve
    for (int i = 0; i < ids.length; i++) {
      ids[i] = loaded[i];
    }
    CandidateOrder.sort(ids, order);
    int[] sorted = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      sorted[i] = ids[i];
    }
    if (name >= candidatesOf.length) {
      candidatesOf = Arrays.copyOf(candidatesOf, Math.max(name + 1, candidatesOf.length * 2));
    }
    candidatesOf[name] = sorted;
    return sorted;
  }

  /**
   * The candidates of a name in repodata order, created (ids allocated, versions parsed) on first use; strict
   * channel priority already applied. Does not sort, so looking at a dependency's candidates never recurses.
   */
  int[] loaded(int name) {
    if (name < loadedOf.length && loadedOf[name] != null) {
      return loadedOf[name];
    }
    String n = names.get(name);
    List<CondaCandidate> list = new ArrayList<>();
    if (n.startsWith("__")) {
      for (PackageRecord r : virtuals.getOrDefault(n, List.of())) {
        list.add(new CondaCandidate(r, name, 0, true));
      }
    } else {
      ChannelPriority priority = request.channelPriority();
      // strict priority without a `chan::name` request: only the best channel's records can be candidates, so
      // the later channels' records are not even decoded (strictChannel below then keeps them all)
      List<PackageRecord> records = priority == ChannelPriority.STRICT && !requestedChannel.containsKey(n)
          ? index.recordsOfFirstChannel(n) : index.records(n);
      Integer only = null;
      if (priority == ChannelPriority.STRICT && !records.isEmpty()) {
        only = channels.strictChannel(requestedChannel.get(n), records);
      }
      for (PackageRecord r : records) {
        int rank = channels.rank(r);
        if (only != null && rank != only) {
          continue;
        }
        CondaCandidate.ParsedVersion v = versions.get(r.version());
        if (v == null) {
          v = CondaCandidate.ParsedVersion.of(r.version());
          versions.put(r.version(), v);
        }
        list.add(new CondaCandidate(r, name, priority == ChannelPriority.DISABLED ? 0 : rank, false, v));
      }
    }
    int[] ids = new int[list.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = cands.size();
      cands.add(list.get(i));
    }
    if (name >= loadedOf.length) {
      loadedOf = Arrays.copyOf(loadedOf, Math.max(name + 1, loadedOf.length * 2));
    }
    loadedOf[name] = ids;
    return ids;
  }

  @Override
  public int nameOf(int candidate) {
    return cands.get(candidate).name;
  }

  @Override
  public Dependencies dependencies(int candidate) {
    CondaCandidate c = cands.get(candidate);
    if (c.virtual) {
      return Dependencies.NONE;
    }
    List<String> deps = c.record.depends();
    List<String> cons = c.record.constrains();
    int[] r = new int[deps.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = versionSet(deps.get(i));
    }
    int[] k = new int[cons.size()];
    for (int i = 0; i < k.length; i++) {
      k[i] = versionSet(cons.get(i));
    }
    return new Dependencies(r, k);
  }

  @Override
  public int[] namesOf(int versionSet) {
    return new int[] {sets.get(versionSet).name()};
  }

  @Override
  public boolean matches(int versionSet, int candidate) {
    return matches(sets.get(versionSet), cands.get(candidate));
  }

  static boolean matches(CondaVersionSet s, CondaCandidate c) {
    if (s.rest() == null) {
      return false;
    }
    if (s.channel() != null && (c.channel == null || !Channels.matches(s.channel(), c.channel))) {
      return false;
    }
    return s.rest().matches(c);
  }

  @Override
  public String excluded(int candidate) {
    CondaCandidate c = cands.get(candidate);
    if (c.invalid != null) {
      return c.invalid;
    }
    if (!request.avoided().isEmpty() && request.avoided().contains(c.record.dist())) {
      return "it is avoided by this solve";
    }
    return null;
  }

  @Override
  public boolean favored(int candidate) {
    return !request.locked().isEmpty() && request.locked().contains(cands.get(candidate).record.dist());
  }

  @Override
  public String displayName(int name) {
    return names.get(name);
  }

  @Override
  public String displayVersion(int candidate) {
    CondaCandidate c = cands.get(candidate);
    return c.virtual ? c.record.version() : c.record.version() + " " + c.record.build();
  }

  @Override
  public String displayVersionSet(int versionSet) {
    return sets.get(versionSet).text();
  }

  /** Candidates of one name by distinct version ({@code numpy 2.2.6 | 2.1.0 (2 versions, 5 builds)}). */
  @Override
  public String displayCandidates(int[] candidates) {
    if (candidates.length == 1) {
      return displayCandidate(candidates[0]);
    }
    Set<String> versions = new LinkedHashSet<>();
    for (int c : candidates) {
      versions.add(cands.get(c).record.version());
    }
    List<String> v = new ArrayList<>(versions);
    StringBuilder sb = new StringBuilder(displayName(nameOf(candidates[0]))).append(' ');
    sb.append(dev.envx.resolve.VersionList.join(v));
    if (v.size() > 5 || candidates.length > v.size()) {
      sb.append(" (").append(v.size()).append(v.size() == 1 ? " version, " : " versions, ")
          .append(candidates.length).append(" builds)");
    }
    return sb.toString();
  }

  /** What the user can change when nothing meets a conda version set (a cross-ecosystem explainer asks). */
  public List<dev.envx.resolve.Hint> noCandidateHints(int versionSet) {
    return new CondaExplainer(this).noCandidateHints(sets.get(versionSet));
  }

  /** Whether a conda version set's text is one of the request's (root) specs. */
  public String versionSetText(int versionSet) {
    return sets.get(versionSet).text();
  }

  /** An unsolvable request explained in conda terms, with typed hints. */
  public CondaExplainer.Explanation explain(ConflictGraph graph, int maxLines) {
    return new CondaExplainer(this).explain(graph, maxLines);
  }
}
