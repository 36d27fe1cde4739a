package dev.envx.format.legacy;

import dev.envx.diag.Diagnostic;
import dev.envx.diag.EnvxException;
import dev.envx.diag.SourceFile;
import dev.envx.diag.Span;
import dev.envx.format.Located;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Static extraction from a {@code setup.py}, which is never run: the {@code install_requires},
 * {@code extras_require} and {@code python_requires} arguments of the {@code setup(...)} call when they are
 * literals (strings, lists/tuples of strings, dicts of those, {@code +} of lists) or names assigned such a literal
 * once at the top of the file. Anything else (a function call, a comprehension, a file read) is reported as
 * dynamic with its source text, never guessed.
 */
public final class SetupPy {
  private SetupPy() {}

  enum T { STRING, NAME, NUMBER, OP, END }

  record Token(T type, String text, int start, int end) {}

  /** A literal value: a string, a list of values or a dict of string keys to values. */
  sealed interface Value {}

  record Str(String value, int start, int end) implements Value {}

  record Seq(List<Value> items) implements Value {}

  record Dict(Map<String, Value> items) implements Value {}

  /** An expression that is not a literal, with its source range. */
  static final class Dynamic extends Exception {
    final int start;
    final int end;

    Dynamic(int start, int end) {
      super(null, null, false, false);
      this.start = start;
      this.end = end;
    }
  }

  public static LegacyManifest read(String path, String text) {
    SourceFile src = SourceFile.of(path, text);
    List<Token> toks = tokens(src);
    Map<String, Integer> assigned = new HashMap<>();   // name -> index of the value's first token
    Map<String, Integer> count = new HashMap<>();
    int setup = -1;
    int[] depth = new int[toks.size()];
    for (int i = 0, d = 0; i < toks.size(); i++) {
      Token t = toks.get(i);
      if (t.type() == T.OP && ")]}".contains(t.text())) {
        d = Math.max(0, d - 1);
      }
      depth[i] = d;
      if (t.type() == T.OP && "([{".contains(t.text())) {
        d++;
      }
    }
    for (int i = 0; i + 1 < toks.size(); i++) {
      Token t = toks.get(i);
      // a module-level `NAME = value` (at the start of a line: not in a function, a class or a branch)
      if (t.type() == T.NAME && toks.get(i + 1).text().equals("=") && src.columnOf(t.start()) == 1
          && (i == 0 || toks.get(i - 1).text().equals("\n"))) {
        assigned.put(t.text(), i + 2);
        count.merge(t.text(), 1, Integer::sum);
      } else if (t.type() == T.NAME && (toks.get(i + 1).text().equals("+=")
          || (toks.get(i + 1).text().equals("=") && i > 0 && toks.get(i - 1).text().equals(",") && depth[i] == 0)
          || (toks.get(i + 1).text().equals(".") && i + 2 < toks.size()
              && List.of("append", "extend", "insert", "remove", "pop", "update", "clear")
                  .contains(toks.get(i + 2).text())))
          && (i == 0 || !toks.get(i - 1).text().equals("."))) {
        count.merge(t.text(), 2, Integer::sum); // changed in place, or tuple-assigned: not a constant
        // (an indented `NAME = ...` is local to a function or a branch, and does not count)
      }
      if (t.type() == T.NAME && t.text().equals("setup") && toks.get(i + 1).text().equals("(")
          && (i == 0 || !toks.get(i - 1).text().equals("def"))) {
        setup = i + 1;
      }
    }
    List<Diagnostic> left = new ArrayList<>();
    List<Located<String>> reqs = new ArrayList<>();
    Map<String, List<Located<String>>> extras = new LinkedHashMap<>();
    Located<String> python = null;
    if (setup < 0) {
      left.add(Diagnostic.warning("no `setup(...)` call found; nothing extracted", null,
          "a setup.py that calls setup() under another name is not read"));
      return new LegacyManifest(path, LegacyManifest.Kind.SETUP_PY, reqs, extras, null, List.of(), List.of(), left);
    }
    Map<String, int[]> kwargs = kwargs(toks, setup);
    Parser p = new Parser(src, toks, assigned, count);
    for (String key : List.of("install_requires", "extras_require", "python_requires")) {
      int[] range = kwargs.get(key);
      if (range == null) {
        continue;
      }
      try {
        Value v = p.value(range[0], range[1]);
        switch (key) {
          case "install_requires" -> reqs.addAll(p.strings(v, range));
          case "python_requires" -> python = p.strings(v, range).get(0);
          default -> {
            if (!(v instanceof Dict d)) {
              throw new Dynamic(toks.get(range[0]).start(), toks.get(range[1] - 1).end());
            }
            for (Map.Entry<String, Value> e : d.items().entrySet()) {
              extras.put(e.getKey(), p.strings(e.getValue(), range));
            }
          }
        }
      } catch (Dynamic d) {
        String code = text.substring(d.start, d.end).replaceAll("\\s+", " ");
        left.add(Diagnostic.warning("`" + key + "` is computed (`" + (code.length() > 80 ? code.substring(0, 77) + "..."
            : code) + "`); not extracted", Span.ofOffsets(src, d.start, d.end),
            "setup.py is never run; list these requirements in pyproject.toml by hand"));
      }
    }
    for (String key : List.of("setup_requires", "tests_require", "dependency_links")) {
      if (kwargs.containsKey(key)) {
        int[] r = kwargs.get(key);
        left.add(Diagnostic.warning("`" + key + "` is not carried", Span.ofOffsets(src, toks.get(r[0]).start(),
            toks.get(r[1] - 1).end()), key.equals("setup_requires") ? "build requirements go in `[build-system] requires`"
            : "list them in a dependency group or an extra"));
      }
    }
    return new LegacyManifest(path, LegacyManifest.Kind.SETUP_PY, reqs, extras, python, List.of(), List.of(), left);
  }

