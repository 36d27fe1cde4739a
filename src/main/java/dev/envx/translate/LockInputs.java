package dev.envx.translate;

import dev.envx.format.Located;
import dev.envx.format.Selector;
import dev.envx.format.envyml.CondaDependency;
import dev.envx.format.envyml.EnvironmentYml;
import dev.envx.format.envyml.PipLine;
import dev.envx.format.lock.InputHash;
import dev.envx.format.pyproject.EnvxTable;
import dev.envx.format.pyproject.GroupEntry;
import dev.envx.format.pyproject.PipOptions;
import dev.envx.format.pyproject.ProjectTable;
import dev.envx.format.pyproject.PyProject;
import dev.envx.format.pyproject.SpecEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a lock is made from, read off a manifest (pure): the one definition of the {@link InputHash} a lock
 * records and {@code envx check} recomputes. Entries are the manifest's own spellings with a prefix naming their
 * kind ({@code conda: }, {@code pip: }, {@code extra NAME: }, {@code group NAME: }, ...), so that moving an entry
 * from one kind to another changes the hash while reordering entries does not.
 */
public final class LockInputs {
  /**
   * The mapping identifier recorded today: the embedded snapshot; a refreshed mapping ({@code envx mapping
   * update}) does not yet change it.
   */
  public static final String MAPPING_VERSION = "embedded";

  private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@");
  private static final Pattern CONDA_TOKEN = Pattern.compile("/t/[^/]+/");

  private LockInputs() {}

  /** The inputs of an environment file. */
  public static InputHash of(EnvironmentYml env) {
    List<String> deps = new ArrayList<>();
    for (CondaDependency c : env.conda()) {
      deps.add("conda: " + c.spec() + selector(c.selector()));
    }
    List<String> indexes = new ArrayList<>();
    for (PipLine l : env.pip()) {
      PipLines.Option o = l.selector() == null ? PipLines.option(l.text()) : null;
      if (o != null && (o.name().equals("--index-url") || o.name().equals("--extra-index-url"))) {
        indexes.add(redact(o.value()));
      }
      deps.add("pip: " + l.text() + selector(l.selector()));
    }
    env.pipRepositories().forEach(r -> indexes.add(redact(r.value())));
    if (env.category() != null) {
      deps.add("category: " + env.category().value());
    }
    return new InputHash(deps, values(env.platforms()), env.channels().stream().map(c -> redact(c.value())).toList(),
        indexes, MAPPING_VERSION);
  }

  /** The inputs of a pyproject.toml: {@code [project]}, dependency groups and the conda side. */
  public static InputHash of(PyProject py) {
    List<String> deps = new ArrayList<>();
    ProjectTable p = py.project();
    if (p != null) {
      if (p.requiresPython() != null) {
        deps.add("requires-python: " + p.requiresPython().value());
      }
      p.dependencies().forEach(d -> deps.add("pypi: " + d.value()));
      for (Map.Entry<String, List<Located<String>>> e : p.optionalDependencies().entrySet()) {
        e.getValue().forEach(d -> deps.add("extra " + e.getKey() + ": " + d.value()));
      }
    }
    for (Map.Entry<String, List<GroupEntry>> e : py.dependencyGroups().entrySet()) {
      for (GroupEntry g : e.getValue()) {
        deps.add("group " + e.getKey() + ": " + (g instanceof GroupEntry.Requirement r ? r.requirement().value()
            : "include-group " + ((GroupEntry.IncludeGroup) g).group().value()));
      }
    }
    List<String> platforms = List.of();
    List<String> channels = List.of();
    List<String> indexes = new ArrayList<>();
    EnvxTable t = py.envx();
    if (t != null) {
      for (SpecEntry s : t.condaDependencies()) {
        deps.add("conda: " + s.text() + selector(s.selector()));
      }
      PipOptions pip = t.pip();
      pip.packages().forEach(n -> deps.add("pip-package: " + n.value()));
      t.prefer().lines().forEach(l -> deps.add("prefer: " + l));
      pip.requirements().forEach(r -> deps.add("pip: " + r.text() + selector(r.selector())));
      if (pip.pre()) {
        deps.add("pip-option: --pre");
      }
      if (pip.indexUrl() != null) {
        indexes.add(redact(pip.indexUrl().value()));
      }
      pip.extraIndexUrls().forEach(u -> indexes.add(redact(u.value())));
      pip.repositories().forEach(u -> indexes.add(redact(u.value())));
      if (t.category() != null) {
        deps.add("category: " + t.category().value());
      }
      platforms = values(t.platforms());
      channels = t.channels().stream().map(c -> redact(c.value())).toList();
    }
    return new InputHash(deps, platforms, channels, indexes, MAPPING_VERSION);
  }

  private static String selector(Selector s) {
    return s == null ? "" : "  # [" + s.expression() + "]";
  }

  private static List<String> values(List<Located<String>> vs) {
    return vs.stream().map(Located::value).toList();
  }

  /** Credentials never reach a lock: user info and conda tokens become the references the lock writers use. */
  static String redact(String url) {
    String s = USER_INFO.matcher(url).replaceFirst("$1\\${ENVX_USER}:\\${ENVX_PASSWORD}@");
    return CONDA_TOKEN.matcher(s).replaceAll("/t/\\${ENVX_TOKEN}/");
  }
}
