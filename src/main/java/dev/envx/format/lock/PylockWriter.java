package dev.envx.format.lock;

import dev.envx.model.pep508.MarkerEnvironment;
import dev.envx.model.pep508.Requirement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes PEP 751 {@code pylock.toml} (lock-version 1.0) from the PyPI part of a lock: one {@code [[packages]]}
 * table per name and version with all its files, a marker when it is not on every platform (from the platforms'
 * {@code environments} markers) or only in a category ({@code 'dev' in dependency_groups}). Which file belongs to
 * which platform and category goes into {@code [tool.envx]}, so that envx reads back exactly what it wrote. The
 * conda part cannot go into a pylock.toml: one warning says so.
 */
final class PylockWriter {
  private static final Set<String> INLINE = Set.of("hashes", "dependencies");
  /** The order envx writes a file table's keys in. */
  private static final List<String> FILE_KEYS = List.of("name", "upload-time", "url", "path", "size", "hashes");

  private final Warnings w = new Warnings();

  private PylockWriter() {}

  static LockWrite write(Lockfile lock) {
    return new PylockWriter().run(lock);
  }

  private record Group(String name, String version, List<LockEntry> entries, Set<String> platforms,
      Set<String> categories) {}

  private LockWrite run(Lockfile lock) {
    LockEnvironment env = lock.defaultEnvironment();
    for (LockEnvironment e : lock.environments()) {
      if (e != env) {
        w.add("pylock.toml holds one environment; other environments are not written", null, e.name());
      }
    }
    int conda = 0;
    Map<String, Group> groups = new TreeMap<>();
    List<String> platforms = env.platforms();
    Map<String, List<String>> filesByPlatform = new TreeMap<>();
    Map<String, TreeSet<String>> filesByCategory = new TreeMap<>();
    for (String platform : platforms) {
      filesByPlatform.put(platform, new ArrayList<>());
      for (LockEntry e : env.packages(platform)) {
        if (e.ecosystem() == LockedPackage.Ecosystem.CONDA) {
          conda++;
          continue;
        }
        if (e instanceof LockEntry.Opaque o && o.origin() != LockFormat.PYLOCK) {
          w.add("pylock.toml cannot hold PyPI packages envx does not model from " + o.origin().label()
              + " (local paths, VCS checkouts)", null, o.name().isEmpty() ? o.path() : o.name());
          continue;
        }
        String version = e instanceof LockEntry.Resolved r ? r.pkg().versionText() : "";
        String gk = PyPiKey.of(e.name()) + " " + version + " " + (e instanceof LockEntry.Opaque ? "opaque" : "");
        Group g = groups.computeIfAbsent(gk, k -> new Group(e.name(), version, new ArrayList<>(),
            new LinkedHashSet<>(), new TreeSet<>()));
        if (!g.entries().contains(e.withCategories(LockEntry.main()))) {
          g.entries().add(e.withCategories(LockEntry.main()));
        }
        g.platforms().add(platform);
        g.categories().addAll(e.categories());
        filesByPlatform.computeIfAbsent(platform, k -> new ArrayList<>()).add(PylockReader.key(e));
        for (String c : e.categories()) {
          if (!c.equals(LockEntry.MAIN)) {
            filesByCategory.computeIfAbsent(c, k -> new TreeSet<>()).add(PylockReader.key(e));
          }
        }
      }
    }
    if (conda > 0) {
      w.add("pylock.toml holds only PyPI packages; the conda part of the lock cannot go there and is not written",
          "write it with `--format conda-lock`, `--format pixi` or `--format explicit`", conda + " conda packages");
    }
    Map<String, Object> origin = MetadataExtra.of(lock.metadata(), LockFormat.PYLOCK, w);
    boolean onlyNoarch = platforms.isEmpty() || platforms.equals(List.of(PylockReader.NOARCH));
    Map<String, String> markers = new LinkedHashMap<>();
    for (String p : platforms) {
      String m = platformMarker(p);
      if (m != null) {
        markers.put(p, m);
      }
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("lock-version", "1.0");
    if (origin.containsKey("environments")) {
      doc.put("environments", origin.get("environments"));
    } else if (!onlyNoarch && !markers.isEmpty()) {
      doc.put("environments", new ArrayList<>(markers.values()));
    }
    for (String k : List.of("requires-python", "extras", "dependency-groups", "default-groups")) {
      if (origin.containsKey(k)) {
        doc.put(k, origin.get(k));
      }
    }
    if (!filesByCategory.isEmpty() && !doc.containsKey("dependency-groups")) {
      doc.put("dependency-groups", new ArrayList<>(filesByCategory.keySet()));
    }
    doc.put("created-by", origin.getOrDefault("created-by", "envx"));
    List<Object> packages = new ArrayList<>();
    Set<String> locked = new java.util.HashSet<>();
    groups.values().forEach(g -> locked.add(PyPiKey.of(g.name())));
    for (Group g : groups.values()) {
      packages.add(pkg(g, platforms, markers, locked));
    }
    doc.put("packages", packages);
    Map<String, Object> tool = new LinkedHashMap<>();
    if (origin.get("tool") instanceof Map<?, ?> t) {
      t.forEach((k, v) -> tool.put(String.valueOf(k), v));
    }
    Map<String, Object> envx = new LinkedHashMap<>();
    if (lock.metadata().inputHash() != null) {
      envx.put("input-hash", lock.metadata().inputHash());
    }
    if (!onlyNoarch) {
      Map<String, Object> plats = new LinkedHashMap<>();
      filesByPlatform.forEach((p, files) -> plats.put(p, new ArrayList<>(files)));
      envx.put("platforms", plats);
    }
    if (!filesByCategory.isEmpty()) {
      Map<String, Object> cats = new LinkedHashMap<>();
      filesByCategory.forEach((c, files) -> cats.put(c, new ArrayList<>(files)));
      envx.put("categories", cats);
    }
    if (!envx.isEmpty()) {
      tool.put("envx", envx);
    }
    if (!tool.isEmpty()) {
      doc.put("tool", tool);
    }
    return new LockWrite(List.of(new LockWrite.File(null, TomlOut.write(doc, INLINE))), w.diagnostics());
  }

  /** {@code sys_platform == "linux" and platform_machine == "x86_64"} for a conda platform, or null. */
  static String platformMarker(String platform) {
    try {
      MarkerEnvironment m = MarkerEnvironment.forCondaPlatform(platform, "3.12");
      return "sys_platform == \"" + m.value("sys_platform") + "\" and platform_machine == \""
          + m.value("platform_machine") + "\"";
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private Map<String, Object> pkg(Group g, List<String> platforms, Map<String, String> markers,
      Set<String> locked) {
    LockEntry first = g.entries().get(0);
    if (first instanceof LockEntry.Opaque o) {
      return new LinkedHashMap<>(o.extra());
    }
    LockEntry.Resolved r = (LockEntry.Resolved) first;
    LockedPackage.Pypi p = (LockedPackage.Pypi) r.pkg();
    boolean fromPylock = r.origin() == LockFormat.PYLOCK;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", p.name().original());
    m.put("version", p.version().original());
    List<String> conditions = new ArrayList<>();
    if (!fromPylock && !g.platforms().containsAll(platforms)) {
      List<String> ms = g.platforms().stream().map(markers::get).filter(x -> x != null).map(x -> "(" + x + ")")
          .toList();
      if (!ms.isEmpty()) {
        conditions.add(ms.size() == 1 ? ms.get(0) : "(" + String.join(" or ", ms) + ")");
      }
    }
    if (!g.categories().contains(LockEntry.MAIN)) {
      List<String> cs = g.categories().stream().map(c -> "'" + c + "' in dependency_groups").toList();
      conditions.add(cs.size() == 1 ? cs.get(0) : "(" + String.join(" or ", cs) + ")");
    }
    if (fromPylock && r.extra().get("marker") instanceof String mk) {
      m.put("marker", mk);
    } else if (!conditions.isEmpty()) {
      m.put("marker", String.join(" and ", conditions));
    }
    if (p.requiresPython() != null) {
      m.put("requires-python", p.requiresPython().toString());
    }
    if (fromPylock) {
      r.extra().forEach((k, v) -> {
        if (!k.startsWith("@") && !k.equals("marker")) {
          m.put(k, v);
        }
      });
    } else {
      TreeSet<String> deps = new TreeSet<>();
      for (Requirement q : p.requiresDist()) {
        if (locked.contains(q.name().normalized())
            && (q.marker() == null || !q.marker().toString().contains("extra"))) {
          deps.add(q.name().original());
        }
      }
      if (!deps.isEmpty()) {
        List<Object> d = new ArrayList<>();
        deps.forEach(n -> d.add(Map.of("name", n)));
        m.put("dependencies", d);
      }
      r.extra().keySet().forEach(k -> w.add("pylock.toml has no place for " + r.origin().label() + " field `" + k
          + "`", null, p.displayName()));
    }
    List<Object> wheels = new ArrayList<>();
    for (LockEntry e : g.entries()) {
      LockEntry.Resolved fr = (LockEntry.Resolved) e;
      LockedPackage.Pypi f = (LockedPackage.Pypi) fr.pkg();
      Map<String, Object> file;
      if (fr.origin() == LockFormat.PYLOCK && fr.extra().get("@file-table") instanceof Map<?, ?> ft) {
        file = new LinkedHashMap<>();
        for (String k : FILE_KEYS) {
          if (ft.containsKey(k)) {
            file.put(k, ft.get(k));
          }
        }
        ft.forEach((k, v) -> file.putIfAbsent(String.valueOf(k), v));
      } else {
        file = new LinkedHashMap<>();
        file.put("name", f.fileName());
        if (f.url() != null) {
          file.put(f.url().contains("://") ? "url" : "path", f.url());
        }
        if (f.size() >= 0) {
          file.put("size", f.size());
        }
        Map<String, Object> h = new LinkedHashMap<>();
        if (f.hashes().sha256() != null) {
          h.put("sha256", f.hashes().sha256());
        }
        if (f.hashes().md5() != null) {
          h.put("md5", f.hashes().md5());
        }
        if (h.isEmpty()) {
          w.add("PEP 751 requires a hash for each file; files without one are written without `hashes`", null,
              f.fileName());
        } else {
          file.put("hashes", h);
        }
      }
      boolean sdist = fr.origin() == LockFormat.PYLOCK ? "sdist".equals(fr.extra().get("@file")) : !f.isWheel();
      if (sdist && fr.origin() != LockFormat.PYLOCK && !isSdistName(p.name().normalized(), f.fileName())) {
        file.remove("name"); // a source archive that is not named like an sdist (a GitHub tarball): `archive`
        m.put("archive", file);
      } else if (sdist) {
        m.put("sdist", file);
      } else {
        wheels.add(file);
      }
    }
    if (!wheels.isEmpty()) {
      m.put("wheels", wheels);
    }
    return m;
  }

  /** An sdist file name is {@code <name>-<version>.tar.gz} (name normalized with underscores). */
  static boolean isSdistName(String normalizedName, String fileName) {
    String f = fileName.toLowerCase(java.util.Locale.ROOT).replace('-', '_').replace('.', '_');
    return (fileName.endsWith(".tar.gz") || fileName.endsWith(".zip"))
        && f.startsWith(normalizedName.replace('-', '_').replace('.', '_') + "_");
  }

  /** A PEP 503 key for grouping. */
  private static final class PyPiKey {
    static String of(String name) {
      return dev.envx.model.pep508.PyPiName.normalize(name);
    }
  }
}
