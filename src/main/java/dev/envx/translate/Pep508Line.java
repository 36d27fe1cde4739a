package dev.envx.translate;

import dev.envx.diag.ParseError;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a PEP 508 requirement that translation needs: name, extras, specifiers (each {@code op} +
 * version, PEP 440 checked), a direct URL, and the marker text.
 */
public record Pep508Line(String raw, String name, List<String> extras, List<String> specifiers, String url,
    String marker) {
  static final String VERSION = "v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*"
      + "(?:[-_.]?(?:alpha|a|beta|b|preview|pre|c|rc)[-_.]?[0-9]*)?"
      + "(?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?"
      + "(?:[-_.]?dev[-_.]?[0-9]*)?"
      + "(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?";
  static final Pattern VERSION_RE = Pattern.compile(VERSION, Pattern.CASE_INSENSITIVE);
  private static final Pattern DIRECT_REFERENCE =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\s*(\\[[^\\]]*\\])?\\s*@\\s");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?");
  private static final Pattern SPEC = Pattern.compile("\\s*(~=|===|==|!=|<=|>=|<|>)\\s*([^\\s,;()]+)\\s*");

  public Pep508Line {
    Objects.requireNonNull(name, "name");
    extras = List.copyOf(extras);
    specifiers = List.copyOf(specifiers);
  }

  /**
   * Parses a requirement. Validity is packaging's (model.pep508): a requirement it rejects is an error, with this
   * class's message when it has a more specific one (and a hint); one it accepts is taken apart here, or from the
   * model when this class's simpler grammar does not cover it.
   */
  public static Pep508Line parse(String raw) {
    Pep508Line mine;
    try {
      mine = parseParts(raw);
    } catch (ParseError e) {
      dev.envx.model.pep508.Requirement model;
      try {
        model = dev.envx.model.pep508.Requirement.parse(raw);
      } catch (ParseError modelError) {
        throw e;
      }
      List<String> specs = new ArrayList<>();
      model.specifier().specifiers().forEach(sp -> specs.add(sp.toString().replace(" ", "")));
      return new Pep508Line(raw, model.name().original(), model.extras(), specs, model.url(),
          model.marker() == null ? null : model.marker().toString());
    }
    dev.envx.model.pep508.Requirement.parse(raw);
    return mine;
  }

  private static Pep508Line parseParts(String raw) {
    String s = raw;
    int p = 0;
    while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
      p++;
    }
    Matcher m = NAME.matcher(s).region(p, s.length());
    if (!m.lookingAt()) {
      throw new ParseError("expected a project name", raw, p, 1, "a requirement starts with a name, e.g. `numpy`");
    }
    String name = m.group();
    p = m.end();
    p = skipWs(s, p);
    List<String> extras = new ArrayList<>();
    if (p < s.length() && s.charAt(p) == '[') {
      int close = s.indexOf(']', p);
      if (close < 0) {
        throw new ParseError("expected `]` to close the extras", raw, p, 1);
      }
      for (String e : s.substring(p + 1, close).split(",")) {
        String t = e.strip();
        if (!t.isEmpty()) {
          if (!NAME.matcher(t).matches()) {
            throw new ParseError("invalid extra name `" + t + "`", raw, p + 1, close - p - 1);
          }
          extras.add(t);
        }
      }
      p = skipWs(s, close + 1);
    }
    String url = null;
    List<String> specs = new ArrayList<>();
    String marker = null;
    if (p < s.length() && s.charAt(p) == '@') {
      p = skipWs(s, p + 1);
      int end = p;
      while (end < s.length() && !Character.isWhitespace(s.charAt(end))) {
        end++;
      }
      url = s.substring(p, end);
      if (url.isEmpty()) {
        throw new ParseError("expected a URL after `@`", raw, p, 1);
      }
      p = skipWs(s, end);
    } else {
      boolean paren = p < s.length() && s.charAt(p) == '(';
      if (paren) {
        p++;
      }
      int semi = s.indexOf(';', p);
      int specEnd = semi < 0 ? s.length() : semi;
      if (paren) {
        int close = s.lastIndexOf(')', specEnd);
        if (close < 0) {
          throw new ParseError("expected `)`", raw, specEnd, 1);
        }
        specEnd = close;
      }
      String specText = s.substring(p, specEnd);
      if (!specText.isBlank()) {
        int off = p;
        for (String part : specText.split(",", -1)) {
          Matcher sm = SPEC.matcher(part);
          if (!sm.matches()) {
            String hint = part.strip().startsWith("=") && !part.strip().startsWith("==")
                ? "PEP 508 uses `==`, not `=`" : "write e.g. `>=1.2`";
            throw new ParseError("invalid version specifier `" + part.strip() + "`", raw, off,
                Math.max(1, part.length()), hint);
          }
          String op = sm.group(1);
          String v = sm.group(2);
          boolean wildcardOk = op.equals("==") || op.equals("!=");
          String core = wildcardOk && v.endsWith(".*") ? v.substring(0, v.length() - 2) : v;
          if (wildcardOk && v.endsWith(".*") && !core.matches("(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*")) {
            throw new ParseError("`.*` may only follow release numbers, not `" + core + "`", raw, off,
                Math.max(1, part.length()), "write e.g. `==1.2.*` or an exact `==" + core + "`");
          }
          if (!op.equals("===") && !VERSION_RE.matcher(core).matches()) {
            throw new ParseError("invalid version `" + v + "`", raw, off, Math.max(1, part.length()),
                "PEP 440 versions look like `1.2`, `1.2.3rc1`, `2.0.post1`");
          }
          specs.add(op + v);
          off += part.length() + 1;
        }
      }
      p = paren ? specEnd + 1 : specEnd;
      p = skipWs(s, p);
    }
    if (p < s.length()) {
      if (s.charAt(p) != ';') {
        throw new ParseError("unexpected text `" + s.substring(p).strip() + "`", raw, p, s.length() - p,
            "expected `;` and a marker");
      }
      marker = s.substring(p + 1).strip();
      if (marker.isEmpty()) {
        throw new ParseError("expected a marker after `;`", raw, p, 1);
      }
    }
    return new Pep508Line(raw, name, extras, specs, url, marker);
  }

  private static int skipWs(String s, int p) {
    while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
      p++;
    }
    return p;
  }

  public String normalizedName() {
    return NameMapper.normalize(name);
  }

  /** The canonical spelling: {@code name[extras]spec,spec; marker} or {@code name[extras] @ url ; marker}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(name);
    if (!extras.isEmpty()) {
      sb.append('[').append(String.join(",", extras)).append(']');
    }
    if (url != null) {
      sb.append(" @ ").append(url);
      if (marker != null) {
        sb.append(" ;");
      }
    } else {
      sb.append(String.join(",", specifiers));
      if (marker != null) {
        sb.append(';');
      }
    }
    if (marker != null) {
      sb.append(' ').append(marker);
    }
    return sb.toString();
  }

  /** Whether a pip line looks like it is meant as a requirement (not an option, path or URL). */
  public static boolean looksLikeRequirement(String line) {
    String t = line.strip();
    if (DIRECT_REFERENCE.matcher(t).lookingAt()) {
      return true;
    }
    if (t.isEmpty() || t.startsWith("-") || t.startsWith(".") || t.startsWith("/") || t.startsWith("~")
        || t.startsWith("$") || t.startsWith("{") || t.contains("://") || t.startsWith("git+")
        || t.startsWith("hg+") || t.startsWith("svn+") || t.startsWith("bzr+") || t.matches("^[A-Za-z]:\\\\.*")) {
      return false;
    }
    String first = t.split("[\\s;@\\[<>=!~(,]", 2)[0];
    return !(first.endsWith(".whl") || first.endsWith(".tar.gz") || first.endsWith(".zip")
        || first.contains("/") || first.contains("\\"));
  }
}
