package dev.envx.translate;

import dev.envx.diag.Diagnostic;
import dev.envx.format.Located;
import dev.envx.format.envyml.CondaDependency;
import dev.envx.format.envyml.EnvironmentYml;
import dev.envx.format.envyml.PipLine;
import dev.envx.format.TomlText;
import dev.envx.model.conda.MatchSpec;
import dev.envx.model.conda.VersionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The conda side of an environment written as another tool's tables instead of {@code [tool.envx]}: pixi's
 * {@code [tool.pixi.*]} or conda-lock's {@code [tool.conda-lock]}. Both say less than envx's table; every entry
 * they cannot hold is reported as a warning.
 */
public final class ToolStyles {
  private ToolStyles() {}

  public enum Style { envx, pixi, conda_lock }

  public record Tables(String text, List<Diagnostic> diagnostics) {}

  public static Tables pixi(EnvironmentYml env) {
    List<Diagnostic> diags = new ArrayList<>();
    StringBuilder sb = new StringBuilder("[tool.pixi.workspace]\n");
    if (env.name() != null) {
      sb.append("name = ").append(TomlText.str(env.name().value())).append('\n');
    }
    sb.append(TomlText.array("channels", env.channels().stream().map(c -> TomlText.str(c.value())).toList()));
    if (env.platforms().isEmpty()) {
      diags.add(Diagnostic.warning("pixi needs `platforms`; none are given, so `linux-64` is written", null,
          "add `platforms:` to the environment file or edit `[tool.pixi.workspace]`"));
      sb.append("platforms = [\"linux-64\"]\n");
    } else {
      sb.append(TomlText.array("platforms", env.platforms().stream().map(c -> TomlText.str(c.value())).toList()));
    }
    Map<String, Map<String, String>> byTarget = new TreeMap<>();
    for (CondaDependency c : env.conda()) {
      String target = "";
      if (c.selector() != null) {
        target = pixiTarget(c.selector().expression());
        if (target == null) {
          diags.add(Diagnostic.warning("selector `" + c.selector().expression() + "` has no pixi target; `"
              + c.spec() + "` is not written", c.span()));
          continue;
        }
      }
      MatchSpec s = MatchSpec.parse(c.spec());
      if (s.url() != null) {
        byTarget.computeIfAbsent(target, k -> new TreeMap<>()).put(s.nameOrStar(),
            "{ url = " + TomlText.str(s.url()) + " }");
        continue;
      }
      byTarget.computeIfAbsent(target, k -> new TreeMap<>()).put(s.nameOrStar(), pixiValue(s, c, diags));
    }
    for (Map.Entry<String, Map<String, String>> t : byTarget.entrySet()) {
      sb.append('\n').append(t.getKey().isEmpty() ? "[tool.pixi.dependencies]\n"
          : "[tool.pixi.target." + t.getKey() + ".dependencies]\n");
      t.getValue().forEach((k, v) -> sb.append(TomlText.key(k)).append(" = ").append(v).append('\n'));
    }
    Map<String, Map<String, String>> pypiByTarget = new TreeMap<>();
    List<String> indexes = new ArrayList<>();
    List<String> findLinks = new ArrayList<>();
    String indexUrl = null;
    for (PipLine l : env.pip()) {
      PixiPypi.Entry e = PixiPypi.entry(l, env, diags);
      if (e == null) {
        continue;
      }
      switch (e.option()) {
        case "--index-url" -> indexUrl = e.value();
        case "--extra-index-url" -> indexes.add(TomlText.str(e.value()));
        case "--find-links" -> findLinks.add(e.value());
        default -> pypiByTarget.computeIfAbsent(e.target(), k -> new java.util.LinkedHashMap<>())
            .put(e.name(), e.value());
      }
    }
    for (Map.Entry<String, Map<String, String>> t : pypiByTarget.entrySet()) {
      sb.append('\n').append(t.getKey().isEmpty() ? "[tool.pixi.pypi-dependencies]\n"
          : "[tool.pixi.target." + t.getKey() + ".pypi-dependencies]\n");
      t.getValue().forEach((k, v) -> sb.append(TomlText.key(k)).append(" = ").append(v).append('\n'));
    }
    if (indexUrl != null || !indexes.isEmpty() || !findLinks.isEmpty()) {
      sb.append("\n[tool.pixi.pypi-options]\n");
      if (indexUrl != null) {
        sb.append("index-url = ").append(TomlText.str(indexUrl)).append('\n');
      }
      if (!indexes.isEmpty()) {
        sb.append(TomlText.array("extra-index-urls", indexes));
      }
      if (!findLinks.isEmpty()) {
        sb.append(TomlText.array("find-links", findLinks.stream().map(f -> "{ "
            + (f.matches("[a-z][a-z0-9+.-]*://.*") ? "url" : "path") + " = " + TomlText.str(f) + " }").toList()));
      }
    }
    if (!env.variables().isEmpty()) {
      sb.append("\n[tool.pixi.activation.env]\n");
      for (Map.Entry<String, Located<String>> e : env.variables().entrySet()) {
        sb.append(TomlText.key(e.getKey())).append(" = ").append(TomlText.str(e.getValue().value())).append('\n');
      }
    }
    notCarried(env, diags, "pixi", env.prefix(), env.category());
    return new Tables(sb.toString(), diags);
  }

