package dev.envx.format.legacy;

import dev.envx.diag.Diagnostic;
import dev.envx.diag.EnvxException;
import dev.envx.diag.SourceFile;
import dev.envx.diag.Span;
import dev.envx.format.Located;
import dev.envx.model.pep508.Requirement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pip's requirements file format (pip 24): one requirement or option per line, {@code \} continues a line,
 * {@code #} after whitespace starts a comment; {@code -r}/{@code --requirement} files are read in place (relative
 * to the including file; a cycle is an error naming the chain), {@code -c} constraint files are kept as pip lines,
 * index options are carried, per-requirement {@code --hash} pins are reported (they belong in a lockfile),
 * environment markers stay on the requirement.
 */
public final class RequirementsTxt {
  /** Reads an included file by its path relative to the project root; empty when it does not exist. */
  public interface Files extends Function<String, Optional<String>> {}

  private static final Pattern OPTION = Pattern.compile("^(-[a-zA-Z]|--[a-z][a-z-]*)(?:[= ]\\s*|(?<=^-[a-zA-Z]))(.*)$");
  private static final List<String> INDEX_OPTIONS = List.of("-i", "--index-url", "--extra-index-url", "-f",
      "--find-links", "--trusted-host", "--pre", "--no-index", "--prefer-binary", "--only-binary", "--no-binary");
  private static final Pattern URL_OR_PATH = Pattern.compile("^(?:[a-z][a-z0-9+.-]*://|[a-z]+\\+|\\.{1,2}/|/|~).*"
      + "|.*\\.(?:whl|tar\\.gz|zip|tar\\.bz2)$", Pattern.CASE_INSENSITIVE);

  private final Files files;
  private final List<Located<String>> requirements = new ArrayList<>();
  private final List<Located<String>> options = new ArrayList<>();
  private final List<Located<String>> pipLines = new ArrayList<>();
  private final List<Diagnostic> left = new ArrayList<>();

  private RequirementsTxt(Files files) {
    this.files = files;
  }

  /**
   * Reads {@code path} (relative to the project root) and what it includes.
   *
   * @param text the file's text
   * @param files the project's other files, for {@code -r} includes
   */
  public static LegacyManifest read(String path, String text, Files files) {
    RequirementsTxt r = new RequirementsTxt(files);
    r.file(path, text, new ArrayList<>());
    return new LegacyManifest(path, LegacyManifest.Kind.REQUIREMENTS, r.requirements, Map.of(), null, r.options,
        r.pipLines, r.left);
  }

  private void file(String path, String text, List<String> chain) {
    chain.add(normalize(path));
    SourceFile src = SourceFile.of(path, text);
    for (Line l : lines(text)) {
      String s = l.text();
      Span span = Span.ofOffsets(src, l.start(), l.start() + Math.max(1, l.length()));
      if (s.startsWith("-")) {
        option(path, s, span, chain);
      } else {
        requirement(s, span);
      }
    }
    chain.remove(chain.size() - 1);
  }

  private void option(String path, String s, Span span, List<String> chain) {
    Matcher m = OPTION.matcher(s);
    String name = m.matches() ? m.group(1) : s;
    String value = m.matches() ? m.group(2).strip() : "";
    switch (name) {
      case "-r", "--requirement" -> include(path, value, span, chain);
      case "-c", "--constraint", "-e", "--editable" -> pipLines.add(new Located<>(s, span));
      default -> {
        if (INDEX_OPTIONS.contains(name)) {
          options.add(new Located<>(canonical(name) + (value.isEmpty() ? "" : " " + value), span));
        } else {
          left.add(Diagnostic.warning("pip option `" + name + "` is not carried", span,
              "set it where pip runs (pip.conf, PIP_* variables)"));
        }
      }
    }
  }

  private static String canonical(String option) {
    return switch (option) {
      case "-i" -> "--index-url";
      case "-f" -> "--find-links";
      default -> option;
    };
  }

