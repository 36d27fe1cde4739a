package dev.envx.format.pyproject;

import dev.envx.diag.SourceFile;
import dev.envx.format.Trivia;
import java.util.ArrayList;
import java.util.List;

/**
 * The comments and blank lines written around a TOML value (tomlj keeps none): the blank and comment lines
 * directly above the line where an array element or a {@code key = value} starts (when nothing else precedes it
 * on its line), and a comment after it on its last line (after its comma).
 */
final class TomlTrivia {
  private TomlTrivia() {}

  /** Trivia of the array element whose value starts at {@code offset}. */
  static Trivia ofElement(SourceFile file, int offset) {
    return new Trivia(before(file, offset), after(file, valueEnd(file.text(), offset)));
  }

  /** Trivia of the {@code key = value} whose key starts at {@code keyOffset}. */
  static Trivia ofKey(SourceFile file, int keyOffset) {
    String t = file.text();
    int eq = skipKey(t, keyOffset);
    if (eq >= t.length() || t.charAt(eq) != '=') {
      return Trivia.EMPTY;
    }
    int v = eq + 1;
    while (v < t.length() && (t.charAt(v) == ' ' || t.charAt(v) == '\t')) {
      v++;
    }
    return new Trivia(before(file, keyOffset), after(file, valueEnd(t, v)));
  }

  private static List<String> before(SourceFile file, int offset) {
    int line = file.lineOf(offset);
    List<String> out = new ArrayList<>();
    if (!file.text().substring(file.offsetOf(line, 1), offset).isBlank()) {
      return out;
    }
    for (int k = line - 1; k >= 1; k--) {
      String s = file.lineText(k);
      if (s.isBlank() || s.strip().startsWith("#")) {
        out.add(0, s);
      } else {
        break;
      }
    }
    return out;
  }

  /** Blanks and a comment after the value (and its comma) to the end of its line; {@code ""} if anything else. */
  private static String after(SourceFile file, int end) {
    String t = file.text();
    int i = end;
    while (i < t.length() && (t.charAt(i) == ' ' || t.charAt(i) == '\t')) {
      i++;
    }
    if (i < t.length() && t.charAt(i) == ',') {
      end = i + 1;
    }
    int eol = t.indexOf('\n', end);
    String rest = t.substring(end, eol < 0 ? t.length() : eol);
    if (rest.endsWith("\r")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    String s = rest.strip();
    return s.isEmpty() || s.startsWith("#") ? rest : "";
  }

  /** The offset of the {@code =} after a (dotted, quoted) key, or where the scan stopped. */
  private static int skipKey(String t, int i) {
    while (i < t.length()) {
      char c = t.charAt(i);
      if (c == '"' || c == '\'') {
        i = stringEnd(t, i);
      } else if (c == '=' || c == '\n' || c == '#') {
        return i;
      } else {
        i++;
      }
    }
    return i;
  }

  /** The offset just after the value starting at {@code i}: a string, an inline table or array, or a bare value. */
  static int valueEnd(String t, int i) {
    if (i >= t.length()) {
      return i;
    }
    char c = t.charAt(i);
    if (c == '"' || c == '\'') {
      return stringEnd(t, i);
    }
    if (c == '{' || c == '[') {
      int depth = 0;
      while (i < t.length()) {
        char d = t.charAt(i);
        if (d == '"' || d == '\'') {
          i = stringEnd(t, i);
          continue;
        }
        if (d == '#') {
          while (i < t.length() && t.charAt(i) != '\n') {
            i++;
          }
          continue;
        }
        if (d == '{' || d == '[') {
          depth++;
        } else if (d == '}' || d == ']') {
          depth--;
          if (depth == 0) {
            return i + 1;
          }
        }
        i++;
      }
      return i;
    }
    while (i < t.length() && ",]}#\n\r \t".indexOf(t.charAt(i)) < 0) {
      i++;
    }
    return i;
  }

  private static int stringEnd(String t, int i) {
    char q = t.charAt(i);
    String triple = String.valueOf(q).repeat(3);
    if (t.startsWith(triple, i)) {
      int close = t.indexOf(triple, i + 3);
      while (close >= 0 && q == '"' && escaped(t, close)) {
        close = t.indexOf(triple, close + 1);
      }
      if (close < 0) {
        return t.length();
      }
      int end = close + 3;
      while (end < t.length() && t.charAt(end) == q) { // up to two quotes may close the content
        end++;
      }
      return end;
    }
    int j = i + 1;
    while (j < t.length() && t.charAt(j) != q && t.charAt(j) != '\n') {
      j += t.charAt(j) == '\\' && q == '"' ? 2 : 1;
    }
    return Math.min(t.length(), j + 1);
  }

  private static boolean escaped(String t, int at) {
    int n = 0;
    for (int k = at - 1; k >= 0 && t.charAt(k) == '\\'; k--) {
      n++;
    }
    return n % 2 == 1;
  }
}
