package dev.envx.format.lock;

import dev.envx.diag.Diagnostic;
import dev.envx.diag.EnvxException;
import dev.envx.diag.ParseError;
import dev.envx.diag.SourceFile;
import dev.envx.diag.Span;
import dev.envx.model.pep440.Pep440Version;
import dev.envx.model.pep440.SpecifierSet;
import dev.envx.model.pep508.PyPiName;
import dev.envx.model.pep508.Requirement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads PEP 751 {@code pylock.toml} ({@code lock-version} 1.x): each wheel and sdist of a package becomes one
 * PyPI entry; packages from a VCS, a directory or an archive are carried as they are. Without envx's
 * {@code [tool.envx]} table (which says which files belong to which platform and category) every file sits under
 * {@code noarch}: an installer picks the wheel by its tags.
 */
final class PylockReader {
  static final String NOARCH = "noarch";
  private static final List<String> TOP_EXTRA = List.of("environments", "requires-python", "extras",
      "dependency-groups", "default-groups", "created-by");

  private final SourceFile file;
  private final Warnings w = new Warnings();

  private PylockReader(SourceFile file) {
    this.file = file;
  }

  static LockRead parse(String text, String name) {
    PylockReader r = new PylockReader(SourceFile.of(name, text));
    return Guard.at(r::run, msg -> EnvxException.input(msg, new Span(r.file, 1, 1, 0)));
  }

  private static final java.util.regex.Pattern BAD_ESCAPE =
      java.util.regex.Pattern.compile("\\\\(?:u(?![0-9A-Fa-f]{4})|U(?![0-9A-Fa-f]{8}))");

  /** Where the first {@code \\u} / {@code \\U} escape without its hex digits is, else the file's start. */
  private Span badEscape() {
    java.util.regex.Matcher m = BAD_ESCAPE.matcher(file.text());
    if (!m.find()) {
      return new Span(file, 1, 1, 0);
    }
    String before = file.text().substring(0, m.start());
    int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
    return new Span(file, line, m.start() - before.lastIndexOf('\n'), 2);
  }

  /** An error at a table: at its first key that has a position, else at the file's start. */
  private EnvxException error(String message, TomlTable t) {
    return error(message, t, null);
  }

  private EnvxException error(String message, TomlTable t, String key, String... hints) {
    TomlPosition p = t == null || key == null ? null : t.inputPositionOf(key);
    if (p == null && t != null) {
      // the key is missing: at the table's first key that has a position
      p = t.keySet().stream().map(t::inputPositionOf).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }
    return EnvxException.input(message, p == null ? new Span(file, 1, 1, 0) : new Span(file, p.line(), p.column(),
        1), hints);
  }

