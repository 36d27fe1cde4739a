package dev.envx.format.lock;

import dev.envx.diag.ParseError;
import dev.envx.model.conda.CondaVersion;
import dev.envx.model.conda.Platform;
import dev.envx.model.pep440.Pep440Version;
import dev.envx.model.pep440.SpecifierSet;
import dev.envx.model.pep508.PyPiName;
import dev.envx.model.pep508.Requirement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Reads pixi's {@code pixi.lock} (the rattler lock format) versions 4 to 7: environments with channels, indexes,
 * options and per-platform references into one {@code packages:} list. Versions 3 and older have conda-lock's
 * layout and go to {@link CondaLockReader}.
 */
final class PixiLockReader {
  static final int OLDEST = 4;
  static final int NEWEST = 7;
  /** Keys envx adds to an opaque entry's fields: the entry's kind key and the version it was read from. */
  static final String KIND = "@kind";

  private static final Pattern PLATFORM_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final Set<String> REF_KEYS = Set.of("conda", "pypi", "conda_source", "name", "build", "subdir");
  private static final Set<String> ENV_KEYS = Set.of("channels", "indexes", "options", "packages", "find-links");
  /** conda fields {@link LockedPackage.Conda} holds. */
  private static final Set<String> CONDA_FIELDS = Set.of("name", "version", "build", "build_number", "subdir",
      "md5", "sha256", "depends", "constrains", "license", "noarch", "size", "timestamp", "track_features");
  private static final Set<String> PYPI_FIELDS = Set.of("name", "version", "sha256", "md5", "requires_dist",
      "requires_python");

  private final YamlTree y;
  private final Warnings warnings = new Warnings();
  private int version;

  private PixiLockReader(YamlTree y) {
    this.y = y;
  }

  static LockRead parse(String text, String name) {
    YamlTree.Root root = YamlTree.parse(text, name, "pixi.lock");
    return Guard.at(() -> read(root, text, name), msg -> root.tree().error(msg, root.node()));
  }

  private static LockRead read(YamlTree.Root root, String text, String name) {
    Node v = root.tree().get(root.node(), "version");
    if (v == null) {
      throw root.tree().error("this pixi.lock has no `version:`", root.node(),
          "pixi writes `version: 6` (or another number) as the first line");
    }
    long version = root.tree().integer(v, "`version`");
    if (version > NEWEST) {
      throw root.tree().newerVersion(v, String.valueOf(version), "pixi.lock " + NEWEST,
          "update envx, or relock with the pixi version envx supports");
    }
    if (version < OLDEST) {
      return CondaLockReader.parse(text, name); // rattler v1-v3: conda-lock's layout
    }
    PixiLockReader r = new PixiLockReader(root.tree());
    r.version = (int) version;
    return r.read(root.node());
  }

  private record Candidate(LockEntry entry, Map<String, String> ids) {}

  private LockRead read(MappingNode root) {
    Map<String, Object> metaExtra = new LinkedHashMap<>();
    List<String> platforms = new ArrayList<>();
    Set<String> declared = null;
    Node platformsNode = y.get(root, "platforms");
    if (version >= 7) {
      if (platformsNode == null) {
        throw y.error("a version 7 pixi.lock needs `platforms:`", root);
      }
      declared = new HashSet<>();
      List<Object> defs = new ArrayList<>();
      for (Node p : y.list(platformsNode, "`platforms`")) {
        MappingNode pm = y.map(p, "a platform");
        Node nameNode = y.require(pm, "name", "a platform");
        String pname = y.str(nameNode, "a platform's `name`");
        if (!PLATFORM_NAME.matcher(pname).matches()) {
          throw y.error("invalid platform name `" + pname + "`", nameNode,
              "a platform name has letters, digits, `-`, `_` and `.` only");
        }
        if (!declared.add(pname)) {
          throw y.error("platform `" + pname + "` is defined twice", nameNode, "remove one of the definitions");
        }
        Node sub = y.get(pm, "subdir");
        if (sub == null) {
          platform(nameNode, pname);
        } else {
          platform(sub, y.str(sub, "`subdir`"));
        }
        platforms.add(pname);
        defs.add(y.raw(pm));
      }
      MappingNode dummy = null;
      if (defs.stream().anyMatch(d -> ((Map<?, ?>) d).size() > 1)) {
        MetadataExtra.put(metaExtra, LockFormat.PIXI, "platforms", defs);
      }
    }
    for (Map.Entry<String, NodeTuple> e : y.entries(root).entrySet()) {
      switch (e.getKey()) {
        case "version", "environments", "packages", "platforms" -> { }
        default -> throw y.error("unknown key `" + e.getKey() + "` in a pixi.lock", e.getValue().getKeyNode(),
            "pixi.lock has `version`, `platforms` (v7), `environments` and `packages`");
      }
    }
    // the packages list, indexed by location
    Map<String, List<Candidate>> byLocation = new LinkedHashMap<>();
    for (Node p : y.list(y.get(root, "packages"), "`packages`")) {
      MappingNode m = y.map(p, "a package");
      Candidate c = Guard.at(() -> candidate(m), msg -> y.error(msg, m));
      byLocation.computeIfAbsent(locationKey(c.entry()), k -> new ArrayList<>()).add(c);
    }
    List<LockEnvironment> envs = new ArrayList<>();
    Node envsNode = y.require(root, "environments", "the pixi.lock");
    for (Map.Entry<String, NodeTuple> e : y.entries(y.map(envsNode, "`environments`")).entrySet()) {
      envs.add(environment(e.getKey(), y.map(e.getValue().getValueNode(), "environment `" + e.getKey() + "`"),
          byLocation, declared));
    }
    if (version < 7) {
      for (LockEnvironment env : envs) {
        for (String p : env.platforms()) {
          if (!platforms.contains(p)) {
            platforms.add(p);
          }
        }
      }
      platforms.sort(null);
    }
    LockMetadata meta = new LockMetadata(String.valueOf(version), null, platforms, null, null, metaExtra);
    return new LockRead(new Lockfile(meta, envs), LockFormat.PIXI, warnings.diagnostics());
  }

