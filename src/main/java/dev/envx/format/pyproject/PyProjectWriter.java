package dev.envx.format.pyproject;

import dev.envx.format.TomlText;
import dev.envx.format.Located;
import dev.envx.format.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the tables envx owns: a whole new pyproject.toml ({@link #newFile}), or the text of the
 * {@code [tool.envx]} tables and the {@code [project]} keys for {@link PyProjectEditor} to splice into an
 * existing file. Output is deterministic.
 */
public final class PyProjectWriter {
  private PyProjectWriter() {}

  /**
   * The {@code [project]} keys envx writes.
   *
   * @param name project name (new files only)
   * @param version version (new files only)
   * @param requiresPython null when there is none
   * @param dependencies PEP 508 strings in order
   */
  public record ProjectKeys(String name, String version, String requiresPython, List<String> dependencies) {
    public ProjectKeys {
      dependencies = List.copyOf(dependencies);
    }
  }

  public static String newFile(ProjectKeys project, EnvxTable envx) {
    StringBuilder sb = new StringBuilder();
    sb.append("[project]\n");
    sb.append("name = ").append(TomlText.str(project.name())).append('\n');
    sb.append("version = ").append(TomlText.str(project.version())).append('\n');
    if (project.requiresPython() != null) {
      sb.append(requiresPython(project.requiresPython()));
    }
    sb.append(dependencies(project.dependencies()));
    if (envx != null) {
      sb.append('\n').append(envxTables(envx));
    }
    return sb.toString();
  }

  static String requiresPython(String spec) {
    return "requires-python = " + TomlText.str(spec) + "\n";
  }

  static String dependencies(List<String> deps) {
    if (deps.isEmpty()) {
      return "dependencies = []\n";
    }
    StringBuilder sb = new StringBuilder("dependencies = [\n");
    for (String d : deps) {
      sb.append("  ").append(TomlText.str(d)).append(",\n");
    }
    return sb.append("]\n").toString();
  }

  /** {@code [tool.envx]} and its sub-tables, ending with a newline. */
  public static String envxTables(EnvxTable t) {
    StringBuilder sb = new StringBuilder("[tool.envx]\n");
    sb.append("format = ").append(t.format()).append('\n');
    if (t.mirror() != null) {
      sb.append(t.mirror().key()).append(" = ").append(TomlText.str(t.mirror().file().value())).append('\n');
    }
    opt(sb, "name", t.name());
    opt(sb, "category", t.category());
    list(sb, "channels", t.channels());
    list(sb, "platforms", t.platforms());
    opt(sb, "prefix", t.prefix());
    entries(sb, "conda-dependencies", "spec", t.condaDependencies());
    PipOptions p = t.pip();
    if (!p.isEmpty()) {
      sb.append("\n[tool.envx.pip]\n");
      opt(sb, "index-url", p.indexUrl());
      list(sb, "extra-index-urls", p.extraIndexUrls());
      list(sb, "find-links", p.findLinks());
      list(sb, "trusted-hosts", p.trustedHosts());
      if (p.pre()) {
        sb.append("pre = true\n");
      }
      list(sb, "packages", p.packages());
      entries(sb, "requirements", "line", p.requirements());
      list(sb, "repositories", p.repositories());
    }
    if (!t.variables().isEmpty()) {
      sb.append("\n[tool.envx.variables]\n");
      for (Map.Entry<String, Located<String>> e : t.variables().entrySet()) {
        sb.append(TomlText.key(e.getKey())).append(" = ").append(TomlText.str(e.getValue().value())).append('\n');
      }
    }
    return sb.toString();
  }

  private static void opt(StringBuilder sb, String key, Located<String> v) {
    if (v != null) {
      sb.append(key).append(" = ").append(TomlText.str(v.value())).append('\n');
    }
  }

  private static void list(StringBuilder sb, String key, List<Located<String>> vs) {
    if (!vs.isEmpty()) {
      sb.append(TomlText.array(key, vs.stream().map(v -> TomlText.str(v.value())).toList()));
    }
  }

  private static void entries(StringBuilder sb, String key, String field, List<SpecEntry> es) {
    if (es.isEmpty()) {
      return;
    }
    List<String> items = new ArrayList<>();
    for (SpecEntry e : es) {
      Selector s = e.selector();
      items.add(s == null ? TomlText.str(e.text())
          : "{ " + field + " = " + TomlText.str(e.text()) + ", " + s.style().key() + " = " + TomlText.str(s.expression())
              + " }");
    }
    StringBuilder a = new StringBuilder(key).append(" = [\n");
    for (String item : items) {
      a.append("  ").append(item).append(",\n");
    }
    sb.append(a.append("]\n"));
  }
}
