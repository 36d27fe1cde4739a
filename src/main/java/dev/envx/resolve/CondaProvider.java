package dev.envx.resolve;

import dev.envx.index.PackageRecord;
import dev.envx.index.RepodataIndex;
import dev.envx.index.VirtualPackages;
import dev.envx.model.conda.Channel;
import dev.envx.model.conda.ChannelPriority;
import dev.envx.model.conda.CondaVersion;
import dev.envx.model.conda.MatchSpec;
import dev.envx.model.conda.PackageRecordRef;
import dev.envx.model.conda.Platform;
import dev.envx.model.conda.VirtualPackage;
import dev.envx.solve.ConflictGraph;
import dev.envx.solve.Dependencies;
import dev.envx.solve.Problem;
import dev.envx.solve.Provider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The conda side of the solver: a {@link Provider} over a {@link RepodataIndex} plus the target's virtual
 * packages. Names, candidates and version sets get small int ids as the solver reaches them; each distinct
 * {@code depends}/{@code constrains} string is parsed once (when a candidate that has it is first chosen), each
 * version once per record (when its name is first reached).
 *
 * <p>Candidate order (most preferred first), as libsolv/conda/rattler rank them:
 * <ol>
 *   <li>channel: with {@link ChannelPriority#STRICT} only the records of the highest-priority channel that has the
 *       name are candidates at all (a root request naming a channel, {@code chan::name}, picks that channel
 *       instead); with {@code FLEXIBLE} a higher-priority channel ranks first; {@code DISABLED} ignores channels;
 *   <li>fewer {@code track_features} (a tracked feature de-prioritises a record below every version without);
 *   <li>higher version, then higher build number;
 *   <li>builds that tie so far (the py311/py312/py313 builds of one numpy) by the highest versions their shared
 *       dependencies can reach, in alphabetical order of the dependency names (rattler's rule: the build for the
 *       newest python first), then newer timestamp.
 * </ol>
 * Records of a previous lock ({@link CondaRequest#locked()}) are {@link #favored favored}. Records whose version
 * does not parse are {@link #excluded excluded} with that reason.
 *
 * <p>Not thread-safe; one provider serves one solve (and the checks after it).
 */
public final class CondaProvider implements Provider {
  private final RepodataIndex index;
  private final CondaRequest request;
  private final Map<Channel, Integer> channelRank = new HashMap<>();
  private final Map<String, List<PackageRecord>> virtuals = new HashMap<>();
  /** name -> channel given in a root request ({@code chan::name}); overrides strict priority for that name. */
  private final Map<String, String> requestedChannel = new HashMap<>();

  private final Map<String, Integer> nameIds = new HashMap<>();
  private final List<String> names = new ArrayList<>();
  private int[][] candidatesOf = new int[16][];
  private int[][] loadedOf = new int[16][];
  /** version set id -> its best candidate (see {@link #highest}), empty when none matches. */
  private final Map<Integer, java.util.Optional<Cand>> highestCache = new HashMap<>();

  private final List<Cand> cands = new ArrayList<>();

  private final Map<String, Integer> setIds = new HashMap<>();
  private final List<VSet> sets = new ArrayList<>();

  /** One candidate: a record with its parsed version, as a {@link PackageRecordRef} for MatchSpec. */
  private static final class Cand implements PackageRecordRef {
    final PackageRecord record;
    final int name;
    final int rank;
    final boolean virtual;
    final Channel channel;
    CondaVersion version;
    String invalid;

    Cand(PackageRecord record, int name, int rank, boolean virtual) {
      this.record = record;
      this.name = name;
      this.rank = rank;
      this.virtual = virtual;
      this.channel = record.channel().orElse(null);
      try {
        this.version = CondaVersion.parse(record.version());
      } catch (IllegalArgumentException e) {
        this.version = CondaVersion.parse("0");
        this.invalid = "its version `" + record.version() + "` does not parse: " + e.getMessage();
      }
    }

    @Override
    public String name() {
      return record.name();
    }

    @Override
    public CondaVersion version() {
      return version;
    }

    @Override
    public String build() {
      return record.build();
    }

    @Override
    public long buildNumber() {
      return record.buildNumber();
    }

    @Override
    public String subdir() {
      return record.subdir();
    }

    @Override
    public String md5() {
      return record.md5().orElse(null);
    }

    @Override
    public String sha256() {
      return record.sha256().orElse(null);
    }

    @Override
    public String fn() {
      return record.fileName();
    }

    @Override
    public String url() {
      return record.url().orElse(null);
    }

    @Override
    public String license() {
      return record.license().orElse(null);
    }

    @Override
    public String licenseFamily() {
      return record.licenseFamily().orElse(null);
    }

    @Override
    public Set<String> trackFeatures() {
      return Set.copyOf(record.trackFeatures());
    }

    @Override
    public Set<String> features() {
      return Set.copyOf(record.features());
    }

    int trackFeatureCount() {
      return record.trackFeatures().size();
    }

    long timestamp() {
      return record.timestampMillis().orElse(0L);
    }
  }

  /**
   * One version set: a MatchSpec string as written. {@code rest} is the spec without its channel (the channel is
   * matched here, against the record's {@link Channel}); null when the string does not parse.
   */
  private record VSet(String text, int name, String channel, MatchSpec rest, String error) {}

  /**
   * @param index the channels' records, highest priority first
   * @param target the platform solved for (the subdir of the virtual package records)
   * @param request specs, priority, virtual packages and lock
   */
  public CondaProvider(RepodataIndex index, Platform target, CondaRequest request) {
    this.index = Objects.requireNonNull(index, "index");
    this.request = Objects.requireNonNull(request, "request");
    List<Channel> channels = index.channels();
    for (int i = 0; i < channels.size(); i++) {
      channelRank.put(channels.get(i), i);
    }
    List<VirtualPackage> vps = request.virtualPackages();
    for (PackageRecord r : VirtualPackages.asRecords(vps, target)) {
      virtuals.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r);
    }
    for (String s : request.specs()) {
      MatchSpec m = MatchSpec.parse(s);
      if (m.channel() != null && !m.channel().equals("*")) {
        requestedChannel.put(m.exactName(), m.channel());
      }
    }
  }

  /** The root requirements (the request's specs) and root constraints (its pins) as version set ids. */
  public Problem problem() {
    return problemOf(request);
  }

  /** The problem of another request over this provider's ids (e.g. the original request after re-solves). */
  public Problem problemOf(CondaRequest other) {
    int[] reqs = other.specs().stream().mapToInt(this::versionSet).toArray();
    int[] cons = other.constraints().stream().mapToInt(this::versionSet).toArray();
    return new Problem(reqs, cons);
  }

  /**
   * Whether {@code spec} admits an allowed candidate that {@link #improves improves} on {@code chosen} (a record of
   * the spec's name).
   */
  public boolean hasCandidateAbove(String spec, PackageRecord chosen) {
    int vs = versionSet(spec);
    for (int c : candidates(sets.get(vs).name)) {
      Cand k = cands.get(c);
      if (k.invalid == null && improves(k.record, chosen) && matches(vs, c)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code a} is a higher version than {@code b} of the same name without being worse in what ranks
   * before the version: its channel (unless priority is disabled) and its number of track features.
   */
  public boolean improves(PackageRecord a, PackageRecord b) {
    if (request.channelPriority() != ChannelPriority.DISABLED && rank(a) > rank(b)) {
      return false;
    }
    if (a.trackFeatures().size() > b.trackFeatures().size()) {
      return false;
    }
    try {
      return CondaVersion.parse(a.version()).compareTo(CondaVersion.parse(b.version())) > 0;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private int rank(PackageRecord r) {
    return r.channel().map(c -> channelRank.getOrDefault(c, Integer.MAX_VALUE)).orElse(Integer.MAX_VALUE);
  }

  public CondaRequest request() {
    return request;
  }

  // ---------------------------------------------------------------- ids

  /** The id of a name, allocated on first use. */
  public int nameId(String name) {
    Integer id = nameIds.get(name);
    if (id != null) {
      return id;
    }
    int n = names.size();
    names.add(name);
    nameIds.put(name, n);
    return n;
  }

  /** The id of a MatchSpec string; the string is parsed the first time it is seen. */
  public int versionSet(String text) {
    Integer id = setIds.get(text);
    if (id != null) {
      return id;
    }
    VSet s;
    try {
      MatchSpec m = MatchSpec.parse(text);
      String name = m.exactName();
      if (name == null) {
        s = new VSet(text, nameId(leadingName(text)), null, null, "no exact package name");
      } else {
        String channel = m.channel() == null || m.channel().equals("*") ? null : m.channel();
        MatchSpec rest = channel == null ? m : withoutChannel(m);
        s = new VSet(text, nameId(name), channel, rest, null);
      }
    } catch (IllegalArgumentException e) {
      s = new VSet(text, nameId(leadingName(text)), null, null, e.getMessage());
    }
    int n = sets.size();
    sets.add(s);
    setIds.put(text, n);
    return n;
  }

  private static MatchSpec withoutChannel(MatchSpec m) {
    return new MatchSpec(null, m.subdir(), m.namespace(), m.name(), m.version(), m.build(), m.buildNumber(),
        m.trackFeatures(), m.features(), m.url(), m.md5(), m.sha256(), m.license(), m.licenseFamily(), m.fn(),
        m.when(), m.extras(), m.flags());
  }

  private static String leadingName(String text) {
    String t = text.strip();
    int sep = t.indexOf("::");
    if (sep >= 0) {
      t = t.substring(sep + 2);
    }
    int end = 0;
    while (end < t.length() && " <>=!~[(,|*".indexOf(t.charAt(end)) < 0) {
      end++;
    }
    return end == 0 ? t : t.substring(0, end).toLowerCase(java.util.Locale.ROOT);
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
  public List<ResolvedPackage> resolved(int[] chosen) {
    List<ResolvedPackage> out = new ArrayList<>();
    for (int c : chosen) {
      if (!isVirtual(c)) {
        out.add(ResolvedPackage.of(record(c)));
      }
    }
    out.sort(Comparator.comparing(ResolvedPackage::name));
    return List.copyOf(out);
  }

  // ---------------------------------------------------------------- Provider

  @Override
  public int[] candidates(int name) {
    if (name < candidatesOf.length && candidatesOf[name] != null) {
      return candidatesOf[name];
    }
    Integer[] ids = Arrays.stream(loaded(name)).boxed().toArray(Integer[]::new);
    Comparator<Integer> simple = (a, b) -> SIMPLE.compare(cands.get(a), cands.get(b));
    Arrays.sort(ids, simple);
    for (int start = 0; start < ids.length; ) {
      int end = start + 1;
      while (end < ids.length && simple.compare(ids[start], ids[end]) == 0) {
        end++;
      }
      if (end - start > 1) {
        Arrays.sort(ids, start, end, byDependencies(Arrays.copyOfRange(ids, start, end)));
      }
      start = end;
    }
    int[] sorted = Arrays.stream(ids).mapToInt(Integer::intValue).toArray();
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
  private int[] loaded(int name) {
    if (name < loadedOf.length && loadedOf[name] != null) {
      return loadedOf[name];
    }
    String n = names.get(name);
    List<Cand> list = new ArrayList<>();
    if (n.startsWith("__")) {
      for (PackageRecord r : virtuals.getOrDefault(n, List.of())) {
        list.add(new Cand(r, name, 0, true));
      }
    } else {
      List<PackageRecord> records = index.records(n);
      ChannelPriority priority = request.channelPriority();
      Integer only = null;
      if (priority == ChannelPriority.STRICT && !records.isEmpty()) {
        only = strictChannel(n, records);
      }
      for (PackageRecord r : records) {
        int rank = rank(r);
        if (only != null && rank != only) {
          continue;
        }
        list.add(new Cand(r, name, priority == ChannelPriority.DISABLED ? 0 : rank, false));
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

  /**
   * Orders builds that tie on channel, track features, version and build number (e.g. the py311/py312/py313
   * builds of one numpy) as rattler does: by the highest versions their shared dependencies can reach, names in
   * alphabetical order (so the build for the newest python comes first), then by newer timestamp.
   */
  private Comparator<Integer> byDependencies(Integer[] group) {
    Map<Integer, Map<Integer, List<Integer>>> deps = new HashMap<>();
    Map<Integer, Integer> nameCount = new HashMap<>();
    for (int c : group) {
      Map<Integer, List<Integer>> byName = new HashMap<>();
      if (!cands.get(c).virtual) {
        for (String d : cands.get(c).record.depends()) {
          int vs = versionSet(d);
          byName.computeIfAbsent(sets.get(vs).name, k -> new ArrayList<>()).add(vs);
        }
      }
      deps.put(c, byName);
      byName.keySet().forEach(n -> nameCount.merge(n, 1, Integer::sum));
    }
    List<Integer> shared = nameCount.entrySet().stream().filter(e -> e.getValue() == group.length)
        .map(Map.Entry::getKey).sorted(Comparator.comparing(names::get)).toList();
    Comparator<Integer> byDeps = (a, b) -> {
      for (int n : shared) {
        Cand x = highest(deps.get(a).get(n));
        Cand y = highest(deps.get(b).get(n));
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
    };
    return byDeps.thenComparing((a, b) -> Long.compare(cands.get(b).timestamp(), cands.get(a).timestamp()));
  }

  /** The best candidate (no track features first, then highest version) meeting any of the version sets. */
  private Cand highest(List<Integer> versionSets) {
    Cand best = null;
    for (int vs : versionSets) {
      Cand h = highestCache.computeIfAbsent(vs, k -> {
        Cand b = null;
        for (int c : loaded(sets.get(k).name)) {
          Cand x = cands.get(c);
          if (x.invalid == null && matches(k, c) && (b == null || BY_VERSION.compare(x, b) < 0)) {
            b = x;
          }
        }
        return java.util.Optional.ofNullable(b);
      }).orElse(null);
      if (h != null && (best == null || BY_VERSION.compare(h, best) < 0)) {
        best = h;
      }
    }
    return best;
  }

  /** Strict priority: the rank of the requested channel of this name, else of the best channel that has it. */
  private int strictChannel(String name, List<PackageRecord> records) {
    String wanted = requestedChannel.get(name);
    int best = Integer.MAX_VALUE;
    for (PackageRecord r : records) {
      Channel c = r.channel().orElse(null);
      int rank = c == null ? Integer.MAX_VALUE : channelRank.getOrDefault(c, Integer.MAX_VALUE);
      if (wanted != null && c != null && channelMatches(wanted, c)) {
        return rank;
      }
      best = Math.min(best, rank);
    }
    return best;
  }

  /** Channel, track features, version, build number: the order before the dependency tie-break. */
  private static final Comparator<Cand> SIMPLE = Comparator.<Cand>comparingInt(c -> c.invalid == null ? 0 : 1)
      .thenComparingInt(c -> c.rank)
      .thenComparingInt(Cand::trackFeatureCount)
      .thenComparing((a, b) -> b.version.compareTo(a.version))
      .thenComparing((a, b) -> Long.compare(b.record.buildNumber(), a.record.buildNumber()));

  /** No track features first, then the highest version: how dependency versions are compared. */
  private static final Comparator<Cand> BY_VERSION = Comparator.<Cand>comparingInt(c -> c.trackFeatureCount() > 0 ? 1 : 0)
      .thenComparing((a, b) -> b.version.compareTo(a.version));

  @Override
  public int nameOf(int candidate) {
    return cands.get(candidate).name;
  }

  @Override
  public Dependencies dependencies(int candidate) {
    Cand c = cands.get(candidate);
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
    return new int[] {sets.get(versionSet).name};
  }

  @Override
  public boolean matches(int versionSet, int candidate) {
    VSet s = sets.get(versionSet);
    if (s.rest == null) {
      return false;
    }
    Cand c = cands.get(candidate);
    if (s.channel != null && (c.channel == null || !channelMatches(s.channel, c.channel))) {
      return false;
    }
    return s.rest.matches(c);
  }

  /**
   * conda's channel match ({@code conda-forge} matches the record channel {@code conda-forge}); a local channel
   * is also matched by its URL or by its last path segment ({@code chan::pkg} for {@code file:///srv/chan}).
   */
  static boolean channelMatches(String spec, Channel channel) {
    if (MatchSpec.channelMatch(spec, channel.name()) || spec.equals(channel.url())) {
      return true;
    }
    if (channel.isLocal()) {
      String url = channel.url();
      return url.substring(url.lastIndexOf('/') + 1).equals(spec);
    }
    return false;
  }

  @Override
  public String excluded(int candidate) {
    return cands.get(candidate).invalid;
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
    Cand c = cands.get(candidate);
    return c.virtual ? c.record.version() : c.record.version() + " " + c.record.build();
  }

  @Override
  public String displayVersionSet(int versionSet) {
    return sets.get(versionSet).text;
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
    if (v.size() > 5) {
      sb.append(String.join(" | ", v.subList(0, 3))).append(" | … | ").append(v.get(v.size() - 1));
    } else {
      sb.append(String.join(" | ", v));
    }
    if (v.size() > 5 || candidates.length > v.size()) {
      sb.append(" (").append(v.size()).append(v.size() == 1 ? " version, " : " versions, ")
          .append(candidates.length).append(" builds)");
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- explanations

  /** An unsolvable request explained in conda terms, with what the user can change. */
  public record Explanation(String text, List<String> hints) {
    public Explanation {
      hints = List.copyOf(hints);
    }
  }

  /** Renders a conflict (at most {@code maxLines} lines) and derives hints from its core. */
  public Explanation explain(ConflictGraph graph, int maxLines) {
    Set<String> hints = new LinkedHashSet<>();
    List<String> rootRequests = new ArrayList<>();
    for (ConflictGraph.Requires r : graph.requirements()) {
      VSet s = sets.get(r.versionSet());
      if (r.owner() == ConflictGraph.ROOT && !rootRequests.contains("`" + s.text + "`")) {
        rootRequests.add("`" + s.text + "`");
      }
      if (r.candidates().length == 0) {
        hints.add(noCandidateHint(s));
      }
    }
    if (rootRequests.size() == 1) {
      hints.add("the request " + rootRequests.get(0) + " cannot be met as asked; relax or remove it");
    } else if (!rootRequests.isEmpty()) {
      hints.add("relax or remove one of the requests " + String.join(", ", rootRequests));
    }
    return new Explanation(graph.render(maxLines), List.copyOf(hints));
  }

  private String noCandidateHint(VSet s) {
    String name = names.get(s.name);
    if (s.error != null) {
      return "`" + s.text + "` does not parse (" + s.error + ")";
    }
    if (name.startsWith("__")) {
      List<PackageRecord> have = virtuals.getOrDefault(name, List.of());
      return "`" + name + "` is a virtual package of the target system"
          + (have.isEmpty() ? ", and the target has none" : " (here " + have.get(0).version() + ")")
          + "; set it with `--virtual-package " + name + "=VERSION` or `CONDA_OVERRIDE_"
          + name.substring(2).toUpperCase(java.util.Locale.ROOT) + "`";
    }
    List<PackageRecord> all = index.records(name);
    if (all.isEmpty()) {
      return "no channel has a package named `" + name + "` for this platform (or `noarch`)";
    }
    if (request.channelPriority() == ChannelPriority.STRICT) {
      for (PackageRecord r : all) {
        Cand probe = new Cand(r, s.name, 0, false);
        if ((s.channel == null || (probe.channel != null && channelMatches(s.channel, probe.channel)))
            && s.rest.matches(probe)) {
          return "`" + s.text + "` matches `" + r + "`, which strict channel priority hides behind a channel "
              + "listed earlier; try flexible channel priority";
        }
      }
    }
    return "no record of `" + name + "` matches `" + s.text + "`";
  }
}
