package dev.envx.format.lock;

import dev.envx.diag.EnvxException;
import dev.envx.diag.ParseError;
import dev.envx.model.conda.CondaVersion;
import dev.envx.model.conda.Platform;
import dev.envx.model.pep440.Pep440Version;
import dev.envx.model.pep508.PyPiName;
import dev.envx.model.pep508.Requirement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Reads conda-lock's unified lockfile: {@code version: 1} (conda-lock 2.x/3.x), the unversioned form before it,
 * and rattler's {@code version: 2}/{@code 3} (the same layout with more fields per package). Packages that appear
 * once per category are merged into one entry with both categories.
 */
final class CondaLockReader {
  /** Newest conda-lock version; rattler's 2 and 3 use the same layout. */
  static final int NEWEST = 3;
  static final String INPUT_HASH_KEY = "envx-input-hash";

  private static final Set<String> PACKAGE_KEYS = Set.of("name", "version", "manager", "platform", "dependencies",
      "url", "hash", "category", "categories", "optional");
  /** Fields rattler's v2/v3 add, which {@link LockedPackage.Conda} holds. */
  private static final Set<String> CONDA_KEYS = Set.of("build", "build_number", "subdir", "size", "timestamp",
      "license", "noarch", "constrains", "track_features");

  private final YamlTree y;
  private final Warnings warnings = new Warnings();

  private CondaLockReader(YamlTree y) {
    this.y = y;
  }

  static LockRead parse(String text, String name) {
    YamlTree.Root root = YamlTree.parse(text, name, "conda-lock.yml");
    return Guard.at(() -> new CondaLockReader(root.tree()).read(root.node(), text),
        msg -> root.tree().error(msg, root.node()));
  }

  private LockRead read(MappingNode root, String text) {
    Node versionNode = y.get(root, "version");
    String formatVersion = null;
    if (versionNode != null) {
      long v = y.integer(versionNode, "`version`");
      if (v > NEWEST || v < 1) {
        throw y.newerVersion(versionNode, String.valueOf(v), "conda-lock.yml 1, pixi.lock 7", "update envx, or write the lock with a conda-lock that writes version 1");
      }
      formatVersion = String.valueOf(v);
    }
    Node metaNode = y.get(root, "metadata");
    Node pkgNode = y.get(root, "package");
    if (pkgNode == null && metaNode == null) {
      throw y.error("this is not a conda-lock.yml: it has neither `metadata:` nor `package:`", root,
          "a conda-lock.yml has `version: 1`, `metadata:` and `package:`");
    }
    List<String> channels = new ArrayList<>();
    List<String> platforms = new ArrayList<>();
    Map<String, String> contentHashes = new TreeMap<>();
    List<String> sources = new ArrayList<>();
    Map<String, Object> extra = new LinkedHashMap<>();
    String inputHash = null;
    if (metaNode != null && !YamlTree.isNull(metaNode)) {
      MappingNode meta = y.map(metaNode, "`metadata`");
      for (Map.Entry<String, NodeTuple> e : y.entries(meta).entrySet()) {
        Node v = e.getValue().getValueNode();
        switch (e.getKey()) {
          case "channels" -> {
            channels.addAll(y.channels(v, "`metadata.channels`", warnings));
          }
          case "platforms" -> platforms.addAll(y.strings(v, "`metadata.platforms`"));
          case "content_hash" -> {
            if (!YamlTree.isNull(v)) {
              for (Map.Entry<String, NodeTuple> h : y.entries(y.map(v, "`content_hash`")).entrySet()) {
                contentHashes.put(h.getKey(), y.str(h.getValue().getValueNode(), "a content hash"));
              }
            }
          }
          case "sources" -> sources.addAll(y.strings(v, "`metadata.sources`"));
          case "custom_metadata" -> {
            if (!YamlTree.isNull(v)) {
              Map<String, Object> custom = new LinkedHashMap<>();
              for (Map.Entry<String, NodeTuple> h : y.entries(y.map(v, "`custom_metadata`")).entrySet()) {
                if (h.getKey().equals(INPUT_HASH_KEY)) {
                  inputHash = inputHash(h.getValue().getValueNode());
                } else {
                  custom.put(h.getKey(), y.raw(h.getValue().getValueNode()));
                }
              }
              if (!custom.isEmpty()) {
                MetadataExtra.put(extra, LockFormat.CONDA_LOCK, "custom_metadata", custom);
              }
            } else {
              MetadataExtra.put(extra, LockFormat.CONDA_LOCK, "custom_metadata", Raw.NULL);
            }
          }
          default -> MetadataExtra.put(extra, LockFormat.CONDA_LOCK, e.getKey(), y.raw(v));
        }
      }
    }
    Map<String, Map<String, LockEntry>> byPlatform = new TreeMap<>();
    for (Node p : y.list(pkgNode, "`package`")) {
      MappingNode m = y.map(p, "a package");
      String platform = y.str(y.require(m, "platform", "a package"), "`platform`");
      LockEntry e = Guard.at(() -> entry(m, platform), msg -> y.error(msg, m));
      Map<String, LockEntry> entries = byPlatform.computeIfAbsent(platform, k -> new LinkedHashMap<>());
      String key = e.ecosystem() + " " + e.name() + " " + e.location().orElse("");
      LockEntry prev = entries.get(key);
      if (prev != null) {
        TreeSet<String> cats = new TreeSet<>(prev.categories());
        cats.addAll(e.categories());
        e = prev.withCategories(cats);
      }
      entries.put(key, e);
    }
    Map<String, List<LockEntry>> packages = new TreeMap<>();
    byPlatform.forEach((k, v) -> packages.put(k, List.copyOf(v.values())));
    for (String p : platforms) {
      packages.putIfAbsent(p, List.of());
    }
    LockEnvironment env = new LockEnvironment(LockEnvironment.DEFAULT, channels, List.of(), null,
        new TreeMap<>(packages));
    LockMetadata meta = new LockMetadata(formatVersion, inputHash, platforms, contentHashes, sources,
        Raw.freezeMap(extra));
    return new LockRead(new Lockfile(meta, List.of(env)), LockFormat.CONDA_LOCK, warnings.diagnostics());
  }