  private static String locationKey(LockEntry e) {
    return e.ecosystem() + " " + e.location().orElse("");
  }

  private LockEnvironment environment(String name, MappingNode m, Map<String, List<Candidate>> byLocation,
      Set<String> declared) {
    List<String> channels = new ArrayList<>();
    List<String> indexes = new ArrayList<>();
    Map<String, Object> options = new TreeMap<>();
    Map<String, List<LockEntry>> packages = new TreeMap<>();
    for (Map.Entry<String, NodeTuple> e : y.entries(m).entrySet()) {
      Node v = e.getValue().getValueNode();
      switch (e.getKey()) {
        case "channels" -> {
          channels.addAll(y.channels(v, "`channels`", warnings));
        }
        case "indexes" -> {
          for (String u : y.strings(v, "`indexes`")) {
            indexes.add(Urls.sourceUrl(u, warnings));
          }
        }
        case "options" -> options.putAll(Raw.freezeMap((Map<?, ?>) y.raw(y.map(v, "`options`"))));
        case "find-links" -> options.put("find-links", y.raw(v));
        case "packages" -> {
          for (Map.Entry<String, NodeTuple> pe : y.entries(y.map(v, "`packages`")).entrySet()) {
            String platform = pe.getKey();
            Node keyNode = pe.getValue().getKeyNode();
            if (declared != null) {
              if (!declared.contains(platform)) {
                throw y.error("environment `" + name + "` uses platform `" + platform
                    + "`, which `platforms:` does not define", keyNode, "add it to the top-level `platforms:` list");
              }
            } else {
              platform(keyNode, platform);
            }
            List<LockEntry> list = new ArrayList<>();
            for (Node ref : y.list(pe.getValue().getValueNode(), "the packages of `" + platform + "`")) {
              MappingNode refMap = y.map(ref, "a package reference");
              list.add(Guard.at(() -> resolve(refMap, byLocation), msg -> y.error(msg, refMap)));
            }
            packages.put(platform, list);
          }
        }
        default -> throw y.error("unknown key `" + e.getKey() + "` in environment `" + name + "`",
            e.getValue().getKeyNode(), "known keys: " + String.join(", ", new java.util.TreeSet<>(ENV_KEYS)));
      }
    }
    return new LockEnvironment(name, channels, indexes, options, packages);
  }

  private LockEntry resolve(MappingNode ref, Map<String, List<Candidate>> byLocation) {
    Map<String, String> ids = new TreeMap<>();
    String kind = null;
    String location = null;
    for (Map.Entry<String, NodeTuple> e : y.entries(ref).entrySet()) {
      if (!REF_KEYS.contains(e.getKey())) {
        throw y.error("unknown key `" + e.getKey() + "` in a package reference", e.getValue().getKeyNode());
      }
      String v = y.str(e.getValue().getValueNode(), "`" + e.getKey() + "`");
      switch (e.getKey()) {
        case "conda", "pypi", "conda_source" -> {
          kind = e.getKey();
          location = v;
        }
        default -> ids.put(e.getKey(), v);
      }
    }
    if (kind == null) {
      throw y.error("a package reference needs `conda:` or `pypi:`", ref);
    }
    LockedPackage.Ecosystem eco = kind.equals("pypi") ? LockedPackage.Ecosystem.PYPI : LockedPackage.Ecosystem.CONDA;
    String key = eco + " " + (kind.equals("conda_source") ? location : cleanLocation(kind, location));
    List<Candidate> cands = byLocation.getOrDefault(key, List.of());
    for (Candidate c : cands) {
      if (c.ids().entrySet().containsAll(ids.entrySet())) {
        return c.entry();
      }
    }
    throw y.error("no package in `packages:` matches `" + kind + ": " + location + "`"
        + (ids.isEmpty() ? "" : " " + ids), ref, "the lockfile is incomplete; relock it");
  }

