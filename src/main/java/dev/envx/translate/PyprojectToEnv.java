package dev.envx.translate;

import dev.envx.diag.Diagnostic;
import dev.envx.diag.EnvxException;
import dev.envx.diag.ParseError;
import dev.envx.format.EnvLayout;
import dev.envx.format.Located;
import dev.envx.format.Selector;
import dev.envx.format.envyml.CondaDependency;
import dev.envx.format.envyml.Dependency;
import dev.envx.format.envyml.EnvironmentYml;
import dev.envx.format.envyml.PipLine;
import dev.envx.format.envyml.PipSection;
import dev.envx.format.pyproject.EnvxTable;
import dev.envx.format.pyproject.PipOptions;
import dev.envx.format.pyproject.PyProject;
import dev.envx.format.pyproject.SpecEntry;
import dev.envx.model.conda.CondaName;
import dev.envx.model.conda.MatchSpec;
import dev.envx.model.pep440.SpecifierSet;
import dev.envx.model.pep508.PyPiName;
import dev.envx.model.pep508.Requirement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * pyproject.toml → environment.yml (pure). Explicit conda specs from {@code [tool.envx]} (or pixi's /
 * conda-lock's tables) come first and win; each {@code [project.dependencies]} entry then becomes a conda spec
 * under its conda-forge name when the mapping knows one, or a pip line otherwise (and always when
 * {@code [tool.envx.pip] packages} names it). {@code requires-python} becomes a {@code python} spec when no
 * explicit one is given.
 */
public final class PyprojectToEnv {
  private PyprojectToEnv() {}

  private static final CondaName PYTHON = CondaName.parse("python");
  private static final CondaName PIP = CondaName.parse("pip");

  /**
   * @param platform when set, selectors are evaluated for this conda platform and dropped
   */
  /**
   * @param platform when set, selectors are evaluated for this conda platform and dropped
   * @param extras optional-dependency groups of {@code [project]} to include
   * @param groups PEP 735 dependency groups to include ({@code include-group} followed)
   */
  public record Options(String platform, String defaultChannel, List<String> extras, List<String> groups) {
    public static final Options DEFAULT = new Options(null, "conda-forge", List.of(), List.of());

    public Options {
      extras = List.copyOf(extras);
      groups = List.copyOf(groups);
    }

    public Options(String platform, String defaultChannel) {
      this(platform, defaultChannel, List.of(), List.of());
    }
  }

  public record Result(EnvironmentYml env, List<Diagnostic> diagnostics) {}

  public static Result translate(PyProject py, NameMapper mapper, Options options) {
    List<Diagnostic> diags = new ArrayList<>();
    List<Diagnostic> errors = new ArrayList<>();
    EnvxTable envx = py.envx();
    boolean fromEnvx = envx != null && "tool.envx".equals(py.condaSource());
    List<Dependency> deps = new ArrayList<>();
    EnvLayout layout = fromEnvx ? envx.layout() : EnvLayout.DEFAULT;
    List<CondaDependency> conda = new ArrayList<>();
    Set<CondaName> explicitNames = new HashSet<>();
    Set<PyPiName> explicitPypi = new HashSet<>();
    if (envx != null) {
      for (SpecEntry e : envx.condaDependencies()) {
        try {
          String n = MatchSpec.parse(e.text()).exactName();
          if (n != null) {
            CondaName name = CondaName.parse(n);
            explicitNames.add(name);
            mapper.toPypi(name).ifPresent(explicitPypi::add);
          }
        } catch (ParseError pe) {
          errors.add(SpecErrors.at(pe, e.span(), "conda spec"));
          continue;
        }
        conda.add(new CondaDependency(e.text(), e.selector(), e.span(), e.trivia()));
      }
    }
    var project = py.project();
    String requiresPython = project == null || project.requiresPython() == null ? null
        : project.requiresPython().value();
    if (project != null && project.requiresPython() != null && !explicitNames.contains(PYTHON)) {
      VersionTranslation.ToConda v = null;
      try {
        v = VersionTranslation.toConda(SpecifierSet.parse(project.requiresPython().value()));
      } catch (ParseError e) {
        errors.add(SpecErrors.at(e, project.requiresPython().span(), "requires-python"));
      }
      if (v != null && !v.exact()) {
        diags.add(Diagnostic.warning("`requires-python` " + v.reason(), project.requiresPython().span()));
      }
      if (v != null) {
        conda.add(new CondaDependency(VersionTranslation.render("python", v.spec()), null,
            project.requiresPython().span()));
      }
      explicitNames.add(PYTHON);
    }
    PipOptions pipOpts = envx == null ? PipOptions.EMPTY : envx.pip();
    Set<String> pipPackages = new HashSet<>();
    for (Located<String> p : pipOpts.packages()) {
      pipPackages.add(PyPiName.normalize(p.value()));
    }
    Set<PyPiName> rawNames = new HashSet<>();
    for (SpecEntry r : pipOpts.requirements()) {
      PipLines.nameOf(r.text()).ifPresent(rawNames::add);
    }
    List<PipLine> pipReqs = new ArrayList<>();
    LinkedHashSet<String> seenConda = new LinkedHashSet<>();
    // where each dependency went (PEP 503 name → clause), for what `[tool.envx.prefer]` did
    Map<String, String> placed = new java.util.HashMap<>();
    if (project != null) {
      for (Located<String> dep : requirements(py, options, errors)) {
        Requirement r;
        try {
          r = Requirement.parse(dep.value());
        } catch (ParseError e) {
          errors.add(SpecErrors.at(e, dep.span(), "requirement"));
          continue;
        }
        PyPiName n = r.name();
        if (rawNames.contains(n)) {
          placed.putIfAbsent(n.normalized(), "is in `pip:`");
          continue;
        }
        if (pipPackages.contains(n.normalized()) || envx != null && envx.prefer().prefersPypi(n.normalized())) {
          placed.putIfAbsent(n.normalized(), "is in `pip:`");
          pipReqs.add(new PipLine(Layouts.spelledPip(dep.value(), layout), null, dep.span(), dep.trivia()));
          continue;
        }
        if (n.normalized().equals("pip") && !fromEnvx) {
          diags.add(Diagnostic.warning("`pip` in `[project.dependencies]` becomes the conda `pip` package; "
              + "converted back, it is listed in `[tool.envx]` only", dep.span()));
        }
        Optional<CondaName> condaName = mapper.toConda(n);
        if (condaName.isPresent() && explicitNames.contains(condaName.get()) || explicitPypi.contains(n)) {
          if (!fromEnvx) {
            diags.add(Diagnostic.note("`" + r.name().original() + "` comes from the conda spec in `[" + py.condaSource()
                + "]`", dep.span()));
          }
          placed.putIfAbsent(n.normalized(), "is a conda package");
          continue; // an explicit conda spec provides this package
        }
        // pixi installs `[project.dependencies]` from PyPI unless its conda tables name the package
        boolean pixiPypi = "tool.pixi".equals(py.condaSource());
        if (condaName.isEmpty() || r.url() != null || pixiPypi) {
          if (!fromEnvx) {
            diags.add(Diagnostic.note("`" + r.name().original() + "` " + (r.url() != null ? "is a direct URL requirement"
                : pixiPypi ? "is a PyPI dependency for pixi (no `[tool.pixi.dependencies]` entry names it)"
                : "has no conda-forge package") + "; it goes to `pip:`", dep.span()));
          }
          placed.putIfAbsent(n.normalized(), "is in `pip:` all the same (" + (r.url() != null
              ? "a direct URL requirement" : pixiPypi ? "a PyPI dependency for pixi" : "no conda-forge package") + ")");
          pipReqs.add(new PipLine(dep.value(), null, dep.span(), dep.trivia()));
          continue;
        }
        Selector sel = null;
        String comment = "";
        dev.envx.format.Trivia trivia = dep.trivia();
        if (r.marker() != null) {
          // evaluated where the manifest decides it: --platform, requires-python; else a selector; else kept
          // conda-side with the condition as a comment (never moved to pip:, which would change the package)
          String marker = r.marker().toString();
          Boolean holds = Selectors.decide(marker, options.platform(), requiresPython);
          String s = holds != null ? null : Selectors.fromMarker(marker);
          if (Boolean.FALSE.equals(holds)) {
            diags.add(Diagnostic.note("marker `" + marker + "` of `" + r.name().original() + "` is false for "
                + scope(options.platform(), requiresPython) + "; it is not part of the environment", dep.span()));
            continue;
          } else if (s != null) {
            sel = new Selector(s, Selector.Style.COMMENT);
          } else if (holds == null) {
            comment = Selectors.MARKER_COMMENT + marker.replace('\n', ' ');
            diags.add(Diagnostic.warning("marker `" + marker + "` of `" + r.name().original() + "` is not decided by "
                + scope(options.platform(), requiresPython) + " and has no conda selector; `" + condaName.get().normalized()
                + "` stays a conda package with the condition as a comment, and conda installs it everywhere",
                dep.span(), "pin the Python version in `requires-python`, or pass `--platform`"));
          }
        }
        placed.putIfAbsent(n.normalized(), "is a conda package");
        if (!r.extras().isEmpty()) {
          diags.add(Diagnostic.warning("conda packages have no extras; `[" + String.join(",", r.extras())
              + "]` of `" + r.name().original() + "` is dropped for conda", dep.span(),
              "add the packages the extras pull in to `[tool.envx] conda-dependencies`"));
        }
        VersionTranslation.ToConda v = VersionTranslation.toConda(r.specifier());
        if (!v.exact()) {
          diags.add(Diagnostic.warning("version of `" + r.name().original() + "`: " + v.reason(), dep.span()));
        }
        String spec = Layouts.spelledConda(VersionTranslation.render(condaName.get().normalized(), v.spec()), sel,
            layout);
        if (seenConda.add(spec + "|" + sel + "|" + comment)) {
          conda.add(new CondaDependency(spec, sel, dep.span(), comment.isEmpty() ? trivia : withComment(trivia,
              comment)));
        }
      }
      List<String> left = new ArrayList<>(project.optionalDependencies().keySet());
      left.removeAll(options.extras());
      if (!left.isEmpty()) {
        diags.add(Diagnostic.note("optional dependencies " + quoted(left) + " are not part of the environment",
            null, "include them with `--extra NAME`"));
      }
    }
    if (envx != null) {
      preferenceWarnings(envx.prefer(), placed, diags);
    }
    List<String> leftGroups = new ArrayList<>(py.dependencyGroups().keySet());
    leftGroups.removeAll(options.groups());
    if (!leftGroups.isEmpty()) {
      diags.add(Diagnostic.note("dependency groups " + quoted(leftGroups) + " are not part of the environment",
          null, "include them with `--group NAME`"));
    }
    for (Map.Entry<String, List<Located<String>>> e : py.external().entrySet()) {
      if (!e.getKey().equals("dependencies")) {
        diags.add(Diagnostic.note("`[external] " + e.getKey() + "` is not part of the environment", null));
        continue;
      }
      for (Located<String> url : e.getValue()) {
        String name = externalName(url.value());
        if (name == null || !CondaName.isValid(name)) {
          diags.add(Diagnostic.warning("external dependency `" + url.value() + "` has no conda equivalent",
              url.span()));
        } else if (!explicitNames.contains(CondaName.parse(name))) {
          if (url.value().contains("@")) {
            diags.add(Diagnostic.warning("the version in `" + url.value() + "` is not carried; `" + name
                + "` is added without one", url.span(), "pin it in `[tool.envx] conda-dependencies`"));
          }
          conda.add(new CondaDependency(name, null, url.span()));
          explicitNames.add(CondaName.parse(name));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new EnvxException(EnvxException.USAGE, errors.subList(0, Math.min(8, errors.size())));
    }

    List<PipLine> pip = new ArrayList<>();
    if (pipOpts.indexUrl() != null) {
      pip.add(option("--index-url ", pipOpts.indexUrl()));
    }
    for (Located<String> u : pipOpts.extraIndexUrls()) {
      pip.add(option("--extra-index-url ", u));
    }
    for (Located<String> u : pipOpts.findLinks()) {
      pip.add(option("--find-links ", u));
    }
    for (Located<String> u : pipOpts.trustedHosts()) {
      pip.add(option("--trusted-host ", u));
    }
    if (pipOpts.pre()) {
      pip.add(PipLine.of("--pre"));
    }
    List<PipLine> reqs = new ArrayList<>(pipReqs);
    for (SpecEntry r : pipOpts.requirements()) {
      reqs.add(new PipLine(r.text(), r.selector(), r.span(), r.trivia()));
    }
    if (layout.pipOrder().isEmpty()) {
      Order.sortBy(reqs, l -> Order.requirementKey(l.text()) + (l.selector() == null ? "" : l.selector().toString()));
      pip.addAll(reqs);
    } else { // the environment file's order, recorded when it was converted
      pip.addAll(reqs);
      pip = Layouts.ordered(pip, l -> Layouts.pipKey(l.text(), l.selector()), layout.pipOrder());
    }
    if (layout.order().isEmpty()) {
      Order.sortBy(conda, c -> Order.condaKey(c.spec(), c.selector()));
    } else {
      conda = Layouts.ordered(conda, c -> Layouts.condaKey(c.spec(), c.selector()), layout.order());
    }

    List<Located<String>> platforms = envx == null ? List.of() : envx.platforms();
    if (options.platform() != null) {
      conda = filter(conda, options.platform(), diags, CondaDependency::selector, CondaDependency::span,
          c -> new CondaDependency(c.spec(), null, c.span(), c.trivia()));
      pip = filter(pip, options.platform(), diags, PipLine::selector, PipLine::span,
          l -> new PipLine(l.text(), null, l.span(), l.trivia()));
      platforms = List.of(Located.of(options.platform()));
    }
    boolean hasPipReqs = pip.stream().anyMatch(l -> !l.text().startsWith("--"));
    if (hasPipReqs && !fromEnvx && !explicitNames.contains(PIP)) {
      conda.add(CondaDependency.of("pip"));
      Order.sortBy(conda, c -> Order.condaKey(c.spec(), c.selector()));
    }
    deps.addAll(conda);
    if (!pip.isEmpty() || fromEnvx && hasPipSection(envx)) {
      deps.add(Layouts.pipSectionIndex(conda, layout.order()), new PipSection(pip, null));
    }
    List<Located<String>> channels;
    if (envx != null && (fromEnvx || !envx.channels().isEmpty())) {
      channels = envx.channels();
    } else {
      channels = List.of(Located.of(options.defaultChannel()));
    }
    Located<String> name = envx != null && envx.name() != null ? envx.name()
        : project != null && project.name() != null && !fromEnvx ? project.name() : null;
    EnvironmentYml env = new EnvironmentYml(name, envx == null ? null : envx.prefix(), channels, deps,
        envx == null ? Map.of() : envx.variables(), platforms, envx == null ? null : envx.category(),
        pipOpts.repositories(), layout);
    return new Result(env, diags);
  }

  /**
   * environment.yml has no form for {@code [tool.envx.prefer]}: where a dependency goes carries its effect (a
   * PyPI-preferred one is in {@code pip:}, as {@code envx export --conda} writes it), but the table itself is lost,
   * also to a later conversion back to pyproject.toml. One located warning per entry, naming it and its effect.
   */
  private static void preferenceWarnings(dev.envx.format.pyproject.Preferences prefer, Map<String, String> placed,
      List<Diagnostic> diags) {
    String hint = "keep `[tool.envx.prefer]` in pyproject.toml and make environment.yml from it; converting "
        + "environment.yml back to pyproject.toml does not restore the table";
    if (prefer.fallback() != null) {
      String v = prefer.fallback().value();
      diags.add(Diagnostic.warning("`[tool.envx.prefer] " + dev.envx.format.pyproject.Preferences.DEFAULT_KEY
          + " = \"" + v + "\"` has no environment.yml form and is not carried"
          + (v.equals(dev.envx.format.pyproject.Preferences.PYPI)
              ? "; the dependencies without an entry of their own are in `pip:`"
              : "; the dependencies without an entry of their own are conda packages where conda-forge has them"),
          prefer.fallback().span(), hint));
    }
    prefer.byName().forEach((name, v) -> {
      String where = placed.get(name);
      String effect = where == null ? "it names no dependency of the environment"
          : "`" + name + "` " + where;
      diags.add(Diagnostic.warning("`[tool.envx.prefer] " + name + " = \"" + v.value() + "\"` has no environment.yml "
          + "form and is not carried; " + effect, v.span(), hint));
    });
  }

  private static PipLine option(String option, Located<String> value) {
    return new PipLine(option + value.value(), null, value.span(), value.trivia());
  }

  /** The user's comment lines, then the condition envx carries as the comment after the entry. */
  private static dev.envx.format.Trivia withComment(dev.envx.format.Trivia t, String comment) {
    List<String> before = new ArrayList<>(t.before());
    if (!t.after().isBlank()) {
      before.add("#" + t.after().strip().substring(1)); // the user's own comment stays, on the line above
    }
    return new dev.envx.format.Trivia(before, "  # " + comment);
  }

  private static String scope(String platform, String requiresPython) {
    String py = requiresPython == null ? "any Python" : "`requires-python = \"" + requiresPython + "\"`";
    return (platform == null ? "every platform" : "`" + platform + "`") + " and " + py;
  }

  private static String quoted(List<String> names) {
    return String.join(", ", names.stream().map(n -> "`" + n + "`").toList());
  }

  /** {@code [project.dependencies]} plus the chosen extras and dependency groups, in that order. */
  private static List<Located<String>> requirements(PyProject py, Options options, List<Diagnostic> errors) {
    List<Located<String>> out = new ArrayList<>(py.project().dependencies());
    for (String extra : options.extras()) {
      List<Located<String>> deps = py.project().optionalDependencies().get(extra);
      if (deps == null) {
        errors.add(Diagnostic.error("no optional dependencies `" + extra + "` in `[project.optional-dependencies]`",
            null, "known: " + quoted(new ArrayList<>(py.project().optionalDependencies().keySet()))));
      } else {
        out.addAll(deps);
      }
    }
    for (String group : options.groups()) {
      includeGroup(py, group, new java.util.LinkedHashSet<>(), out, errors);
    }
    return out;
  }

  private static void includeGroup(PyProject py, String group, java.util.Set<String> path,
      List<Located<String>> out, List<Diagnostic> errors) {
    String key = PyPiName.normalize(group);
    String found = null;
    for (String g : py.dependencyGroups().keySet()) {
      if (PyPiName.normalize(g).equals(key)) {
        found = g;
      }
    }
    if (found == null) {
      errors.add(Diagnostic.error("no dependency group `" + group + "` in `[dependency-groups]`", null,
          "known: " + quoted(new ArrayList<>(py.dependencyGroups().keySet()))));
      return;
    }
    if (!path.add(key)) {
      errors.add(Diagnostic.error("dependency group `" + group + "` includes itself (" + String.join(" -> ", path)
          + " -> " + key + ")", null));
      return;
    }
    for (dev.envx.format.pyproject.GroupEntry e : py.dependencyGroups().get(found)) {
      if (e instanceof dev.envx.format.pyproject.GroupEntry.Requirement r) {
        out.add(r.requirement());
      } else if (e instanceof dev.envx.format.pyproject.GroupEntry.IncludeGroup inc) {
        includeGroup(py, inc.group().value(), path, out, errors);
      }
    }
    path.remove(key);
  }

  private static boolean hasPipSection(EnvxTable envx) {
    return !envx.pip().isEmpty();
  }

  /**
   * Entries whose selector holds on {@code platform}, without their selector; entries whose selector cannot
   * be evaluated keep it (with a warning).
   */
  private static <T> List<T> filter(List<T> in, String platform, List<Diagnostic> diags,
      java.util.function.Function<T, Selector> selector, java.util.function.Function<T, dev.envx.diag.Span> span,
      java.util.function.Function<T, T> withoutSelector) {
    List<T> out = new ArrayList<>();
    for (T c : in) {
      Selector sel = selector.apply(c);
      if (sel == null) {
        out.add(c);
        continue;
      }
      Boolean holds = Selectors.holdsOn(sel.expression(), platform);
      if (holds == null) {
        diags.add(Diagnostic.warning("cannot evaluate selector `" + sel.expression() + "` for `" + platform
            + "`; the entry keeps it", span.apply(c)));
        out.add(c);
      } else if (holds) {
        out.add(withoutSelector.apply(c));
      }
    }
    return out;
  }

  /** The conda name for a PEP 725 DepURL ({@code pkg:generic/openssl}, {@code virtual:compiler/c}). */
  static String externalName(String depUrl) {
    String u = depUrl.strip();
    int at = u.indexOf('@');
    if (at > 0) {
      u = u.substring(0, at);
    }
    if (u.startsWith("dep:")) {
      u = u.substring(4);
    }
    if (u.startsWith("pkg:generic/") || u.startsWith("pkg:conda/")) {
      return u.substring(u.indexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
    }
    if (u.startsWith("generic/")) {
      return u.substring(8).toLowerCase(java.util.Locale.ROOT);
    }
    return switch (u.replace("virtual:", "").replace("virtual/", "")) {
      case "compiler/c" -> "c-compiler";
      case "compiler/cpp", "compiler/cxx", "compiler/c++" -> "cxx-compiler";
      case "compiler/fortran" -> "fortran-compiler";
      case "compiler/rust" -> "rust";
      case "compiler/go" -> "go";
      default -> null;
    };
  }
}