  private String inputHash(Node n) {
    String h = y.str(n, "`" + INPUT_HASH_KEY + "`");
    try {
      return new LockMetadata(null, h, null, null, null, null).inputHash();
    } catch (IllegalArgumentException e) {
      throw y.error(e.getMessage(), n);
    }
  }

  private LockEntry entry(MappingNode m, String platform) {
    String manager = y.str(y.require(m, "manager", "a package"), "`manager`");
    String name = y.str(y.require(m, "name", "a package"), "`name`");
    Node versionNode = y.require(m, "version", "package `" + name + "`");
    String version = y.str(versionNode, "`version`");
    Node urlNode = y.require(m, "url", "package `" + name + "`");
    String url = Urls.packageUrl(y.str(urlNode, "`url`"), warnings);
    Node hashNode = y.require(m, "hash", "package `" + name + "`");
    Hashes hashes = hashes(hashNode);
    Object rawHash = y.raw(hashNode);
    TreeSet<String> categories = new TreeSet<>();
    Node cat = y.get(m, "category");
    if (cat != null && !YamlTree.isNull(cat)) {
      categories.add(y.str(cat, "`category`"));
    }
    Node cats = y.get(m, "categories");
    if (cats != null) {
      categories.addAll(y.strings(cats, "`categories`"));
    }
    Node opt = y.get(m, "optional");
    if (opt != null && !YamlTree.isNull(opt)) {
      y.bool(opt, "`optional`");
    }
    Node depsNode = y.get(m, "dependencies");
    Map<String, Object> extra = new TreeMap<>();
    Map<String, Node> condaFields = new TreeMap<>();
    for (Map.Entry<String, NodeTuple> e : y.entries(m).entrySet()) {
      if (PACKAGE_KEYS.contains(e.getKey())) {
        continue;
      }
      if (manager.equals("conda") && CONDA_KEYS.contains(e.getKey())) {
        condaFields.put(e.getKey(), e.getValue().getValueNode());
      } else {
        extra.put(e.getKey(), y.raw(e.getValue().getValueNode()));
      }
    }
    String fileName = CondaFiles.fileName(url);
    switch (manager) {
      case "conda" -> {
        var dist = CondaFiles.dist(fileName);
        if (dist.isEmpty() || hashes == null) {
          return new LockEntry.Opaque(LockedPackage.Ecosystem.CONDA, name, url, categories, LockFormat.CONDA_LOCK,
              withAll(extra, version, rawHash, y.raw(depsNode)));
        }
        CondaVersion v = condaVersion(versionNode, version);
        String build = condaFields.containsKey("build") ? y.str(condaFields.get("build"), "`build`")
            : dist.get().build();
        long buildNumber = condaFields.containsKey("build_number")
            ? y.integer(condaFields.get("build_number"), "`build_number`") : CondaFiles.buildNumber(build);
        Platform subdir = condaFields.containsKey("subdir")
            ? platform(condaFields.get("subdir"))
            : CondaFiles.subdir(url).orElseGet(() -> Platform.fromSubdir(platform).orElse(Platform.NOARCH));
        long size = condaFields.containsKey("size") ? y.integer(condaFields.get("size"), "`size`") : -1;
        Long ts = condaFields.containsKey("timestamp") ? y.integer(condaFields.get("timestamp"), "`timestamp`") : null;
        String license = condaFields.containsKey("license") ? y.strOrNull(condaFields.get("license"), "`license`")
            : null;
        String noarch = condaFields.containsKey("noarch") ? y.strOrNull(condaFields.get("noarch"), "`noarch`") : null;
        List<String> constrains = condaFields.containsKey("constrains")
            ? condaDepends(condaFields.get("constrains")) : List.of();
        List<String> tf = condaFields.containsKey("track_features")
            ? trackFeatures(condaFields.get("track_features")) : List.of();
        LockedPackage.Conda c = new LockedPackage.Conda(name, v, build, buildNumber, CondaFiles.channel(url), subdir,
            url, fileName, hashes, size, condaDepends(depsNode), constrains, ts, license, noarch, tf);
        return new LockEntry.Resolved(c, categories, LockFormat.CONDA_LOCK, extra);
      }
      case "pip" -> {
        var pv = Pep440Version.tryParse(version);
        List<Requirement> deps = pipDepends(depsNode);
        if (pv.isEmpty() || !PyPiName.isValid(name) || fileName.isEmpty() || hashes == null || deps == null) {
          return new LockEntry.Opaque(LockedPackage.Ecosystem.PYPI, name, url, categories, LockFormat.CONDA_LOCK,
              withAll(extra, version, rawHash, y.raw(depsNode)));
        }
        LockedPackage.Pypi p = new LockedPackage.Pypi(PyPiName.of(name), pv.get(), url, fileName, hashes, -1,
            deps, null, List.of());
        return new LockEntry.Resolved(p, categories, LockFormat.CONDA_LOCK, extra);
      }
      default -> throw y.error("unknown manager `" + manager + "`", y.get(m, "manager"),
          "conda-lock knows `conda` and `pip`");
    }
  }

