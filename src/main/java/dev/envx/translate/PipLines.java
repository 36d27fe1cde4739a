package dev.envx.translate;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Classifies a line of a pip requirements list. */
final class PipLines {
  private static final Pattern OPTION = Pattern.compile(
      "(-i|--index-url|--extra-index-url|-f|--find-links|--trusted-host)(?:\\s*=\\s*|\\s+)(\\S+)");

  private static final Pattern EGG = Pattern.compile("#egg=([A-Za-z0-9._-]+)");

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
    String[] tokens = line.strip().split("\\s+");
    for (int i = 1; i < tokens.length; i++) {
      if (tokens[i].startsWith("-")) {
        String part = String.join(" ", java.util.Arrays.copyOfRange(tokens, 0, i));
        return Pep508Line.looksLikeRequirement(part) ? part : null;
      }
    }
    return null;
  }

  /** The PEP 508 name of a raw line when it has one (hash lines, {@code name @ url}), else null. */
  static String nameOf(String line) {
    String req = requirementBeforeOptions(line);
    String t = req != null ? req : line.strip();
    if (t.startsWith("-e ") || t.startsWith("--editable")) {
      Matcher m = EGG.matcher(t);
      return m.find() ? NameMapper.normalize(m.group(1)) : null;
    }
    if (!Pep508Line.looksLikeRequirement(t)) {
      Matcher m = EGG.matcher(t);
      return m.find() ? NameMapper.normalize(m.group(1)) : null;
    }
    try {
      return Pep508Line.parse(t).normalizedName();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static final List<String> OPTION_ORDER = List.of("--index-url", "--extra-index-url", "--find-links",
      "--trusted-host");
}