  /** keyword → [first token, end token) of its value, for the call whose `(` is at {@code open}. */
  private static Map<String, int[]> kwargs(List<Token> toks, int open) {
    Map<String, int[]> out = new HashMap<>();
    int depth = 0;
    int argStart = open + 1;
    for (int i = open; i < toks.size(); i++) {
      Token t = toks.get(i);
      if (t.type() == T.OP && "([{".contains(t.text())) {
        depth++;
      } else if (t.type() == T.OP && ")]}".contains(t.text())) {
        depth--;
      }
      boolean argEnd = depth == 0 || (depth == 1 && t.text().equals(",") && t.type() == T.OP) || t.type() == T.END;
      if (argEnd && i > open) {
        if (argStart + 1 < i && toks.get(argStart).type() == T.NAME && toks.get(argStart + 1).text().equals("=")) {
          out.put(toks.get(argStart).text(), new int[] {argStart + 2, i});
        }
        argStart = i + 1;
        if (depth == 0 || t.type() == T.END) {
          break;
        }
      }
    }
    return out;
  }

  private static final class Parser {
    final SourceFile src;
    final List<Token> toks;
    final Map<String, Integer> assigned;
    final Map<String, Integer> count;
    int pos;
    int end;
    int nesting;

    Parser(SourceFile src, List<Token> toks, Map<String, Integer> assigned, Map<String, Integer> count) {
      this.src = src;
      this.toks = toks;
      this.assigned = assigned;
      this.count = count;
    }

    Value value(int from, int to) throws Dynamic {
      int savedPos = pos;
      int savedEnd = end;
      pos = from;
      end = to;
      Value v = sum();
      if (pos != end) {
        throw dynamic(from, to);
      }
      pos = savedPos;
      end = savedEnd;
      return v;
    }

    Dynamic dynamic(int from, int to) {
      Token a = toks.get(Math.min(from, toks.size() - 1));
      Token b = toks.get(Math.max(from, Math.min(to, toks.size()) - 1));
      return new Dynamic(a.start(), Math.max(a.end(), b.end()));
    }

    Value sum() throws Dynamic {
      int from = pos;
      Value v = atom();
      while (pos < end && toks.get(pos).text().equals("+")) {
        pos++;
        Value w = atom();
        if (v instanceof Seq a && w instanceof Seq b) {
          List<Value> all = new ArrayList<>(a.items());
          all.addAll(b.items());
          v = new Seq(all);
        } else if (v instanceof Str a && w instanceof Str b) {
          v = new Str(a.value() + b.value(), a.start(), b.end());
        } else {
          throw dynamic(from, pos);
        }
      }
      return v;
    }

