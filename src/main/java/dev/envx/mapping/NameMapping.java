package dev.envx.mapping;

import dev.envx.model.pep508.PyPiName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The merged PyPI/conda-forge name mapping: an immutable stack of {@link MappingLayer}s
 * (embedded &lt; upstream &lt; user override &lt; project override). Pure: no I/O.
 *
 * <p>The rule that picks the preferred answer (also in {@code mappings/README.md}):
 *
 * <ol>
 *   <li><b>Explicit beats derived beats rule.</b> An entry a person wrote (override, curated upstream table
 *       such as grayskull/cf-scripts, the embedded table) wins over a machine-derived one (parselmouth's
 *       conda-to-PyPI table read from package contents, or its inversion), which wins over the naming rule.
 *   <li><b>Among explicit entries the higher layer wins</b>: project override, then user override, then
 *       upstream curated tables (in the order they are configured, later first), then the embedded table.
 *       Overrides merge with the rest: they only replace the names they mention.
 *   <li><b>Stale embedded entries lose</b>: when an upstream table lists the whole channel and does not
 *       contain the conda package an embedded entry names, that entry is skipped (and reported).
 *   <li><b>Among derived candidates</b> (PyPI to conda by inverting conda-to-PyPI) the preferred one is:
 *       not read from a bundling package, then the name equal to the PyPI name, then not a {@code lib*} or
 *       variant build ({@code -cpu}, {@code -gpu}, {@code -cuda…}), then the shortest, then alphabetical.
 *   <li><b>Version windows</b>: with a version, entries whose window excludes it are skipped.
 *   <li>Every candidate that was not chosen is reported as an alternative with its source.
 * </ol>
 */
public final class NameMapping {
  private static final Pattern VARIANT = Pattern.compile("-(cpu|gpu|cuda[0-9.]*|mkl|nomkl|openblas|rocm|cu[0-9]+)$");
  private static final Pattern WRAPPER = Pattern.compile("^(python-|py-)|(-base|-core|-python|-py)$");

  private static final String BACKPORTS = "backports-";

  private final List<MappingLayer> layers;

  private NameMapping(List<MappingLayer> layers) {
    List<MappingLayer> sorted = new ArrayList<>(layers);
    // stable: keeps configured order; a lambda of envx's, not Comparator.comparing (whose JDK lambda is linked at
    // run time in every process: start-up)
    sorted.sort((a, b) -> a.provenance().layer().compareTo(b.provenance().layer()));
    this.layers = List.copyOf(sorted);
  }

  public static NameMapping of(List<MappingLayer> layers) {
    return new NameMapping(layers);
  }

  /**
   * What envx knows offline, before any update or override: the embedded snapshot of the upstream tables
   * under the curated {@code default.toml}.
   */
  public static NameMapping embedded() {
    return new NameMapping(EmbeddedMapping.layers());
  }

  /** A new mapping with one more layer (e.g. the project's override built by {@link MappingTables}). */
  public NameMapping with(MappingLayer layer) {
    List<MappingLayer> l = new ArrayList<>(layers);
    l.add(layer);
    return new NameMapping(l);
  }

  /** The layers, lowest precedence first. */
  public List<MappingLayer> layers() {
    return layers;
  }

  public MappingAnswer toConda(PyPiName name) {
    return toConda(name, null);
  }

