package dev.envx.resolve.pypi;

import dev.envx.format.lock.Hashes;
import dev.envx.format.lock.LockedPackage;
import dev.envx.index.PackageRecord;
import dev.envx.index.RepodataIndex;
import dev.envx.index.pypi.DistributionFile;
import dev.envx.index.pypi.ProjectPage;
import dev.envx.model.conda.Platform;
import dev.envx.model.pep440.Pep440Version;
import dev.envx.model.pep440.Operator;
import dev.envx.model.pep440.SpecifierSet;
import dev.envx.model.pep508.MarkerEnvironment;
import dev.envx.model.pep508.MarkerEvaluationException;
import dev.envx.model.pep508.PyPiName;
import dev.envx.model.pep508.Requirement;
import dev.envx.model.wheel.CoreMetadata;
import dev.envx.model.wheel.WheelFilename;
import dev.envx.resolve.CondaRequirement;
import dev.envx.resolve.Interner;
import dev.envx.resolve.PypiRequirement;
import dev.envx.resolve.Request;
import dev.envx.resolve.VersionList;
import dev.envx.resolve.conda.CondaProvider;
import dev.envx.solve.Dependencies;
import dev.envx.solve.Problem;
import dev.envx.solve.Provider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One problem over two ecosystems: the conda records of a {@link CondaProvider} and the PyPI distributions of a
 * {@link PypiSource}, as one {@link Provider}. Ids of both sides interleave (conda id {@code x} is {@code 2x},
 * PyPI id {@code y} is {@code 2y + 1}) for names, candidates and version sets.
 *
 * <ul>
 *   <li>A PyPI requirement ({@code numpy>=1.23}, from the request or a wheel's {@code Requires-Dist}) ranges over
 *       the conda package that provides the name (the mapping, both ways: conda {@code X} provides PyPI
 *       {@code N} when {@code N} maps to {@code X} and {@code X} back to {@code N}; its conda version read as
 *       PEP 440) and over the project's PyPI distributions, in the order {@link PypiSource#preferFor} says.</li>
 *   <li>A PyPI distribution constrains away every conda package that carries its name (the mapping's answer
 *       and alternatives that map back to it): never both. Conda packages carrying one name may come together
 *       (conda-forge's {@code typing-extensions} metapackage depends on {@code typing_extensions}).</li>
 *   <li>A PyPI candidate is one distribution file for one CPython minor that conda's {@code python} offers:
 *       the best wheel whose tags fit the target at that minor and whose {@code Requires-Python} allows it,
 *       else the release's sdist. It requires conda's {@code python 3.M.*}, so the wheels steer the Python and
 *       back; its {@code Requires-Dist} markers are evaluated for the target and that minor. An sdist counts
 *       only when its metadata is static (PEP 643); otherwise it requires something impossible that names it.</li>
 *   <li>Extras are names of their own ({@code name[extra]}, as uv does): a candidate per release and minor that
 *       requires the release itself ({@code name ==V}, from either ecosystem) and what the extra adds.</li>
 *   <li>A conda record never depends on a PyPI one (conda's dependencies stay conda's).</li>
 * </ul>
 *
 * <p>Not thread-safe; one provider serves one solve.
 */
public final class CrossProvider implements Provider {
  private final CondaProvider conda;
  private final RepodataIndex index;
  private final PypiSource source;
  private final Platform target;
  private final Request request;
  private final PythonTargets pythons;

  private final Interner<PypiNode, PypiNode> nodes = new Interner<>();
  private final Interner<PypiSet, PypiSet> sets = new Interner<>();
  private final List<PypiCandidate> cands = new ArrayList<>();
  private final Map<Integer, int[]> candidatesOf = new HashMap<>();
  private final Map<String, CoreMetadata> metadata = new HashMap<>();
  /** conda candidate id -> its version read as PEP 440 (empty when it does not parse). */
  private final Map<Integer, Optional<Pep440Version>> condaPep440 = new HashMap<>();
  private final Map<String, List<String>> providers = new HashMap<>();
  private final Map<String, Optional<PyPiName>> carriedOf = new HashMap<>();
  private final int condaPython;

  public CrossProvider(RepodataIndex index, PypiSource source, Platform target, Request request) {
    this.index = Objects.requireNonNull(index, "index");
    this.source = Objects.requireNonNull(source, "source");
    this.target = Objects.requireNonNull(target, "target");
    this.request = Objects.requireNonNull(request, "request");
    this.conda = new CondaProvider(index, target, request);
    this.pythons = PythonTargets.of(index, target, request.virtualPackages());
    this.condaPython = conda.nameId("python");
  }

  // ---------------------------------------------------------------- ids

  private static boolean isConda(int id) {
    return (id & 1) == 0;
  }

  private static int c(int id) {
    return id >> 1;
  }

  private static int p(int id) {
    return id >> 1;
  }

  private static int fromConda(int id) {
    return id << 1;
  }

  private static int fromPypi(int id) {
    return (id << 1) | 1;
  }

  private static int[] fromConda(int[] ids) {
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = fromConda(ids[i]);
    }
    return out;
  }

  private int node(PypiNode n) {
    return nodes.intern(n, k -> k);
  }

  private int set(PypiSet s) {
    return fromPypi(sets.intern(s, k -> k));
  }

  public CondaProvider conda() {
    return conda;
  }

  public Request request() {
    return request;
  }

  public Platform target() {
    return target;
  }

  /** Whether a (combined) candidate id is a conda record. */
  public boolean isCondaCandidate(int candidate) {
    return isConda(candidate);
  }

  /** The conda provider's id of a conda candidate. */
  public int condaId(int candidate) {
    return c(candidate);
  }

  PypiCandidate pypi(int candidate) {
    return cands.get(p(candidate));
  }

  PypiNode nodeOf(int candidate) {
    return nodes.get(pypi(candidate).node());
  }

  /** The PyPI-side set of a combined version set id, or null for a conda one. */
  PypiSet pypiSet(int versionSet) {
    return isConda(versionSet) ? null : sets.get(p(versionSet));
  }

  /** The conda-side version set id of a combined one (conda sets only). */
  int condaSet(int versionSet) {
    return c(versionSet);
  }

  /** A PyPI name node id when {@code name} is a PyPI one, else -1. */
  PypiNode pypiNode(int name) {
    return isConda(name) ? null : nodes.get(p(name));
  }

  // ---------------------------------------------------------------- the problem

  /** The request's conda and PyPI requirements and pins as root version sets. */
  public Problem problem() {
    return problemOf(request);
  }

  /** The problem of another request over this provider's ids (e.g. the original request after re-solves). */
  public Problem problemOf(Request request) {
    List<Integer> reqs = new ArrayList<>();
    List<Integer> cons = new ArrayList<>();
    for (var r : request.requirements()) {
      if (r instanceof CondaRequirement cr) {
        reqs.add(fromConda(conda.versionSet(cr)));
      } else if (r instanceof PypiRequirement pr) {
        reqs.addAll(rootSets(pr.requirement(), origin(pr)));
      }
    }
    for (var r : request.constraints()) {
      if (r instanceof CondaRequirement cr) {
        cons.add(fromConda(conda.versionSet(cr)));
      } else if (r instanceof PypiRequirement pr) {
        Requirement q = pr.requirement();
        cons.add(set(dist(q.name(), q.specifier(), q.toString(), origin(pr))));
      }
    }
    return new Problem(reqs.stream().mapToInt(Integer::intValue).toArray(),
        cons.stream().mapToInt(Integer::intValue).toArray());
  }

  private String origin(PypiRequirement r) {
    String o = request.origin(r);
    return o != null ? o : "the request";
  }

  private List<Integer> rootSets(Requirement r, String origin) {
    if (r.marker() == null) {
      return requirementSets(r, origin);
    }
    boolean any = false;
    boolean all = true;
    for (PythonTargets.Full f : pythons.allNewestFirst()) {
      boolean applies = applies(r, f.env());
      any |= applies;
      all &= applies;
    }
    if (all && any) {
      return requirementSets(r, origin);
    }
    if (!any) {
      return List.of(); // the marker excludes this target at every Python the solve can pick
    }
    return List.of(set(new PypiSet.Conditional(new PypiNode.Conditional(r, origin, "", -1))));
  }

  private static boolean applies(Requirement r, MarkerEnvironment env) {
    try {
      return r.appliesTo(env);
    } catch (MarkerEvaluationException e) {
      return false;
    }
  }

  /** The sets of one requirement: the project (with the specifier) and one per requested extra. */
  private List<Integer> requirementSets(Requirement r, String origin) {
    List<Integer> out = new ArrayList<>();
    String text = withoutMarker(r);
    if (r.url() != null) {
      out.add(set(new PypiSet.Impossible("`" + text + "` (a direct reference: envx solves index and find-links "
          + "distributions only)", origin)));
      return out;
    }
    if (r.name().normalized().equals("python")) {
      out.add(set(new PypiSet.PythonSpec(r.specifier(), origin))); // Requires-Python of a project: conda's python
      return out;
    }
    out.add(set(dist(r.name(), r.specifier(), text, origin)));
    for (String e : r.normalizedExtras()) {
      out.add(set(new PypiSet.Extra(r.name(), e, r.specifier(), text, origin)));
    }
    return out;
  }

  private static String withoutMarker(Requirement r) {
    return new Requirement(r.name(), r.extras(), r.specifier(), r.url(), null).toString();
  }

  private static PypiSet.Dist dist(PyPiName name, SpecifierSet spec, String text, String origin) {
    boolean pin = spec.specifiers().stream().anyMatch(s -> s.operator() == Operator.ARBITRARY
        || s.operator() == Operator.EQUAL && !s.version().endsWith(".*"));
    return new PypiSet.Dist(name, spec, pin, text, origin);
  }

  // ---------------------------------------------------------------- the mapping

  /**
   * The conda packages that provide a PyPI name: the mapping's answer and its alternatives that have records on
   * the channels and map back to the name (so that {@code typing-extensions} finds {@code typing_extensions}
   * rather than only the metapackage that depends on it).
   */
  List<String> condaProviders(PyPiName name) {
    return providers.computeIfAbsent(name.normalized(), k -> {
      List<String> out = new ArrayList<>();
      for (String x : source.mapping().toConda(name).allNames()) {
        if (!out.contains(x) && !x.equals("python") && carried(x).map(n -> n.normalized().equals(k)).orElse(false)
            && !index.records(x).isEmpty()) {
          out.add(x);
        }
      }
      return List.copyOf(out);
    });
  }

  /** The PyPI name a conda package carries (the mapping's answer for it), if any. */
  private Optional<PyPiName> carried(String condaName) {
    return carriedOf.computeIfAbsent(condaName,
        k -> source.mapping().toPypi(k).preferred().filter(PyPiName::isValid).map(PyPiName::of));
  }

  private Optional<Pep440Version> condaVersion(int condaCandidate) {
    return condaPep440.computeIfAbsent(condaCandidate,
        k -> Pep440Version.tryParse(conda.record(k).version()));
  }

  // ---------------------------------------------------------------- Provider

  @Override
  public int[] candidates(int name) {
    if (isConda(name)) {
      return fromConda(conda.candidates(c(name)));
    }
    int n = p(name);
    int[] known = candidatesOf.get(n);
    if (known != null) {
      return known;
    }
    PypiNode node = nodes.get(n);
    List<PypiCandidate> list = new ArrayList<>();
    if (node instanceof PypiNode.Project pr) {
      list = projectCandidates(n, pr.name());
    } else if (node instanceof PypiNode.Extra ex) {
      list = extraCandidates(n, ex);
    } else if (node instanceof PypiNode.Conditional co) {
      for (PythonTargets.Full f : co.minor() < 0 ? pythons.allNewestFirst() : pythons.get(co.minor()).fulls()) {
        list.add(new PypiCandidate(n, f.version(), null, f.minor(), 0));
      }
    }
    int[] ids = new int[list.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = fromPypi(cands.size());
      cands.add(list.get(i));
    }
    candidatesOf.put(n, ids);
    return ids;
  }

  /** Releases newest first; per release and Python minor (newest first) the best fitting wheel, else the sdist. */
  private List<PypiCandidate> projectCandidates(int node, PyPiName name) {
    Optional<ProjectPage> page = source.client().project(name);
    List<PypiCandidate> out = new ArrayList<>();
    if (page.isEmpty()) {
      return out;
    }
    List<Pep440Version> versions = new ArrayList<>(page.get().versions());
    versions.sort(Comparator.reverseOrder());
    for (Pep440Version v : versions) {
      List<DistributionFile> files = page.get().files(v);
      DistributionFile sdist = files.stream().filter(f -> f.parsed() != null && f.wheel().isEmpty()).findFirst()
          .orElse(null);
      for (PythonTargets.Minor m : pythons.newestFirst()) {
        DistributionFile best = null;
        int bestRank = Integer.MAX_VALUE;
        for (DistributionFile f : files) {
          if (f.wheel().isEmpty() || !f.allowsPython(m.newest())) {
            continue;
          }
          WheelFilename w = f.wheel().get();
          int r = m.tags().rank(w).orElse(Integer.MAX_VALUE);
          if (r < bestRank || r == bestRank && r != Integer.MAX_VALUE
              && m.tags().preference().compare(w, best.wheel().get()) < 0) {
            best = f;
            bestRank = r;
          }
        }
        if (best != null && bestRank != Integer.MAX_VALUE) {
          out.add(new PypiCandidate(node, v, best, m.minor(), bestRank));
        } else if (sdist != null && sdist.allowsPython(m.newest())) {
          out.add(new PypiCandidate(node, v, sdist, m.minor(), Integer.MAX_VALUE));
        }
      }
    }
    return out;
  }

  /** The project's candidates again, one per release and minor, as the extra's. */
  private List<PypiCandidate> extraCandidates(int node, PypiNode.Extra ex) {
    int base = node(new PypiNode.Project(ex.name()));
    candidates(fromPypi(base));
    List<PypiCandidate> out = new ArrayList<>();
    for (int id : candidatesOf.get(base)) {
      PypiCandidate b = cands.get(p(id));
      out.add(new PypiCandidate(node, b.version(), b.file(), b.minor(), b.rank()));
    }
    return out;
  }

  @Override
  public int nameOf(int candidate) {
    return isConda(candidate) ? fromConda(conda.nameOf(c(candidate))) : fromPypi(pypi(candidate).node());
  }

  @Override
  public Dependencies dependencies(int candidate) {
    if (isConda(candidate)) {
      Dependencies d = conda.dependencies(c(candidate));
      return new Dependencies(fromConda(d.requirements()), fromConda(d.constraints()));
    }
    PypiCandidate pc = pypi(candidate);
    PythonTargets.Minor minor = pythons.get(pc.minor());
    List<Integer> reqs = new ArrayList<>();
    PypiNode node = nodes.get(pc.node());
    if (node instanceof PypiNode.Conditional co) {
      reqs.add(set(new PypiSet.PythonExact(pc.version())));
      MarkerEnvironment env = minor.fulls().stream().filter(f -> f.version().equals(pc.version())).findFirst()
          .orElseThrow().env();
      if (applies(co.requirement(), env.with("extra", co.extra()))) {
        reqs.addAll(requirementSets(co.requirement(), co.origin()));
      }
      return deps(reqs);
    }
    reqs.add(set(new PypiSet.PythonMinor(pc.minor())));
    PyPiName project = node instanceof PypiNode.Project pr ? pr.name() : ((PypiNode.Extra) node).name();
    String of = project.normalized() + " " + pc.version();
    CoreMetadata meta = metadata(project, pc.file());
    if (pc.isSdist() && !meta.hasStaticDependencies()) {
      reqs.add(set(new PypiSet.Impossible("a build of `" + pc.file().filename() + "` (the sdist's metadata "
          + "is not static: `Metadata-Version` " + meta.metadataVersion()
          + (meta.isDynamic("requires-dist") ? ", `Requires-Dist` dynamic" : "")
          + "; envx never runs a build backend)", of)));
      return deps(reqs, project);
    }
    if (!meta.requiresPython().isEmpty()) {
      reqs.add(set(new PypiSet.PythonSpec(meta.requiresPython(), of)));
    }
    MarkerEnvironment env = minor.env();
    if (node instanceof PypiNode.Extra ex) {
      Set<String> base = new LinkedHashSet<>();
      for (Requirement r : meta.requirements(env, Set.of())) {
        base.add(r.toString());
      }
      reqs.add(set(dist(project, SpecifierSet.parse("==" + pc.version()), project.normalized() + "=="
          + pc.version(), of + " [" + ex.extra() + "]")));
      for (Requirement r : meta.requiresDist()) {
        if (!base.contains(r.toString())) {
          reqs.addAll(metadataSets(r, minor, ex.extra(), of + " [" + ex.extra() + "]"));
        }
      }
      return deps(reqs);
    }
    for (Requirement r : meta.requiresDist()) {
      reqs.addAll(metadataSets(r, minor, "", of));
    }
    return deps(reqs, project);
  }

  /**
   * The sets of one {@code Requires-Dist} of a candidate for Python minor {@code m}, its marker evaluated for
   * the target with {@code extra}: none when it never holds, the requirement's sets when it always holds, and a
   * {@link PypiNode.Conditional} when it holds for some micro releases of the minor only.
   */
  private List<Integer> metadataSets(Requirement r, PythonTargets.Minor m, String extra, String origin) {
    if (r.marker() == null) {
      return extra.isEmpty() ? requirementSets(r, origin) : List.of();
    }
    boolean any = false;
    boolean all = true;
    for (PythonTargets.Full f : m.fulls()) {
      boolean holds = applies(r, f.env().with("extra", extra));
      any |= holds;
      all &= holds;
    }
    if (!any) {
      return List.of();
    }
    if (all) {
      return requirementSets(r, origin);
    }
    return List.of(set(new PypiSet.Conditional(new PypiNode.Conditional(r, origin, extra, m.minor()))));
  }

  private static Dependencies deps(List<Integer> reqs) {
    return new Dependencies(reqs.stream().distinct().mapToInt(Integer::intValue).toArray(), new int[0]);
  }

  private Dependencies deps(List<Integer> reqs, PyPiName project) {
    int[] cons = condaProviders(project).isEmpty() ? new int[0] : new int[] {set(new PypiSet.NotFromConda(project))};
    return new Dependencies(reqs.stream().distinct().mapToInt(Integer::intValue).toArray(), cons);
  }

  /** The core metadata of a file, read once per solve. */
  CoreMetadata metadata(PyPiName project, DistributionFile file) {
    return metadata.computeIfAbsent(file.url().toString(),
        k -> source.client().metadata(project, file).metadata());
  }

  @Override
  public int[] namesOf(int versionSet) {
    if (isConda(versionSet)) {
      return fromConda(conda.namesOf(c(versionSet)));
    }
    PypiSet s = sets.get(p(versionSet));
    if (s instanceof PypiSet.Dist d) {
      int pypiName = fromPypi(node(new PypiNode.Project(d.name())));
      List<String> xs = condaProviders(d.name());
      int[] out = new int[xs.size() + 1];
      boolean condaFirst = source.preferFor(d.name()) == Prefer.CONDA;
      int i = condaFirst ? 0 : 1;
      for (String x : xs) {
        out[i++] = fromConda(conda.nameId(x));
      }
      out[condaFirst ? xs.size() : 0] = pypiName;
      return out;
    } else if (s instanceof PypiSet.Extra e) {
      return new int[] {fromPypi(node(new PypiNode.Extra(e.name(), e.extra())))};
    } else if (s instanceof PypiSet.PythonMinor || s instanceof PypiSet.PythonSpec
        || s instanceof PypiSet.PythonExact) {
      return new int[] {fromConda(condaPython)};
    } else if (s instanceof PypiSet.Conditional co) {
      return new int[] {fromPypi(node(co.node()))};
    } else if (s instanceof PypiSet.NotFromConda nc) {
      return condaProviders(nc.name()).stream().mapToInt(x -> fromConda(conda.nameId(x))).toArray();
    }
    return new int[] {fromPypi(node(new PypiNode.Impossible(((PypiSet.Impossible) s).what())))};
  }

  @Override
  public boolean matches(int versionSet, int candidate) {
    if (isConda(versionSet)) {
      return isConda(candidate) && conda.matches(c(versionSet), c(candidate));
    }
    PypiSet s = sets.get(p(versionSet));
    if (isConda(candidate)) {
      int cc = c(candidate);
      if (conda.isVirtual(cc)) {
        return false;
      }
      if (s instanceof PypiSet.Dist d) {
        return condaVersion(cc).map(v -> d.spec().contains(v, null)).orElse(false);
      } else if (s instanceof PypiSet.PythonMinor m) {
        return conda.nameOf(cc) == condaPython && isCpython(cc)
            && condaVersion(cc).map(v -> PythonTargets.minorOf(v) == m.minor()).orElse(false);
      } else if (s instanceof PypiSet.PythonSpec m) {
        return conda.nameOf(cc) == condaPython && isCpython(cc)
            && condaVersion(cc).map(v -> m.spec().contains(v, true)).orElse(false);
      } else if (s instanceof PypiSet.PythonExact m) {
        return conda.nameOf(cc) == condaPython && isCpython(cc)
            && condaVersion(cc).map(v -> v.compareTo(m.version()) == 0).orElse(false);
      }
      return false;
    }
    PypiCandidate pc = pypi(candidate);
    if (s instanceof PypiSet.Dist d) {
      return nodes.get(pc.node()) instanceof PypiNode.Project && (!pc.file().isYanked() || d.pin())
          && d.spec().contains(pc.version(), null);
    } else if (s instanceof PypiSet.Extra e) {
      return nodes.get(pc.node()) instanceof PypiNode.Extra && e.spec().contains(pc.version(), null);
    }
    return s instanceof PypiSet.Conditional;
  }

  private boolean isCpython(int condaCandidate) {
    return !PythonTargets.FREE_THREADED.matcher(conda.record(condaCandidate).build()).matches();
  }

  @Override
  public String excluded(int candidate) {
    return isConda(candidate) ? conda.excluded(c(candidate)) : null;
  }

  @Override
  public boolean favored(int candidate) {
    if (isConda(candidate)) {
      return conda.favored(c(candidate));
    }
    if (request.locked().isEmpty()) {
      return false;
    }
    PypiCandidate pc = pypi(candidate);
    PypiNode n = nodes.get(pc.node());
    PyPiName name = n instanceof PypiNode.Project pr ? pr.name() : n instanceof PypiNode.Extra ex ? ex.name() : null;
    return name != null && request.locked().contains(Request.lockedPypi(name, pc.version()));
  }

  // ---------------------------------------------------------------- display

  @Override
  public String displayName(int name) {
    return isConda(name) ? conda.displayName(c(name)) : nodes.get(p(name)).display();
  }

  @Override
  public String displayVersion(int candidate) {
    if (isConda(candidate)) {
      return conda.displayVersion(c(candidate));
    }
    PypiCandidate pc = pypi(candidate);
    if (nodes.get(pc.node()) instanceof PypiNode.Conditional) {
      return "for Python " + pc.version();
    }
    return pc.version().toString();
  }

  @Override
  public String displayCandidate(int candidate) {
    if (isConda(candidate)) {
      return conda.displayCandidate(c(candidate)) + " (conda)";
    }
    PypiCandidate pc = pypi(candidate);
    if (nodes.get(pc.node()) instanceof PypiNode.Conditional) {
      return displayName(nameOf(candidate)) + " for Python " + pc.version();
    }
    return displayName(nameOf(candidate)) + " " + pc.version() + " (PyPI, " + pc.file().filename() + ")";
  }

  @Override
  public String displayCandidates(int[] candidates) {
    if (candidates.length == 1) {
      return displayCandidate(candidates[0]);
    }
    if (isConda(candidates[0])) {
      int[] ids = new int[candidates.length];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = c(candidates[i]);
      }
      return conda.displayCandidates(ids) + " (conda)";
    }
    Set<String> versions = new LinkedHashSet<>();
    for (int c : candidates) {
      versions.add(displayVersion(c));
    }
    List<String> v = new ArrayList<>(versions);
    StringBuilder sb = new StringBuilder(displayName(nameOf(candidates[0]))).append(' ');
    sb.append(VersionList.join(v));
    sb.append(" (PyPI");
    if (v.size() > 5) {
      sb.append(", ").append(v.size()).append(" versions");
    }
    return sb.append(")").toString();
  }

  @Override
  public String displayVersionSet(int versionSet) {
    if (isConda(versionSet)) {
      String o = condaOrigin(c(versionSet));
      return conda.displayVersionSet(c(versionSet)) + " (conda" + (o == null ? "" : ", from " + o) + ")";
    }
    PypiSet s = sets.get(p(versionSet));
    String from = s.origin() == null ? "" : ", from " + s.origin();
    if (s instanceof PypiSet.Dist d) {
      return d.text() + " (PyPI" + from + ")";
    } else if (s instanceof PypiSet.Extra e) {
      return e.text() + " (PyPI" + from + ")";
    } else if (s instanceof PypiSet.PythonMinor m) {
      return "python 3." + m.minor() + ".* (conda)";
    } else if (s instanceof PypiSet.PythonExact m) {
      return "python " + m.version() + " (conda)";
    } else if (s instanceof PypiSet.PythonSpec m) {
      return "python " + m.spec() + " (conda, `Requires-Python` of " + m.origin() + ")";
    } else if (s instanceof PypiSet.Conditional co) {
      return "`" + co.node().requirement() + "` (PyPI" + from + ")";
    } else if (s instanceof PypiSet.NotFromConda nc) {
      return "no conda package carrying `" + nc.name().normalized() + "` (its PyPI distribution is chosen)";
    }
    PypiSet.Impossible im = (PypiSet.Impossible) s;
    return im.what() + (im.origin() == null ? "" : " (required by " + im.origin() + ")");
  }

  private Map<Integer, String> condaOrigins;

  /** Where a root conda requirement came from ({@link Request#origins}), or null. */
  private String condaOrigin(int condaSet) {
    if (condaOrigins == null) {
      condaOrigins = new HashMap<>();
      for (var r : request.requirements()) {
        if (r instanceof CondaRequirement cr && request.origin(cr) != null) {
          condaOrigins.put(conda.versionSet(cr), request.origin(cr));
        }
      }
      for (var r : request.constraints()) {
        if (r instanceof CondaRequirement cr && request.origin(cr) != null) {
          condaOrigins.put(conda.versionSet(cr), request.origin(cr));
        }
      }
    }
    return condaOrigins.get(condaSet);
  }

  @Override
  public String displayGroup(int group) {
    return nodes.get(group).display() + " (conda or PyPI)";
  }

  // ---------------------------------------------------------------- the result

  /**
   * The chosen packages as lockable ones, sorted by name then ecosystem: conda records (virtual packages left
   * out) and PyPI distributions (each with the extras chosen of it).
   */
  public List<LockedPackage> locked(int[] chosen) {
    List<Integer> condaIds = new ArrayList<>();
    Map<String, TreeSet<String>> extras = new TreeMap<>();
    List<PypiCandidate> dists = new ArrayList<>();
    for (int id : chosen) {
      if (isConda(id)) {
        condaIds.add(c(id));
        continue;
      }
      PypiCandidate pc = pypi(id);
      PypiNode n = nodes.get(pc.node());
      if (n instanceof PypiNode.Project) {
        dists.add(pc);
      } else if (n instanceof PypiNode.Extra ex) {
        extras.computeIfAbsent(ex.name().normalized(), k -> new TreeSet<>()).add(ex.extra());
      }
    }
    List<LockedPackage> out = new ArrayList<>(conda.locked(condaIds.stream().mapToInt(Integer::intValue).toArray()));
    for (PypiCandidate pc : dists) {
      PyPiName name = ((PypiNode.Project) nodes.get(pc.node())).name();
      DistributionFile f = pc.file();
      CoreMetadata meta = metadata(name, f);
      out.add(new LockedPackage.Pypi(meta.name(), pc.version(), lockUrl(f.url()), f.filename(),
          new Hashes(f.hashes().get("md5"), f.hashes().get("sha256")), f.size(), meta.requiresDist(),
          meta.requiresPython(), List.copyOf(extras.getOrDefault(name.normalized(), new TreeSet<>()))));
    }
    out.sort(Comparator.comparing((LockedPackage l) -> l.displayName().toLowerCase(java.util.Locale.ROOT))
        .thenComparing(l -> l.ecosystem().toString()));
    return List.copyOf(out);
  }

  /** The chosen Python minor (from conda's {@code python}), or -1 when none is chosen. */
  public int chosenPythonMinor(int[] chosen) {
    for (int id : chosen) {
      if (isConda(id) && conda.nameOf(c(id)) == condaPython && !conda.isVirtual(c(id))) {
        return condaVersion(c(id)).map(PythonTargets::minorOf).orElse(-1);
      }
    }
    return -1;
  }

  /** The record of a conda candidate (combined id). */
  public PackageRecord condaRecord(int candidate) {
    return conda.record(c(candidate));
  }

  /** The PyPI project a conda record carries, as this solve maps it (for checks). */
  public Optional<PyPiName> carriedBy(String condaName) {
    return carried(condaName);
  }

  /** A distribution's URL as lockfiles write it: a local file as {@code file:///path} (not {@code file:/path}). */
  static String lockUrl(java.net.URI u) {
    return "file".equalsIgnoreCase(u.getScheme()) && u.getRawAuthority() == null && u.getRawPath() != null
        && u.getRawPath().startsWith("/") ? "file://" + u.getRawPath() : u.toString();
  }
}