  /** An opaque entry's fields: the package's own extras plus what the typed record would have held. */
  private static Map<String, Object> withAll(Map<String, Object> extra, String version, Object hash, Object deps) {
    Map<String, Object> out = new TreeMap<>(extra);
    out.put("version", version);
    out.put("hash", hash);
    out.put("dependencies", deps == null ? Map.of() : deps);
    return out;
  }

  private List<String> trackFeatures(Node n) {
    if (n instanceof org.snakeyaml.engine.v2.nodes.ScalarNode) {
      String s = y.strOrNull(n, "`track_features`");
      return s == null || s.isBlank() ? List.of() : List.of(s.strip().split("[,\\s]+"));
    }
    return y.strings(n, "`track_features`");
  }

  private Platform platform(Node n) {
    String s = y.str(n, "`subdir`");
    try {
      return Platform.parse(s);
    } catch (ParseError e) {
      throw y.error(e.getMessage(), n, e.hint());
    }
  }

  private CondaVersion condaVersion(Node n, String text) {
    try {
      return CondaVersion.parse(text);
    } catch (ParseError e) {
      throw y.error("invalid conda version `" + text + "`: " + e.getMessage(), n);
    }
  }

  Hashes hashes(Node hashNode) {
    MappingNode h = y.map(hashNode, "`hash`");
    String md5 = null;
    String sha = null;
    for (Map.Entry<String, NodeTuple> e : y.entries(h).entrySet()) {
      Node v = e.getValue().getValueNode();
      switch (e.getKey()) {
        case "md5" -> md5 = y.strOrNull(v, "`md5`");
        case "sha256" -> sha = y.strOrNull(v, "`sha256`");
        default -> throw y.error("unknown hash `" + e.getKey() + "`", e.getValue().getKeyNode(),
            "conda-lock records `md5` and `sha256`");
      }
    }
    try {
      return new Hashes(md5, sha);
    } catch (IllegalArgumentException e) {
      warnings.add("a package's digest has the wrong length; the package is carried as written", null,
          md5 + "/" + sha);
      return null;
    }
  }

  /** conda-lock's {@code dependencies} mapping (name → spec, {@code *} for none) as MatchSpec strings. */
  private List<String> condaDepends(Node n) {
    List<String> out = new ArrayList<>();
    if (n == null || YamlTree.isNull(n)) {
      return out;
    }
    if (!(n instanceof MappingNode)) {
      return y.strings(n, "`dependencies`"); // rattler's v3 writes a list of MatchSpecs
    }
    for (Map.Entry<String, NodeTuple> e : y.entries((MappingNode) n).entrySet()) {
      String spec = y.str(e.getValue().getValueNode(), "the spec of `" + e.getKey() + "`").strip();
      out.add(spec.isEmpty() ? e.getKey() : e.getKey() + " " + spec);
    }
    return out;
  }

  private List<Requirement> pipDepends(Node n) {
    List<Requirement> out = new ArrayList<>();
    if (n == null || YamlTree.isNull(n)) {
      return out;
    }
    for (Map.Entry<String, NodeTuple> e : y.entries(y.map(n, "`dependencies`")).entrySet()) {
      Node v = e.getValue().getValueNode();
      String spec = y.str(v, "the spec of `" + e.getKey() + "`").strip();
      String text = spec.equals("*") || spec.isEmpty() ? e.getKey() : e.getKey() + spec;
      var r = Requirement.tryParse(text);
      if (r.isEmpty()) {
        return null; // not PEP 508 (conda-lock copies Poetry's `||`): the package is carried as written
      }
      out.add(r.get());
    }
    return out;
  }

  static EnvxException notALock(String name) {
    return EnvxException.input("`" + name + "` is not a lockfile envx reads", null);
  }
}
