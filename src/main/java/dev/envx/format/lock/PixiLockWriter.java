package dev.envx.format.lock;

import dev.envx.model.conda.Platform;
import dev.envx.model.pep508.Requirement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes {@code pixi.lock} version 6, what pixi and conda read today: environments with channels, indexes, options
 * and per-platform references, then one sorted {@code packages:} list where a package shared by platforms or
 * environments appears once. conda-lock categories other than {@code main} become environments
 * ({@code default} holds {@code main}, environment {@code dev} holds {@code main} and {@code dev}).
 */
final class PixiLockWriter {
  private final Warnings w = new Warnings();

  private PixiLockWriter() {}

  static LockWrite write(Lockfile lock) {
    return new PixiLockWriter().run(lock);
  }

  /** The identity of a package in the {@code packages:} list: the entry without its categories. */
  private static LockEntry identity(LockEntry e) {
    return e.withCategories(LockEntry.main());
  }

  private LockWrite run(Lockfile lock) {
    Map<String, String> platformNames = platformNames(lock);
    List<LockEnvironment> envs = expandCategories(lock);
    // the packages list: every distinct entry, in canonical order
    TreeSet<LockEntry> all = new TreeSet<>(LockEnvironment.ORDER.thenComparing(PixiLockWriter::fieldsKey));
    Map<LockEntry, Map<String, Object>> written = new LinkedHashMap<>();
    for (LockEnvironment env : envs) {
      for (LockEntry e : env.allEntries()) {
        LockEntry id = identity(e);
        if (!written.containsKey(id)) {
          Map<String, Object> m = entry(id);
          written.put(id, m);
          if (m != null) {
            all.add(id);
          }
        }
      }
    }
    Map<String, Integer> sameLocation = new TreeMap<>();
    for (LockEntry e : all) {
      sameLocation.merge(kindKey(e) + " " + location(e), 1, Integer::sum);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("version", 6L);
    Map<String, Object> environments = new LinkedHashMap<>();
    for (LockEnvironment env : envs) {
      Map<String, Object> m = new LinkedHashMap<>();
      List<Object> channels = new ArrayList<>();
      for (String c : env.channels()) {
        Map<String, Object> ch = new LinkedHashMap<>();
        ch.put("url", c);
        List<String> vars = Credentials.references(c);
        if (!vars.isEmpty()) {
          ch.put("used_env_vars", new ArrayList<>(vars));
        }
        channels.add(ch);
      }
      m.put("channels", channels);
      if (!env.indexUrls().isEmpty()) {
        m.put("indexes", new ArrayList<>(env.indexUrls()));
      }
      Map<String, Object> options = new TreeMap<>(env.options());
      Object findLinks = options.remove("find-links");
      if (findLinks != null) {
        m.put("find-links", findLinks);
      }
      if (!options.isEmpty()) {
        m.put("options", options);
      }
      Map<String, Object> packages = new LinkedHashMap<>();
      env.packages().forEach((platform, entries) -> {
        List<Object> refs = new ArrayList<>();
        for (LockEntry e : entries) {
          LockEntry id = identity(e);
          if (written.get(id) == null) {
            continue;
          }
          Map<String, Object> ref = new LinkedHashMap<>();
          ref.put(kindKey(id), location(id));
          if (sameLocation.get(kindKey(id) + " " + location(id)) > 1) {
            disambiguate(id, ref);
          }
          refs.add(ref);
        }
        packages.put(platformNames.getOrDefault(platform, platform), refs);
      });
      m.put("packages", packages);
      environments.put(env.name(), m);
    }
    doc.put("environments", environments);
    List<Object> packages = new ArrayList<>();
    for (LockEntry e : all) {
      packages.add(written.get(e));
    }
    doc.put("packages", packages);
    String header = lock.metadata().inputHash() == null ? ""
        : "# " + PixiComments.INPUT_HASH + " " + lock.metadata().inputHash() + "\n";
    MetadataExtra.of(lock.metadata(), LockFormat.PIXI, w).keySet().forEach(k ->
        w.add("pixi.lock v6 has no place for pixi v7 metadata", "write v7 with pixi itself", k));
    return new LockWrite(List.of(new LockWrite.File(null, header + YamlOut.dump(doc))), w.diagnostics());
  }

  /** The v6 name of a platform: a v7 platform defined with another subdir becomes that subdir. */
  static String v6PlatformName(Lockfile lock, String platform) {
    return new PixiLockWriter().platformNames(lock).getOrDefault(platform, platform);
  }

  /** v7 platform names that are not subdirs are written as their subdir (v6 knows only subdirs). */
  private Map<String, String> platformNames(Lockfile lock) {
    Map<String, String> names = new TreeMap<>();
    Object defs = lock.metadata().extra().get(MetadataExtra.key(LockFormat.PIXI, "platforms"));
    if (defs instanceof List<?> list) {
      for (Object d : list) {
        if (d instanceof Map<?, ?> m && m.get("name") instanceof String n && m.get("subdir") instanceof String s
            && !n.equals(s)) {
          names.put(n, s);
          w.add("pixi.lock v6 knows only subdirs as platforms; a named v7 platform is written as its subdir", null,
              n + " → " + s);
        }
      }
    }
    for (String p : lock.platforms()) {
      if (!names.containsKey(p) && Platform.fromSubdir(p).isEmpty()) {
        w.add("pixi.lock v6 knows only conda subdirs as platforms", null, p);
      }
    }
    return names;
  }

  private List<LockEnvironment> expandCategories(Lockfile lock) {
    List<LockEnvironment> envs = new ArrayList<>(lock.environments());
    LockEnvironment def = lock.defaultEnvironment();
    TreeSet<String> cats = new TreeSet<>();
    def.allEntries().forEach(e -> cats.addAll(e.categories()));
    cats.remove(LockEntry.MAIN);
    if (cats.isEmpty()) {
      return envs;
    }
    envs.remove(def);
    envs.add(0, filtered(def, def.name(), Set.of(LockEntry.MAIN)));
    for (String c : cats) {
      if (lock.environment(c).isPresent()) {
        w.add("category has the name of an existing environment and is not written as one", null, c);
        continue;
      }
      envs.add(filtered(def, c, Set.of(LockEntry.MAIN, c)));
      w.add("pixi.lock has no categories: each category becomes an environment with `main` and its own packages",
          "install it with `pixi install -e NAME`", c);
    }
    return envs;
  }

  private static LockEnvironment filtered(LockEnvironment env, String name, Set<String> keep) {
    Map<String, List<LockEntry>> p = new TreeMap<>();
    env.packages().forEach((platform, entries) -> p.put(platform, entries.stream()
        .filter(e -> e.categories().stream().anyMatch(keep::contains)).map(PixiLockWriter::identity).toList()));
    return new LockEnvironment(name, env.channels(), env.indexUrls(), env.options(), p);
  }

  private static String fieldsKey(LockEntry e) {
    return e.toString();
  }

  private static String kindKey(LockEntry e) {
    return e.ecosystem() == LockedPackage.Ecosystem.CONDA ? "conda" : "pypi";
  }

  private static String location(LockEntry e) {
    return e.location().orElse("");
  }

  private static void disambiguate(LockEntry e, Map<String, Object> ref) {
    if (e instanceof LockEntry.Resolved r && r.pkg() instanceof LockedPackage.Conda c) {
      ref.put("name", c.name());
      ref.put("build", c.build());
      ref.put("subdir", c.subdir().subdir());
    } else if (e instanceof LockEntry.Opaque o) {
      for (String k : List.of("name", "build", "subdir")) {
        if (o.extra().get(k) instanceof String s) {
          ref.put(k, s);
        }
      }
    }
  }

  /** The {@code packages:} item of an entry, or null (with a warning) when v6 cannot hold it. */
  private Map<String, Object> entry(LockEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (e instanceof LockEntry.Opaque o) {
      Object kind = o.extra().get(PixiLockReader.KIND);
      if (o.origin() != LockFormat.PIXI || "conda_source".equals(kind)) {
        w.add(o.origin() == LockFormat.PIXI
            ? "pixi.lock v6 cannot hold v7 `conda_source` packages; they are not written"
            : "pixi.lock cannot hold packages envx does not model from " + o.origin().label(), null,
            o.name().isEmpty() ? o.path() : o.name());
        return null;
      }
      m.put(kindKey(o), o.path());
      o.extra().forEach((k, v) -> {
        if (!k.equals(PixiLockReader.KIND)) {
          m.put(k, v);
        }
      });
      return m;
    }
    LockEntry.Resolved r = (LockEntry.Resolved) e;
    if (r.pkg().location().isEmpty()) {
      w.add("pixi.lock needs a location for every package; packages without one are not written", null, r.name());
      return null;
    }
    if (r.pkg() instanceof LockedPackage.Conda c) {
      m.put("conda", c.url());
      var dist = CondaFiles.dist(c.fileName());
      if (dist.isEmpty() || !dist.get().name().equals(c.name())) {
        m.put("name", c.name());
      }
      if (dist.isEmpty() || !dist.get().version().equals(c.version().original())) {
        m.put("version", c.version().original());
      }
      if (dist.isEmpty() || !dist.get().build().equals(c.build())) {
        m.put("build", c.build());
      }
      if (c.buildNumber() != 0) {
        m.put("build_number", c.buildNumber());
      }
      if (CondaFiles.subdir(c.url()).orElse(Platform.NOARCH) != c.subdir()) {
        m.put("subdir", c.subdir().subdir());
      }
      if (c.noarch() != null) {
        m.put("noarch", c.noarch());
      }
      hashes(m, c.hashes());
      if (!c.depends().isEmpty()) {
        m.put("depends", new ArrayList<>(c.depends()));
      }
      if (!c.constrains().isEmpty()) {
        m.put("constrains", new ArrayList<>(c.constrains()));
      }
      if (c.license() != null) {
        m.put("license", c.license());
      }
      if (c.size() >= 0) {
        m.put("size", c.size());
      }
      if (c.timestampMillis() != null) {
        m.put("timestamp", c.timestampMillis());
      }
      if (!c.trackFeatures().isEmpty()) {
        m.put("track_features", new ArrayList<>(c.trackFeatures()));
      }
    } else {
      LockedPackage.Pypi p = (LockedPackage.Pypi) r.pkg();
      m.put("pypi", p.url());
      m.put("name", p.name().original());
      m.put("version", p.version().original());
      hashes(m, p.hashes());
      if (!p.requiresDist().isEmpty()) {
        m.put("requires_dist", p.requiresDist().stream().map(Requirement::toString).toList());
      }
      if (p.requiresPython() != null) {
        m.put("requires_python", p.requiresPython().toString());
      }
    }
    r.extra().forEach((k, v) -> {
      if (r.origin() == LockFormat.PIXI) {
        m.put(k, v);
      } else if (v != Raw.NULL) {
        w.add("pixi.lock has no place for " + r.origin().label() + " field `" + k + "`", null, r.name());
      }
    });
    return m;
  }

  private static void hashes(Map<String, Object> m, Hashes h) {
    if (h.sha256() != null) {
      m.put("sha256", h.sha256());
    }
    if (h.md5() != null) {
      m.put("md5", h.md5());
    }
  }
}
