package dev.envx.translate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * conda-build selectors ({@code linux64}, {@code osx and arm64}, {@code not win}, {@code py>=39}) and PEP 508
 * environment markers, both ways, for the forms that have an exact counterpart. Anything else returns null and
 * the caller reports it.
 */
public final class Selectors {
  private static final Map<String, String> IDENT = Map.ofEntries(
      Map.entry("linux", "sys_platform == \"linux\""),
      Map.entry("osx", "sys_platform == \"darwin\""),
      Map.entry("win", "sys_platform == \"win32\""),
      Map.entry("unix", "sys_platform != \"win32\""),
      Map.entry("linux64", "sys_platform == \"linux\" and platform_machine == \"x86_64\""),
      Map.entry("osx64", "sys_platform == \"darwin\" and platform_machine == \"x86_64\""),
      Map.entry("win64", "sys_platform == \"win32\" and platform_machine == \"AMD64\""),
      Map.entry("aarch64", "platform_machine == \"aarch64\""),
      Map.entry("arm64", "platform_machine == \"arm64\""),
      Map.entry("x86_64", "platform_machine == \"x86_64\""),
      Map.entry("ppc64le", "platform_machine == \"ppc64le\""),
      Map.entry("py3k", "python_version >= \"3\""),
      Map.entry("py2k", "python_version < \"3\""));
  private static final Map<String, String> NEGATED = Map.of(
      "linux", "sys_platform != \"linux\"",
      "osx", "sys_platform != \"darwin\"",
      "win", "sys_platform != \"win32\"",
      "unix", "sys_platform == \"win32\"",
      "aarch64", "platform_machine != \"aarch64\"",
      "arm64", "platform_machine != \"arm64\"",
      "x86_64", "platform_machine != \"x86_64\"");
  private static final Pattern PY_CMP = Pattern.compile("py(==|!=|>=|<=|>|<)(\\d)(\\d+)");
  private static final Pattern PY_EQ = Pattern.compile("py(\\d)(\\d+)");
  private static final Pattern TOKEN = Pattern.compile("\\s*(\\(|\\)|[A-Za-z_][A-Za-z0-9_]*(?:(?:==|!=|>=|<=|>|<)\\d+)?)");

  private Selectors() {}

