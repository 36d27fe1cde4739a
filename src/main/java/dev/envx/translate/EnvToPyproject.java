package dev.envx.translate;

import dev.envx.diag.Diagnostic;
import dev.envx.diag.EnvxException;
import dev.envx.diag.ParseError;
import dev.envx.format.Located;
import dev.envx.format.Trivia;
import dev.envx.format.envyml.CondaDependency;
import dev.envx.format.envyml.EnvironmentYml;
import dev.envx.format.envyml.PipLine;
import dev.envx.format.pyproject.EnvxTable;
import dev.envx.format.pyproject.PipOptions;
import dev.envx.format.pyproject.PyProjectWriter.ProjectKeys;
import dev.envx.format.pyproject.SpecEntry;
import dev.envx.model.conda.CondaName;
import dev.envx.model.conda.MatchSpec;
import dev.envx.model.pep508.PyPiName;
import dev.envx.model.pep508.Requirement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * environment.yml → pyproject.toml (pure). Python packages go to {@code [project.dependencies]} under their
 * PyPI names; what PEP 621 cannot say (conda-only packages, {@code python}, build strings, channel pins,
 * selectors without a marker, version specs without an exact PEP 440 form, ambiguous names) is kept verbatim in
 * {@code [tool.envx] conda-dependencies}; pip options and non-PEP 508 pip lines go to {@code [tool.envx.pip]}.
 * Every lossy step yields a warning at the entry's position.
 */
public final class EnvToPyproject {
  private EnvToPyproject() {}

  public record Result(ProjectKeys project, EnvxTable envx, List<Diagnostic> diagnostics) {}

