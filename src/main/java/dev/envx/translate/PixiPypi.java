package dev.envx.translate;

import dev.envx.diag.Diagnostic;
import dev.envx.format.TomlText;
import dev.envx.format.envyml.EnvironmentYml;
import dev.envx.format.envyml.PipLine;
import dev.envx.model.pep508.Requirement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The PyPI side of {@code --style pixi}: each pip line of an environment file as pixi's
 * {@code [tool.pixi.pypi-dependencies]} entry ({@code { git, rev, subdirectory }}, {@code { path, editable }},
 * {@code { url }}, {@code "version"} or {@code { version, extras }}, per target for a selector) or a
 * {@code [tool.pixi.pypi-options]} value; a warning names the package and the part pixi has no field for.
 * A requirement ({@code name[extras] specifier}, also {@code name @ url}) is carried by {@code [project.dependencies]},
 * which pixi reads as its PyPI dependencies, so it has no entry of its own: with a selector, that entry has the
 * selector as a PEP 508 marker, and a target table does not name the package a second time. One package, one
 * requirement pixi reads per platform.
 */
final class PixiPypi {
  private PixiPypi() {}

  /**
   * One line's place in pixi's tables.
   *
   * @param option {@code --index-url}, {@code --extra-index-url}, {@code --find-links}, or {@code ""} for a
   *     dependency
   * @param target the pixi target ({@code ""} for none)
   * @param name the dependency's key
   * @param value the TOML value (for an option: the plain string)
   */
  record Entry(String option, String target, String name, String value) {}

  static Entry entry(PipLine l, EnvironmentYml env, List<Diagnostic> diags) {
    String text = l.text();
    PipLines.Option o = l.selector() == null ? PipLines.option(text) : null;
    if (o != null) {
      if (o.name().equals("--trusted-host")) {
        diags.add(Diagnostic.warning("pixi has no `--trusted-host` option; `" + text + "` is not written",
            l.span()));
        return null;
      }
      return new Entry(o.name(), "", "", o.value());
    }
    String target = "";
    if (l.selector() != null) {
      if (PipLines.looksLikeRequirement(text) && PipLines.requirementBeforeOptions(text) == null
          && Selectors.toMarker(l.selector().expression()) != null) {
        // `[project.dependencies]` carries it, the selector as a PEP 508 marker, and pixi reads that entry as the
        // package's PyPI requirement, marker evaluated per platform; an entry in a target table as well would be
        // a second requirement for the same package, which pixi lets override the first on that platform
        // (prefix-dev/pixi#3736 is what two places for one package can do)
        String marker = Selectors.toMarker(l.selector().expression());
        diags.add(Diagnostic.note("the selector `[" + l.selector().expression() + "]` of `"
            + PipLines.nameOf(text).map(n -> n.original()).orElse(text) + "` is the marker `" + marker
            + "` of its `[project.dependencies]` entry, the one requirement pixi reads for it on every platform; "
            + "converted back, the pip line keeps the marker", l.span()));
        return null;
      }
      target = ToolStyles.pixiTarget(l.selector().expression());
      if (target == null) {
        diags.add(Diagnostic.warning("selector `" + l.selector().expression() + "` has no pixi target; pip line `"
            + text + "` is not written", l.span()));
        return null;
      }
    }
    Optional<PipSource> src = PipSource.of(text);
    if (src.isPresent()) {
      return source(src.get(), l, target, env, diags);
    }
    if (PipLines.isPre(text)) {
      diags.add(Diagnostic.warning("pixi has no `--pre` option for all packages; `--pre` is not written",
          l.span(), "allow a pre-release per package with a pre-release version in its specifier"));
      return null;
    }
    String req = PipLines.requirementBeforeOptions(text);
    if (req != null) {
      String name = PipLines.nameOf(text).map(n -> n.original()).orElse(req);
      diags.add(Diagnostic.warning("pixi has no field for `" + text.strip().substring(req.length()).strip()
          + "` of `" + name + "`; that part is not carried (the requirement is, in `[project.dependencies]`)",
          l.span()));
      return null;
    }
    if (!PipLines.looksLikeRequirement(text)) {
      diags.add(Diagnostic.warning("pip line `" + text + "` has no pixi form and is not written", l.span()));
      return null;
    }
    if (target.isEmpty()) {
      return null; // in `[project.dependencies]`
    }
    Requirement r = Requirement.tryParse(text).orElse(null);
    if (r == null) {
      return null; // reported by the translation of `[project.dependencies]`
    }
    if (r.marker() != null) {
      diags.add(Diagnostic.warning("pixi's target tables have no field for the marker `" + r.marker() + "` of `"
          + r.name().original() + "`; that part is not carried", l.span()));
    }
    Map<String, String> f = new LinkedHashMap<>();
    if (r.url() != null) {
      Optional<PipSource> ref = PipSource.of(r.url().startsWith("git+") ? r.url() : r.url().strip());
      if (ref.isPresent()) {
        fields(ref.get(), f);
      } else {
        f.put("url", TomlText.str(r.url()));
      }
    } else {
      String v = VersionTranslation.written(r.specifier());
      f.put("version", TomlText.str(v.isEmpty() ? "*" : v));
    }
    extras(r.extras(), f);
    return new Entry("", target, r.name().original(), inline(f));
  }

  private static Entry source(PipSource s, PipLine l, String target, EnvironmentYml env, List<Diagnostic> diags) {
    String name = s.name();
    if (name == null && s.kind() == PipSource.Kind.PATH && s.location().replaceAll("/+$", "").equals(".")) {
      name = EnvToPyproject.projectName(env.nameValue().orElse(null));
    }
    if (name == null) {
      diags.add(Diagnostic.warning("pixi needs a package name for pip line `" + l.text() + "`, and none can be "
          + "told from it; it is not written", l.span(), "add `#egg=NAME` to the line"));
      return null;
    }
    if (s.editable() && s.kind() != PipSource.Kind.PATH) {
      diags.add(Diagnostic.warning("pixi has no editable " + (s.kind() == PipSource.Kind.GIT ? "git" : "URL")
          + " dependency; `-e` of `" + name + "` is not carried (it is installed as not editable)", l.span()));
    }
    Map<String, String> f = new LinkedHashMap<>();
    fields(s, f);
    if (s.kind() == PipSource.Kind.PATH && s.editable()) {
      f.put("editable", "true");
    }
    return new Entry("", target, name, inline(f));
  }

  private static void fields(PipSource s, Map<String, String> f) {
    switch (s.kind()) {
      case GIT -> {
        f.put("git", TomlText.str(s.location()));
        if (s.rev() != null) {
          f.put("rev", TomlText.str(s.rev()));
        }
      }
      case PATH -> f.put("path", TomlText.str(s.location()));
      case URL -> f.put("url", TomlText.str(s.location()));
    }
    if (s.subdirectory() != null) {
      f.put("subdirectory", TomlText.str(s.subdirectory()));
    }
  }

  private static void extras(List<String> extras, Map<String, String> f) {
    if (!extras.isEmpty()) {
      List<String> q = new ArrayList<>();
      extras.forEach(x -> q.add(TomlText.str(x)));
      f.put("extras", "[" + String.join(", ", q) + "]");
    }
  }

  /** {@code "v"} for a version alone, else an inline table. */
  static String inline(Map<String, String> f) {
    if (f.size() == 1 && f.containsKey("version")) {
      return f.get("version");
    }
    StringBuilder v = new StringBuilder("{ ");
    f.forEach((k, x) -> v.append(v.length() > 2 ? ", " : "").append(k).append(" = ").append(x));
    return v.append(" }").toString();
  }
}
