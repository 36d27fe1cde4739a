package dev.envx.model.conda;

import dev.envx.diag.ParseError;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A conda version constraint (conda's {@code VersionSpec}) as a tree: {@code ,} (and) binds tighter than
 * {@code |} (or), parentheses group. Leaves follow conda exactly: {@code 1.2} is {@code ==1.2}, {@code =1.2},
 * {@code 1.2.*} and {@code 1.2*} are prefix matches, {@code !=1.2.*} a negated prefix match, {@code >=1.2.*}
 * is {@code >=1.2}, {@code ~=1.2.3} a compatible release, {@code ^...$} a regular expression on the version
 * string and a {@code *} inside the version ({@code 1.*.3}) a glob on the version string.
 *
 * <p>{@code toString()} is conda's {@code str(VersionSpec(...))} (the user's spelling of each leaf, without
 * blanks); equality is semantic per leaf (versions compare by conda's normalized string, {@code 1.2.*} equals
 * {@code =1.2}, {@code 1.2} equals {@code ==1.2}), so {@code parse(x.toString()).equals(x)}. Every
 * {@code equals}/{@code hashCode} is written out: a record's generated ones are linked through invokedynamic at
 * first use, which costs each cold start more than the comparisons (MatchSpecEqualityTest).
 */
public sealed interface VersionSpec
    permits VersionSpec.Any, VersionSpec.Relational, VersionSpec.StartsWith, VersionSpec.Compatible,
        VersionSpec.Regex, VersionSpec.Glob, VersionSpec.And, VersionSpec.Or {

  /** Whether {@code version} satisfies this constraint. */
  boolean matches(CondaVersion version);

  /** conda's {@code is_exact()}: true only for {@code ==V} and bare {@code V}. */
  default boolean isExact() {
    return false;
  }

  /** Parses a conda version spec; blank input means any version. */
  static VersionSpec parse(String text) {
    return new VersionSpecParser(text).parse();
  }

  /** The comparison operators of conda relational specs. */
  enum Op {
    EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    boolean test(int cmp) {
      return switch (this) {
        case EQ -> cmp == 0;
        case NE -> cmp != 0;
        case LT -> cmp < 0;
        case LE -> cmp <= 0;
        case GT -> cmp > 0;
        case GE -> cmp >= 0;
      };
    }
  }

  /** How a prefix match was written: {@code 1.2.*} (or {@code 1.2*}), {@code =1.2}, {@code =1.2.*}. */
  enum PrefixForm { STAR, FUZZY, FUZZY_STAR }

  /** {@code *}: any version. */
  record Any() implements VersionSpec {
    @Override
    public boolean equals(Object o) {
      return o instanceof Any;
    }

    @Override
    public int hashCode() {
      return Any.class.hashCode();
    }

    @Override
    public boolean matches(CondaVersion version) {
      return true;
    }

    @Override
    public String toString() {
      return "*";
    }
  }

  /**
   * {@code op version}. {@code bare} marks a version written without operator ({@code 1.2}, meaning
   * {@code ==1.2}); {@code starSuffix} a {@code .*} that conda ignores after {@code >=}, {@code ==} etc.
   */
  record Relational(Op op, CondaVersion version, boolean bare, boolean starSuffix) implements VersionSpec {
    public Relational {
      Objects.requireNonNull(op);
      Objects.requireNonNull(version);
      if (bare && (op != Op.EQ || starSuffix)) {
        throw new IllegalArgumentException("only `==` can be written bare");
      }
    }

    public Relational(Op op, CondaVersion version) {
      this(op, version, false, false);
    }

    @Override
    public boolean matches(CondaVersion v) {
      return op.test(v.compareTo(version));
    }

    @Override
    public boolean isExact() {
      return op == Op.EQ;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Relational r && r.op == op && r.version.toString().equals(version.toString());
    }

    @Override
    public int hashCode() {
      return op.hashCode() * 31 + version.toString().hashCode();
    }

    @Override
    public String toString() {
      return (bare ? "" : op.symbol()) + version.original().strip() + (starSuffix ? ".*" : "");
    }
  }

  /** {@code 1.2.*}, {@code =1.2}: versions starting with {@code prefix}; {@code !=1.2.*} when negated. */
  record StartsWith(CondaVersion prefix, boolean negated, PrefixForm form) implements VersionSpec {
    public StartsWith {
      Objects.requireNonNull(prefix);
      Objects.requireNonNull(form);
    }

    public StartsWith(CondaVersion prefix) {
      this(prefix, false, PrefixForm.STAR);
    }

    @Override
    public boolean matches(CondaVersion v) {
      return v.startsWith(prefix) != negated;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof StartsWith s && s.negated == negated && s.prefix.toString().equals(prefix.toString());
    }

    @Override
    public int hashCode() {
      return prefix.toString().hashCode() + (negated ? 1 : 0);
    }

    @Override
    public String toString() {
      String p = prefix.original().strip();
      if (negated) {
        return "!=" + p + ".*";
      }
      return switch (form) {
        case STAR -> p + ".*";
        case FUZZY -> "=" + p;
        case FUZZY_STAR -> "=" + p + ".*";
      };
    }
  }

  /**
   * {@code ~=version}: {@code >=version} and starting with {@code version} minus its last segment
   * ({@code prefix}, null for a one-segment version, where only {@code >=} applies).
   */
  record Compatible(CondaVersion version, CondaVersion prefix) implements VersionSpec {
    public Compatible {
      Objects.requireNonNull(version);
    }

    public static Compatible of(CondaVersion version) {
      return new Compatible(version, compatiblePrefix(version));
    }

    /** conda: {@code VersionOrder(".".join(str(y).split(".")[:-1]))}; null when that is empty. */
    private static CondaVersion compatiblePrefix(CondaVersion v) {
      String s = v.toString();
      int dot = s.lastIndexOf('.');
      if (dot <= 0) {
        return null;
      }
      try {
        return CondaVersion.parse(s.substring(0, dot));
      } catch (ParseError e) {
        return null;
      }
    }

    @Override
    public boolean matches(CondaVersion v) {
      return v.compareTo(version) >= 0 && (prefix == null || v.startsWith(prefix));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Compatible c && c.version.toString().equals(version.toString());
    }

    @Override
    public int hashCode() {
      return version.toString().hashCode();
    }

    @Override
    public String toString() {
      return "~=" + version.original().strip();
    }
  }

  /** {@code ^...$}: a regular expression matched against the version string. */
  record Regex(StringMatcher.Regex regex) implements VersionSpec {
    @Override
    public boolean equals(Object o) {
      return o instanceof Regex r && regex.equals(r.regex);
    }

    @Override
    public int hashCode() {
      return regex.hashCode();
    }

    public Regex {
      Objects.requireNonNull(regex);
    }

    public static Regex of(String pattern) {
      return new Regex(new StringMatcher.Regex(pattern, Pattern.compile(pattern)));
    }

    public String pattern() {
      return regex.pattern();
    }

    @Override
    public boolean matches(CondaVersion version) {
      return regex.matches(version.original().strip());
    }

    @Override
    public String toString() {
      return regex.toString();
    }
  }

  /** A version with {@code *} inside ({@code 1.*.3}): a glob matched against the version string. */
  record Glob(StringMatcher.Glob glob) implements VersionSpec {
    @Override
    public boolean equals(Object o) {
      return o instanceof Glob g && glob.equals(g.glob);
    }

    @Override
    public int hashCode() {
      return glob.hashCode();
    }

    public Glob {
      Objects.requireNonNull(glob);
    }

    public static Glob of(String glob) {
      return new Glob(new StringMatcher.Glob(glob, StringMatcher.globToPattern(glob)));
    }

    @Override
    public boolean matches(CondaVersion version) {
      return glob.matches(version.original().strip());
    }

    @Override
    public String toString() {
      return glob.toString();
    }
  }

  /** {@code a,b,...}: all must match. */
  record And(List<VersionSpec> specs) implements VersionSpec {
    @Override
    public boolean equals(Object o) {
      return o instanceof And a && specs.equals(a.specs);
    }

    @Override
    public int hashCode() {
      return specs.hashCode();
    }

    public And {
      specs = List.copyOf(specs);
      if (specs.size() < 2) {
        throw new IllegalArgumentException("`,` needs at least two operands");
      }
    }

    @Override
    public boolean matches(CondaVersion version) {
      for (VersionSpec s : specs) {
        if (!s.matches(version)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder();
      for (VersionSpec s : specs) {
        if (b.length() > 0) {
          b.append(',');
        }
        // conda prints an `|` group inside `,` without parentheses, which changes its meaning; we keep them
        b.append(s instanceof Or ? "(" + s + ")" : s.toString());
      }
      return b.toString();
    }
  }

  /** {@code a|b|...}: one must match. */
  record Or(List<VersionSpec> specs) implements VersionSpec {
    @Override
    public boolean equals(Object o) {
      return o instanceof Or r && specs.equals(r.specs);
    }

    @Override
    public int hashCode() {
      return 31 + specs.hashCode();
    }

    public Or {
      specs = List.copyOf(specs);
      if (specs.size() < 2) {
        throw new IllegalArgumentException("`|` needs at least two operands");
      }
    }

    @Override
    public boolean matches(CondaVersion version) {
      for (VersionSpec s : specs) {
        if (s.matches(version)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder();
      for (VersionSpec s : specs) {
        if (b.length() > 0) {
          b.append('|');
        }
        b.append(s);
      }
      return b.toString();
    }
  }
}

/** Recursive-descent parser with the tokens of conda's {@code treeify} and the leaves of {@code get_matcher}. */
final class VersionSpecParser {
  private final String input;
  private int pos;

  VersionSpecParser(String input) {
    this.input = input;
  }

  VersionSpec parse() {
    if (input.isBlank()) {
      return new VersionSpec.Any();
    }
    VersionSpec spec = parseOr();
    skipBlanks();
    if (pos < input.length()) {
      char c = input.charAt(pos);
      throw new ParseError(c == ')' ? "unbalanced `)`" : "expected `,` or `|` before `" + c + "`", input, pos, 1,
          c == ')' ? "remove the `)` or add a matching `(`" : null);
    }
    return spec;
  }

  private VersionSpec parseOr() {
    List<VersionSpec> parts = new ArrayList<>();
    addFlattened(parts, parseAnd(), true);
    while (peek() == '|') {
      pos++;
      addFlattened(parts, parseAnd(), true);
    }
    return parts.size() == 1 ? parts.get(0) : new VersionSpec.Or(parts);
  }

  private VersionSpec parseAnd() {
    List<VersionSpec> parts = new ArrayList<>();
    addFlattened(parts, parsePrimary(), false);
    while (peek() == ',') {
      pos++;
      addFlattened(parts, parsePrimary(), false);
    }
    return parts.size() == 1 ? parts.get(0) : new VersionSpec.And(parts);
  }

  /** conda fuses nested operands of the same operator: {@code (a|b)|c} is {@code a|b|c}. */
  private static void addFlattened(List<VersionSpec> parts, VersionSpec s, boolean or) {
    if (or && s instanceof VersionSpec.Or o) {
      parts.addAll(o.specs());
    } else if (!or && s instanceof VersionSpec.And a) {
      parts.addAll(a.specs());
    } else {
      parts.add(s);
    }
  }

  private VersionSpec parsePrimary() {
    char c = peek();
    if (c == '(') {
      int open = pos;
      pos++;
      VersionSpec inner = parseOr();
      if (peek() != ')') {
        throw new ParseError("unbalanced `(`", input, open, 1, "add a matching `)`");
      }
      pos++;
      return inner;
    }
    if (c == 0 || c == ')' || c == '|' || c == ',') {
      throw new ParseError(c == 0 ? "expected a version constraint at the end" : "expected a version constraint before `" + c + "`",
          input, pos, 1, null);
    }
    int start = pos;
    int end;
    if (c == '^') {
      int dollar = input.indexOf('$', pos);
      if (dollar >= 0) {
        end = dollar + 1;
      } else {
        end = atomEnd(pos);
      }
    } else {
      end = atomEnd(pos);
    }
    pos = end;
    return leaf(start, end);
  }

  private int atomEnd(int from) {
    int i = from;
    while (i < input.length() && "()|,".indexOf(input.charAt(i)) < 0) {
      i++;
    }
    return i;
  }

  private char peek() {
    skipBlanks();
    return pos < input.length() ? input.charAt(pos) : 0;
  }

  private void skipBlanks() {
    while (pos < input.length() && Character.isWhitespace(input.charAt(pos))) {
      pos++;
    }
  }

  private VersionSpec leaf(int from, int to) {
    while (to > from && Character.isWhitespace(input.charAt(to - 1))) {
      to--;
    }
    String s = input.substring(from, to);
    int len = s.length();
    if (s.charAt(0) == '^' || s.charAt(len - 1) == '$') {
      if (s.charAt(0) != '^' || s.charAt(len - 1) != '$') {
        throw new ParseError("a regex version spec must start with `^` and end with `$`", input, from, len);
      }
      try {
        return VersionSpec.Regex.of(s);
      } catch (PatternSyntaxException e) {
        throw new ParseError("invalid regular expression: " + e.getDescription(), input, from, len);
      }
    }
    if ("=<>!~".indexOf(s.charAt(0)) >= 0) {
      return operator(s, from);
    }
    if (s.equals("*")) {
      return new VersionSpec.Any();
    }
    int lastNonStar = len;
    while (lastNonStar > 0 && s.charAt(lastNonStar - 1) == '*') {
      lastNonStar--;
    }
    if (s.substring(0, lastNonStar).indexOf('*') >= 0) {
      checkGlob(s, from);
      return VersionSpec.Glob.of(s);
    }
    if (lastNonStar < len) {
      int pEnd = lastNonStar;
      if (pEnd > 0 && s.charAt(pEnd - 1) == '.') {
        pEnd--;
      }
      return new VersionSpec.StartsWith(version(from, from + pEnd), false, VersionSpec.PrefixForm.STAR);
    }
    return new VersionSpec.Relational(VersionSpec.Op.EQ, version(from, to), true, false);
  }

  private void checkGlob(String s, int from) {
    for (int i = 0; i < s.length(); i++) {
      char c = Character.toLowerCase(s.charAt(i));
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || ".+!_*-".indexOf(c) >= 0;
      if (!ok) {
        throw new ParseError("invalid character `" + s.charAt(i) + "` in version", input, from + i, 1);
      }
    }
  }

  private VersionSpec operator(String s, int from) {
    int opLen = s.length() >= 2 && "=<>!~".indexOf(s.charAt(1)) >= 0 && s.charAt(1) == '=' ? 2 : 1;
    String op = s.substring(0, opLen);
    if (op.equals("!") || op.equals("~")) {
      throw new ParseError("invalid operator `" + s.substring(0, Math.min(2, s.length())) + "`", input, from,
          Math.min(2, s.length()), "use one of `==`, `!=`, `<`, `<=`, `>`, `>=`, `=`, `~=`");
    }
    int vStart = opLen;
    if (vStart < s.length() && "=<>!~".indexOf(s.charAt(vStart)) >= 0) {
      throw new ParseError("invalid operator `" + s.substring(0, vStart + 1) + "`", input, from, vStart + 1,
          "use one of `==`, `!=`, `<`, `<=`, `>`, `>=`, `=`, `~=`");
    }
    // mamba and conda's MatchSpec allow blanks between operator and version (`>= 1.2`)
    while (vStart < s.length() && Character.isWhitespace(s.charAt(vStart))) {
      vStart++;
    }
    if (vStart == s.length()) {
      throw new ParseError("expected a version after `" + op + "`", input, from + s.length(), 0);
    }
    int vEnd = s.length();
    boolean star = s.endsWith(".*");
    if (star) {
      vEnd -= 2;
      if (op.equals("~=")) {
        throw new ParseError("`~=` cannot be combined with `.*`", input, from, s.length(),
            "write `~=" + s.substring(vStart, vEnd) + "`");
      }
    }
    if (op.equals("=") && !star && s.endsWith("*")) {
      // `=1.2*`: conda's MatchSpec reads it as `1.2.*` (plain VersionSpec would compare against a literal `*`)
      int e = vEnd;
      while (e > vStart && s.charAt(e - 1) == '*') {
        e--;
      }
      if (e > vStart && s.charAt(e - 1) == '.') {
        e--;
      }
      if (e == vStart) {
        return new VersionSpec.Any();
      }
      return new VersionSpec.StartsWith(version(from + vStart, from + e), false, VersionSpec.PrefixForm.FUZZY);
    }
    CondaVersion v = version(from + vStart, from + vEnd);
    return switch (op) {
      case "=" -> new VersionSpec.StartsWith(v, false, star ? VersionSpec.PrefixForm.FUZZY_STAR : VersionSpec.PrefixForm.FUZZY);
      case "!=" -> star ? new VersionSpec.StartsWith(v, true, VersionSpec.PrefixForm.STAR)
          : new VersionSpec.Relational(VersionSpec.Op.NE, v);
      case "~=" -> VersionSpec.Compatible.of(v);
      case "==" -> new VersionSpec.Relational(VersionSpec.Op.EQ, v, false, star);
      case "<" -> new VersionSpec.Relational(VersionSpec.Op.LT, v, false, star);
      case "<=" -> new VersionSpec.Relational(VersionSpec.Op.LE, v, false, star);
      case ">" -> new VersionSpec.Relational(VersionSpec.Op.GT, v, false, star);
      case ">=" -> new VersionSpec.Relational(VersionSpec.Op.GE, v, false, star);
      default -> throw new ParseError("invalid operator `" + op + "`", input, from, opLen);
    };
  }

  private CondaVersion version(int from, int to) {
    String text = input.substring(from, to);
    if (text.isEmpty()) {
      throw new ParseError("expected a version", input, from, 0);
    }
    try {
      return CondaVersion.parse(text);
    } catch (ParseError e) {
      throw new ParseError(e.getMessage(), input, from + e.offset(), e.length(), e.hint());
    }
  }
}