  /**
   * A pixi dependency value carrying every field pixi's table has (version, build, build-number, channel,
   * subdir, md5, sha256, url); a warning names each part it has no field for.
   */
  private static String pixiValue(MatchSpec m, CondaDependency c, List<Diagnostic> diags) {
    java.util.LinkedHashMap<String, String> f = new java.util.LinkedHashMap<>();
    f.put("version", m.version() == null ? "*" : m.version().toString());
    if (m.build() != null) {
      f.put("build", m.build().toString());
    }
    if (m.buildNumber() != null) {
      f.put("build-number", m.buildNumber().toString());
    }
    if (m.channel() != null) {
      f.put("channel", m.channel());
    }
    if (m.subdir() != null) {
      f.put("subdir", m.subdir());
    }
    if (m.md5() != null) {
      f.put("md5", m.md5());
    }
    if (m.sha256() != null) {
      f.put("sha256", m.sha256());
    }
    if (m.url() != null) {
      f.put("url", m.url());
    }
    List<String> lost = new ArrayList<>();
    if (!m.trackFeatures().isEmpty()) {
      lost.add("track_features");
    }
    if (!m.features().isEmpty()) {
      lost.add("features");
    }
    for (var e : java.util.Map.of("license", java.util.Objects.toString(m.license(), ""), "license_family",
        java.util.Objects.toString(m.licenseFamily(), ""), "when", java.util.Objects.toString(m.when(), ""),
        "namespace", java.util.Objects.toString(m.namespace(), "")).entrySet()) {
      if (!e.getValue().isEmpty()) {
        lost.add(e.getKey());
      }
    }
    if (m.extras() != null && !m.extras().isEmpty()) {
      lost.add("extras");
    }
    if (m.flags() != null && !m.flags().isEmpty()) {
      lost.add("flags");
    }
    if (!lost.isEmpty()) {
      java.util.Collections.sort(lost);
      diags.add(Diagnostic.warning("pixi has no field for " + String.join(", ", lost.stream().map(x -> "`" + x + "`").toList())
          + " of `" + c.spec() + "`; that part is not carried", c.span()));
    }
    if (f.size() == 1) {
      return TomlText.str(f.get("version"));
    }
    StringBuilder v = new StringBuilder("{ ");
    f.forEach((k, x) -> v.append(v.length() > 2 ? ", " : "").append(k).append(" = ").append(TomlText.str(x)));
    return v.append(" }").toString();
  }

