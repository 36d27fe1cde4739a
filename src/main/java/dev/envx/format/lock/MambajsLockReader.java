package dev.envx.format.lock;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.envx.diag.EnvxException;
import dev.envx.diag.ParseError;
import dev.envx.diag.SourceFile;
import dev.envx.diag.Span;
import dev.envx.model.conda.CondaVersion;
import dev.envx.model.conda.Platform;
import dev.envx.model.pep440.Pep440Version;
import dev.envx.model.pep508.PyPiName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Reads the mambajs JSON lock (what micromamba and mambajs write per platform, {@code *-lock-<platform>.json}):
 * {@code lockVersion} 1.0.x, one platform, {@code packages} keyed by conda file name with the channel's name,
 * {@code channelInfo} mapping each channel name to its mirror URLs, and {@code pipPackages} keyed by wheel name.
 * The file names no dependencies. A conda package's URL is the channel's first mirror, the subdir and the file
 * name, as mambajs downloads it.
 *
 * <p>The text is checked as strict JSON first (Jackson), then read as YAML 1.2 (of which JSON is a subset), so that
 * every error points at its place.
 */
final class MambajsLockReader {
  /** The newest lockVersion major envx reads. */
  static final int NEWEST_MAJOR = 1;
  static final String NEWEST = "1.0.1";

  static final String INPUT_HASH_KEY = "envxInputHash";
  static final Set<String> TOP_KEYS = Set.of("lockVersion", "platform", "packages", "pipPackages", "channelInfo",
      INPUT_HASH_KEY);
  static final Set<String> CONDA_KEYS = Set.of("name", "version", "build", "subdir", "channel", "hash");
  static final Set<String> PIP_KEYS = Set.of("name", "version", "url", "hash");

  private final YamlTree y;
  private final Warnings warnings = new Warnings();

  private MambajsLockReader(YamlTree y) {
    this.y = y;
  }

  static LockRead parse(String text, String name) {
    checkJson(text, name);
    YamlTree.Root root = YamlTree.parse(text, name, "mambajs lock");
    return Guard.at(() -> new MambajsLockReader(root.tree()).read(root.node()),
        msg -> root.tree().error(msg, root.node()));
  }

