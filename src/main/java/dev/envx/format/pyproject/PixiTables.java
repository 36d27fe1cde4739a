package dev.envx.format.pyproject;

import dev.envx.format.Located;
import dev.envx.format.Selector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * pixi's {@code [tool.pixi]} tables read as an input: workspace channels and platforms,
 * {@code dependencies}, {@code pypi-dependencies}, {@code target.<platform>.*} (as selectors) and
 * {@code activation.env} (as variables). Features, environments, tasks and build settings are reported as not
 * carried.
 */
final class PixiTables {
  private static final List<String> BASE = List.of("tool", "pixi");
  private final PyProjectReader r;

  PixiTables(PyProjectReader r) {
    this.r = r;
  }

  EnvxTable read() {
    List<String> ws = r.table(PyProjectReader.path(BASE, "workspace")) != null
        ? PyProjectReader.path(BASE, "workspace") : PyProjectReader.path(BASE, "project");
    List<Located<String>> channels = new ArrayList<>();
    TomlArray ca = r.table(ws) == null ? null : r.array(PyProjectReader.path(ws, "channels"));
    if (ca != null) {
      for (int i = 0; i < ca.size(); i++) {
        Object o = ca.get(i);
        if (o instanceof String s) {
          channels.add(Located.of(s));
        } else if (o instanceof TomlTable t && t.get("channel") instanceof String s) {
          channels.add(Located.of(s));
          if (t.get("priority") != null) {
            r.warn("pixi channel priority of `" + s + "` is not carried (order is)",
                PyProjectReader.path(ws, "channels"));
          }
        }
      }
    }
    List<Located<String>> platforms = r.table(ws) == null ? List.of()
        : r.platforms(PyProjectReader.path(ws, "platforms"), false);
    List<SpecEntry> conda = new ArrayList<>();
    List<SpecEntry> pip = new ArrayList<>();
    deps(BASE, null, conda, pip);
    TomlTable target = r.table(PyProjectReader.path(BASE, "target"));
    if (target != null) {
      for (String plat : target.keySet()) {
        String sel = selectorFor(plat);
        List<String> tb = PyProjectReader.path(BASE, "target", plat);
        if (sel == null) {
          r.warn("pixi target `" + plat + "` has no selector equivalent and is not carried", tb);
          continue;
        }
        deps(tb, new Selector(sel, Selector.Style.COMMENT), conda, pip);
      }
    }
    Map<String, Located<String>> vars = new LinkedHashMap<>();
    TomlTable env = r.table(PyProjectReader.path(BASE, "activation", "env"));
    if (env != null) {
      for (String k : env.keySet()) {
        Located<String> v = r.string(PyProjectReader.path(BASE, "activation", "env", k));
        if (v != null) {
          vars.put(k, v);
        }
      }
    }
    TomlTable pixi = r.table(BASE);
    for (String k : pixi.keySet()) {
      if (!List.of("workspace", "project", "dependencies", "pypi-dependencies", "target", "activation",
          "pypi-options")
          .contains(k)) {
        r.warn("pixi table `tool.pixi." + k + "` is not carried by envx", PyProjectReader.path(BASE, k));
      }
    }
    List<String> po = PyProjectReader.path(BASE, "pypi-options");
    Located<String> indexUrl = null;
    List<Located<String>> extra = List.of();
    List<Located<String>> findLinks = new ArrayList<>();
    TomlTable opts = r.table(po);
    if (opts != null) {
      indexUrl = r.string(PyProjectReader.path(po, "index-url"));
      extra = r.strings(PyProjectReader.path(po, "extra-index-urls"));
      TomlArray fl = r.array(PyProjectReader.path(po, "find-links"));
      for (int i = 0; fl != null && i < fl.size(); i++) {
        if (fl.get(i) instanceof TomlTable t) {
          Object v = t.get("url") != null ? t.get("url") : t.get("path");
          if (v instanceof String s) {
            findLinks.add(Located.of(s));
          }
        }
      }
      for (String k : opts.keySet()) {
        if (!List.of("index-url", "extra-index-urls", "find-links").contains(k)) {
          r.warn("pixi pypi option `" + k + "` is not carried by envx", PyProjectReader.path(po, k));
        }
      }
    }
    PipOptions pipOptions = new PipOptions(indexUrl, extra, findLinks, List.of(), false, List.of(), pip,
        List.of());
    Located<String> name = r.table(ws) == null ? null : r.string(PyProjectReader.path(ws, "name"));
    return new EnvxTable(EnvxTable.FORMAT, name, null, null, channels, platforms, conda, pipOptions, vars);
  }

