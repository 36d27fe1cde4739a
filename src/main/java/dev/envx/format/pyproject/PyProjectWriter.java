package dev.envx.format.pyproject;

import dev.envx.format.EnvLayout;
import dev.envx.format.TomlText;
import dev.envx.format.Located;
import dev.envx.format.Selector;
import dev.envx.format.Trivia;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the tables envx owns: a whole new pyproject.toml ({@link #newFile}), or the text of the
 * {@code [tool.envx]} tables and the {@code [project]} keys for {@link PyProjectEditor} to splice into an
 * existing file. Output is deterministic. The comments and blank lines carried by values ({@link Trivia}) are
 * written as TOML comments around them, and an environment file's {@link EnvLayout} as {@code [tool.envx.layout]}.
 */
public final class PyProjectWriter {
  private PyProjectWriter() {}

  /**
   * The {@code [project]} keys envx writes.
   *
   * @param name project name (new files only)
   * @param version version (new files only)
   * @param requiresPython null when there is none
   * @param dependencies PEP 508 strings in order, with the comments to write around them
   */
  public record ProjectKeys(String name, String version, String requiresPython,
      List<Located<String>> dependencies) {
    public ProjectKeys {
      dependencies = List.copyOf(dependencies);
    }

    public static ProjectKeys of(String name, String version, String requiresPython, List<String> dependencies) {
      return new ProjectKeys(name, version, requiresPython, dependencies.stream().map(Located::of).toList());
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

  static String dependencies(List<Located<String>> deps) {
    if (deps.isEmpty()) {
      return "dependencies = []\n";
    }
    StringBuilder sb = new StringBuilder("dependencies = [\n");
    for (Located<String> d : deps) {
      element(sb, TomlText.str(d.value()), d.trivia());
    }
    return sb.append("]\n").toString();
  }

  /** One array element on its own line, with the comment lines before it and the comment after it. */
  private static void element(StringBuilder sb, String rendered, Trivia t) {
    comments(sb, t.before());
    sb.append("  ").append(rendered).append(',').append(t.after()).append('\n');
  }

  /** Lines before a value: blank lines and comments as written (anything else becomes a comment). */
  private static void comments(StringBuilder sb, List<String> lines) {
    for (String l : lines) {
      sb.append(l.isBlank() || l.strip().startsWith("#") ? l : "# " + l).append('\n');
    }
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
        comments(sb, e.getValue().trivia().before());
        sb.append(TomlText.key(e.getKey())).append(" = ").append(TomlText.str(e.getValue().value()))
            .append(e.getValue().trivia().after()).append('\n');
      }
    }
    layout(sb, t.layout());
    return sb.toString();
  }

  /** {@code [tool.envx.layout]}: only what differs from how envx writes an environment file. */
  private static void layout(StringBuilder sb, EnvLayout l) {
    if (l.isDefault()) {
      return;
    }
    sb.append("\n[tool.envx.layout]\n");
    strings(sb, "keys", l.keys());
    if (!l.indents().isEmpty()) {
      List<String> parts = new ArrayList<>();
      l.indents().forEach((k, v) -> parts.add(TomlText.key(k) + " = " + v));
      sb.append("indent = { ").append(String.join(", ", parts)).append(" }\n");
    }
    strings(sb, "flow", List.copyOf(l.flow()));
    strings(sb, "no-value", List.copyOf(l.nulls()));
    if (!l.finalNewline()) {
      sb.append("final-newline = false\n");
    }
    wrapped(sb, "order", l.order());
    wrapped(sb, "pip-order", l.pipOrder());
    strings(sb, "end", l.end());
    spelling(sb, "spelling", l.spelling());
    spelling(sb, "pip-spelling", l.pipSpelling());
    List<Map.Entry<String, Trivia>> before = l.keyTrivia().entrySet().stream()
        .filter(e -> !e.getValue().before().isEmpty()).toList();
    if (!before.isEmpty()) {
      sb.append("\n[tool.envx.layout.before]\n");
      before.forEach(e -> strings(sb, TomlText.key(e.getKey()), e.getValue().before()));
    }
    List<Map.Entry<String, Trivia>> after = l.keyTrivia().entrySet().stream()
        .filter(e -> !e.getValue().after().isEmpty()).toList();
    if (!after.isEmpty()) {
      sb.append("\n[tool.envx.layout.after]\n");
      after.forEach(e -> sb.append(TomlText.key(e.getKey())).append(" = ")
          .append(TomlText.str(e.getValue().after())).append('\n'));
    }
  }

  private static void spelling(StringBuilder sb, String key, Map<String, String> m) {
    if (!m.isEmpty()) {
      sb.append("\n[tool.envx.layout.").append(key).append("]\n");
      m.forEach((k, v) -> sb.append(TomlText.key(k)).append(" = ").append(TomlText.str(v)).append('\n'));
    }
  }

  /** A long array of short strings, several to a line. */
  private static void wrapped(StringBuilder sb, String key, List<String> vs) {
    if (vs.isEmpty()) {
      return;
    }
    sb.append(key).append(" = [\n");
    StringBuilder line = new StringBuilder();
    for (String v : vs) {
      String item = TomlText.str(v) + ",";
      if (line.length() > 0 && line.length() + 1 + item.length() > 98) {
        sb.append(line).append('\n');
        line.setLength(0);
      }
      line.append(line.length() == 0 ? "  " : " ").append(item);
    }
    sb.append(line).append("\n]\n");
  }

  private static void strings(StringBuilder sb, String key, List<String> vs) {
    if (!vs.isEmpty()) {
      sb.append(TomlText.array(key, vs.stream().map(TomlText::str).toList()));
    }
  }

  private static void opt(StringBuilder sb, String key, Located<String> v) {
    if (v != null) {
      comments(sb, v.trivia().before());
      sb.append(key).append(" = ").append(TomlText.str(v.value())).append(v.trivia().after()).append('\n');
    }
  }

  private static void list(StringBuilder sb, String key, List<Located<String>> vs) {
    if (vs.isEmpty()) {
      return;
    }
    if (vs.stream().allMatch(v -> v.trivia().isEmpty())) {
      sb.append(TomlText.array(key, vs.stream().map(v -> TomlText.str(v.value())).toList()));
      return;
    }
    sb.append(key).append(" = [\n");
    for (Located<String> v : vs) {
      element(sb, TomlText.str(v.value()), v.trivia());
    }
    sb.append("]\n");
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
    for (int i = 0; i < items.size(); i++) {
      element(a, items.get(i), es.get(i).trivia());
    }
    sb.append(a.append("]\n"));
  }
}