  /** Strict JSON syntax (YAML would accept more), with the place of the first error. */
  private static void checkJson(String text, String name) {
    try (JsonParser p = new JsonFactory().createParser(text)) {
      p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw EnvxException.input("a mambajs lock is a JSON object", new Span(SourceFile.of(name, text), 1, 1, 0),
            "the file starts with `{` and has `lockVersion`, `platform` and `packages`");
      }
      p.skipChildren();
      if (p.nextToken() != null) {
        throw syntax(text, name, p.currentLocation().getLineNr(), p.currentLocation().getColumnNr(),
            "text after the JSON object");
      }
    } catch (JsonParseException e) {
      String msg = e.getOriginalMessage();
      int nl = msg.indexOf('\n');
      throw syntax(text, name, e.getLocation().getLineNr(), e.getLocation().getColumnNr(),
          (nl < 0 ? msg : msg.substring(0, nl)).replaceAll(" at \\[Source.*", ""));
    } catch (IOException e) {
      throw EnvxException.input("invalid JSON: " + e.getMessage(), new Span(SourceFile.of(name, text), 1, 1, 0));
    }
  }

  private static EnvxException syntax(String text, String name, int line, int col, String what) {
    SourceFile f = SourceFile.of(name, text);
    int l = Math.max(1, line);
    int c = Math.max(1, col);
    return EnvxException.input("invalid JSON: " + dev.envx.diag.Diagnostic.lowerFirst(what, "unreadable text"),
        new Span(f, l, c, 0), "the file may be truncated or edited by hand");
  }

  private LockRead read(MappingNode root) {
    Node versionNode = y.require(root, "lockVersion", "a mambajs lock");
    String version = y.str(versionNode, "`lockVersion`");
    if (!version.matches("\\d+(\\.\\d+)*")) {
      throw y.error("`lockVersion` is a version like `1.0.1`, got `" + version + "`", versionNode);
    }
    int major;
    try {
      major = Integer.parseInt(version.split("\\.")[0]);
    } catch (NumberFormatException e) {
      major = Integer.MAX_VALUE;
    }
    if (major != NEWEST_MAJOR) {
      throw y.newerVersion(versionNode, version, NEWEST,
          "update envx, or write the lock with a mambajs/micromamba that writes lockVersion 1.0.x");
    }
    Node platNode = y.require(root, "platform", "a mambajs lock");
    Platform platform = platform(platNode, "`platform`");
    Map<String, String> channelUrls = new LinkedHashMap<>();
    Map<String, Object> channelInfo = new LinkedHashMap<>();
    Node infoNode = y.get(root, "channelInfo");
    if (infoNode != null && !YamlTree.isNull(infoNode)) {
      for (Map.Entry<String, NodeTuple> e : y.entries(y.map(infoNode, "`channelInfo`")).entrySet()) {
        List<Object> mirrors = new ArrayList<>();
        for (Node m : y.list(e.getValue().getValueNode(), "the mirrors of `" + e.getKey() + "`")) {
          MappingNode mm = y.map(m, "a mirror");
          Map<String, Object> mirror = new LinkedHashMap<>();
          for (Map.Entry<String, NodeTuple> f : y.entries(mm).entrySet()) {
            Node v = f.getValue().getValueNode();
            mirror.put(f.getKey(), f.getKey().equals("url") ? Urls.sourceUrl(y.str(v, "a mirror's `url`"), warnings)
                : y.raw(v));
          }
          if (!mirror.containsKey("url")) {
            throw y.error("a mirror of `" + e.getKey() + "` has no `url`", mm);
          }
          channelUrls.putIfAbsent(e.getKey(), stripSlash((String) mirror.get("url")));
          mirrors.add(mirror);
        }
        channelInfo.put(e.getKey(), mirrors);
      }
    }
    List<String> channels = new ArrayList<>();
    Node chNode = y.get(root, "channels");
    if (chNode != null) {
      channels.addAll(y.strings(chNode, "`channels`"));
    }
    Node hashNode = y.get(root, INPUT_HASH_KEY);
    String inputHash = hashNode == null ? null : y.str(hashNode, "`" + INPUT_HASH_KEY + "`");
    if (inputHash != null) {
      String h = inputHash;
      Guard.at(() -> new LockMetadata(null, h, null, null, null, null), msg -> y.error(msg, hashNode));
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    MetadataExtra.put(extra, LockFormat.MAMBAJS, "channelInfo", channelInfo);
    for (Map.Entry<String, NodeTuple> e : y.entries(root).entrySet()) {
      if (!TOP_KEYS.contains(e.getKey())) {
        MetadataExtra.put(extra, LockFormat.MAMBAJS, e.getKey(), y.raw(e.getValue().getValueNode()));
      }
    }
    List<LockEntry> entries = new ArrayList<>();
    Node pkgs = y.get(root, "packages");
    if (pkgs != null && !YamlTree.isNull(pkgs)) {
      for (Map.Entry<String, NodeTuple> e : y.entries(y.map(pkgs, "`packages`")).entrySet()) {
        MappingNode m = y.map(e.getValue().getValueNode(), "package `" + e.getKey() + "`");
        entries.add(Guard.at(() -> conda(e.getKey(), m, channelUrls), msg -> y.error(msg, m)));
      }
    }
    Node pips = y.get(root, "pipPackages");
    if (pips != null && !YamlTree.isNull(pips)) {
      for (Map.Entry<String, NodeTuple> e : y.entries(y.map(pips, "`pipPackages`")).entrySet()) {
        MappingNode m = y.map(e.getValue().getValueNode(), "PyPI package `" + e.getKey() + "`");
        entries.add(Guard.at(() -> pip(e.getKey(), m), msg -> y.error(msg, m)));
      }
    }
    LockEnvironment env = new LockEnvironment(LockEnvironment.DEFAULT, channels, List.of(), null,
        new TreeMap<>(Map.of(platform.subdir(), entries)));
    LockMetadata meta = new LockMetadata(version, inputHash, List.of(platform.subdir()), null, null, extra);
    return new LockRead(new Lockfile(meta, List.of(env)), LockFormat.MAMBAJS, warnings.diagnostics());
  }

  private LockEntry conda(String fileName, MappingNode m, Map<String, String> channelUrls) {
    String what = "package `" + fileName + "`";
    String name = y.str(y.require(m, "name", what), "`name`");
    Node versionNode = y.require(m, "version", what);
    String version = y.str(versionNode, "`version`");
    String build = y.str(y.require(m, "build", what), "`build`");
    Platform subdir = platform(y.require(m, "subdir", what), "`subdir`");
    Node chNode = y.get(m, "channel");
    String channel = chNode == null ? null : Urls.sourceUrl(y.str(chNode, "`channel`"), warnings);
    Node hashNode = y.get(m, "hash");
    Hashes hashes = hashNode == null || YamlTree.isNull(hashNode) ? Hashes.NONE : hashes(hashNode);
    if (!CondaFiles.isCondaArchive(fileName) || fileName.contains("/")) {
      throw y.error("`" + fileName + "` is not a conda file name", m,
          "mambajs keys packages by their file name, `<name>-<version>-<build>.conda` or `.tar.bz2`");
    }
    Map<String, Object> extra = new TreeMap<>();
    for (Map.Entry<String, NodeTuple> e : y.entries(m).entrySet()) {
      if (!CONDA_KEYS.contains(e.getKey())) {
        extra.put(e.getKey(), y.raw(e.getValue().getValueNode()));
      }
    }
    CondaVersion v;
    try {
      v = CondaVersion.parse(version);
    } catch (ParseError e) {
      throw y.error("invalid conda version `" + version + "`: " + e.getMessage(), versionNode);
    }
    String base = channel == null ? null
        : channelUrls.getOrDefault(channel, channel.contains("://") ? stripSlash(channel) : null);
    String url = base == null ? null : base + "/" + subdir.subdir() + "/" + fileName;
    LockedPackage.Conda c = new LockedPackage.Conda(name, v, build, CondaFiles.buildNumber(build), channel, subdir,
        url, fileName, hashes, -1, List.of(), List.of(), null, null, null, List.of());
    return new LockEntry.Resolved(c, null, LockFormat.MAMBAJS, extra);
  }

  private LockEntry pip(String fileName, MappingNode m) {
    String what = "PyPI package `" + fileName + "`";
    String name = y.str(y.require(m, "name", what), "`name`");
    Node versionNode = y.require(m, "version", what);
    String version = y.str(versionNode, "`version`");
    Node urlNode = y.get(m, "url");
    String url = urlNode == null || YamlTree.isNull(urlNode) ? null
        : Urls.packageUrl(y.str(urlNode, "`url`"), warnings);
    Node hashNode = y.get(m, "hash");
    Hashes hashes = hashNode == null || YamlTree.isNull(hashNode) ? Hashes.NONE : hashes(hashNode);
    Map<String, Object> extra = new TreeMap<>();
    for (Map.Entry<String, NodeTuple> e : y.entries(m).entrySet()) {
      if (!PIP_KEYS.contains(e.getKey())) {
        extra.put(e.getKey(), y.raw(e.getValue().getValueNode()));
      }
    }
    Pep440Version v = Pep440Version.tryParse(version)
        .orElseThrow(() -> y.error("invalid PyPI version `" + version + "`", versionNode));
    if (!PyPiName.isValid(name)) {
      throw y.error("invalid PyPI project name `" + name + "`", m);
    }
    LockedPackage.Pypi p = new LockedPackage.Pypi(PyPiName.of(name), v, url, fileName, hashes, -1, List.of(), null,
        List.of());
    return new LockEntry.Resolved(p, null, LockFormat.MAMBAJS, extra);
  }

  private Hashes hashes(Node n) {
    String md5 = null;
    String sha = null;
    for (Map.Entry<String, NodeTuple> e : y.entries(y.map(n, "`hash`")).entrySet()) {
      Node v = e.getValue().getValueNode();
      switch (e.getKey()) {
        case "md5" -> md5 = y.strOrNull(v, "`md5`");
        case "sha256" -> sha = y.strOrNull(v, "`sha256`");
        default -> throw y.error("unknown hash `" + e.getKey() + "`", e.getValue().getKeyNode(),
            "a mambajs lock records `md5` and `sha256`");
      }
    }
    String m5 = md5;
    String s = sha;
    return Guard.at(() -> new Hashes(m5, s), msg -> y.error(msg, n));
  }

  private Platform platform(Node n, String what) {
    String s = y.str(n, what);
    try {
      return Platform.parse(s);
    } catch (ParseError e) {
      throw y.error(e.getMessage(), n, e.hint());
    }
  }

  private static String stripSlash(String u) {
    return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
  }
}