  private LockRead run() {
    TomlParseResult toml;
    try {
      toml = Toml.parse(file.text());
    } catch (RuntimeException | AssertionError e) {
      // tomlj trips over some malformed escapes (an assertion in its string visitor) instead of reporting them
      throw EnvxException.input("invalid TOML: a malformed escape sequence or string", badEscape(),
          "the file may be truncated or edited by hand; `\\u` takes 4 hex digits, `\\U` 8");
    }
    if (toml.hasErrors()) {
      List<Diagnostic> ds = new ArrayList<>();
      for (TomlParseError e : toml.errors().subList(0, Math.min(5, toml.errors().size()))) {
        ds.add(Diagnostic.error("invalid TOML: " + Diagnostic.lowerFirst(e.getMessage().replaceAll("\\s*\\(line \\d+, column \\d+\\)$", ""), "error"),
            new Span(file, e.position().line(), e.position().column(), 1),
            "the file may be truncated or edited by hand"));
      }
      throw new EnvxException(EnvxException.USAGE, ds);
    }
    Object lv = toml.get("lock-version");
    if (lv == null) {
      throw EnvxException.input("this pylock.toml has no `lock-version`", new Span(file, 1, 1, 0),
          "PEP 751 lock files start with `lock-version = \"1.0\"`");
    }
    if (!(lv instanceof String version)) {
      throw error("expected a string for `lock-version`", toml, "lock-version");
    }
    String[] parts = version.split("\\.");
    int major;
    try {
      major = Integer.parseInt(parts[0]);
    } catch (NumberFormatException e) {
      throw error("invalid `lock-version` `" + version + "`", toml, "lock-version");
    }
    if (major > 1) {
      throw error("this pylock.toml has lock-version " + version + ", newer than envx knows (newest: 1.0)", toml,
          "lock-version", "update envx, or export the lock with lock-version 1.0");
    }
    if (major < 1) {
      throw error("unknown `lock-version` `" + version + "`", toml, "lock-version");
    }
    if (!version.equals("1.0")) {
      w.add("lock-version is newer than 1.0; envx reads it as 1.0", null, version);
    }
    Map<String, Object> metaExtra = new LinkedHashMap<>();
    for (String k : TOP_EXTRA) {
      if (toml.contains(k)) {
        MetadataExtra.put(metaExtra, LockFormat.PYLOCK, k, raw(toml.get(k)));
      }
    }
    String inputHash = null;
    Map<String, String> platformOf = new TreeMap<>(); // file name -> platforms, joined
    Map<String, List<String>> filesOf = new TreeMap<>();
    Map<String, List<String>> categoriesOf = new TreeMap<>();
    for (String k : toml.keySet()) {
      if (!TOP_EXTRA.contains(k) && !k.equals("lock-version") && !k.equals("packages") && !k.equals("tool")) {
        throw error("unknown key `" + k + "` in a pylock.toml", toml, k,
            "PEP 751 keys: lock-version, environments, requires-python, extras, dependency-groups, "
                + "default-groups, created-by, packages, tool");
      }
    }
    TomlTable tool = table(toml, "tool");
    if (tool != null) {
      Map<String, Object> other = new TreeMap<>();
      for (String k : tool.keySet()) {
        if (!k.equals("envx")) {
          other.put(k, raw(tool.get(k)));
        }
      }
      if (!other.isEmpty()) {
        MetadataExtra.put(metaExtra, LockFormat.PYLOCK, "tool", other);
      }
      TomlTable envx = table(tool, "envx");
      if (envx != null) {
        if (envx.contains("input-hash")) {
          inputHash = string(envx, "input-hash");
          try {
            new LockMetadata(null, inputHash, null, null, null, null);
          } catch (IllegalArgumentException e) {
            throw error(e.getMessage(), envx, "input-hash");
          }
        }
        TomlTable plats = table(envx, "platforms");
        if (plats != null) {
          for (String p : plats.keySet()) {
            filesOf.put(p, strings(plats, p));
          }
        }
        TomlTable cats = table(envx, "categories");
        if (cats != null) {
          for (String c : cats.keySet()) {
            for (String f : strings(cats, c)) {
              categoriesOf.computeIfAbsent(f, x -> new ArrayList<>()).add(c);
            }
          }
        }
      }
    }
    List<LockEntry> all = new ArrayList<>();
    Object pk = toml.get("packages");
    if (pk != null && !(pk instanceof TomlArray)) {
      throw error("expected an array of tables for `packages`", toml, "packages");
    }
    TomlArray packages = (TomlArray) pk;
    for (int i = 0; packages != null && i < packages.size(); i++) {
      if (!(packages.get(i) instanceof TomlTable t)) {
        throw error("expected a table for each of `packages`", toml, "packages");
      }
      all.addAll(Guard.at(() -> entries(t, categoriesOf), msg -> error(msg, t)));
    }
    Map<String, List<LockEntry>> byPlatform = new TreeMap<>();
    List<String> platforms = new ArrayList<>();
    if (filesOf.isEmpty()) {
      byPlatform.put(NOARCH, all);
    } else {
      platforms.addAll(filesOf.keySet());
      for (Map.Entry<String, List<String>> e : filesOf.entrySet()) {
        List<LockEntry> list = new ArrayList<>();
        for (String f : e.getValue()) {
          LockEntry found = all.stream().filter(x -> key(x).equals(f)).findFirst().orElseThrow(() ->
              error("`[tool.envx.platforms]` names `" + f + "`, which no package has", tool, "envx"));
          list.add(found);
        }
        byPlatform.put(e.getKey(), list);
      }
    }
    LockEnvironment env = new LockEnvironment(LockEnvironment.DEFAULT, null, indexes(all), null, byPlatform);
    LockMetadata meta = new LockMetadata(version, inputHash, platforms, null, null, metaExtra);
    return new LockRead(new Lockfile(meta, List.of(env)), LockFormat.PYLOCK, w.diagnostics());
  }

  /** The file name (or, for an opaque package, the name) envx's tool table lists an entry by. */
  static String key(LockEntry e) {
    if (e instanceof LockEntry.Resolved r && r.pkg() instanceof LockedPackage.Pypi p) {
      return p.fileName();
    }
    return e.name();
  }

  private static List<String> indexes(List<LockEntry> all) {
    TreeSet<String> idx = new TreeSet<>();
    for (LockEntry e : all) {
      if (e.extra().get("index") instanceof String s) {
        idx.add(s);
      }
    }
    return new ArrayList<>(idx);
  }

