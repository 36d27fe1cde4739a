package dev.envx.format.envyml;

import dev.envx.format.EnvLayout;
import dev.envx.format.Located;
import dev.envx.format.Selector;
import dev.envx.format.Trivia;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes an environment file deterministically in the layout {@code conda env export} uses: {@code name},
 * {@code category}, {@code channels}, {@code dependencies} (conda specs in order, then {@code - pip:}),
 * {@code variables}, {@code platforms}, {@code pip-repositories}, {@code prefix}; two-space indentation, pip
 * lines indented by six; selectors as written ({@code # [expr]} comments or {@code sel(expr):} entries). An
 * {@link EnvLayout} (from the file this one was made from) overrides the key order, indentation and list style,
 * and adds the comment and blank lines written around keys and entries, so that a round trip gives the file back.
 */
public final class EnvYmlWriter {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./~$(+-][^\\n]*");
  private static final Pattern NUMBER_LIKE = Pattern.compile(
      "[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\\.(inf|Inf|INF)"
          + "|\\.(nan|NaN|NAN)");
  private static final List<String> RESERVED = List.of("true", "false", "yes", "no", "on", "off", "null", "~",
      "y", "n");

  private EnvYmlWriter() {}

  /** The keys in the order envx writes them when the layout names none. */
  private static final List<String> KEYS = List.of("name", "category", "channels", "dependencies", "variables",
      "platforms", "pip-repositories", "prefix");

  public static String write(EnvironmentYml env) {
    EnvLayout layout = env.layout();
    List<String> keys = new ArrayList<>(layout.keys());
    for (String k : KEYS) {
      if (!keys.contains(k) && present(env, k, false)) {
        keys.add(k);
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String key : keys) {
      if (!present(env, key, layout.keys().contains(key))) {
        continue;
      }
      Trivia t = layout.trivia(key);
      lines(sb, t.before());
      switch (key) {
        case "name" -> scalarKey(sb, key, env.name(), t);
        case "category" -> scalarKey(sb, key, env.category(), t);
        case "prefix" -> scalarKey(sb, key, env.prefix(), t);
        case "channels" -> list(sb, key, env.channels(), layout, t);
        case "platforms" -> list(sb, key, env.platforms(), layout, t);
        case "pip-repositories" -> list(sb, key, env.pipRepositories(), layout, t);
        case "variables" -> variables(sb, env, layout, t);
        case "dependencies" -> dependencies(sb, env, layout, t);
        default -> throw new IllegalStateException("unknown key " + key);
      }
    }
    lines(sb, layout.end());
    if (!layout.finalNewline() && sb.length() > 0 && sb.charAt(sb.length() - 1) == '\n') {
      sb.setLength(sb.length() - 1);
    }
    return sb.toString();
  }

  /** Whether {@code key} is written: it has a value, or the layout says the user wrote it (empty lists too). */
  private static boolean present(EnvironmentYml env, String key, boolean written) {
    return switch (key) {
      case "name" -> env.name() != null;
      case "category" -> env.category() != null;
      case "prefix" -> env.prefix() != null;
      case "channels" -> written || !env.channels().isEmpty();
      case "platforms" -> written || !env.platforms().isEmpty();
      case "pip-repositories" -> written || !env.pipRepositories().isEmpty();
      case "variables" -> written || !env.variables().isEmpty();
      case "dependencies" -> written || !env.dependencies().isEmpty() || env.layout().keys().isEmpty();
      default -> false;
    };
  }

  private static void lines(StringBuilder sb, List<String> lines) {
    for (String l : lines) {
      sb.append(l).append('\n');
    }
  }

  private static void scalarKey(StringBuilder sb, String key, Located<String> v, Trivia t) {
    sb.append(key).append(": ").append(scalar(v.value())).append(t.after()).append('\n');
  }

  /** {@code key:} then the items, or {@code key: [a, b]} / {@code key: []} / {@code key:} as the layout says. */
  private static void listHead(StringBuilder sb, String head, List<String> items, boolean flow, boolean nullValue,
      String after) {
    sb.append(head);
    if (flow) {
      sb.append(" [").append(String.join(", ", items)).append(']');
    } else if (items.isEmpty() && !nullValue) {
      sb.append(" []");
    }
    sb.append(after).append('\n');
  }

  /** Writes {@code key: [...]} as the user wrote it over several lines, while it still holds these values. */
  private static boolean verbatimFlow(StringBuilder sb, String key, List<String> values, EnvLayout layout,
      Trivia t) {
    String raw = layout.spelling().get(EnvYmlReader.FLOW_SPELLING + key);
    if (raw == null || !values.equals(EnvYmlReader.flowValues(raw))) {
      return false;
    }
    sb.append(key).append(": ").append(raw).append(t.after().isBlank() ? "" : t.after()).append('\n');
    return true;
  }

  private static void list(StringBuilder sb, String key, List<Located<String>> vs, EnvLayout layout, Trivia t) {
    if (verbatimFlow(sb, key, vs.stream().map(Located::value).toList(), layout, t)) {
      return;
    }
    boolean flow = layout.flow().contains(key) && vs.stream().allMatch(v -> v.trivia().isEmpty());
    listHead(sb, key + ":", vs.stream().map(v -> scalar(v.value())).toList(), flow, layout.nulls().contains(key),
        t.after());
    if (flow) {
      return;
    }
    String indent = " ".repeat(layout.indent(key, 2));
    for (Located<String> v : vs) {
      lines(sb, v.trivia().before());
      sb.append(indent).append("- ").append(scalar(v.value())).append(v.trivia().after()).append('\n');
    }
  }

  private static void variables(StringBuilder sb, EnvironmentYml env, EnvLayout layout, Trivia t) {
    sb.append("variables:");
    if (env.variables().isEmpty() && !layout.nulls().contains("variables")) {
      sb.append(" {}");
    }
    sb.append(t.after()).append('\n');
    String indent = " ".repeat(layout.indent("variables", 2));
    for (Map.Entry<String, Located<String>> e : env.variables().entrySet()) {
      lines(sb, e.getValue().trivia().before());
      sb.append(indent).append(scalar(e.getKey())).append(": ").append(variableValue(e.getKey(),
              e.getValue().value(), layout))
          .append(e.getValue().trivia().after()).append('\n');
    }
  }

  private static void dependencies(StringBuilder sb, EnvironmentYml env, EnvLayout layout, Trivia t) {
    if (env.dependencies().stream().allMatch(d -> d instanceof CondaDependency c && c.selector() == null)
        && verbatimFlow(sb, "dependencies", env.conda().stream().map(CondaDependency::spec).toList(), layout, t)) {
      return;
    }
    boolean flow = layout.flow().contains("dependencies") && env.dependencies().stream()
        .allMatch(d -> d instanceof CondaDependency c && c.selector() == null && c.trivia().isEmpty());
    listHead(sb, "dependencies:", env.conda().stream().map(c -> scalar(c.spec())).toList(), flow,
        layout.nulls().contains("dependencies") || !env.dependencies().isEmpty(), t.after());
    if (flow) {
      return;
    }
    String indent = " ".repeat(layout.indent("dependencies", 2));
    for (Dependency d : env.dependencies()) {
      if (d instanceof CondaDependency c) {
        lines(sb, c.trivia().before());
        sb.append(indent).append("- ").append(item(c.spec(), c.selector())).append(c.trivia().after())
            .append('\n');
      } else if (d instanceof PipSection p) {
        Trivia pt = layout.trivia(EnvLayout.PIP_ENTRY);
        lines(sb, pt.before());
        boolean pipFlow = layout.flow().contains("pip")
            && p.lines().stream().allMatch(l -> l.selector() == null && l.trivia().isEmpty());
        listHead(sb, indent + "- pip:", p.lines().stream().map(l -> scalar(l.text())).toList(), pipFlow,
            layout.nulls().contains("pip"), pt.after());
        if (pipFlow) {
          continue;
        }
        String pipIndent = " ".repeat(layout.indent("pip", indent.length() + 4));
        for (PipLine l : p.lines()) {
          lines(sb, l.trivia().before());
          sb.append(pipIndent).append("- ").append(item(l.text(), l.selector())).append(l.trivia().after())
              .append('\n');
        }
      }
    }
  }

  private static void entry(StringBuilder sb, String text, Selector sel) {
    sb.append(item(text, sel)).append('\n');
  }

  /** A list item's text after {@code - }: the scalar, with its selector. */
  static String item(String text, Selector sel) {
    if (sel != null && sel.style() == Selector.Style.SEL) {
      return "sel(" + sel.expression() + "): " + scalar(text);
    } else if (sel != null) {
      return scalar(text) + "  # [" + sel.expression() + "]";
    }
    return scalar(text);
  }

  /** A variable's value quoted as the user quoted it, while the quotes still hold this value. */
  private static String variableValue(String name, String value, EnvLayout layout) {
    String user = layout.spelling().get(EnvYmlReader.VARIABLE_SPELLING + name);
    return user != null && user.length() >= 2 && user.substring(1, user.length() - 1).equals(value)
        && (user.startsWith("\"") && user.endsWith("\"") && value.chars().noneMatch(c -> c == '"' || c == '\\' || c < 0x20)
            || user.startsWith("'") && user.endsWith("'") && value.chars().noneMatch(c -> c == '\'' || c < 0x20))
        ? user : scalar(value);
  }

  /** A YAML scalar: plain when it reads back as the same string, double-quoted otherwise. */
  static String scalar(String s) {
    boolean plain = !s.isEmpty()
        && PLAIN.matcher(s).matches()
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.endsWith(":")
        && !Character.isWhitespace(s.charAt(s.length() - 1))
        && s.indexOf('\t') < 0
        && !s.startsWith("- ")
        && !s.equals("-")
        && !NUMBER_LIKE.matcher(s).matches()
        && !RESERVED.contains(s.toLowerCase(java.util.Locale.ROOT));
    if (plain) {
      return s;
    }
    StringBuilder q = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\n' -> q.append("\\n");
        case '\t' -> q.append("\\t");
        case '\r' -> q.append("\\r");
        default -> {
          if (ch < 0x20) {
            q.append(String.format("\\x%02x", (int) ch));
          } else {
            q.append(ch);
          }
        }
      }
    }
    return q.append('"').toString();
  }
}