  /** The PEP 508 marker for a selector expression, or null when there is none. */
  public static String toMarker(String selector) {
    List<String> tokens = tokens(selector);
    if (tokens == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i);
      switch (t) {
        case "(", ")", "and", "or" -> out.add(t);
        case "not" -> {
          if (i + 1 >= tokens.size() || !NEGATED.containsKey(tokens.get(i + 1))) {
            return null;
          }
          out.add("(" + NEGATED.get(tokens.get(++i)) + ")");
        }
        default -> {
          String m = atom(t);
          if (m == null) {
            return null;
          }
          out.add(m.contains(" and ") && tokens.size() > 1 ? "(" + m + ")" : m);
        }
      }
    }
    return String.join(" ", out).replace("( ", "(").replace(" )", ")");
  }

  private static String atom(String t) {
    if (IDENT.containsKey(t)) {
      return IDENT.get(t);
    }
    Matcher m = PY_CMP.matcher(t);
    if (m.matches()) {
      return "python_version " + m.group(1) + " \"" + m.group(2) + "." + m.group(3) + "\"";
    }
    m = PY_EQ.matcher(t);
    if (m.matches()) {
      return "python_version == \"" + m.group(1) + "." + m.group(2) + "\"";
    }
    return null;
  }

  private static List<String> tokens(String s) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(s);
    int p = 0;
    while (p < s.length()) {
      if (!m.find(p) || m.start() != p) {
        return s.substring(p).isBlank() ? out : null;
      }
      out.add(m.group(1));
      p = m.end();
    }
    return out;
  }

  private static final Map<String, String> MARKER_TO_SELECTOR = Map.ofEntries(
      Map.entry("sys_platform == \"linux\"", "linux"),
      Map.entry("sys_platform == \"darwin\"", "osx"),
      Map.entry("sys_platform == \"win32\"", "win"),
      Map.entry("sys_platform != \"win32\"", "unix"),
      Map.entry("sys_platform != \"linux\"", "not linux"),
      Map.entry("sys_platform != \"darwin\"", "not osx"),
      Map.entry("platform_system == \"Linux\"", "linux"),
      Map.entry("platform_system == \"Darwin\"", "osx"),
      Map.entry("platform_system == \"Windows\"", "win"),
      Map.entry("platform_system != \"Windows\"", "unix"),
      Map.entry("platform_system != \"Linux\"", "not linux"),
      Map.entry("platform_system != \"Darwin\"", "not osx"),
      Map.entry("os_name == \"nt\"", "win"),
      Map.entry("os_name != \"nt\"", "unix"),
      Map.entry("os_name == \"posix\"", "unix"));

  /** A selector for the simple markers ({@code sys_platform == "linux"} and such, joined by {@code and}). */
  public static String fromMarker(String marker) {
    String norm = marker.replace('\'', '"').replaceAll("\\s+", " ").replaceAll("\\s*(==|!=)\\s*", " $1 ").strip();
    List<String> parts = new ArrayList<>();
    for (String part : norm.split(" and ")) {
      String p = part.strip();
      if (p.startsWith("(") && p.endsWith(")")) {
        p = p.substring(1, p.length() - 1).strip();
      }
      String sel = MARKER_TO_SELECTOR.get(p);
      if (sel == null) {
        return null;
      }
      parts.add(sel);
    }
    return String.join(" and ", parts);
  }

  /** The comment that carries a marker conda cannot evaluate on an environment.yml entry. */
  static final String MARKER_COMMENT = "envx: only where ";

  /** The marker of a {@link #MARKER_COMMENT} comment, or null for any other comment. */
  static String markerComment(String comment) {
    if (!comment.startsWith(MARKER_COMMENT)) {
      return null;
    }
    String m = comment.substring(MARKER_COMMENT.length()).strip();
    try {
      dev.envx.model.pep508.Marker.parse(m);
      return m;
    } catch (RuntimeException e) {
      return null; // not a marker: an ordinary comment
    }
  }

  /**
   * What a PEP 508 marker says for the environment being written: {@code TRUE} or {@code FALSE} when it has the
   * same value on every platform in scope ({@code platform}, or every platform envx locks for when null) and for
   * every CPython minor (at patch 0 and 99) that {@code requiresPython} admits (3.0 to 3.30 when null); null
   * when it depends on something left open, or cannot be evaluated ({@code extra}, a bad marker).
   */
  public static Boolean decide(String marker, String platform, String requiresPython) {
    dev.envx.model.pep508.Marker m;
    dev.envx.model.pep440.SpecifierSet python;
    try {
      m = dev.envx.model.pep508.Marker.parse(marker);
      python = requiresPython == null ? dev.envx.model.pep440.SpecifierSet.EMPTY
          : dev.envx.model.pep440.SpecifierSet.parse(requiresPython);
    } catch (RuntimeException e) {
      return null;
    }
    List<String> platforms = platform != null ? List.of(platform) : dev.envx.model.pep508.MarkerEnvironment.CONDA_PLATFORMS;
    Boolean seen = null;
    for (String pl : platforms) {
      for (int minor = 0; minor <= 30; minor++) {
        for (String patch : List.of("0", "99")) {
          String v = "3." + minor + "." + patch;
          if (!python.contains(v, true)) {
            continue;
          }
          boolean r;
          try {
            r = m.evaluate(dev.envx.model.pep508.MarkerEnvironment.forCondaPlatform(pl, v));
          } catch (RuntimeException e) {
            return null;
          }
          if (seen != null && seen != r) {
            return null;
          }
          seen = r;
        }
      }
    }
    return seen;
  }

  /**
   * Whether a selector holds on a conda platform ({@code linux-64}); null when the selector uses names this
   * does not know (e.g. python versions).
   */
  public static Boolean holdsOn(String selector, String platform) {
    String os = platform.startsWith("linux") ? "linux" : platform.startsWith("osx") ? "osx"
        : platform.startsWith("win") ? "win" : platform;
    String arch = platform.substring(platform.indexOf('-') + 1);
    Map<String, Boolean> vars = new java.util.HashMap<>();
    vars.put("linux", os.equals("linux"));
    vars.put("osx", os.equals("osx"));
    vars.put("win", os.equals("win"));
    vars.put("unix", os.equals("linux") || os.equals("osx"));
    vars.put("linux64", platform.equals("linux-64"));
    vars.put("osx64", platform.equals("osx-64"));
    vars.put("win64", platform.equals("win-64"));
    vars.put("aarch64", arch.equals("aarch64"));
    vars.put("arm64", arch.equals("arm64") || arch.equals("aarch64") && os.equals("osx"));
    vars.put("x86_64", arch.equals("64"));
    vars.put("ppc64le", arch.equals("ppc64le"));
    vars.put("x86", arch.equals("64") || arch.equals("32"));
    List<String> tokens = tokens(selector);
    if (tokens == null) {
      return null;
    }
    int[] pos = {0};
    Boolean r = or(tokens, pos, vars);
    return pos[0] == tokens.size() ? r : null;
  }

  private static Boolean or(List<String> t, int[] p, Map<String, Boolean> v) {
    Boolean a = and(t, p, v);
    while (a != null && p[0] < t.size() && t.get(p[0]).equals("or")) {
      p[0]++;
      Boolean b = and(t, p, v);
      a = b == null ? null : a || b;
    }
    return a;
  }

  private static Boolean and(List<String> t, int[] p, Map<String, Boolean> v) {
    Boolean a = not(t, p, v);
    while (a != null && p[0] < t.size() && t.get(p[0]).equals("and")) {
      p[0]++;
      Boolean b = not(t, p, v);
      a = b == null ? null : a && b;
    }
    return a;
  }

  private static Boolean not(List<String> t, int[] p, Map<String, Boolean> v) {
    if (p[0] >= t.size()) {
      return null;
    }
    String tok = t.get(p[0]++);
    if (tok.equals("not")) {
      Boolean a = not(t, p, v);
      return a == null ? null : !a;
    }
    if (tok.equals("(")) {
      Boolean a = or(t, p, v);
      if (p[0] >= t.size() || !t.get(p[0]++).equals(")")) {
        return null;
      }
      return a;
    }
    return v.get(tok);
  }
}