    Value atom() throws Dynamic {
      if (pos >= end) {
        throw dynamic(pos - 1, pos);
      }
      Token t = toks.get(pos);
      if (t.type() == T.STRING) {
        pos++;
        StringBuilder sb = new StringBuilder(t.text());
        int last = t.end();
        while (pos < end && toks.get(pos).type() == T.STRING) { // implicit concatenation
          sb.append(toks.get(pos).text());
          last = toks.get(pos++).end();
        }
        return new Str(sb.toString(), t.start(), last);
      }
      if (t.type() == T.NAME && !(pos + 1 < end && "(.[".contains(toks.get(pos + 1).text()))) {
        Integer at = assigned.get(t.text());
        if (at == null || count.get(t.text()) != 1 || nesting > 8) {
          throw dynamic(pos, pos + 1);
        }
        int valueEnd = statementEnd(at);
        pos++;
        nesting++;
        try {
          return value(at, valueEnd);
        } finally {
          nesting--;
        }
      }
      if (t.type() == T.OP && (t.text().equals("[") || t.text().equals("("))) {
        String close = t.text().equals("[") ? "]" : ")";
        int from = pos++;
        List<Value> items = new ArrayList<>();
        while (pos < end && !toks.get(pos).text().equals(close)) {
          items.add(sum());
          if (pos < end && toks.get(pos).text().equals(",")) {
            pos++;
          } else if (pos < end && !toks.get(pos).text().equals(close)) {
            throw dynamic(from, closing(from));
          }
        }
        if (pos >= end) {
          throw dynamic(from, end);
        }
        pos++;
        return new Seq(items);
      }
      if (t.type() == T.OP && t.text().equals("{")) {
        int from = pos++;
        Map<String, Value> items = new LinkedHashMap<>();
        while (pos < end && !toks.get(pos).text().equals("}")) {
          Value k = atom();
          if (!(k instanceof Str ks) || pos >= end || !toks.get(pos).text().equals(":")) {
            throw dynamic(from, closing(from));
          }
          pos++;
          items.put(ks.value(), sum());
          if (pos < end && toks.get(pos).text().equals(",")) {
            pos++;
          } else if (pos < end && !toks.get(pos).text().equals("}")) {
            throw dynamic(from, closing(from));
          }
        }
        if (pos >= end) {
          throw dynamic(from, end);
        }
        pos++;
        return new Dict(items);
      }
      throw dynamic(pos, Math.min(end, statementEnd(pos)));
    }

    int closing(int open) {
      int d = 0;
      for (int i = open; i < toks.size(); i++) {
        String s = toks.get(i).text();
        if (toks.get(i).type() == T.OP && "([{".contains(s)) {
          d++;
        } else if (toks.get(i).type() == T.OP && ")]}".contains(s) && --d == 0) {
          return i + 1;
        }
      }
      return toks.size() - 1;
    }

    /** Where the expression starting at {@code from} ends: before the next top-level newline token. */
    int statementEnd(int from) {
      int d = 0;
      for (int i = from; i < toks.size(); i++) {
        Token t = toks.get(i);
        if (t.type() == T.END || (d == 0 && t.type() == T.OP && t.text().equals("\n"))) {
          return i;
        }
        if (t.type() == T.OP && "([{".contains(t.text())) {
          d++;
        } else if (t.type() == T.OP && ")]}".contains(t.text())) {
          d--;
          if (d < 0) {
            return i;
          }
        } else if (d == 0 && t.text().equals(",")) {
          return i;
        }
      }
      return toks.size() - 1;
    }

    /** A string or a sequence of strings, each with its position. */
    List<Located<String>> strings(Value v, int[] range) throws Dynamic {
      List<Located<String>> out = new ArrayList<>();
      if (v instanceof Str s) {
        out.add(new Located<>(s.value().strip(), Span.ofOffsets(src, s.start(), s.end())));
        return out;
      }
      if (v instanceof Seq q) {
        for (Value i : q.items()) {
          if (!(i instanceof Str s)) {
            throw dynamic(range[0], range[1]);
          }
          if (!s.value().isBlank()) {
            out.add(new Located<>(s.value().strip(), Span.ofOffsets(src, s.start(), s.end())));
          }
        }
        return out;
      }
      throw dynamic(range[0], range[1]);
    }
  }

