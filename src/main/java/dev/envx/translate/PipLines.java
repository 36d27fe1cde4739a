package dev.envx.translate;

import dev.envx.model.pep508.Marker;
import dev.envx.model.pep508.PyPiName;
import dev.envx.model.pep508.Requirement;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Classifies a line of a pip requirements list. */
final class PipLines {
  private static final Pattern OPTION = Pattern.compile(
      "(-i|--index-url|--extra-index-url|-f|--find-links|--trusted-host)(?:\\s*=\\s*|\\s+)(\\S+)");

  // compiled once: String.split and String.matches compile theirs on every call (start-up: a conversion classifies
  // each pip line several times)
  private static final Pattern BLANKS = Pattern.compile("\\s+");
  private static final Pattern DRIVE_PATH = Pattern.compile("^[A-Za-z]:\\\\.*");
  private static final Pattern NAME_END = Pattern.compile("[\\s;@\\[<>=!~(,]");

  private PipLines() {}

  /** A global option with a value: its canonical long name and the value; or null. */
  record Option(String name, String value) {}

  static Option option(String line) {
    String t = line.strip();
    Matcher m = OPTION.matcher(t);
    if (m.matches()) {
      String name = switch (m.group(1)) {
        case "-i" -> "--index-url";
        case "-f" -> "--find-links";
        default -> m.group(1);
      };
      return new Option(name, m.group(2));
    }
    return null;
  }

  static boolean isPre(String line) {
    return line.strip().equals("--pre");
  }

  /**
   * The requirement part of a line that has per-requirement options ({@code pkg==1 --hash=sha256:...}), or null.
   */
  static String requirementBeforeOptions(String line) {
    // pip splits a line at the first token that starts with `-`: the rest are options (`--hash`, `-f`, ...)
    String[] tokens = BLANKS.split(line.strip());
    for (int i = 1; i < tokens.length; i++) {
      if (tokens[i].startsWith("-")) {
        String part = String.join(" ", java.util.Arrays.copyOfRange(tokens, 0, i));
        return looksLikeRequirement(part) ? part : null;
      }
    }
    return null;
  }

  /**
   * Whether a pip line is meant as a requirement (not an option, path, URL or archive); a {@code name @ url}
   * line is one. Which requirement it is (or whether it is a valid one) is the model's parser's business.
   */
  static boolean looksLikeRequirement(String line) {
    String t = line.strip();
    if (t.contains("@") && Requirement.tryParse(t).map(r -> r.url() != null).orElse(false)) {
      return true;
    }
    if (t.isEmpty() || t.startsWith("-") || t.startsWith(".") || t.startsWith("/") || t.startsWith("~")
        || t.startsWith("$") || t.startsWith("{") || t.contains("://") || t.startsWith("git+")
        || t.startsWith("hg+") || t.startsWith("svn+") || t.startsWith("bzr+") || DRIVE_PATH.matcher(t).matches()) {
      return false;
    }
    String first = NAME_END.split(t, 2)[0];
    return !(first.endsWith(".whl") || first.endsWith(".tar.gz") || first.endsWith(".zip")
        || first.contains("/") || first.contains("\\"));
  }

  /** The PEP 508 name of a raw line when it has one (hash lines, {@code name @ url}, {@code #egg=}), else empty. */
  static Optional<PyPiName> nameOf(String line) {
    String req = requirementBeforeOptions(line);
    String t = req != null ? req : line.strip();
    if (t.startsWith("-e ") || t.startsWith("--editable") || !looksLikeRequirement(t)) {
      return egg(t);
    }
    return Requirement.tryParse(t).map(Requirement::name);
  }

  /** The project named by a URL's {@code #egg=NAME} fragment (up to the next {@code &}), when it is a valid name. */
  private static Optional<PyPiName> egg(String line) {
    int at = line.indexOf("#egg=");
    if (at < 0) {
      return Optional.empty();
    }
    String rest = line.substring(at + 5);
    int end = 0;
    while (end < rest.length() && rest.charAt(end) != '&' && !Character.isWhitespace(rest.charAt(end))) {
      end++;
    }
    String name = rest.substring(0, end);
    return PyPiName.isValid(name) ? Optional.of(PyPiName.of(name)) : Optional.empty();
  }

  /**
   * A requirement as written into files: packaging's form, but with the specifiers in the user's order and the
   * given marker text ({@code null} for none).
   */
  static String text(Requirement r, String marker) {
    StringBuilder sb = new StringBuilder(r.name().original());
    if (!r.extras().isEmpty()) {
      sb.append('[').append(String.join(",", r.extras())).append(']');
    }
    if (r.url() != null) {
      sb.append(" @ ").append(r.url());
      if (marker != null) {
        sb.append(" ;");
      }
    } else {
      sb.append(VersionTranslation.written(r.specifier()));
      if (marker != null) {
        sb.append(';');
      }
    }
    if (marker != null) {
      sb.append(' ').append(marker);
    }
    return sb.toString();
  }

  /** {@link #text(Requirement, String)} with the requirement's own marker in canonical form (for comparisons). */
  static String text(Requirement r) {
    return text(r, r.marker() == null ? null : r.marker().toString());
  }

  /**
   * The marker of {@code r} as the user wrote it in {@code source} (quotes and spacing kept): the text after the
   * {@code ;} that the model's parser reads as that marker; null without a marker.
   */
  static String markerText(Requirement r, String source) {
    if (r.marker() == null) {
      return null;
    }
    for (int i = source.indexOf(';'); i >= 0; i = source.indexOf(';', i + 1)) {
      String candidate = source.substring(i + 1).strip();
      try {
        if (Marker.parse(candidate).equals(r.marker())) {
          return candidate;
        }
      } catch (IllegalArgumentException e) {
        // a `;` inside the URL or a quoted value: try the next one
      }
    }
    return r.marker().toString();
  }

  static final List<String> OPTION_ORDER = List.of("--index-url", "--extra-index-url", "--find-links",
      "--trusted-host");
}
