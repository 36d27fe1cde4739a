package dev.envx.resolve.pypi;

import dev.envx.index.pypi.DistributionFile;
import dev.envx.index.pypi.ProjectPage;
import dev.envx.index.pypi.SimpleIndex;
import dev.envx.model.wheel.WheelFilename;
import dev.envx.model.wheel.WheelTag;
import dev.envx.resolve.Hint;
import dev.envx.resolve.conda.CondaExplainer;
import dev.envx.solve.ConflictGraph;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A conflict of a cross-ecosystem solve as a tree whose every line says which ecosystem it is about
 * ({@code (conda)}, {@code (PyPI)}) and where a requirement came from, plus typed hints: conda's, and for a
 * PyPI name nothing can meet, whether the project is unknown, has no file for the target, or only an sdist that
 * would need a build.
 */
final class CrossExplainer {
  private final CrossProvider p;
  private final PypiSource source;

  CrossExplainer(CrossProvider provider, PypiSource source) {
    this.p = provider;
    this.source = source;
  }

  CondaExplainer.Explanation explain(ConflictGraph graph, int maxLines) {
    Set<Hint> hints = new LinkedHashSet<>();
    List<String> roots = new ArrayList<>();
    for (ConflictGraph.Requires r : graph.requirements()) {
      int vs = r.versionSet();
      PypiSet s = p.pypiSet(vs);
      if (r.owner() == ConflictGraph.ROOT) {
        String text = s == null ? p.conda().versionSetText(p.condaSet(vs)) : rootText(s);
        if (text != null && !roots.contains(text)) {
          roots.add(text);
        }
      }
      if (r.candidates().length == 0) {
        hints.addAll(s == null ? p.conda().noCandidateHints(p.condaSet(vs)) : pypiHints(s));
      }
    }
    if (!roots.isEmpty()) {
      hints.add(new Hint.RelaxRequests(roots));
    }
    return new CondaExplainer.Explanation(graph.render(maxLines), List.copyOf(hints));
  }

  private static String rootText(PypiSet s) {
    if (s instanceof PypiSet.Dist d) {
      return d.text();
    } else if (s instanceof PypiSet.Extra e) {
      return e.text();
    } else if (s instanceof PypiSet.Conditional c) {
      return c.node().requirement().toString();
    }
    return null;
  }

  private List<Hint> pypiHints(PypiSet s) {
    if (s instanceof PypiSet.Impossible im) {
      return im.what().startsWith("a build of") ? List.of(new Hint.NeedsBuild(im.what())) : List.of();
    }
    dev.envx.model.pep508.PyPiName name;
    if (s instanceof PypiSet.Dist d) {
      name = d.name();
    } else if (s instanceof PypiSet.Extra e) {
      name = e.name();
    } else {
      return List.of();
    }
    Optional<ProjectPage> page = source.client().project(name);
    List<String> conda = p.condaProviders(name);
    if (page.isEmpty() && !conda.isEmpty()) {
      return List.of(new Hint.NoFittingDistribution(name.normalized(), p.target().subdir(), "no PyPI index has it, "
          + "and conda's `" + String.join("`, `", conda) + "` has no matching version"));
    }
    if (page.isEmpty()) {
      // an index that is none is the error, not the missing project; one that lists its projects suggests some
      Set<String> known = source.client().knownProjects();
      List<String> where = new ArrayList<>();
      for (SimpleIndex i : source.client().indexes()) {
        where.add("`" + i.shown() + "`");
      }
      source.client().settings().findLinks().forEach(f -> where.add("`" + f + "`"));
      Hint none = new Hint.NoSuchProject(name.normalized(), String.join(", ", where));
      List<String> similar = dev.envx.diag.DidYouMean.among(name.normalized(), known);
      return similar.isEmpty() ? List.of(none) : List.of(none, new Hint.DidYouMean(name.normalized(), similar));
    }
    String detail = detail(page.get());
    if (p.target().isLinux()) {
      String glibc = p.request().virtualPackages().stream().filter(v -> v.name().equals("__glibc"))
          .map(v -> v.version()).findFirst().orElse(null);
      detail += glibc == null ? "; the target has no `__glibc`, so only `linux_*` and pure wheels fit"
          : "; the target's glibc is " + glibc + " (`__glibc`)";
    }
    if (!conda.isEmpty()) {
      detail += "; conda's `" + String.join("`, `", conda) + "` has no matching version either";
    }
    return List.of(new Hint.NoFittingDistribution(name.normalized(), p.target().subdir(), detail));
  }

  /** What the project offers, in a few words: its wheels' tags and whether it has an sdist. */
  private static String detail(ProjectPage page) {
    TreeSet<String> platforms = new TreeSet<>();
    TreeSet<String> pythons = new TreeSet<>();
    int wheels = 0;
    boolean sdist = false;
    for (DistributionFile f : page.files()) {
      if (f.wheel().isPresent()) {
        wheels++;
        WheelFilename w = f.wheel().get();
        for (WheelTag t : w.tags()) {
          platforms.add(t.platform());
          pythons.add(t.interpreter());
        }
      } else if (f.parsed() != null) {
        sdist = true;
      }
    }
    if (wheels == 0) {
      return sdist ? "it has only sdists" : "it lists no wheel or sdist";
    }
    return "its " + wheels + (wheels == 1 ? " wheel is" : " wheels are") + " for " + limit(pythons) + " on "
        + limit(platforms) + (sdist ? "" : ", and it has no sdist");
  }

  private static String limit(TreeSet<String> s) {
    List<String> l = new ArrayList<>(s);
    return l.size() <= 4 ? String.join(", ", l) : String.join(", ", l.subList(0, 4)) + ", …";
  }
}