  private String cleanLocation(String kind, String location) {
    return kind.equals("conda_source") ? location : Urls.packageUrl(location, new Warnings());
  }

  private Candidate candidate(MappingNode m) {
    String kind;
    Node locNode;
    if (version <= 5) {
      kind = y.str(y.require(m, "kind", "a package"), "`kind`");
      if (!kind.equals("conda") && !kind.equals("pypi")) {
        throw y.error("unknown package kind `" + kind + "`", y.get(m, "kind"), "pixi.lock knows `conda` and `pypi`");
      }
      locNode = y.get(m, "url") != null ? y.get(m, "url") : y.get(m, "path");
      if (locNode == null) {
        throw y.error("a package needs `url:` or `path:`", m);
      }
    } else if (y.get(m, "conda") != null) {
      kind = "conda";
      locNode = y.get(m, "conda");
    } else if (y.get(m, "pypi") != null) {
      kind = "pypi";
      locNode = y.get(m, "pypi");
    } else if (y.get(m, "conda_source") != null && version >= 7) {
      kind = "conda_source";
      locNode = y.get(m, "conda_source");
    } else {
      throw y.error("a package needs `conda:` or `pypi:`", m,
          version >= 7 ? "version 7 also knows `conda_source:`" : "each entry of `packages:` starts with its kind");
    }
    String location = y.str(locNode, "the package location");
    if (!kind.equals("conda_source")) {
      location = Urls.packageUrl(location, warnings);
    }
    Map<String, Node> fields = new LinkedHashMap<>();
    for (Map.Entry<String, NodeTuple> e : y.entries(m).entrySet()) {
      if (e.getValue().getValueNode() != locNode && !(version <= 5 && e.getKey().equals("kind"))) {
        fields.put(e.getKey(), e.getValue().getValueNode());
      }
    }
    Map<String, String> ids = new TreeMap<>();
    for (String k : List.of("name", "build", "subdir")) {
      if (fields.get(k) != null && !YamlTree.isNull(fields.get(k))) {
        ids.put(k, y.str(fields.get(k), "`" + k + "`"));
      }
    }
    LockEntry entry = kind.equals("conda") ? conda(location, fields, ids) : kind.equals("pypi")
        ? pypi(location, fields) : null;
    if (entry == null) {
      entry = opaque(kind, location, fields);
    } else if (kind.equals("conda")) {
      LockedPackage.Conda c = (LockedPackage.Conda) ((LockEntry.Resolved) entry).pkg();
      ids.putIfAbsent("name", c.name());
      ids.putIfAbsent("build", c.build());
      ids.putIfAbsent("subdir", c.subdir().subdir());
    }
    return new Candidate(entry, ids);
  }

  private LockEntry opaque(String kind, String location, Map<String, Node> fields) {
    Map<String, Object> extra = new TreeMap<>();
    fields.forEach((k, v) -> extra.put(k, y.raw(v)));
    extra.put(KIND, kind);
    String name = extra.get("name") instanceof String s ? s
        : kind.equals("conda_source") ? location.replaceAll("[\\[ @].*$", "") : "";
    LockedPackage.Ecosystem eco = kind.equals("pypi") ? LockedPackage.Ecosystem.PYPI : LockedPackage.Ecosystem.CONDA;
    return new LockEntry.Opaque(eco, name, location, null, LockFormat.PIXI, extra);
  }

