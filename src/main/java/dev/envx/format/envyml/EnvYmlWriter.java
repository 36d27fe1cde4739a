package dev.envx.format.envyml;

import dev.envx.format.Located;
import dev.envx.format.Selector;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes an environment file deterministically in the layout {@code conda env export} uses: {@code name},
 * {@code category}, {@code channels}, {@code dependencies} (conda specs in order, then {@code - pip:}),
 * {@code variables}, {@code platforms}, {@code pip-repositories}, {@code prefix}; two-space indentation, pip
 * lines indented by six; selectors as written ({@code # [expr]} comments or {@code sel(expr):} entries).
 */
public final class EnvYmlWriter {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./~$(+-][^\\n]*");
  private static final Pattern NUMBER_LIKE = Pattern.compile(
      "[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\\.(inf|Inf|INF)"
          + "|\\.(nan|NaN|NAN)");
  private static final List<String> RESERVED = List.of("true", "false", "yes", "no", "on", "off", "null", "~",
      "y", "n");

  private EnvYmlWriter() {}

  public static String write(EnvironmentYml env) {
    StringBuilder sb = new StringBuilder();
    if (env.name() != null) {
      sb.append("name: ").append(scalar(env.name().value())).append('\n');
    }
    if (env.category() != null) {
      sb.append("category: ").append(scalar(env.category().value())).append('\n');
    }
    if (!env.channels().isEmpty()) {
      sb.append("channels:\n");
      for (Located<String> c : env.channels()) {
        sb.append("  - ").append(scalar(c.value())).append('\n');
      }
    }
    sb.append("dependencies:");
    if (env.dependencies().isEmpty()) {
      sb.append(" []");
    }
    sb.append('\n');
    for (Dependency d : env.dependencies()) {
      if (d instanceof CondaDependency c) {
        sb.append("  - ").append(item(c.spec(), c.selector()));
        if (!c.comment().isEmpty()) {
          sb.append("  # ").append(c.comment());
        }
        sb.append('\n');
      } else if (d instanceof PipSection p) {
        sb.append("  - pip:");
        if (p.lines().isEmpty()) {
          sb.append(" []");
        }
        sb.append('\n');
        for (PipLine l : p.lines()) {
          sb.append("      - ");
          entry(sb, l.text(), l.selector());
        }
      }
    }
    if (!env.variables().isEmpty()) {
      sb.append("variables:\n");
      for (Map.Entry<String, Located<String>> e : env.variables().entrySet()) {
        sb.append("  ").append(scalar(e.getKey())).append(": ").append(scalar(e.getValue().value())).append('\n');
      }
    }
    if (!env.platforms().isEmpty()) {
      sb.append("platforms:\n");
      for (Located<String> p : env.platforms()) {
        sb.append("  - ").append(scalar(p.value())).append('\n');
      }
    }
    if (!env.pipRepositories().isEmpty()) {
      sb.append("pip-repositories:\n");
      for (Located<String> p : env.pipRepositories()) {
        sb.append("  - ").append(scalar(p.value())).append('\n');
      }
    }
    if (env.prefix() != null) {
      sb.append("prefix: ").append(scalar(env.prefix().value())).append('\n');
    }
    return sb.toString();
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
