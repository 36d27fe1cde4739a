package dev.envx.format.legacy;

import dev.envx.diag.Diagnostic;
import dev.envx.diag.EnvxException;
import dev.envx.diag.SourceFile;
import dev.envx.diag.Span;
import dev.envx.format.Located;
import dev.envx.model.pep508.Requirement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * pipenv's {@code Pipfile} (TOML): {@code [packages]} and {@code [dev-packages]} (as the {@code dev} group),
 * {@code [requires] python_version / python_full_version}, {@code [[source]]} URLs as indexes. A package is
 * {@code "*"}, a version spec, or a table with {@code version}, {@code extras}, {@code markers} and the
 * {@code sys_platform}-style marker keys, or {@code git}/{@code ref}, {@code path}/{@code editable},
 * {@code file} (a {@code name @ URL} requirement or a verbatim pip line).
 */
public final class Pipfile {
  private static final List<String> MARKER_KEYS = List.of("os_name", "sys_platform", "platform_machine",
      "platform_system", "python_version", "platform_python_implementation", "implementation_name");

  private Pipfile() {}

  public static LegacyManifest read(String path, String text) {
    SourceFile src = SourceFile.of(path, text);
    dev.envx.io.InputLimits.DEFAULT.checkText(src);
    dev.envx.io.InputLimits.DEFAULT.checkTomlDepth(src);
    TomlParseResult toml = Toml.parse(text);
    if (toml.hasErrors()) {
      var e = toml.errors().get(0);
      String msg = e.getMessage();
      int cut = msg.lastIndexOf(" (line ");
      throw EnvxException.input("invalid TOML: " + Diagnostic.lowerFirst(cut > 0 ? msg.substring(0, cut) : msg, ""),
          span(src, e.position()), "a Pipfile is TOML: `[packages]` then `requests = \"*\"`");
    }
    List<Diagnostic> left = new ArrayList<>();
    List<Located<String>> pipLines = new ArrayList<>();
    List<Located<String>> reqs = packages(src, toml, "packages", pipLines, left);
    Map<String, List<Located<String>>> extras = new LinkedHashMap<>();
    if (toml.get("dev-packages") instanceof TomlTable) {
      extras.put("dev", packages(src, toml, "dev-packages", pipLines, left));
    }
    Located<String> python = null;
    if (toml.get("requires") instanceof TomlTable r) {
      if (r.get("python_full_version") instanceof String v) {
        python = new Located<>("==" + v, span(src, toml.inputPositionOf("requires.python_full_version")));
      } else if (r.get("python_version") instanceof String v) {
        python = new Located<>("==" + v + ".*", span(src, toml.inputPositionOf("requires.python_version")));
      }
    }
    List<Located<String>> options = new ArrayList<>();
    if (toml.get("source") instanceof TomlArray sources) {
      for (int i = 0; i < sources.size(); i++) {
        if (sources.get(i) instanceof TomlTable s && s.get("url") instanceof String url) {
          Span sp = span(src, sources.inputPositionOf(i));
          if (url.equals("https://pypi.org/simple") || url.equals("https://pypi.python.org/simple")) {
            continue; // pip's default index
          }
          options.add(new Located<>((options.isEmpty() ? "--index-url " : "--extra-index-url ") + url, sp));
          if (Boolean.FALSE.equals(s.get("verify_ssl"))) {
            left.add(Diagnostic.warning("`verify_ssl = false` of source `" + url + "` is not carried", sp,
                "use `--trusted-host` where pip runs"));
          }
        }
      }
    }
    for (String k : toml.keySet()) {
      if (!List.of("packages", "dev-packages", "requires", "source").contains(k)) {
        left.add(Diagnostic.warning("Pipfile section `[" + k + "]` is not carried", span(src, toml.inputPositionOf(k))));
      }
    }
    return new LegacyManifest(path, LegacyManifest.Kind.PIPFILE, reqs, extras, python, options, pipLines, left);
  }

  private static List<Located<String>> packages(SourceFile src, TomlParseResult toml, String table,
      List<Located<String>> pipLines, List<Diagnostic> left) {
    List<Located<String>> out = new ArrayList<>();
    if (!(toml.get(table) instanceof TomlTable t)) {
      return out;
    }
    for (String name : t.keySet()) {
      Object v = t.get(List.of(name));
      Span sp = span(src, t.inputPositionOf(List.of(name)));
      String req;
      if (v instanceof String s) {
        req = name + (s.strip().equals("*") || s.isBlank() ? "" : spec(s.strip()));
      } else if (v instanceof TomlTable p) {
        if (p.get("git") instanceof String git) {
          String ref = p.get("ref") instanceof String r ? "@" + r : "";
          req = name + " @ " + (git.startsWith("git+") ? git : "git+" + git) + ref;
        } else if (p.get("path") instanceof String local) {
          pipLines.add(new Located<>((Boolean.TRUE.equals(p.get("editable")) ? "-e " : "") + local, sp));
          continue;
        } else if (p.get("file") instanceof String url) {
          req = name + " @ " + url;
        } else {
          StringBuilder sb = new StringBuilder(name);
          if (p.get("extras") instanceof TomlArray ex && ex.size() > 0) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < ex.size(); i++) {
              names.add(String.valueOf(ex.get(i)));
            }
            sb.append('[').append(String.join(",", names)).append(']');
          }
          if (p.get("version") instanceof String ver && !ver.strip().equals("*")) {
            sb.append(spec(ver.strip()));
          }
          List<String> markers = new ArrayList<>();
          if (p.get("markers") instanceof String m) {
            markers.add(m);
          }
          for (String k : MARKER_KEYS) {
            if (p.get(k) instanceof String m) {
              markers.add(k + " " + m.strip());
            }
          }
          if (!markers.isEmpty()) {
            sb.append("; ").append(markers.size() == 1 ? markers.get(0)
                : "(" + String.join(") and (", markers) + ")");
          }
          req = sb.toString();
          for (String k : p.keySet()) {
            if (!List.of("version", "extras", "markers", "index").contains(k) && !MARKER_KEYS.contains(k)) {
              left.add(Diagnostic.warning("key `" + k + "` of `" + name + "` is not carried", sp));
            }
          }
          if (p.get("index") instanceof String idx) {
            left.add(Diagnostic.warning("`" + name + "` comes from index `" + idx + "`; envx carries the indexes, "
                + "not which package comes from which", sp));
          }
        }
      } else {
        left.add(Diagnostic.warning("`" + name + "` has a value envx cannot read; not carried", sp));
        continue;
      }
      try {
        Requirement.parse(req);
        out.add(new Located<>(req, sp));
      } catch (IllegalArgumentException e) {
        pipLines.add(new Located<>(req, sp));
        left.add(Diagnostic.warning("`" + req + "` is not a PEP 508 requirement; kept as a pip line", sp));
      }
    }
    return out;
  }

  /** A Pipfile version: {@code ==1.2}, {@code >=1,<2}, or a bare {@code 1.2} meaning {@code ==1.2}. */
  private static String spec(String s) {
    return Character.isDigit(s.charAt(0)) ? "==" + s : s;
  }

  private static Span span(SourceFile src, TomlPosition p) {
    if (p == null) {
      return null;
    }
    int line = Math.min(Math.max(1, p.line()), src.lineCount());
    return new Span(src, line, Math.max(1, p.column()), 1);
  }
}