  private LockEntry conda(String url, Map<String, Node> f, Map<String, String> ids) {
    String fileName = CondaFiles.fileName(url);
    var dist = CondaFiles.dist(fileName);
    if (dist.isEmpty() || !url.contains("://")) {
      return null; // a source package (`conda: ../path`)
    }
    String name = f.containsKey("name") ? y.str(f.get("name"), "`name`") : dist.get().name();
    String versionText = f.containsKey("version") ? y.str(f.get("version"), "`version`") : dist.get().version();
    String build = f.containsKey("build") ? y.str(f.get("build"), "`build`") : dist.get().build();
    CondaVersion v;
    try {
      v = CondaVersion.parse(versionText);
    } catch (ParseError e) {
      throw y.error("invalid conda version `" + versionText + "`: " + e.getMessage(),
          f.getOrDefault("version", null));
    }
    long buildNumber = f.containsKey("build_number") ? y.integer(f.get("build_number"), "`build_number`") : 0;
    Platform subdir = f.containsKey("subdir") ? platform(f.get("subdir"), y.str(f.get("subdir"), "`subdir`"))
        : CondaFiles.subdir(url).orElse(Platform.NOARCH);
    Hashes hashes;
    try {
      hashes = new Hashes(str(f, "md5"), str(f, "sha256"));
    } catch (IllegalArgumentException e) {
      throw y.error(e.getMessage(), f.containsKey("md5") ? f.get("md5") : f.get("sha256"));
    }
    long size = f.containsKey("size") ? y.integer(f.get("size"), "`size`") : -1;
    Long ts = f.containsKey("timestamp") ? y.integer(f.get("timestamp"), "`timestamp`") : null;
    List<String> depends = f.containsKey("depends") ? y.strings(f.get("depends"), "`depends`") : List.of();
    List<String> constrains = f.containsKey("constrains") ? y.strings(f.get("constrains"), "`constrains`")
        : List.of();
    List<String> tf = List.of();
    if (f.containsKey("track_features")) {
      Node t = f.get("track_features");
      tf = t instanceof org.snakeyaml.engine.v2.nodes.ScalarNode
          ? List.of(y.str(t, "`track_features`").strip().split("[,\\s]+"))
          : y.strings(t, "`track_features`");
    }
    Map<String, Object> extra = new TreeMap<>();
    f.forEach((k, n) -> {
      if (!CONDA_FIELDS.contains(k)) {
        extra.put(k, y.raw(n));
      }
    });
    LockedPackage.Conda c = new LockedPackage.Conda(name, v, build, buildNumber, CondaFiles.channel(url), subdir, url,
        fileName, hashes, size, depends, constrains, ts, str(f, "license"), str(f, "noarch"), tf);
    return new LockEntry.Resolved(c, null, LockFormat.PIXI, extra);
  }

  private LockEntry pypi(String url, Map<String, Node> f) {
    String fileName = CondaFiles.fileName(url);
    boolean file = url.contains("://") && !url.startsWith("git+") && (fileName.endsWith(".whl")
        || fileName.endsWith(".tar.gz") || fileName.endsWith(".zip"));
    if (!file || !f.containsKey("name") || !f.containsKey("version")) {
      return null;
    }
    Node nameNode = f.get("name");
    String name = y.str(nameNode, "`name`");
    if (!PyPiName.isValid(name)) {
      throw y.error("invalid PyPI name `" + name + "`", nameNode);
    }
    String versionText = y.str(f.get("version"), "`version`");
    var pv = Pep440Version.tryParse(versionText);
    if (pv.isEmpty()) {
      return null;
    }
    Hashes hashes;
    try {
      hashes = new Hashes(str(f, "md5"), str(f, "sha256"));
    } catch (IllegalArgumentException e) {
      throw y.error(e.getMessage(), f.get("sha256"));
    }
    List<Requirement> reqs = new ArrayList<>();
    if (f.containsKey("requires_dist")) {
      for (Node r : y.list(f.get("requires_dist"), "`requires_dist`")) {
        String t = y.str(r, "a requirement");
        try {
          reqs.add(Requirement.parse(t));
        } catch (ParseError e) {
          throw y.error("invalid requirement `" + t + "`: " + e.getMessage(), r);
        }
      }
    }
    SpecifierSet rp = null;
    if (f.containsKey("requires_python")) {
      String t = y.str(f.get("requires_python"), "`requires_python`");
      try {
        rp = SpecifierSet.parse(t);
      } catch (ParseError e) {
        throw y.error("invalid `requires_python` `" + t + "`: " + e.getMessage(), f.get("requires_python"));
      }
    }
    Map<String, Object> extra = new TreeMap<>();
    f.forEach((k, n) -> {
      if (!PYPI_FIELDS.contains(k)) {
        extra.put(k, y.raw(n));
      }
    });
    LockedPackage.Pypi p = new LockedPackage.Pypi(PyPiName.of(name), pv.get(), url, fileName, hashes, -1, reqs, rp,
        List.of());
    return new LockEntry.Resolved(p, null, LockFormat.PIXI, extra);
  }

  private String str(Map<String, Node> f, String key) {
    Node n = f.get(key);
    return n == null ? null : y.strOrNull(n, "`" + key + "`");
  }

  private Platform platform(Node at, String text) {
    try {
      return Platform.parse(text);
    } catch (ParseError e) {
      throw y.error(e.getMessage(), at, e.hint());
    }
  }
}
