package dev.envx.format.legacy;

import dev.envx.diag.Diagnostic;
import dev.envx.diag.EnvxException;
import dev.envx.diag.SourceFile;
import dev.envx.diag.Span;
import dev.envx.format.Located;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * setuptools' declarative {@code setup.cfg}: {@code [options]} {@code install_requires} and {@code python_requires},
 * {@code [options.extras_require]}. An INI file as {@code configparser} reads it: {@code key = value} or
 * {@code key: value}, indented lines continue a value, {@code #}/{@code ;} start comment lines. A
 * {@code file:} directive reads the named requirements file.
 */
public final class SetupCfg {
  private SetupCfg() {}

  /** One {@code key = value} with its value lines and where each is. */
  record Value(List<Located<String>> lines, Span at) {}

  public static LegacyManifest read(String path, String text, RequirementsTxt.Files files) {
    SourceFile src = SourceFile.of(path, text);
    Map<String, Map<String, Value>> sections = parse(src);
    List<Diagnostic> left = new ArrayList<>();
    Map<String, Value> options = sections.getOrDefault("options", Map.of());
    List<Located<String>> reqs = new ArrayList<>();
    List<Located<String>> pipLines = new ArrayList<>();
    List<Located<String>> pipOptions = new ArrayList<>();
    values(options.get("install_requires"), path, files, reqs, pipLines, pipOptions, left);
    Map<String, List<Located<String>>> extras = new LinkedHashMap<>();
    sections.getOrDefault("options.extras_require", Map.of()).forEach((k, v) -> {
      List<Located<String>> e = new ArrayList<>();
      values(v, path, files, e, pipLines, pipOptions, left);
      extras.put(k, e);
    });
    Located<String> python = null;
    Value py = options.get("python_requires");
    if (py != null && !py.lines().isEmpty()) {
      python = py.lines().get(0);
    }
    for (String k : List.of("setup_requires", "tests_require", "dependency_links")) {
      if (options.containsKey(k)) {
        left.add(Diagnostic.warning("`[options] " + k + "` is not carried", options.get(k).at(),
            k.equals("setup_requires") ? "build requirements go in `[build-system] requires`"
                : k.equals("tests_require") ? "list test requirements in a dependency group or an extra"
                    : "dependency links are gone from pip; use `name @ URL` requirements"));
      }
    }
    return new LegacyManifest(path, LegacyManifest.Kind.SETUP_CFG, reqs, extras, python, pipOptions, pipLines, left);
  }

  private static void values(Value v, String path, RequirementsTxt.Files files, List<Located<String>> reqs,
      List<Located<String>> pipLines, List<Located<String>> pipOptions, List<Diagnostic> left) {
    if (v == null) {
      return;
    }
    for (Located<String> l : v.lines()) {
      String s = l.value();
      if (s.startsWith("file:")) {
        for (String f : s.substring(5).split(",")) {
          String name = f.strip();
          java.nio.file.Path parent = java.nio.file.Path.of(path).getParent();
          String target = RequirementsTxt.normalize(parent == null ? name : parent.resolve(name).toString());
          var text = files.apply(target);
          if (text.isEmpty()) {
            left.add(Diagnostic.warning("`file: " + name + "` does not exist; its requirements are missing", l.span()));
            continue;
          }
          LegacyManifest m = RequirementsTxt.read(target, text.get(), files);
          reqs.addAll(m.requirements());
          pipLines.addAll(m.pipLines());
          pipOptions.addAll(m.pipOptions());
          left.addAll(m.left());
        }
        continue;
      }
      // one requirement per line (a `;` starts a marker, not a comment, in setuptools' reading)
      LegacyManifest m = RequirementsTxt.read(path, s, files);
      if (!m.pipOptions().isEmpty()) {
        left.add(Diagnostic.warning("`" + s + "` is a pip option, not a requirement; not carried", l.span()));
        continue;
      }
      m.requirements().forEach(r -> reqs.add(new Located<>(r.value(), l.span())));
      m.pipLines().forEach(r -> pipLines.add(new Located<>(r.value(), l.span())));
      m.left().forEach(d -> left.add(new Diagnostic(d.severity(), d.message(), l.span(), d.hints())));
    }
  }

  /** section → key → value lines, the INI way. Keys are lowercased, as configparser does. */
  static Map<String, Map<String, Value>> parse(SourceFile src) {
    Map<String, Map<String, Value>> out = new LinkedHashMap<>();
    Map<String, Value> section = null;
    List<Located<String>> current = null;
    String[] lines = src.text().split("\n", -1);
    int offset = 0;
    for (int i = 0; i < lines.length; i++) {
      String raw = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      String t = raw.strip();
      int lead = raw.length() - raw.stripLeading().length();
      Span span = Span.ofOffsets(src, offset + lead, offset + Math.max(lead + 1, raw.length()));
      offset += lines[i].length() + 1;
      if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) {
        continue;
      }
      if (lead > 0 && current != null) {
        current.add(new Located<>(inlineComment(t), span));
        continue;
      }
      if (t.startsWith("[")) {
        if (!t.endsWith("]")) {
          throw EnvxException.input("a section header needs a closing `]`", span, "write `[options]`");
        }
        section = out.computeIfAbsent(t.substring(1, t.length() - 1).strip().toLowerCase(java.util.Locale.ROOT),
            k -> new LinkedHashMap<>());
        current = null;
        continue;
      }
      int eq = firstOf(t, '=', ':');
      if (eq <= 0 || section == null) {
        throw EnvxException.input(section == null ? "a setting before any `[section]`" : "expected `key = value`",
            span, "setup.cfg is an INI file: `[options]`, then `install_requires =` and indented requirements");
      }
      current = new ArrayList<>();
      String value = inlineComment(t.substring(eq + 1).strip());
      if (!value.isEmpty()) {
        current.add(new Located<>(value, span));
      }
      section.put(t.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT), new Value(current, span));
    }
    return out;
  }

  private static String inlineComment(String s) {
    int h = s.indexOf(" #");
    return h < 0 ? s : s.substring(0, h).strip();
  }

  private static int firstOf(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    return i < 0 ? j : j < 0 ? i : Math.min(i, j);
  }
}