  private void include(String path, String value, Span span, List<String> chain) {
    Path parent = Path.of(path).getParent();
    String target = normalize(parent == null ? value : parent.resolve(value).toString());
    if (chain.contains(target)) {
      List<String> cycle = new ArrayList<>(chain.subList(chain.indexOf(target), chain.size()));
      cycle.add(target);
      throw EnvxException.input("requirements files include each other in a cycle: " + String.join(" -> ", cycle),
          span, "remove the `-r " + value + "` line (pip would recurse forever)");
    }
    if (chain.size() > 32) {
      throw EnvxException.input("requirements includes nest deeper than 32 files", span);
    }
    Optional<String> text = files.apply(target);
    if (text.isEmpty()) {
      left.add(Diagnostic.warning("included file `" + target + "` does not exist; its requirements are missing",
          span, "add the file, or remove the `-r` line"));
      return;
    }
    file(target, text.get(), chain);
  }

  private void requirement(String s, Span span) {
    // per-requirement options: --hash pins (lockfile business), --install-option & co
    String req = s;
    int opt = indexOfOption(s);
    if (opt >= 0) {
      req = s.substring(0, opt).strip();
      String opts = s.substring(opt);
      if (opts.contains("--hash")) {
        int n = opts.split("--hash", -1).length - 1;
        left.add(Diagnostic.warning(n + " `--hash` pin" + (n == 1 ? "" : "s") + " of `" + req + "` not carried", span,
            "hashes belong in a lockfile: `envx lock` records them"));
      }
      String other = opts.replaceAll("--hash[= ]\\S+", "").strip();
      if (!other.isEmpty()) {
        left.add(Diagnostic.warning("per-requirement option `" + other + "` of `" + req + "` is not carried", span));
      }
    }
    if (URL_OR_PATH.matcher(req).matches() && !req.contains(" @ ")) {
      pipLines.add(new Located<>(req, span));
      return;
    }
    try {
      Requirement.parse(req);
      requirements.add(new Located<>(req, span));
    } catch (IllegalArgumentException e) {
      // pip would reject it too; keep it verbatim for the user to fix, never drop it
      pipLines.add(new Located<>(req, span));
      left.add(Diagnostic.warning("`" + req + "` is not a PEP 508 requirement (" + Diagnostic.lowerFirst(e.getMessage(),
          "invalid") + "); kept as a pip line", span));
    }
  }

  /** The start of {@code --opt} after the requirement (outside a URL), or -1. */
  private static int indexOfOption(String s) {
    Matcher m = Pattern.compile("\\s--?[a-z]").matcher(s);
    return m.find() ? m.start() + 1 : -1;
  }

  /** A logical line: continuations joined, comments and blank lines gone; offsets into the text. */
  record Line(String text, int start, int length) {}

  static List<Line> lines(String text) {
    List<Line> out = new ArrayList<>();
    String[] raw = text.split("\n", -1);
    int offset = 0;
    StringBuilder cur = null;
    int curStart = 0;
    for (String r : raw) {
      String line = r.endsWith("\r") ? r.substring(0, r.length() - 1) : r;
      String noComment = stripComment(line);
      boolean continues = noComment.endsWith("\\");
      String part = continues ? noComment.substring(0, noComment.length() - 1) : noComment;
      if (cur == null) {
        cur = new StringBuilder();
        curStart = offset + (line.length() - line.stripLeading().length());
      }
      cur.append(part);
      if (!continues) {
        String t = cur.toString().strip();
        if (!t.isEmpty()) {
          out.add(new Line(t.replaceAll("\\s+", " "), curStart, Math.min(t.length(), line.length())));
        }
        cur = null;
      } else {
        cur.append(' ');
      }
      offset += r.length() + 1;
    }
    if (cur != null && !cur.toString().isBlank()) {
      out.add(new Line(cur.toString().strip(), curStart, cur.length()));
    }
    return out;
  }

  private static String stripComment(String line) {
    if (line.stripLeading().startsWith("#")) {
      return "";
    }
    Matcher m = Pattern.compile("\\s#").matcher(line);
    return m.find() ? line.substring(0, m.start()) : line;
  }

  static String normalize(String path) {
    return Path.of(path).normalize().toString().replace('\\', '/');
  }

  /** Included files by path, for tests and single-file reads. */
  public static Files of(Map<String, String> texts) {
    Map<String, String> copy = new LinkedHashMap<>(texts);
    return p -> Optional.ofNullable(copy.get(p));
  }
}
