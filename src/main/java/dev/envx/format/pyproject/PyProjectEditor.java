package dev.envx.format.pyproject;

import dev.envx.format.TomlText;
import dev.envx.diag.EnvxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Updates an existing pyproject.toml in place, touching only what envx owns: the {@code [tool.envx]} tables
 * (replaced as a whole) and the {@code dependencies} / {@code requires-python} values of {@code [project]}.
 * Every other byte (comments, order, formatting, other tables) is kept. tomlj cannot write, so this is a small
 * scanner over the original text that knows where TOML statements and values start and end.
 */
public final class PyProjectEditor {
  private PyProjectEditor() {}

  /** A top-level statement: a table header or a key/value line. Offsets are into the text. */
  record Statement(boolean header, List<String> path, int start, int valueStart, int valueEnd, int end) {}

  public static String update(String original, PyProjectWriter.ProjectKeys project, EnvxTable envx) {
    String text = original.isEmpty() || original.endsWith("\n") ? original : original + "\n";
    List<Statement> st = new Scanner(text).statements();
    List<int[]> edits = new ArrayList<>(); // {start, end, index into replacements}
    List<String> repl = new ArrayList<>();

    // [project] keys
    int projectHeader = -1;
    for (int i = 0; i < st.size(); i++) {
      if (st.get(i).header() && st.get(i).path().equals(List.of("project"))) {
        projectHeader = i;
        break;
      }
    }
    if (projectHeader < 0) {
      String block = "[project]\nname = " + TomlText.str(project.name()) + "\nversion = "
          + TomlText.str(project.version()) + "\n"
          + (project.requiresPython() == null ? "" : PyProjectWriter.requiresPython(project.requiresPython()))
          + PyProjectWriter.dependencies(project.dependencies()) + "\n";
      int at = firstHeaderStart(st, text);
      edits.add(new int[] {at, at, repl.size()});
      repl.add(block);
    } else {
      int lastKv = st.get(projectHeader).end();
      Statement deps = null;
      Statement rp = null;
      for (int i = projectHeader + 1; i < st.size() && !st.get(i).header(); i++) {
        Statement s = st.get(i);
        lastKv = s.end();
        if (s.path().equals(List.of("dependencies"))) {
          deps = s;
        } else if (s.path().equals(List.of("requires-python"))) {
          rp = s;
        }
      }
      String depsText = PyProjectWriter.dependencies(project.dependencies());
      String depsValue = depsText.substring("dependencies = ".length(), depsText.length() - 1);
      StringBuilder insert = new StringBuilder();
      if (rp != null && project.requiresPython() != null) {
        edits.add(new int[] {rp.valueStart(), rp.valueEnd(), repl.size()});
        repl.add(TomlText.str(project.requiresPython()));
      } else if (rp == null && project.requiresPython() != null) {
        insert.append(PyProjectWriter.requiresPython(project.requiresPython()));
      }
      if (deps != null) {
        edits.add(new int[] {deps.valueStart(), deps.valueEnd(), repl.size()});
        repl.add(withClosingComments(depsValue, text.substring(deps.valueStart(), deps.valueEnd())));
      } else {
        insert.append(depsText);
      }
      if (!insert.isEmpty()) {
        edits.add(new int[] {lastKv, lastKv, repl.size()});
        repl.add(insert.toString());
      }
    }

    // [tool.envx] tables
    boolean placed = false;
    for (int i = 0; i < st.size(); i++) {
      Statement s = st.get(i);
      if (!s.header() || !isEnvx(s.path())) {
        if (!s.header() && s.path().size() >= 2 && s.path().get(0).equals("envx") && inTool(st, i)) {
          throw EnvxException.failure("`[tool]` defines `envx` with dotted keys; envx only updates "
              + "`[tool.envx]` written as tables", "move the keys under a `[tool.envx]` header");
        }
        continue;
      }
      int j = i + 1;
      while (j < st.size() && !(st.get(j).header() && !isEnvx(st.get(j).path()))) {
        j++;
      }
      int end = j < st.size() ? backOverComments(text, st.get(j).start()) : text.length();
      edits.add(new int[] {s.start(), end, repl.size()});
      String block = placed ? "" : PyProjectWriter.envxTables(envx) + (j < st.size() ? "\n" : "");
      repl.add(block);
      placed = true;
      i = j - 1;
    }
    if (!placed && envx != null) {
      String sep = text.isEmpty() ? "" : text.endsWith("\n\n") ? "" : "\n";
      edits.add(new int[] {text.length(), text.length(), repl.size()});
      repl.add(sep + PyProjectWriter.envxTables(envx));
    }
    edits.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[2], b[2]));
    StringBuilder out = new StringBuilder();
    int pos = 0;
    for (int[] e : edits) {
      if (e[0] < pos) {
        continue; // overlapping edit (cannot happen for well-formed input)
      }
      out.append(text, pos, e[0]).append(repl.get(e[2]));
      pos = e[1];
    }
    out.append(text.substring(pos));
    return out.toString();
  }

  /**
   * The new array text with the comment lines the user wrote before the old array's closing {@code ]} (after its
   * last element: no element's comments, so nothing else keeps them) put back before the new one's.
   */
  static String withClosingComments(String newArray, String oldArray) {
    int close = oldArray.lastIndexOf(']');
    if (close < 0 || !newArray.endsWith("\n]")) {
      return newArray;
    }
    String[] lines = oldArray.substring(0, close).split("\n", -1);
    List<String> kept = new ArrayList<>();
    int k = lines.length - 1;
    if (lines[k].isBlank()) {
      k--; // the indentation before `]`
    }
    for (; k > 0; k--) {
      String l = lines[k].strip();
      if (!l.startsWith("#")) {
        break;
      }
      kept.add(0, lines[k].replaceAll("\\s+$", ""));
    }
    if (kept.isEmpty()) {
      return newArray;
    }
    return newArray.substring(0, newArray.length() - 1) + String.join("\n", kept) + "\n]";
  }

  /** The tables envx writes: {@code [tool.envx]}, {@code [tool.envx.pip]}, {@code [tool.envx.variables]}. */
  private static boolean isEnvx(List<String> path) {
    return path.size() >= 2 && path.get(0).equals("tool") && path.get(1).equals("envx")
        && (path.size() == 2 || path.size() == 3 && List.of("pip", "variables", "layout").contains(path.get(2))
            || path.size() == 4 && path.get(2).equals("layout"));
  }

  private static boolean inTool(List<Statement> st, int i) {
    for (int k = i - 1; k >= 0; k--) {
      if (st.get(k).header()) {
        return st.get(k).path().equals(List.of("tool"));
      }
    }
    return false;
  }

  private static int firstHeaderStart(List<Statement> st, String text) {
    for (Statement s : st) {
      if (s.header()) {
        return backOverComments(text, s.start());
      }
    }
    return text.length();
  }

  /** Moves a line-start offset back over the comment lines directly above it (they belong to that table). */
  private static int backOverComments(String text, int lineStart) {
    int pos = lineStart;
    while (pos > 0) {
      int prevStart = text.lastIndexOf('\n', pos - 2) + 1;
      String line = text.substring(prevStart, pos).strip();
      if (line.startsWith("#")) {
        pos = prevStart;
      } else {
        break;
      }
    }
    return pos;
  }

  /** Finds statement boundaries in TOML text that tomlj already accepted. */
  static final class Scanner {
    private final String s;
    private int p;

    Scanner(String s) {
      this.s = s;
    }

    List<Statement> statements() {
      List<Statement> out = new ArrayList<>();
      while (true) {
        skipBlankAndComments();
        if (p >= s.length()) {
          return out;
        }
        int start = s.lastIndexOf('\n', p - 1) + 1;
        if (s.charAt(p) == '[') {
          boolean array = s.startsWith("[[", p);
          p += array ? 2 : 1;
          int keyStart = p;
          List<String> path = keyPath(array ? "]]" : "]");
          String raw = s.substring(keyStart, p).strip();
          p += array ? 2 : 1;
          toLineEnd();
          out.add(new Statement(true, path, start, -1, -1, p));
          if (raw.isEmpty()) {
            throw new IllegalStateException("empty table header");
          }
        } else {
          List<String> path = keyPath("=");
          p++; // '='
          skipSpaces();
          int vs = p;
          skipValue();
          int ve = p;
          toLineEnd();
          out.add(new Statement(false, path, start, vs, ve, p));
        }
      }
    }

    private List<String> keyPath(String terminator) {
      List<String> path = new ArrayList<>();
      StringBuilder cur = new StringBuilder();
      while (p < s.length() && !s.startsWith(terminator, p)) {
        char c = s.charAt(p);
        if (c == '"' || c == '\'') {
          int st = p;
          skipString();
          cur.append(org.tomlj.Toml.parseDottedKey(s.substring(st, p)).get(0));
          continue;
        }
        if (c == '.') {
          path.add(cur.toString());
          cur.setLength(0);
        } else if (!Character.isWhitespace(c)) {
          cur.append(c);
        }
        p++;
      }
      path.add(cur.toString());
      return path;
    }

    private void skipValue() {
      char c = s.charAt(p);
      if (c == '"' || c == '\'') {
        skipString();
      } else if (c == '[') {
        p++;
        while (true) {
          skipBlankAndComments();
          if (s.charAt(p) == ']') {
            p++;
            return;
          }
          if (s.charAt(p) == ',') {
            p++;
            continue;
          }
          skipValue();
        }
      } else if (c == '{') {
        p++;
        while (true) {
          skipSpaces();
          if (s.charAt(p) == '}') {
            p++;
            return;
          }
          if (s.charAt(p) == ',') {
            p++;
            continue;
          }
          keyPath("=");
          p++;
          skipSpaces();
          skipValue();
        }
      } else {
        while (p < s.length() && ",]}#\n\r".indexOf(s.charAt(p)) < 0) {
          p++;
        }
        while (p > 0 && (s.charAt(p - 1) == ' ' || s.charAt(p - 1) == '\t')) {
          p--;
        }
      }
    }

    private void skipString() {
      char q = s.charAt(p);
      String triple = String.valueOf(q).repeat(3);
      if (s.startsWith(triple, p)) {
        p += 3;
        while (!s.startsWith(triple, p)) {
          if (q == '"' && s.charAt(p) == '\\') {
            p++;
          }
          p++;
        }
        p += 3;
        while (p < s.length() && s.charAt(p) == q) {
          p++;
        }
        return;
      }
      p++;
      while (s.charAt(p) != q) {
        if (q == '"' && s.charAt(p) == '\\') {
          p++;
        }
        p++;
      }
      p++;
    }

    private void skipSpaces() {
      while (p < s.length() && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) {
        p++;
      }
    }

    private void skipBlankAndComments() {
      while (p < s.length()) {
        char c = s.charAt(p);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
          p++;
        } else if (c == '#') {
          while (p < s.length() && s.charAt(p) != '\n') {
            p++;
          }
        } else {
          return;
        }
      }
    }

    private void toLineEnd() {
      int nl = s.indexOf('\n', p);
      p = nl < 0 ? s.length() : nl + 1;
    }
  }
}