  /** PyPI to conda; {@code version} (may be null) selects among version-dependent renames. */
  public MappingAnswer toConda(PyPiName name, String version) {
    String key = name.normalized();
    List<Fact> facts = facts(key, true);
    List<Alternative> alts = new ArrayList<>();

    for (Fact f : explicitFirst(facts)) {
      if (f.basis() != Basis.EXPLICIT) {
        break;
      }
      if (f.targets().isEmpty()) {
        addAll(alts, facts, f, null);
        return new MappingAnswer(name.original(), Direction.PYPI_TO_CONDA, Optional.empty(), alts,
            f.provenance(), Basis.EXPLICIT, "`" + key + "` is marked as having no conda package");
      }
      Optional<Target> pick = f.targets().stream().filter(t -> admits(t, version)).findFirst();
      if (pick.isEmpty()) {
        continue;
      }
      Target t = pick.get();
      if (f.layer().provenance().layer() == Layer.EMBEDDED && staleIn(t.name()) != null) {
        continue;
      }
      addAll(alts, facts, f, t.name());
      String reason = "explicit entry of the " + f.provenance().layer().label() + " `" + f.provenance().source() + "`"
          + (t.window().isAny() ? "" : " for versions `" + t.window() + "`")
          + (t.note().isEmpty() ? "" : ": " + t.note());
      return new MappingAnswer(name.original(), Direction.PYPI_TO_CONDA, Optional.of(t.name()), alts,
          f.provenance(), Basis.EXPLICIT, reason);
    }

    List<Candidate> derived = new ArrayList<>();
    for (Fact f : newestFirst(facts)) {
      if (f.basis() == Basis.DERIVED) {
        for (Target t : f.targets()) {
          if (admits(t, version) && !named(derived, t.name())) {
            derived.add(new Candidate(t, f));
          }
        }
      }
    }
    if (!derived.isEmpty()) {
      derived.sort((a, b) -> preferred(a, b, key));
      Candidate best = derived.get(0);
      addAll(alts, facts, null, best.target().name());
      String reason = "derived from `" + best.fact().provenance().source() + "`"
          + (derived.size() > 1 ? "; " + derived.size() + " conda packages carry `" + key
              + "`, preferred by the rule: not bundled, same name, not lib*/variant, shortest" : "");
      return new MappingAnswer(name.original(), Direction.PYPI_TO_CONDA, Optional.of(best.target().name()), alts,
          best.fact().provenance(), Basis.DERIVED, reason);
    }

    addAll(alts, facts, null, null);
    MappingLayer listing = channelListing();
    if (listing != null) {
      Provenance p = listing.provenance();
      List<Target> other = listing.condaToPypi().get(key);
      if (!listing.knownConda().contains(key)) {
        alts.add(new Alternative(key, Provenance.rule(), "naming-rule guess; not a package in `" + p.source() + "`"));
        return new MappingAnswer(name.original(), Direction.PYPI_TO_CONDA, Optional.empty(), alts, p, Basis.DERIVED,
            "no conda package carries `" + key + "` according to `" + p.source() + "`");
      }
      if (other != null && other.isEmpty()) {
        alts.add(new Alternative(key, p, "same name, but not a Python distribution"));
        return new MappingAnswer(name.original(), Direction.PYPI_TO_CONDA, Optional.empty(), alts, p, Basis.DERIVED,
            "the conda package `" + key + "` is not a Python distribution according to `" + p.source() + "`");
      }
      if (other != null) {
        // it carries another dist: usually a vendored copy, so the same name is still the best guess
        return new MappingAnswer(name.original(), Direction.PYPI_TO_CONDA, Optional.of(key), alts, Provenance.rule(),
            Basis.RULE, "no table lists `" + key + "`; the conda package of that name exists but `" + p.source()
                + "` found `" + other.get(0).name() + "` in it (a vendored copy?)");
      }
    }
    if (key.startsWith(BACKPORTS)) {
      String dotted = "backports." + key.substring(BACKPORTS.length());
      return new MappingAnswer(name.original(), Direction.PYPI_TO_CONDA, Optional.of(dotted), alts,
          Provenance.rule(), Basis.RULE, "no table lists `" + key
              + "`; conda-forge keeps the dot of the `backports.` namespace in package names");
    }
    return new MappingAnswer(name.original(), Direction.PYPI_TO_CONDA, Optional.of(key), alts, Provenance.rule(),
        Basis.RULE, "no table lists `" + key + "`; conda-forge names a Python package by its PEP 503 normalized name");
  }