  private void deps(List<String> base, Selector sel, List<SpecEntry> conda, List<SpecEntry> pip) {
    List<String> db = PyProjectReader.path(base, "dependencies");
    TomlTable d = r.table(db);
    if (d != null) {
      for (String name : d.keySet()) {
        List<String> p = PyProjectReader.path(db, name);
        Object v = d.get(List.of(name));
        if (v instanceof String s) {
          conda.add(new SpecEntry(PyProjectReader.condaSpec(name, s, null, null), sel, r.at(p)));
        } else if (v instanceof TomlTable t) {
          String version = t.get("version") instanceof String s ? s : "*";
          String build = t.get("build") instanceof String s ? s : null;
          String channel = t.get("channel") instanceof String s ? s : null;
          String spec = t.get("url") instanceof String u ? u : PyProjectReader.condaSpec(name, version, channel, build);
          List<String> brackets = new ArrayList<>();
          for (String k : List.of("build-number", "subdir", "md5", "sha256")) {
            Object x = t.get(k);
            if (x instanceof String || x instanceof Long) {
              brackets.add(k.replace('-', '_') + "='" + x + "'");
            }
          }
          if (!brackets.isEmpty()) {
            spec = spec + "[" + String.join(",", brackets) + "]";
          }
          conda.add(new SpecEntry(spec, sel, r.at(p)));
          for (String k : t.keySet()) {
            if (!List.of("version", "build", "channel", "build-number", "subdir", "md5", "sha256", "url")
                .contains(k)) {
              r.warn("pixi dependency field `" + k + "` of `" + name + "` is not carried", p);
            }
          }
        }
      }
    }
    List<String> pb = PyProjectReader.path(base, "pypi-dependencies");
    TomlTable pd = r.table(pb);
    if (pd != null) {
      for (String name : pd.keySet()) {
        List<String> p = PyProjectReader.path(pb, name);
        Object v = pd.get(List.of(name));
        String line = null;
        if (v instanceof String s) {
          line = s.isBlank() || s.strip().equals("*") ? name : name + s.replace(" ", "");
        } else if (v instanceof TomlTable t) {
          String extras = "";
          if (t.get("extras") instanceof TomlArray ea && ea.size() > 0) {
            List<String> ex = new ArrayList<>();
            for (int i = 0; i < ea.size(); i++) {
              ex.add(String.valueOf(ea.get(i)));
            }
            extras = "[" + String.join(",", ex) + "]";
          }
          if (t.get("path") instanceof String path) {
            boolean editable = Boolean.TRUE.equals(t.get("editable"));
            String ref = path.startsWith(".") || path.startsWith("/") ? path : "./" + path;
            line = (editable ? "-e " : "") + ref + extras;
          } else if (t.get("git") instanceof String git) {
            String rev = t.get("rev") instanceof String s ? s
                : t.get("tag") instanceof String s ? s : t.get("branch") instanceof String s ? s : null;
            String sub = t.get("subdirectory") instanceof String dir ? "#subdirectory=" + dir : "";
            line = name + extras + " @ git+" + git + (rev == null ? "" : "@" + rev) + sub;
          } else if (t.get("url") instanceof String url) {
            line = name + extras + " @ " + url;
          } else {
            String version = t.get("version") instanceof String s ? s.replace(" ", "") : "";
            line = name + extras + (version.equals("*") ? "" : version);
          }
          for (String k : t.keySet()) {
            if (!List.of("version", "extras", "path", "editable", "git", "rev", "tag", "branch", "url",
                "subdirectory")
                .contains(k)) {
              r.warn("pixi pypi-dependency field `" + k + "` of `" + name + "` is not carried", p);
            }
          }
        }
        if (line != null) {
          pip.add(new SpecEntry(line, sel, r.at(p)));
        }
      }
    }
  }

  /** The conda-build selector for a pixi target platform, or null. */
  static String selectorFor(String platform) {
    return switch (platform) {
      case "linux", "osx", "win", "unix" -> platform;
      case "linux-64" -> "linux64";
      case "linux-aarch64" -> "linux and aarch64";
      case "linux-ppc64le" -> "linux and ppc64le";
      case "osx-64" -> "osx and x86_64";
      case "osx-arm64" -> "osx and arm64";
      case "win-64" -> "win64";
      default -> null;
    };
  }
}
