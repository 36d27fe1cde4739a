package dev.envx.migrate;

import dev.envx.diag.Diagnostic;
import dev.envx.diag.EnvxException;
import dev.envx.format.Located;
import dev.envx.format.TomlText;
import dev.envx.format.envyml.CondaDependency;
import dev.envx.format.envyml.EnvYmlReader;
import dev.envx.format.envyml.EnvironmentYml;
import dev.envx.format.envyml.PipLine;
import dev.envx.format.legacy.LegacyManifest;
import dev.envx.format.legacy.Pipfile;
import dev.envx.format.legacy.RequirementsTxt;
import dev.envx.format.legacy.SetupCfg;
import dev.envx.format.legacy.SetupPy;
import dev.envx.format.pyproject.EnvxTable;
import dev.envx.format.pyproject.GroupEntry;
import dev.envx.format.pyproject.PipOptions;
import dev.envx.format.pyproject.PyProject;
import dev.envx.format.pyproject.PyProjectEditor;
import dev.envx.format.pyproject.PyProjectReader;
import dev.envx.format.pyproject.PyProjectWriter;
import dev.envx.format.pyproject.PyProjectWriter.ProjectKeys;
import dev.envx.format.pyproject.SpecEntry;
import dev.envx.model.conda.MatchSpec;
import dev.envx.model.pep508.PyPiName;
import dev.envx.model.pep508.Requirement;
import dev.envx.translate.EnvToPyproject;
import dev.envx.translate.NameMapper;
import dev.envx.translate.PyprojectToEnv;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code envx migrate}, pure: a repository's legacy dependency files → one pyproject.toml. The environment file
 * (the first of {@link Sources#ENV_DIRS}) is translated as {@code envx convert} does; requirements files, setup.cfg,
 * setup.py and Pipfile add PEP 508 requirements to {@code [project] dependencies} (extras to
 * {@code [project.optional-dependencies]}, {@code requirements-NAME.txt} to the {@code NAME} dependency group) and
 * their pip options and non-PEP 508 lines to {@code [tool.envx.pip]}. An existing pyproject.toml is updated in
 * place: only {@code [project]}'s dependencies / requires-python and {@code [tool.envx]} change, and new tables are
 * appended. The result is read back to prove every dependency is in it.
 */
public final class Migrator {
  private Migrator() {}

  public static Migration migrate(Sources sources, String repoName, NameMapper mapper) {
    List<String> read = new ArrayList<>();
    List<String> carried = new ArrayList<>();
    List<Diagnostic> mapped = new ArrayList<>();
    List<Diagnostic> left = new ArrayList<>();
    RequirementsTxt.Files files = p -> sources.text(p);

    // the environment file
    List<String> envs = sources.of(Sources.Kind.ENVIRONMENT);
    EnvironmentYml env = null;
    String envPath = null;
    ProjectKeys project;
    EnvxTable envx;
    if (!envs.isEmpty()) {
      envPath = envs.get(0);
      env = EnvYmlReader.parse(sources.texts().get(envPath), envPath);
      read.add(envPath);
      EnvToPyproject.Result r = EnvToPyproject.translate(env, mapper);
      project = r.project();
      envx = r.envx();
      for (Diagnostic d : r.diagnostics()) {
        (d.severity() == dev.envx.diag.Severity.WARNING ? left : mapped).add(d);
      }
      long toPypi = r.project().dependencies().size();
      carried.add(envPath + ": " + env.conda().size() + " conda and " + env.pip().size() + " pip entries → "
          + toPypi + " [project] dependencies, " + envx.condaDependencies().size() + " [tool.envx] conda-dependencies"
          + (envx.pip().requirements().isEmpty() ? "" : ", " + envx.pip().requirements().size() + " pip lines"));
      mappedNames(env, mapper, mapped);
      for (String other : envs.subList(1, envs.size())) {
        left.add(Diagnostic.warning("environment file `" + other + "` is not merged (`" + envPath + "` is used)", null,
            "convert it separately: `envx convert " + other + " -o -`"));
      }
    } else {
      project = new ProjectKeys(projectName(repoName), "0.0.0", null, List.of());
      envx = new EnvxTable(EnvxTable.FORMAT, null, null, null, List.of(), List.of(), List.of(), PipOptions.EMPTY,
          Map.of());
    }

    // legacy files
    List<LegacyManifest> legacy = new ArrayList<>();
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (String p : sources.of(Sources.Kind.SETUP_CFG)) {
      legacy.add(SetupCfg.read(p, sources.texts().get(p), files));
    }
    for (String p : sources.of(Sources.Kind.SETUP_PY)) {
      legacy.add(SetupPy.read(p, sources.texts().get(p)));
    }
    for (String p : sources.of(Sources.Kind.PIPFILE)) {
      legacy.add(Pipfile.read(p, sources.texts().get(p)));
    }
    Set<String> included = new LinkedHashSet<>();
    List<String> reqFiles = sources.of(Sources.Kind.REQUIREMENTS);
    for (String p : reqFiles) {
      LegacyManifest m = RequirementsTxt.read(p, sources.texts().get(p), files);
      legacy.add(m);
    }
    List<String> deps = new ArrayList<>(project.dependencies().stream().map(Located::value).toList());
    String requiresPython = project.requiresPython();
    Map<String, List<String>> extras = new LinkedHashMap<>();
    List<String> options = new ArrayList<>();
    List<String> pipLines = new ArrayList<>();
    for (LegacyManifest m : legacy) {
      read.add(m.origin());
      String group = m.kind() == LegacyManifest.Kind.REQUIREMENTS ? Sources.groupOf(m.origin()) : null;
      List<String> target = group == null ? deps : groups.computeIfAbsent(group, g -> new ArrayList<>());
      int before = target.size();
      for (Located<String> r : m.requirements()) {
        if (!target.contains(r.value())) {
          target.add(r.value());
        }
      }
      StringBuilder what = new StringBuilder(m.origin() + ": " + m.requirements().size() + " requirement"
          + (m.requirements().size() == 1 ? "" : "s") + " → " + (group == null ? "[project] dependencies"
              : "[dependency-groups] " + group) + (target.size() - before < m.requirements().size()
                  ? " (" + (m.requirements().size() - (target.size() - before)) + " already there)" : ""));
      for (Map.Entry<String, List<Located<String>>> e : m.extras().entrySet()) {
        List<String> ex = extras.computeIfAbsent(extraName(e.getKey()), k -> new ArrayList<>());
        e.getValue().forEach(r -> {
          if (!ex.contains(r.value())) {
            ex.add(r.value());
          }
        });
        what.append(", ").append(e.getValue().size()).append(" → extra ").append(extraName(e.getKey()));
      }
      if (m.requiresPython() != null) {
        if (requiresPython == null) {
          requiresPython = m.requiresPython().value();
          what.append(", requires-python ").append(requiresPython);
        } else if (!requiresPython.equals(m.requiresPython().value())) {
          left.add(Diagnostic.warning("python requirement `" + m.requiresPython().value() + "` of `" + m.origin()
              + "` is not carried: `" + requiresPython + "` is used", m.requiresPython().span()));
        }
      }
      m.pipOptions().forEach(o -> {
        if (!options.contains(o.value())) {
          options.add(o.value());
        }
      });
      m.pipLines().forEach(l -> {
        if (!pipLines.contains(l.value())) {
          pipLines.add(l.value());
        }
      });
      if (!m.pipOptions().isEmpty() || !m.pipLines().isEmpty()) {
        what.append(", ").append(m.pipOptions().size() + m.pipLines().size()).append(" pip lines/options → [tool.envx.pip]");
      }
      carried.add(what.toString());
      left.addAll(m.left());
    }
    envx = withPip(envx, options, pipLines, left);

    // an environment file that is the only source stays the source: pyproject.toml is declared its mirror
    boolean onlyEnv = env != null && legacy.isEmpty();
    String existingText = sources.text("pyproject.toml").orElse(null);
    String out;
    if (existingText != null) {
      read.add("pyproject.toml");
      PyProject existing = PyProjectReader.parse(existingText, "pyproject.toml");
      if (existing.envx() != null && existing.condaSource() == null) {
        throw EnvxException.input("`pyproject.toml` already has a `[tool.envx]` table", null,
            "this repository is migrated already; run `envx check` instead");
      }
      if (existing.project() != null && existing.project().dynamic().contains("dependencies")) {
        throw EnvxException.input("`pyproject.toml` declares `dependencies` dynamic", null,
            "its build backend computes them; list them statically before migrating");
      }
      List<String> merged = new ArrayList<>();
      if (existing.project() != null) {
        existing.project().dependencies().forEach(d -> merged.add(d.value()));
        if (requiresPython == null && existing.project().requiresPython() != null) {
          requiresPython = existing.project().requiresPython().value();
        }
      }
      deps.forEach(d -> {
        if (!merged.contains(d)) {
          merged.add(d);
        }
      });
      ProjectKeys keys = ProjectKeys.of(project.name(), project.version(), requiresPython, merged);
      out = PyProjectEditor.update(existingText, keys, envxOrNull(envx));
      out = appendTables(out, existing, extras, groups, left);
    } else {
      if (onlyEnv) {
        envx = envx.withMirror(new EnvxTable.Mirror(Located.of(envPath), false));
        carried.add("pyproject.toml declares itself a mirror of " + envPath + " (`envx check` keeps them in step)");
      }
      ProjectKeys keys = ProjectKeys.of(project.name(), project.version(), requiresPython, deps);
      out = PyProjectWriter.newFile(keys, envxOrNull(envx));
      out = appendTables(out, null, extras, groups, left);
    }
    List<String> missing = readBack(out, env, legacy, groups, mapper);
    return new Migration(out, existingText != null, read, carried, mapped, left, missing);
  }

  /** conda names that became other PyPI names. */
  private static void mappedNames(EnvironmentYml env, NameMapper mapper, List<Diagnostic> mapped) {
    for (CondaDependency c : env.conda()) {
      try {
        MatchSpec s = MatchSpec.parse(c.spec());
        var conda = dev.envx.model.conda.CondaName.parse(s.nameOrStar());
        mapper.toPypi(conda).ifPresent(p -> {
          if (!p.normalized().equals(conda.normalized())) {
            mapped.add(Diagnostic.note("conda `" + conda.original() + "` is PyPI `" + p.normalized() + "`", c.span()));
          }
        });
      } catch (IllegalArgumentException e) {
        // not a plain name: kept verbatim in [tool.envx] by the translation
      }
    }
  }

  private static EnvxTable withPip(EnvxTable t, List<String> options, List<String> lines, List<Diagnostic> left) {
    if (options.isEmpty() && lines.isEmpty()) {
      return t;
    }
    PipOptions p = t.pip();
    Located<String> index = p.indexUrl();
    List<Located<String>> extra = new ArrayList<>(p.extraIndexUrls());
    List<Located<String>> find = new ArrayList<>(p.findLinks());
    List<Located<String>> trusted = new ArrayList<>(p.trustedHosts());
    boolean pre = p.pre();
    List<SpecEntry> reqs = new ArrayList<>(p.requirements());
    for (String o : options) {
      int sp = o.indexOf(' ');
      String name = sp < 0 ? o : o.substring(0, sp);
      Located<String> v = Located.of(sp < 0 ? "" : o.substring(sp + 1).strip());
      switch (name) {
        case "--index-url" -> {
          if (index == null) {
            index = v;
          } else if (!index.value().equals(v.value())) {
            extra.add(v);
            left.add(Diagnostic.warning("a second `--index-url " + v.value() + "` becomes an extra index", null));
          }
        }
        case "--extra-index-url" -> extra.add(v);
        case "--find-links" -> find.add(v);
        case "--trusted-host" -> trusted.add(v);
        case "--pre" -> pre = true;
        default -> reqs.add(new SpecEntry(o, null, null)); // --no-index, --prefer-binary, ...: verbatim pip lines
      }
    }
    lines.forEach(l -> reqs.add(new SpecEntry(l, null, null)));
    PipOptions np = new PipOptions(index, dedupe(extra), dedupe(find), dedupe(trusted), pre, p.packages(), reqs,
        p.repositories());
    return new EnvxTable(t.format(), t.name(), t.prefix(), t.category(), t.channels(), t.platforms(),
        t.condaDependencies(), np, t.variables(), t.layout(), t.mirror());
  }

  private static List<Located<String>> dedupe(List<Located<String>> vs) {
    Map<String, Located<String>> m = new LinkedHashMap<>();
    vs.forEach(v -> m.putIfAbsent(v.value(), v));
    return new ArrayList<>(m.values());
  }

  /** The table, or null when it says nothing (a repository with PyPI requirements only gets no [tool.envx]). */
  private static EnvxTable envxOrNull(EnvxTable t) {
    boolean empty = t.name() == null && t.prefix() == null && t.category() == null && t.channels().isEmpty()
        && t.platforms().isEmpty() && t.condaDependencies().isEmpty() && t.pip().isEmpty() && t.variables().isEmpty()
        && t.mirror() == null;
    return empty ? null : t;
  }

  /** {@code [project.optional-dependencies]} and {@code [dependency-groups]}, appended when the file has none. */
  private static String appendTables(String text, PyProject existing, Map<String, List<String>> extras,
      Map<String, List<String>> groups, List<Diagnostic> left) {
    StringBuilder sb = new StringBuilder(text);
    if (!extras.isEmpty()) {
      if (existing != null && existing.project() != null && !existing.project().optionalDependencies().isEmpty()) {
        left.add(Diagnostic.warning("extras " + extras.keySet() + " are not added: pyproject.toml has "
            + "`[project.optional-dependencies]` already", null, "merge them by hand"));
      } else {
        sb.append("\n[project.optional-dependencies]\n");
        extras.forEach((k, v) -> sb.append(table(k, v)));
      }
    }
    if (!groups.isEmpty()) {
      if (existing != null && !existing.dependencyGroups().isEmpty()) {
        left.add(Diagnostic.warning("dependency groups " + groups.keySet() + " are not added: pyproject.toml has "
            + "`[dependency-groups]` already", null, "merge them by hand"));
      } else {
        sb.append("\n[dependency-groups]\n");
        groups.forEach((k, v) -> sb.append(table(k, v)));
      }
    }
    return sb.toString();
  }

  private static String table(String key, List<String> items) {
    if (items.isEmpty()) {
      return TomlText.key(key) + " = []\n";
    }
    StringBuilder sb = new StringBuilder(TomlText.key(key)).append(" = [\n");
    items.forEach(i -> sb.append("  ").append(TomlText.str(i)).append(",\n"));
    return sb.append("]\n").toString();
  }

  /**
   * Reads the result back: every legacy requirement must be in it (as written), every pip line in
   * {@code [tool.envx.pip]}, and exporting it back to an environment must name every package of the environment
   * file. Returns what is missing.
   */
  static List<String> readBack(String text, EnvironmentYml env, List<LegacyManifest> legacy,
      Map<String, List<String>> groups, NameMapper mapper) {
    List<String> missing = new ArrayList<>();
    PyProject py;
    try {
      py = PyProjectReader.parse(text, "pyproject.toml");
    } catch (EnvxException e) {
      return List.of("the result does not read back: " + e.first().oneLine());
    }
    Set<String> have = new LinkedHashSet<>();
    if (py.project() != null) {
      py.project().dependencies().forEach(d -> have.add(d.value()));
      py.project().optionalDependencies().values().forEach(l -> l.forEach(d -> have.add(d.value())));
    }
    py.dependencyGroups().values().forEach(l -> l.forEach(g -> {
      if (g instanceof GroupEntry.Requirement r) {
        have.add(r.requirement().value());
      }
    }));
    if (py.envx() != null) {
      py.envx().pip().requirements().forEach(r -> have.add(r.text()));
    }
    for (LegacyManifest m : legacy) {
      for (Located<String> r : m.allRequirements()) {
        if (!have.contains(r.value())) {
          missing.add(m.origin() + ": `" + r.value() + "`");
        }
      }
      for (Located<String> l : m.pipLines()) {
        if (!have.contains(l.value())) {
          missing.add(m.origin() + ": pip line `" + l.value() + "`");
        }
      }
    }
    if (env != null) {
      EnvironmentYml back = PyprojectToEnv.translate(py, mapper, PyprojectToEnv.Options.DEFAULT).env();
      Set<String> names = new LinkedHashSet<>();
      back.conda().forEach(c -> names.add(condaName(c.spec())));
      Set<String> pipBack = new LinkedHashSet<>();
      back.pip().forEach(l -> {
        pipBack.add(l.text());
        names.add(pypiName(l.text()));
      });
      for (CondaDependency c : env.conda()) {
        if (!names.contains(condaName(c.spec()))) {
          missing.add("conda `" + c.spec() + "`");
        }
      }
      for (PipLine l : env.pip()) {
        if (!pipBack.contains(l.text()) && !names.contains(pypiName(l.text()))) {
          missing.add("pip `" + l.text() + "`");
        }
      }
    }
    return missing;
  }

  private static String condaName(String spec) {
    try {
      return dev.envx.model.conda.CondaName.normalize(MatchSpec.parse(spec, MatchSpec.Mode.LENIENT).nameOrStar());
    } catch (IllegalArgumentException e) {
      return spec;
    }
  }

  private static String pypiName(String line) {
    try {
      return Requirement.parse(line).name().normalized();
    } catch (IllegalArgumentException e) {
      return line;
    }
  }

  private static String extraName(String k) {
    return PyPiName.isValid(k) ? PyPiName.normalize(k) : k.replaceAll("[^A-Za-z0-9._-]+", "-");
  }

  private static String projectName(String repo) {
    String n = repo.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[-._]+|[-._]+$", "");
    return n.isEmpty() ? "project" : PyPiName.normalize(n);
  }
}