  /** Conda to PyPI; an empty preferred name means the conda package is not a Python distribution. */
  public MappingAnswer toPypi(String condaName) {
    String key = condaName.strip().toLowerCase(Locale.ROOT);
    List<Fact> facts = facts(key, false);
    List<Alternative> alts = new ArrayList<>();

    for (Fact f : explicitFirst(facts)) {
      if (f.basis() != Basis.EXPLICIT) {
        break;
      }
      String chosen = f.targets().isEmpty() ? null : f.targets().get(0).name();
      addAll(alts, facts, f, chosen);
      String reason = "explicit entry of the " + f.provenance().layer().label() + " `" + f.provenance().source() + "`"
          + (chosen == null ? ": not a Python distribution" : "");
      return new MappingAnswer(condaName, Direction.CONDA_TO_PYPI, Optional.ofNullable(chosen), alts,
          f.provenance(), Basis.EXPLICIT, reason);
    }

    List<Candidate> derived = new ArrayList<>();
    Fact noneFact = null;
    for (Fact f : newestFirst(facts)) {
      if (f.basis() != Basis.DERIVED) {
        continue;
      }
      if (f.targets().isEmpty() && noneFact == null) {
        noneFact = f;
      }
      for (Target t : f.targets()) {
        if (!named(derived, t.name())) {
          derived.add(new Candidate(t, f));
        }
      }
    }
    if (!derived.isEmpty()) {
      String bare = PyPiName.normalize(WRAPPER.matcher(key).replaceAll(""));
      String same = PyPiName.normalize(key);
      List<Candidate> ranked = new ArrayList<>(derived);
      ranked.sort((a, b) -> Boolean.compare(!a.target().name().equals(same) && !a.target().name().equals(bare),
          !b.target().name().equals(same) && !b.target().name().equals(bare)));
      Candidate best = ranked.get(0);
      addAll(alts, facts, null, best.target().name());
      return new MappingAnswer(condaName, Direction.CONDA_TO_PYPI, Optional.of(best.target().name()), alts,
          best.fact().provenance(), Basis.DERIVED, "derived from `" + best.fact().provenance().source()
              + "` (the Python distribution found inside the conda package)");
    }
    if (noneFact != null) {
      addAll(alts, facts, noneFact, null);
      return new MappingAnswer(condaName, Direction.CONDA_TO_PYPI, Optional.empty(), alts, noneFact.provenance(),
          Basis.DERIVED, "`" + noneFact.provenance().source() + "` found no Python distribution in `" + key + "`");
    }
    for (int i = layers.size() - 1; i >= 0; i--) {
      MappingLayer l = layers.get(i);
      if (l.matchesCondaOnlyPattern(key)) {
        return new MappingAnswer(condaName, Direction.CONDA_TO_PYPI, Optional.empty(), alts, l.provenance(),
            Basis.RULE, "`" + key + "` matches the conda-only pattern `" + l.matchingPattern(key) + "`");
      }
    }
    if (!PyPiName.isValid(key)) {
      return new MappingAnswer(condaName, Direction.CONDA_TO_PYPI, Optional.empty(), alts, Provenance.rule(),
          Basis.RULE, "`" + key + "` is not a valid PyPI name");
    }
    // never invent a PyPI name: a package no table knows (a private channel's, a new one) stays conda-side
    return new MappingAnswer(condaName, Direction.CONDA_TO_PYPI, Optional.empty(), alts, Provenance.rule(),
        Basis.RULE, "no table lists `" + key + "`; treated as conda-only rather than guessed to be the PyPI "
            + "package of the same name");
  }

  /** Whether the conda package has no PyPI counterpart (C libraries, compilers, {@code python} itself). */
  public boolean isCondaOnly(String condaName) {
    return toPypi(condaName).noCounterpart();
  }

  // ---------------------------------------------------------------------------------------------

  private record Fact(MappingLayer layer, int index, List<Target> targets, boolean pypiSide) {
    Provenance provenance() {
      return layer.provenance();
    }

    Basis basis() {
      if (!targets.isEmpty()) {
        return targets.get(0).basis();
      }
      return layer.provenance().layer().isMachineTable() ? Basis.DERIVED : Basis.EXPLICIT;
    }
  }

  private record Candidate(Target target, Fact fact) {}