  /**
   * Python tokens, enough for literals: strings (prefixes, triple quotes, escapes), names, numbers, operators;
   * comments dropped; a newline outside brackets is an {@code OP "\n"} token.
   */
  static List<Token> tokens(SourceFile src) {
    String s = src.text();
    List<Token> out = new ArrayList<>();
    int i = 0;
    int depth = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == '#') {
        while (i < n && s.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '\\' && i + 1 < n && (s.charAt(i + 1) == '\n' || s.charAt(i + 1) == '\r')) {
        i += s.charAt(i + 1) == '\r' && i + 2 < n && s.charAt(i + 2) == '\n' ? 3 : 2;
      } else if (c == '\n') {
        if (depth == 0) {
          out.add(new Token(T.OP, "\n", i, i + 1));
        }
        i++;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"' || c == '\'' || (Character.isLetter(c) && stringPrefix(s, i) > 0)) {
        int start = i;
        int p = c == '"' || c == '\'' ? 0 : stringPrefix(s, i);
        boolean raw = s.substring(i, i + p).toLowerCase(java.util.Locale.ROOT).contains("r");
        boolean fstring = s.substring(i, i + p).toLowerCase(java.util.Locale.ROOT).contains("f");
        i += p;
        char q = s.charAt(i);
        boolean triple = s.startsWith(String.valueOf(q).repeat(3), i);
        String close = triple ? String.valueOf(q).repeat(3) : String.valueOf(q);
        i += close.length();
        StringBuilder v = new StringBuilder();
        while (true) {
          if (i >= n || (!triple && s.charAt(i) == '\n')) {
            throw EnvxException.input("unterminated string", Span.ofOffsets(src, start, start + 1),
                "setup.py does not parse as Python");
          }
          if (s.startsWith(close, i)) {
            i += close.length();
            break;
          }
          char d = s.charAt(i);
          if (d == '\\' && i + 1 < n) {
            char e = s.charAt(i + 1);
            if (raw) {
              v.append(d).append(e);
            } else {
              switch (e) {
                case 'n' -> v.append('\n');
                case 't' -> v.append('\t');
                case '\n' -> { }
                default -> v.append(e);
              }
            }
            i += 2;
            continue;
          }
          v.append(d);
          i++;
        }
        // an f-string is not a literal: a NAME token makes its use dynamic
        out.add(new Token(fstring ? T.NAME : T.STRING, fstring ? "<f-string>" : v.toString(), start, i));
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
          i++;
        }
        out.add(new Token(T.NAME, s.substring(start, i), start, i));
      } else if (Character.isDigit(c)) {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '_')) {
          i++;
        }
        out.add(new Token(T.NUMBER, s.substring(start, i), start, i));
      } else {
        if ("([{".indexOf(c) >= 0) {
          depth++;
        } else if (")]}".indexOf(c) >= 0) {
          depth = Math.max(0, depth - 1);
        }
        String two = i + 1 < n ? s.substring(i, i + 2) : "";
        if (List.of("==", "!=", "<=", ">=", "**", "//", "->", "+=", "-=", ":=").contains(two)) {
          out.add(new Token(T.OP, two, i, i + 2));
          i += 2;
        } else {
          out.add(new Token(T.OP, String.valueOf(c), i, i + 1));
          i++;
        }
      }
    }
    if (depth > 0) {
      throw EnvxException.input("setup.py does not parse: an unclosed bracket", Span.ofOffsets(src, Math.max(0, n - 1), n),
          "check the file with `python -m py_compile setup.py`");
    }
    out.add(new Token(T.END, "", n, n));
    return out;
  }

  /** The length of a string prefix ({@code r}, {@code b}, {@code u}, {@code f}, {@code rb}, ...) at i, or 0. */
  private static int stringPrefix(String s, int i) {
    int j = i;
    while (j < s.length() && j - i < 2 && "rRbBuUfF".indexOf(s.charAt(j)) >= 0) {
      j++;
    }
    return j > i && j < s.length() && (s.charAt(j) == '"' || s.charAt(j) == '\'')
        && (j == i || i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1))) ? j - i : 0;
  }
}
