package dev.envx.model.pep508;

import dev.envx.model.pep508.Marker.BoolOp;
import dev.envx.model.pep508.Marker.Group;
import dev.envx.model.pep508.Marker.Item;
import dev.envx.model.pep508.Marker.Literal;
import dev.envx.model.pep508.Marker.Node;
import dev.envx.model.pep508.Marker.Operand;
import dev.envx.model.pep508.Marker.Variable;
import dev.envx.model.pep508.Tokenizer.Rule;
import java.util.ArrayList;
import java.util.List;

/** The recursive-descent parser of packaging's {@code _parser.py}, with the same messages and spans. */
final class Pep508Parser {
  private Pep508Parser() {}

  record Parsed(String name, int nameOffset, List<String> extras, String specifier, int specifierOffset,
      String url, Group marker) {}

  // requirement = WS? IDENTIFIER WS? extras WS? requirement_details
  static Parsed requirement(Tokenizer t) {
    t.consume(Rule.WS);
    Tokenizer.Token name = t.expect(Rule.IDENTIFIER, "package name at the start of dependency specifier");
    t.consume(Rule.WS);
    List<String> extras = extras(t);
    t.consume(Rule.WS);
    String url = "";
    String specifier = "";
    int specifierOffset = t.position;
    Group marker = null;
    if (t.check(Rule.AT)) {
      t.read();
      t.consume(Rule.WS);
      int urlStart = t.position;
      url = t.expect(Rule.URL, "URL after @").text();
      if (!t.check(Rule.END, true)) {
        t.expect(Rule.WS, "whitespace after URL");
        if (!t.check(Rule.END, true)) {
          marker = requirementMarker(t, urlStart, "semicolon (after URL and whitespace)");
        }
      }
    } else {
      specifierOffset = t.position;
      specifier = specifier(t);
      t.consume(Rule.WS);
      if (!t.check(Rule.END, true)) {
        marker = requirementMarker(t, specifierOffset, specifier.isEmpty()
            ? "semicolon (after name with no version specifier)"
            : "comma (within version specifier), semicolon (after version specifier)");
      }
    }
    t.expect(Rule.END, "end of dependency specifier");
    return new Parsed(name.text(), name.position(), extras, specifier, specifierOffset, url, marker);
  }

  private static Group requirementMarker(Tokenizer t, int spanStart, String expected) {
    if (!t.check(Rule.SEMICOLON)) {
      throw t.error("Expected " + expected + " or end", spanStart, t.position);
    }
    t.read();
    Group marker = marker(t);
    t.consume(Rule.WS);
    return marker;
  }

  private static List<String> extras(Tokenizer t) {
    List<String> extras = new ArrayList<>();
    if (!t.check(Rule.LEFT_BRACKET, true)) {
      return extras;
    }
    t.enclosing(Rule.LEFT_BRACKET, Rule.RIGHT_BRACKET, "extras", () -> {
      t.consume(Rule.WS);
      extrasList(t, extras);
      t.consume(Rule.WS);
    });
    return extras;
  }

  private static void extrasList(Tokenizer t, List<String> extras) {
    if (!t.check(Rule.IDENTIFIER)) {
      return;
    }
    extras.add(t.read().text());
    while (true) {
      t.consume(Rule.WS);
      if (t.check(Rule.IDENTIFIER, true)) {
        throw t.error("Expected comma between extra names");
      } else if (!t.check(Rule.COMMA)) {
        break;
      }
      t.read();
      t.consume(Rule.WS);
      extras.add(t.expect(Rule.IDENTIFIER, "extra name after comma").text());
    }
  }

  private static String specifier(Tokenizer t) {
    StringBuilder out = new StringBuilder();
    t.enclosing(Rule.LEFT_PARENTHESIS, Rule.RIGHT_PARENTHESIS, "version specifier", () -> {
      t.consume(Rule.WS);
      out.append(versionMany(t));
      t.consume(Rule.WS);
    });
    return out.toString();
  }