  public static Result translate(EnvironmentYml env, NameMapper mapper) {
    List<Diagnostic> diags = new ArrayList<>();
    List<Diagnostic> errors = new ArrayList<>();

    // pip lines first: the PyPI names pip claims
    Located<String> indexUrl = null;
    List<Located<String>> extra = new ArrayList<>();
    List<Located<String>> findLinks = new ArrayList<>();
    List<Located<String>> trusted = new ArrayList<>();
    boolean pre = false;
    List<Located<String>> pipPackages = new ArrayList<>();
    Set<PyPiName> pipPackageNames = new HashSet<>();
    List<SpecEntry> raw = new ArrayList<>();
    Deps pipDeps = new Deps();
    java.util.Map<String, String> spelling = new java.util.LinkedHashMap<>();
    java.util.Map<String, String> pipSpelling = new java.util.LinkedHashMap<>();
    // entries that say again what an earlier one said: written once, so they have no place of their own
    Set<Object> repeated = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    Set<PyPiName> pipNames = new HashSet<>();
    for (PipLine l : env.pip()) {
      PipLines.Option opt = l.selector() == null ? PipLines.option(l.text()) : null;
      if (opt != null) {
        Located<String> v = new Located<>(opt.value(), l.span(), l.trivia());
        switch (opt.name()) {
          case "--index-url" -> {
            if (indexUrl != null) {
              diags.add(Diagnostic.warning("second `--index-url`; pip uses the last one", l.span()));
              raw.add(new SpecEntry(l.text(), null, l.span(), l.trivia()));
            } else {
              indexUrl = v;
            }
          }
          case "--extra-index-url" -> extra.add(v);
          case "--find-links" -> findLinks.add(v);
          default -> trusted.add(v);
        }
        continue;
      }
      if (l.selector() == null && PipLines.isPre(l.text()) && l.trivia().isEmpty()) {
        pre = true;
        continue;
      }
      // a `--pre` line with comments is kept as a line of its own, so that its comments have a place
      String text = l.text();
      String reqPart = PipLines.requirementBeforeOptions(text);
      if (reqPart == null && PipLines.looksLikeRequirement(text)) {
        Requirement r;
        try {
          r = Requirement.parse(text);
        } catch (ParseError e) {
          errors.add(SpecErrors.at(e, l.span(), SpecErrors.REQUIREMENT));
          continue;
        }
        pipNames.add(r.name());
        if (l.selector() == null) {
          String dep = PipLines.text(r, PipLines.markerText(r, text));
          if (!pipDeps.add(dep, l.trivia())) {
            repeated.add(l);
          }
          if (!dep.equals(text)) {
            pipSpelling.put(Layouts.pipKey(text, null), text);
          }
          if (pipPackageNames.add(r.name())) {
            pipPackages.add(new Located<>(r.name().normalized(), l.span()));
          }
        } else {
          raw.add(new SpecEntry(text, l.selector(), l.span(), l.trivia()));
          String marker = Selectors.toMarker(l.selector().expression());
          if (marker == null) {
            diags.add(Diagnostic.warning("selector `" + l.selector().expression() + "` has no PEP 508 marker; `"
                + r.name().original() + "` is kept for conda/pip in `[tool.envx.pip]` only", l.span()));
          } else {
            pipDeps.add(withMarker(r, text, marker), Trivia.EMPTY);
          }
        }
        continue;
      }
      // verbatim pip line: editable, -r/-c, URL, path, hashes, other options
      raw.add(new SpecEntry(text, l.selector(), l.span(), l.trivia()));
      if (reqPart != null) {
        try {
          Requirement r = Requirement.parse(reqPart);
          pipNames.add(r.name());
          String marker = l.selector() == null ? null : Selectors.toMarker(l.selector().expression());
          if (l.selector() == null || marker != null) {
            pipDeps.add(marker == null ? PipLines.text(r, PipLines.markerText(r, reqPart))
                : withMarker(r, reqPart, marker), Trivia.EMPTY);
          }
        } catch (ParseError e) {
          errors.add(SpecErrors.at(e, l.span(), SpecErrors.REQUIREMENT));
        }
      } else {
        PipLines.nameOf(text).ifPresent(pipNames::add);
      }
    }

    // conda entries; one the file lists twice is kept in `[tool.envx]` each time, so both come back
    Set<String> once = new HashSet<>();
    Set<String> twice = new HashSet<>();
    for (CondaDependency d : env.conda()) {
      String k = d.spec().strip() + "\u0000" + (d.selector() == null ? "" : d.selector().expression());
      if (!once.add(k)) {
        twice.add(k);
      }
    }
    Deps condaDeps = new Deps();
    List<SpecEntry> explicit = new ArrayList<>();
    String requiresPython = null;
    // each spec parsed once: the layout's order keys take them from here
    java.util.Map<CondaDependency, MatchSpec> parsed = new java.util.IdentityHashMap<>();
    for (CondaDependency d : env.conda()) {
      MatchSpec spec;
      try {
        spec = MatchSpec.parse(d.spec());
      } catch (ParseError e) {
        errors.add(SpecErrors.at(e, d.span(), "conda spec"));
        continue;
      }
      parsed.put(d, spec);
      SpecEntry keep = new SpecEntry(d.spec(), d.selector(), d.span(), d.trivia());
      if (spec.url() != null) {
        explicit.add(keep);
        diags.add(Diagnostic.note("`" + d.spec() + "` pins one package file (`" + spec + "`); it is kept for "
            + "conda only, with its URL", d.span()));
        continue;
      }
      if (spec.exactName() == null) {
        explicit.add(keep);
        diags.add(Diagnostic.warning("`" + d.spec() + "` names no single package (conda reads it as `" + spec
            + "`); it is kept for conda only, verbatim", d.span()));
        continue;
      }
      CondaName name = CondaName.parse(spec.exactName());
      String version = spec.version() == null ? "*" : spec.version().toString();
      if (name.normalized().equals("python")) {
        explicit.add(keep);
        if (d.selector() == null && spec.channel() == null) {
          VersionTranslation.ToPep v = VersionTranslation.toPep440(spec.version());
          if (v.exact() && !v.set().isEmpty() && requiresPython == null) {
            requiresPython = VersionTranslation.written(v.set());
          } else if (!v.exact()) {
            diags.add(Diagnostic.warning("python version `" + version + "` has no `requires-python` form ("
                + v.reason() + "); it is kept for conda only", d.span()));
          }
        }
        continue;
      }
      if (name.normalized().equals("pip")) {
        explicit.add(keep);
        continue;
      }
      Optional<PyPiName> pypi = mapper.toPypi(name);
      if (pypi.isEmpty()) {
        explicit.add(keep);
        if (!mapper.knowsConda(name)) {
          diags.add(Diagnostic.note("no mapping table knows the conda package `" + name + "`; it is kept as a "
              + "conda package in `[tool.envx]`, not guessed to be a PyPI package", d.span(),
              "if it is a Python distribution, say so in `[tool.envx.mapping] conda-to-pypi`"));
        }
        continue;
      }
      PyPiName pypiName = pypi.get();
      if (pipNames.contains(pypiName)) {
        explicit.add(keep);
        diags.add(Diagnostic.note("`" + d.spec() + "` is also a pip requirement; `[project.dependencies]` lists "
            + "the pip one and the conda spec is kept in `[tool.envx]`", d.span()));
        continue;
      }
      VersionTranslation.ToPep v = VersionTranslation.toPep440(spec.version());
      String marker = null;
      if (d.selector() != null) {
        marker = Selectors.toMarker(d.selector().expression());
        if (marker == null) {
          explicit.add(keep);
          diags.add(Diagnostic.warning("selector `" + d.selector().expression() + "` has no PEP 508 marker; `"
              + pypiName + "` is kept for conda in `[tool.envx]` only", d.span()));
          continue;
        }
      }
      String condition = Selectors.markerComment(d.comment());
      if (condition != null) { // the condition `envx export` carried as a comment: the marker again
        marker = marker == null ? condition : "(" + marker + ") and (" + condition + ")";
      }
      boolean nameBack = mapper.toConda(pypiName).map(c -> c.equals(name)).orElse(false);
      VersionTranslation.ToConda backToConda = VersionTranslation.toConda(v.set()); // what comesBack decides
      boolean versionBack = v.exact() && backToConda.exact();
      boolean needExplicit = !spec.constrainsOnlyNameAndVersion() || d.selector() != null || !nameBack
          || !versionBack || twice.contains(d.spec().strip() + "\u0000");
      String dep = pypiName.normalized() + VersionTranslation.written(v.set()) + (marker == null ? "" : "; " + marker);
      // the condition `envx export` wrote as the comment is the marker now, not a comment to carry
      Trivia trivia = condition == null ? d.trivia() : d.trivia().withAfter("");
      if (!condaDeps.add(dep, needExplicit ? Trivia.EMPTY : trivia) && !needExplicit) {
        repeated.add(d);
      }
      String back = VersionTranslation.render(name.normalized(), backToConda.spec());
      if (!needExplicit && !back.equals(d.spec())) {
        spelling.put(Layouts.condaKey(d.spec(), spec, d.selector()), d.spec());
      }
      if (!v.exact()) {
        diags.add(Diagnostic.warning("version spec of `" + d.spec() + "` has no exact PEP 440 form (" + v.reason()
            + "); `[project.dependencies]` gets `" + dep + "`, the conda spec is kept in `[tool.envx]`",
            d.span()));
      }
      if (needExplicit) {
        explicit.add(keep);
      }
      if (!nameBack && d.selector() == null) {
        diags.add(Diagnostic.note("`" + name + "` is PyPI `" + pypiName + "`, which maps back to conda `"
            + mapper.toConda(pypiName).map(CondaName::toString).orElse("(none)") + "`; the conda name is kept in `[tool.envx]`", d.span()));
      }
    }
    if (!errors.isEmpty()) {
      throw new EnvxException(EnvxException.USAGE, errors.subList(0, Math.min(8, errors.size())));
    }
    // every list in the environment file's order; the layout says how to give the file back
    Deps all = new Deps();
    condaDeps.list.forEach(d -> all.add(d.value(), d.trivia()));
    pipDeps.list.forEach(d -> all.add(d.value(), d.trivia()));
    List<Located<String>> deps = all.list;
    pipPackages.sort((a, b) -> a.value().compareTo(b.value())); // not Comparator.comparing: its JDK lambda links late
    PipOptions pip = new PipOptions(indexUrl, extra, findLinks, trusted, pre, pipPackages, raw,
        env.pipRepositories());
    EnvxTable envx = new EnvxTable(EnvxTable.FORMAT, env.name(), env.prefix(), env.category(), env.channels(),
        env.platforms(), explicit, pip, env.variables(), Layouts.toWrite(env, spelling, pipSpelling, repeated,
        parsed));
    ProjectKeys project = new ProjectKeys(projectName(env.nameValue().orElse(null)), "0.0.0", requiresPython,
        deps);
    return new Result(project, envx, diags);
  }

  /** Requirement strings in order, each once (the first one's comments kept). */
  private static final class Deps {
    final List<Located<String>> list = new ArrayList<>();
    final Set<String> seen = new HashSet<>();

    boolean add(String dep, Trivia t) {
      if (seen.add(dep)) {
        list.add(new Located<>(dep, null, t));
        return true;
      }
      return false;
    }
  }

  private static String withMarker(Requirement r, String source, String marker) {
    return PipLines.text(r, r.marker() == null ? marker
        : "(" + PipLines.markerText(r, source) + ") and (" + marker + ")");
  }

  /** A valid PEP 508 project name from an environment name ("environment" when there is none). */
  static String projectName(String envName) {
    if (envName == null) {
      return "environment";
    }
    String n = envName.strip().replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[._-]+|[._-]+$", "");
    return n.isEmpty() ? "environment" : PyPiName.normalize(n);
  }

}