  /** Whether a candidate has the conda name {@code name}. */
  private static boolean named(List<Candidate> candidates, String name) {
    for (Candidate c : candidates) {
      if (c.target().name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The order of derived PyPI-to-conda candidates, the preferred first: not bundled, then the name equal to the
   * PyPI name {@code key}, then not a {@code lib*} or variant build, then the shortest, then alphabetical (written
   * out: a comparing/thenComparing chain's JDK lambdas are linked at run time in every process).
   */
  private static int preferred(Candidate a, Candidate b, String key) {
    String x = a.target().name();
    String y = b.target().name();
    int c = Boolean.compare(a.target().bundled(), b.target().bundled());
    if (c == 0) {
      c = Boolean.compare(!PyPiName.normalize(x).equals(key), !PyPiName.normalize(y).equals(key));
    }
    if (c == 0) {
      c = Boolean.compare(x.startsWith("lib") || VARIANT.matcher(x).find(), y.startsWith("lib")
          || VARIANT.matcher(y).find());
    }
    if (c == 0) {
      c = Integer.compare(x.length(), y.length());
    }
    return c != 0 ? c : x.compareTo(y);
  }

  private List<Fact> facts(String key, boolean pypiSide) {
    List<Fact> out = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      MappingLayer l = layers.get(i);
      List<Target> t = (pypiSide ? l.pypiToConda() : l.condaToPypi()).get(key);
      if (t != null) {
        out.add(new Fact(l, i, t, pypiSide));
      }
    }
    return out;
  }

  /** Higher layers first (a fetched table before the embedded snapshot, later-configured first). */
  private static List<Fact> newestFirst(List<Fact> facts) {
    List<Fact> out = new ArrayList<>(facts);
    java.util.Collections.reverse(out);
    return out;
  }

  /** Explicit facts first, higher layer first, later-configured first. */
  private static List<Fact> explicitFirst(List<Fact> facts) {
    // a stable sort by (not explicit, -index) in two passes: it runs for every name looked up, and a
    // comparing/thenComparing chain costs a cold start more than the sort
    List<Fact> out = new ArrayList<>(facts.size());
    for (boolean explicit : new boolean[] {true, false}) {
      List<Fact> group = new ArrayList<>();
      for (Fact f : facts) {
        if ((f.basis() == Basis.EXPLICIT) == explicit) {
          group.add(f);
        }
      }
      group.sort((a, b) -> Integer.compare(b.index(), a.index()));
      out.addAll(group);
    }
    return out;
  }

  private static boolean admits(Target t, String version) {
    return version == null || t.window().admits(version);
  }

  /**
   * The upstream (fetched, else embedded snapshot) layer that lists a whole channel (the one used to notice
   * stale entries and to say "no conda package of that name"), if any.
   */
  private MappingLayer channelListing() {
    for (int i = layers.size() - 1; i >= 0; i--) {
      if (layers.get(i).provenance().layer().isMachineTable() && !layers.get(i).knownConda().isEmpty()) {
        return layers.get(i);
      }
    }
    return null;
  }

  private Provenance staleIn(String condaName) {
    MappingLayer l = channelListing();
    return l != null && !l.knownConda().contains(condaName) ? l.provenance() : null;
  }

  /** Reports every name of every fact except the chosen one, with why it lost. */
  private void addAll(List<Alternative> alts, List<Fact> facts, Fact winner, String chosen) {
    Map<String, Alternative> seen = new LinkedHashMap<>();
    for (Fact f : explicitFirst(facts)) {
      if (f.targets().isEmpty() && f != winner) {
        seen.putIfAbsent("\0" + f.index(), new Alternative("(none)", f.provenance(), "says there is no counterpart"));
      }
      for (Target t : f.targets()) {
        if (t.name().equals(chosen)) {
          continue;
        }
        String note = f == winner ? "" : t.note();
        if (!t.window().isAny()) {
          note = (note.isEmpty() ? "" : note + "; ") + "only for versions `" + t.window() + "`";
        }
        if (t.bundled()) {
          note = (note.isEmpty() ? "" : note + "; ") + "bundled inside a package that ships several distributions";
        }
        Provenance stale = f.layer().provenance().layer() == Layer.EMBEDDED ? staleIn(t.name()) : null;
        if (stale != null && f.pypiSide()) {
          note = (note.isEmpty() ? "" : note + "; ") + "stale: not a package in `" + stale.source() + "`";
        }
        seen.putIfAbsent(t.name(), new Alternative(t.name(), f.provenance(), note));
      }
    }
    alts.addAll(seen.values());
  }
}
