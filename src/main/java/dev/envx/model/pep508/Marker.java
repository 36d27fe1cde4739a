package dev.envx.model.pep508;

import dev.envx.diag.ParseError;
import dev.envx.model.pep440.Specifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A PEP 508 environment marker ({@code python_version >= "3.9" and sys_platform != "win32"}) with
 * packaging's {@code Marker} semantics: the same grammar (including the legacy dotted names such as
 * {@code os.name} and {@code platform.python_implementation}), the same canonical {@link #toString()}
 * (double quotes, single spaces, redundant outer parentheses dropped), equality by that string, and the
 * same evaluation rules (PEP 440 comparison for version-valued variables where both sides parse, plain
 * string comparison otherwise, PEP 685 normalization of {@code extra}).
 *
 * <p>Two deliberate deviations from packaging 26.2, neither exercised by the conformance vectors:
 * {@code extra} literals are normalized inside parentheses too (packaging only normalizes the top level, so
 * {@code (extra == "A_b" or ...)} never matches extra {@code a-b}); and a parenthesized group that is
 * itself wrapped in redundant parentheses keeps one pair when printed (packaging prints
 * {@code ((a or b)) and c} as {@code a or b and c}, which changes its meaning).
 */
public record Marker(Group root) {
  /** A node of the expression tree. */
  public sealed interface Node permits Item, Group {}

  /** One side of a comparison. */
  public sealed interface Operand permits Variable, Literal {}

  /** An environment variable, by its PEP 508 name (legacy spellings already mapped). */
  public record Variable(String name) implements Operand {
    public Variable {
      Objects.requireNonNull(name, "name");
    }
  }

  /** A quoted string, unescaped. */
  public record Literal(String value) implements Operand {
    public Literal {
      Objects.requireNonNull(value, "value");
    }
  }

  /** The marker operators. */
  public static final Set<String> OPERATORS =
      Set.of("<=", "<", "!=", "==", ">=", ">", "~=", "===", "in", "not in");

  /** A comparison {@code left op right}. */
  public record Item(Operand left, String op, Operand right) implements Node {
    public Item {
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
      if (!OPERATORS.contains(op)) {
        throw new IllegalArgumentException("unknown marker operator `" + op + "`");
      }
    }

    /** The variable this comparison reads (the left one when both sides are variables). */
    public String variable() {
      if (left instanceof Variable v) {
        return v.name();
      }
      return right instanceof Variable v ? v.name() : null;
    }
  }

  /** {@code and}/{@code or}. */
  public enum BoolOp {
    AND,
    OR;

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** {@code nodes[0] ops[0] nodes[1] ...}; {@code and} binds tighter than {@code or}. */
  public record Group(List<Node> nodes, List<BoolOp> ops) implements Node {
    public Group {
      nodes = List.copyOf(nodes);
      ops = List.copyOf(ops);
      if (nodes.isEmpty() || ops.size() != nodes.size() - 1) {
        throw new IllegalArgumentException("a marker group needs n nodes and n-1 operators");
      }
    }
  }

  public Marker {
    Objects.requireNonNull(root, "root");
  }

  /** The deepest parenthesis nesting a marker may have (packaging has no limit, but Python's recursion does). */
  public static final int MAX_DEPTH = 32;

  /** Parses a marker; throws {@link ParseError} with packaging's message and the offset. */
  public static Marker parse(String text) {
    Tokenizer t = new Tokenizer(Objects.requireNonNull(text, "text"));
    Group g = Pep508Parser.marker(t);
    t.expect(Tokenizer.Rule.END, "end of marker expression");
    return new Marker(normalizeExtras(g));
  }

  /** PEP 685: the literal compared with {@code extra} is normalized like a project name. */
  static Group normalizeExtras(Group g) {
    List<Node> nodes = new ArrayList<>();
    for (Node n : g.nodes()) {
      if (n instanceof Group sub) {
        nodes.add(normalizeExtras(sub));
      } else {
        Item i = (Item) n;
        if (i.left() instanceof Variable v && v.name().equals("extra") && i.right() instanceof Literal l) {
          i = new Item(i.left(), i.op(), new Literal(PyPiName.normalize(l.value())));
        } else if (i.right() instanceof Variable v && v.name().equals("extra") && i.left() instanceof Literal l) {
          i = new Item(new Literal(PyPiName.normalize(l.value())), i.op(), i.right());
        }
        nodes.add(i);
      }
    }
    return new Group(nodes, g.ops());
  }

  /** {@code this and other}. */
  public Marker and(Marker other) {
    return new Marker(new Group(List.of(root, other.root), List.of(BoolOp.AND)));
  }

  /** {@code this or other}. */
  public Marker or(Marker other) {
    return new Marker(new Group(List.of(root, other.root), List.of(BoolOp.OR)));
  }

  // ---- evaluation ----

  /** Evaluates against {@code env}; throws {@link MarkerEvaluationException} where packaging raises. */
  public boolean evaluate(MarkerEnvironment env) {
    return evaluate(root, env);
  }

  private static boolean evaluate(Group g, MarkerEnvironment env) {
    // any(all(group) for groups split at `or`)
    boolean groupValue = true;
    for (int i = 0; i < g.nodes().size(); i++) {
      if (i > 0 && g.ops().get(i - 1) == BoolOp.OR) {
        if (groupValue) {
          return true;
        }
        groupValue = true;
      }
      Node n = g.nodes().get(i);
      boolean v = n instanceof Group sub ? evaluate(sub, env) : evaluate((Item) n, env);
      groupValue = groupValue && v;
    }
    return groupValue;
  }

  private static final Set<String> VERSION_VARIABLES =
      Set.of("implementation_version", "platform_release", "python_full_version", "python_version");
  private static final Set<String> SET_VARIABLES = Set.of("extras", "dependency_groups");

  private static boolean evaluate(Item item, MarkerEnvironment env) {
    String key;
    Object lhs;
    Object rhs;
    if (item.left() instanceof Variable v) {
      key = v.name();
      lhs = env.value(key);
      rhs = value(item.right(), env);
    } else {
      lhs = ((Literal) item.left()).value();
      key = ((Variable) item.right()).name();
      rhs = env.value(key);
    }
    if (!(lhs instanceof String l)) {
      throw new MarkerEvaluationException("the left side of `" + item + "` must be a string, not a set");
    }
    if (SET_VARIABLES.contains(key)) {
      l = PyPiName.normalize(l);
      if (rhs instanceof Set<?> set) {
        Set<String> norm = new java.util.HashSet<>();
        set.forEach(x -> norm.add(PyPiName.normalize((String) x)));
        rhs = norm;
      } else {
        rhs = PyPiName.normalize((String) rhs);
      }
    }
    String op = item.op();
    if (VERSION_VARIABLES.contains(key) && rhs instanceof String r) {
      Specifier spec = null;
      try {
        spec = Specifier.parse(op + r);
      } catch (ParseError e) {
        // not a version comparison: fall through to string semantics
      }
      if (spec != null) {
        return spec.contains(l, true);
      }
    }
    switch (op) {
      case "in":
        return rhs instanceof Set<?> s ? s.contains(l) : ((String) rhs).contains(l);
      case "not in":
        return rhs instanceof Set<?> s ? !s.contains(l) : !((String) rhs).contains(l);
      case "<":
      case ">":
        return false;
      case "<=":
      case "==":
      case ">=":
        return l.equals(rhs);
      case "!=":
        return !l.equals(rhs);
      default:
        throw new MarkerEvaluationException(
            "undefined comparison `" + op + "` on `" + l + "` and `" + rhs + "`",
            "`~=` and `===` need PEP 440 versions on both sides");
    }
  }

  private static Object value(Operand o, MarkerEnvironment env) {
    return o instanceof Literal l ? l.value() : env.value(((Variable) o).name());
  }

  // ---- formatting ----

  /** packaging's {@code str(Marker)}. */
  @Override
  public String toString() {
    return format(root, true);
  }

  private static String format(Node n, boolean top) {
    if (n instanceof Item i) {
      return operand(i.left()) + " " + i.op() + " " + operand(i.right());
    }
    Group g = (Group) n;
    if (g.nodes().size() == 1) {
      return format(g.nodes().get(0), top);
    }
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < g.nodes().size(); k++) {
      if (k > 0) {
        sb.append(' ').append(g.ops().get(k - 1)).append(' ');
      }
      sb.append(format(g.nodes().get(k), false));
    }
    return top ? sb.toString() : "(" + sb + ")";
  }

  private static String operand(Operand o) {
    if (o instanceof Variable v) {
      return v.name();
    }
    String s = ((Literal) o).value();
    return s.indexOf('"') >= 0 ? "'" + s + "'" : "\"" + s + "\"";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Marker m && toString().equals(m.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }
}