  private List<LockEntry> entries(TomlTable t, Map<String, List<String>> categoriesOf) {
    String name = string(t, "name");
    if (name == null) {
      throw error("a package has no `name`", t, "version", "each [[packages]] table needs `name`");
    }
    if (!PyPiName.isValid(name)) {
      throw error("invalid package name `" + name + "`", t, "name");
    }
    String versionText = string(t, "version");
    Map<String, Object> pkgExtra = new TreeMap<>();
    for (String k : t.keySet()) {
      if (!List.of("name", "version", "requires-python", "sdist", "wheels").contains(k)) {
        pkgExtra.put(k, raw(t.get(k)));
      }
    }
    boolean special = t.contains("vcs") || t.contains("directory") || t.contains("archive");
    TomlTable sdist = table(t, "sdist");
    Object wheelsObj = t.get("wheels");
    if (wheelsObj != null && !(wheelsObj instanceof TomlArray)) {
      throw error("expected an array of tables for `wheels`", t, "wheels");
    }
    TomlArray wheels = (TomlArray) wheelsObj;
    var version = versionText == null ? java.util.Optional.<Pep440Version>empty()
        : Pep440Version.tryParse(versionText);
    if (special || version.isEmpty() || (sdist == null && (wheels == null || wheels.isEmpty()))) {
      Map<String, Object> whole = new TreeMap<>();
      for (String k : t.keySet()) {
        whole.put(k, raw(t.get(k)));
      }
      String loc = location(t);
      return List.of(new LockEntry.Opaque(LockedPackage.Ecosystem.PYPI, name, Urls.packageUrl(loc, w),
          LockEntry.categories(categoriesOf.get(name)), LockFormat.PYLOCK, whole));
    }
    SpecifierSet rp = null;
    String rpText = string(t, "requires-python");
    if (rpText != null) {
      try {
        rp = SpecifierSet.parse(rpText);
      } catch (ParseError e) {
        throw error("invalid `requires-python` `" + rpText + "`: " + e.getMessage(), t, "requires-python");
      }
    }
    List<Requirement> deps = new ArrayList<>();
    Object d = t.get("dependencies");
    if (d instanceof TomlArray da) {
      for (int i = 0; i < da.size(); i++) {
        if (da.get(i) instanceof TomlTable dt && dt.get("name") instanceof String dn && PyPiName.isValid(dn)) {
          deps.add(Requirement.parse(dn));
        } else {
          throw error("each of `dependencies` is a table with a `name`", t, "dependencies");
        }
      }
    } else if (d != null) {
      throw error("expected an array for `dependencies`", t, "dependencies");
    }
    List<LockEntry> out = new ArrayList<>();
    List<TomlTable> files = new ArrayList<>();
    if (sdist != null) {
      files.add(sdist);
    }
    for (int i = 0; wheels != null && i < wheels.size(); i++) {
      if (!(wheels.get(i) instanceof TomlTable wt)) {
        throw error("expected a table for each of `wheels`", t, "wheels");
      }
      files.add(wt);
    }
    for (TomlTable f : files) {
      String url = string(f, "url") != null ? string(f, "url") : string(f, "path");
      if (url == null) {
        throw error("a file of `" + name + "` has neither `url` nor `path`", f, "name");
      }
      url = Urls.packageUrl(url, w);
      String fileName = string(f, "name") != null ? string(f, "name") : CondaFiles.fileName(url);
      Hashes hashes = Hashes.NONE;
      TomlTable h = table(f, "hashes");
      if (h != null) {
        try {
          hashes = new Hashes(string(h, "md5"), string(h, "sha256"));
        } catch (IllegalArgumentException e) {
          throw error(e.getMessage(), h, h.contains("sha256") ? "sha256" : "md5");
        }
      }
      long size = -1;
      if (f.contains("size")) {
        if (!(f.get("size") instanceof Long s)) {
          throw error("expected an integer for `size`", f, "size");
        }
        size = s;
      }
      Map<String, Object> extra = new TreeMap<>(pkgExtra);
      Map<String, Object> fileRaw = new TreeMap<>();
      for (String k : f.keySet()) {
        fileRaw.put(k, raw(f.get(k)));
      }
      extra.put("@file", f == sdist ? "sdist" : "wheels");
      extra.put("@file-table", fileRaw);
      LockedPackage.Pypi p = new LockedPackage.Pypi(PyPiName.of(name), version.get(), url, fileName, hashes, size,
          deps, rp, List.of());
      out.add(new LockEntry.Resolved(p, LockEntry.categories(categoriesOf.get(fileName)), LockFormat.PYLOCK, extra));
    }
    return out;
  }

  private String location(TomlTable t) {
    for (String k : List.of("vcs", "directory", "archive")) {
      TomlTable x = table(t, k);
      if (x != null) {
        String u = string(x, "url") != null ? string(x, "url") : string(x, "path");
        if (u != null) {
          return u;
        }
      }
    }
    return string(t, "name");
  }

  private TomlTable table(TomlTable t, String key) {
    Object v = t.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof TomlTable x) {
      return x;
    }
    throw error("expected a table for `" + key + "`", t, key);
  }

  private String string(TomlTable t, String key) {
    Object v = t.get(List.of(key));
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      return s;
    }
    throw error("expected a string for `" + key + "`", t, key);
  }

  private List<String> strings(TomlTable t, String key) {
    Object v = t.get(List.of(key));
    List<String> out = new ArrayList<>();
    if (v instanceof TomlArray a) {
      for (int i = 0; i < a.size(); i++) {
        if (!(a.get(i) instanceof String s)) {
          throw error("expected strings in `" + key + "`", t, key);
        }
        out.add(s);
      }
      return out;
    }
    throw error("expected an array of strings for `" + key + "`", t, key);
  }

  static Object raw(Object v) {
    if (v instanceof TomlTable t) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (String k : t.keySet()) {
        m.put(k, raw(t.get(List.of(k))));
      }
      return m;
    }
    if (v instanceof TomlArray a) {
      List<Object> l = new ArrayList<>();
      for (int i = 0; i < a.size(); i++) {
        l.add(raw(a.get(i)));
      }
      return l;
    }
    return v;
  }
}