  private static String versionMany(Tokenizer t) {
    StringBuilder parsed = new StringBuilder();
    while (!missingVersion(t) && t.check(Rule.SPECIFIER)) {
      int spanStart = t.position;
      String text = t.read().text();
      parsed.append(text);
      if (t.check(Rule.VERSION_PREFIX_TRAIL, true)) {
        String op = text.startsWith("==") || text.startsWith("!=") ? text.substring(0, 2) : "";
        throw t.error(text.startsWith("===") || op.isEmpty()
            ? ".* suffix can only be used with `==` or `!=` operators"
            : ".* suffix cannot be used with pre-release, post-release, dev or local versions",
            spanStart, t.position + 1);
      }
      if (t.check(Rule.VERSION_LOCAL_LABEL_TRAIL, true)) {
        throw t.error("Local version label can only be used with `==` or `!=` operators",
            spanStart, t.position);
      }
      t.consume(Rule.WS);
      if (!t.check(Rule.COMMA)) {
        break;
      }
      parsed.append(t.read().text());
      t.consume(Rule.WS);
    }
    return parsed.toString();
  }

  /**
   * Throws when an operator is followed by no version ({@code numpy>=}, {@code numpy>=1,<}, {@code numpy>= ;...}),
   * with the caret where the version belongs; false otherwise (nothing is consumed).
   */
  private static boolean missingVersion(Tokenizer t) {
    if (t.check(Rule.SPECIFIER, true) || !t.check(Rule.OP, true)) {
      return false;
    }
    String rest = t.source.substring(t.position);
    java.util.regex.Matcher m = MISSING_VERSION.matcher(rest);
    if (m.lookingAt()) {
      int at = t.position + m.end(1);
      throw t.error("expected a version after `" + m.group(2) + "`", at, at);
    }
    return false;
  }

  private static final java.util.regex.Pattern MISSING_VERSION =
      java.util.regex.Pattern.compile("((===|==|~=|!=|<=|>=|<|>)[ \\t]*)(?:$|[,;)])");

  // marker = marker_atom (BOOLOP marker_atom)+
  static Group marker(Tokenizer t) {
    List<Node> nodes = new ArrayList<>();
    List<BoolOp> ops = new ArrayList<>();
    nodes.add(markerAtom(t));
    while (t.check(Rule.BOOLOP)) {
      ops.add(t.read().text().equals("and") ? BoolOp.AND : BoolOp.OR);
      nodes.add(markerAtom(t));
    }
    return new Group(nodes, ops);
  }

  private static Node markerAtom(Tokenizer t) {
    t.consume(Rule.WS);
    Node[] result = new Node[1];
    if (t.check(Rule.LEFT_PARENTHESIS, true)) {
      if (++t.depth > Marker.MAX_DEPTH) { // parsing, printing and evaluating recurse once per level
        throw t.error("marker nested deeper than " + Marker.MAX_DEPTH + " parentheses", t.position, t.position + 1);
      }
      t.enclosing(Rule.LEFT_PARENTHESIS, Rule.RIGHT_PARENTHESIS, "marker expression", () -> {
        t.consume(Rule.WS);
        result[0] = marker(t);
        t.consume(Rule.WS);
      });
      t.depth--;
    } else {
      result[0] = markerItem(t);
    }
    t.consume(Rule.WS);
    return result[0];
  }

  private static Item markerItem(Tokenizer t) {
    t.consume(Rule.WS);
    Operand left = markerVar(t);
    t.consume(Rule.WS);
    String op = markerOp(t);
    t.consume(Rule.WS);
    Operand right = markerVar(t);
    t.consume(Rule.WS);
    return new Item(left, op, right);
  }

  private static Operand markerVar(Tokenizer t) {
    if (t.check(Rule.VARIABLE)) {
      String name = t.read().text().replace('.', '_');
      if (name.equals("python_implementation")) {
        name = "platform_python_implementation";
      }
      return new Variable(name);
    }
    if (t.check(Rule.QUOTED_STRING)) {
      Tokenizer.Token tok = t.read();
      return new Literal(PyLiteral.unquote(tok.text(), t.source, tok.position()));
    }
    throw t.error("Expected a marker variable or quoted string");
  }

  private static String markerOp(Tokenizer t) {
    if (t.check(Rule.IN)) {
      t.read();
      return "in";
    }
    if (t.check(Rule.NOT)) {
      t.read();
      t.expect(Rule.WS, "whitespace after 'not'");
      t.expect(Rule.IN, "'in' after 'not'");
      return "not in";
    }
    if (t.check(Rule.OP)) {
      return t.read().text();
    }
    throw t.error("Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in");
  }
}