  public static Tables condaLock(EnvironmentYml env) {
    List<Diagnostic> diags = new ArrayList<>();
    StringBuilder sb = new StringBuilder("[tool.conda-lock]\n");
    sb.append(TomlText.array("channels", env.channels().stream().map(c -> TomlText.str(c.value())).toList()));
    if (!env.platforms().isEmpty()) {
      sb.append(TomlText.array("platforms", env.platforms().stream().map(c -> TomlText.str(c.value())).toList()));
    }
    List<String> repositories = new ArrayList<>(env.pipRepositories().stream().map(Located::value).toList());
    env.pip().stream().map(l -> l.selector() == null ? PipLines.option(l.text()) : null)
        .filter(o -> o != null && o.name().equals("--extra-index-url")).forEach(o -> repositories.add(o.value()));
    if (!repositories.isEmpty()) {
      sb.append(TomlText.array("pip-repositories", repositories.stream().map(TomlText::str).toList()));
    }
    Map<String, String> deps = new TreeMap<>();
    for (CondaDependency c : env.conda()) {
      if (c.selector() != null) {
        diags.add(Diagnostic.warning("conda-lock's pyproject tables have no selectors; `" + c.spec()
            + "` is not written", c.span()));
        continue;
      }
      MatchSpec s = MatchSpec.parse(c.spec());
      if (s.url() != null) {
        diags.add(Diagnostic.warning("conda-lock's pyproject tables have no package URLs; `" + c.spec()
            + "` is not written", c.span()));
        continue;
      }
      if (s.build() != null || !s.withoutChannelAndBuild().constrainsOnlyNameAndVersion()) {
        diags.add(Diagnostic.warning("the build string of `" + c.spec() + "` is not carried to conda-lock",
            c.span()));
      }
      String key = (channel(s) == null ? "" : channel(s) + "::") + s.nameOrStar();
      deps.put(key, versionText(s));
    }
    // conda-lock maps `[project.dependencies]` to conda packages: a pip line's package says `source = "pypi"`
    for (PipLine l : env.pip()) {
      String key = CondaLockPip.entry(l, diags);
      if (key != null && !deps.containsKey(key)) {
        deps.put(key, "{ source = \"pypi\" }");
      }
    }
    if (!deps.isEmpty()) {
      sb.append("\n[tool.conda-lock.dependencies]\n");
      deps.forEach((k, v) -> sb.append(TomlText.key(k)).append(" = ").append(v.startsWith("{") ? v
          : TomlText.str(v)).append('\n'));
    }
    if (!env.variables().isEmpty()) {
      diags.add(Diagnostic.warning("conda-lock's pyproject tables have no variables; they are not written",
          env.variables().values().iterator().next().span()));
    }
    notCarried(env, diags, "conda-lock", env.prefix(), env.category());
    return new Tables(sb.toString(), diags);
  }

  private static void notCarried(EnvironmentYml env, List<Diagnostic> diags, String tool, Located<?>... values) {
    for (Located<?> v : values) {
      if (v != null) {
        diags.add(Diagnostic.warning(tool + "'s tables cannot hold `" + v.value() + "`; it is not written",
            v.span()));
      }
    }
  }

  /** The version as these tables write it: {@code *} for any, a prefix match as {@code 1.2.*}. */
  private static String versionText(MatchSpec s) {
    if (s.version() == null) {
      return "*";
    }
    if (s.version() instanceof VersionSpec.StartsWith p && !p.negated()) {
      return p.prefix().original().strip() + ".*";
    }
    return s.version().toString();
  }

  /** The channel as written before {@code ::}, with its subdir ({@code conda-forge/linux-64}); null for none. */
  private static String channel(MatchSpec s) {
    return s.channel() == null ? null : s.subdir() == null ? s.channel() : s.channel() + "/" + s.subdir();
  }

  /** The pixi target for a selector, or null. */
  static String pixiTarget(String selector) {
    return switch (selector.strip().replaceAll("\\s+", " ")) {
      case "linux", "osx", "win", "unix" -> selector.strip();
      case "linux64" -> "linux-64";
      case "osx64", "osx and x86_64" -> "osx-64";
      case "win64" -> "win-64";
      case "osx and arm64", "arm64 and osx" -> "osx-arm64";
      case "linux and aarch64", "aarch64" -> "linux-aarch64";
      case "linux and ppc64le", "ppc64le" -> "linux-ppc64le";
      default -> null;
    };
  }
}
