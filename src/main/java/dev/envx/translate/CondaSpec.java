package dev.envx.translate;

import dev.envx.diag.ParseError;
import dev.envx.model.conda.MatchSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a conda MatchSpec string that translation needs: channel, name, version spec, build string and
 * a bracket suffix, with the original spelling kept. The version is stored as conda reads it (the fuzzy
 * {@code =1.2} becomes {@code 1.2.*}, whitespace around operators removed).
 */
public record CondaSpec(String raw, String channel, String name, String version, String build, String bracket) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]*");
  private static final Pattern VERSION_CHARS = Pattern.compile("[A-Za-z0-9.*_+!<>=~|,()-]+");
  private static final Pattern ATOM = Pattern.compile("(==|!=|>=|<=|~=|>|<|=)?([A-Za-z0-9._+!*-]+)");
  private static final Pattern VERSION_PLUS_BUILD =
      Pattern.compile("((?:.+?)[^><!,|]?)(?:(?<![=!|,<>~])=([^-=,|<>~]+?))?");
  private static final Pattern BUILD = Pattern.compile("[A-Za-z0-9_.*+-]+");

  public CondaSpec {
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(name, "name");
  }

  /**
   * Takes a spec apart; validity is decided by {@link MatchSpec#parse} (conda's grammar) before, so this only
   * needs to understand the forms it translates and may reject odd ones that conda accepts.
   */
  public static CondaSpec parse(String raw) {
    String s = raw.strip();
    int base = raw.indexOf(s.isEmpty() ? raw : s.substring(0, 1));
    String bracket = null;
    if (s.endsWith("]") && s.indexOf('[') > 0) {
      bracket = s.substring(s.indexOf('['));
      s = s.substring(0, s.indexOf('[')).strip();
    }
    String channel = null;
    int cc = s.lastIndexOf("::");
    if (cc >= 0) {
      channel = s.substring(0, cc);
      if (channel.isBlank()) {
        throw new ParseError("expected a channel before `::`", raw, base, 2, "write e.g. `conda-forge::numpy`");
      }
      base += cc + 2;
      s = s.substring(cc + 2);
    }
    Matcher m = NAME.matcher(s);
    if (!m.lookingAt()) {
      throw new ParseError("expected a package name", raw, base, 1,
          "a conda spec starts with a name, e.g. `numpy >=1.20`");
    }
    String name = m.group();
    String rest = s.substring(name.length());
    int restBase = base + name.length();
    String version = null;
    String build = null;
    String r = rest.strip();
    if (!r.isEmpty()) {
      r = r.replaceAll("\\s*([,|])\\s*", "$1").replaceAll("(==|!=|>=|<=|~=|>|<|=)\\s+", "$1");
      if (r.startsWith("=") && !r.startsWith("==") && !r.contains(",") && !r.contains("|")) {
        String[] parts = r.substring(1).split("=", -1);
        if (parts.length > 2 || parts[0].isEmpty()) {
          throw new ParseError("expected `name=version` or `name=version=build`", raw, restBase,
              rest.length(), "write e.g. `numpy=1.21` or `numpy=1.21=py39h1234_0`");
        }
        String v = parts[0];
        if (v.matches(".*([<>=~,|]|!=).*")) {
          throw new ParseError("unexpected operator after `=`", raw, restBase, rest.length(),
              "use `name >=1.2` or `name=1.2`, not both");
        }
        version = v.equals("*") ? "*" : fuzzy(v);
        build = parts.length == 2 ? parts[1] : null;
      } else {
        String[] tokens = r.split("\\s+");
        if (tokens.length > 2) {
          throw new ParseError("unexpected text after the build string", raw, restBase, rest.length(),
              "a conda spec is `name version build`");
        }
        version = tokens[0];
        build = tokens.length == 2 ? tokens[1] : null;
        if (build == null) {
          // `>=2.7=cuda*`: a build after `=` that no operator precedes (conda's version-plus-build rule)
          Matcher vb = VERSION_PLUS_BUILD.matcher(version);
          if (vb.matches() && vb.group(2) != null) {
            build = vb.group(2);
            version = vb.group(1);
          }
        }
      }
      checkVersion(raw, restBase, rest, version);
      if (build != null && !BUILD.matcher(build).matches()) {
        throw new ParseError("invalid build string `" + build + "`", raw, restBase, rest.length());
      }
    }
    return new CondaSpec(raw.strip(), channel, name, version, build, bracket);
  }

  private static String fuzzy(String v) {
    if (v.endsWith(".*")) {
      return v;
    }
    if (v.endsWith("*")) {
      return v.substring(0, v.length() - 1) + (v.endsWith(".*") ? "" : ".*");
    }
    return v + ".*";
  }

  private static void checkVersion(String raw, int base, String rest, String version) {
    if (!VERSION_CHARS.matcher(version).matches()) {
      throw new ParseError("invalid version spec `" + version + "`", raw, base, Math.max(1, rest.length()),
          "conda version specs use `==`, `!=`, `>=`, `<=`, `>`, `<`, `=`, `*`, `,` and `|`");
    }
    for (String atom : version.replace("(", "").replace(")", "").split("[,|]", -1)) {
      if (atom.startsWith("=>") || atom.startsWith("=<")) {
        throw new ParseError("`" + atom.substring(0, 2) + "` is not a conda operator", raw, base,
            Math.max(1, rest.length()), "did you mean `" + atom.charAt(1) + "=" + atom.substring(2) + "`?");
      }
      if (!ATOM.matcher(atom).matches()) {
        throw new ParseError("invalid version spec `" + version + "`", raw, base, Math.max(1, rest.length()),
            atom.isEmpty() ? "remove the empty part between `,` or `|`"
                : "`" + atom + "` is not a version constraint; write e.g. `>=1.2`");
      }
    }
  }

  public String nameLower() {
    return name.toLowerCase(Locale.ROOT);
  }

  /** The version as a normalized conda spec for comparisons ({@code =1.2}, {@code 1.2*} → {@code 1.2.*}). */
  public String normalizedVersion() {
    return normalizeVersion(version);
  }

  static String normalizeVersion(String version) {
    if (version == null || version.equals("*") || version.equals(".*")) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    StringBuilder atom = new StringBuilder();
    for (char c : (version + "\u0000").toCharArray()) {
      if (c == ',' || c == '|' || c == '(' || c == ')' || c == '\u0000') {
        out.append(normalizeAtom(atom.toString()));
        atom.setLength(0);
        if (c != '\u0000') {
          out.append(c);
        }
      } else {
        atom.append(c);
      }
    }
    return out.toString();
  }

  private static String normalizeAtom(String a) {
    if (a.isEmpty()) {
      return a;
    }
    Matcher m = ATOM.matcher(a);
    if (!m.matches()) {
      return a;
    }
    String op = m.group(1) == null ? "" : m.group(1);
    String v = m.group(2);
    switch (op) {
      case "", "==", "=" -> {
        if (v.equals("*")) {
          return "*";
        }
        if (v.endsWith("*") || op.equals("=")) {
          return fuzzy(v);
        }
        return "==" + v;
      }
      case "!=" -> {
        return "!=" + (v.endsWith("*") ? fuzzy(v) : v);
      }
      default -> {
        return op + v;
      }
    }
  }

  /** conda's canonical spelling ({@code str(MatchSpec)}); throws {@link ParseError} when conda rejects it. */
  public static String condaCanonical(String spec) {
    return MatchSpec.parse(spec).toString();
  }

  /** A spelling for comparisons: lowercase name, normalized version, channel and build kept. */
  public String canonical() {
    StringBuilder sb = new StringBuilder();
    if (channel != null) {
      sb.append(channel).append("::");
    }
    sb.append(nameLower());
    String v = normalizedVersion();
    if (!v.isEmpty() || build != null) {
      sb.append(' ').append(v.isEmpty() ? "*" : v);
    }
    if (build != null) {
      sb.append(' ').append(build);
    }
    if (bracket != null) {
      sb.append(bracket.replace(" ", ""));
    }
    return sb.toString();
  }

  /** The atoms of the version, split at {@code ,} (empty for none); null when it has {@code |} or parens. */
  List<String> andAtoms() {
    List<String> out = new ArrayList<>();
    String v = normalizedVersion();
    if (v.isEmpty()) {
      return out;
    }
    if (v.contains("|") || v.contains("(")) {
      return null;
    }
    for (String a : v.split(",")) {
      if (!a.equals("*")) {
        out.add(a);
      }
    }
    return out;
  }

  /** Writes {@code name} with a version in the spelling conda users expect ({@code numpy=1.21}, {@code numpy>=1}). */
  public static String render(String name, String version) {
    if (version == null || version.isEmpty() || version.equals("*")) {
      return name;
    }
    if (!version.contains(",") && !version.contains("|") && version.endsWith(".*")
        && !version.startsWith("!") && Character.isLetterOrDigit(version.charAt(0))) {
      return name + "=" + version.substring(0, version.length() - 2);
    }
    if (Character.isLetterOrDigit(version.charAt(0))) {
      return name + " " + version;
    }
    return name + version;
  }
}
