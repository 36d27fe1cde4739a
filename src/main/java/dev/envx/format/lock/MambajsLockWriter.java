package dev.envx.format.lock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes one mambajs JSON lock per platform ({@link MambajsLockReader} reads them): {@code lockVersion} as read
 * (1.0.x), else 1.0.1,
 * {@code packages} keyed by conda file name with their channel's name, {@code channelInfo} (read from the lock,
 * else made from the packages' URLs), {@code pipPackages} keyed by file name. The format has no place for
 * dependencies, categories or other environments; those are reported, once per kind.
 */
final class MambajsLockWriter {
  private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
      .withObjectIndenter(new DefaultIndenter("  ", "\n"))
      .withArrayIndenter(new DefaultIndenter("  ", "\n"))
      .withSeparators(Separators.createDefaultInstance()
          .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Warnings w = new Warnings();

  private MambajsLockWriter() {}

  static LockWrite write(Lockfile lock) {
    return new MambajsLockWriter().run(lock);
  }

  private LockWrite run(Lockfile lock) {
    LockEnvironment env = lock.defaultEnvironment();
    for (LockEnvironment e : lock.environments()) {
      if (e != env) {
        w.add("a mambajs lock holds one environment; other environments are not written", null, e.name());
      }
    }
    Map<String, Object> meta = MetadataExtra.of(lock.metadata(), LockFormat.MAMBAJS, w);
    List<String> platforms = new ArrayList<>(env.platforms());
    if (platforms.isEmpty()) {
      platforms.addAll(lock.metadata().platforms());
    }
    List<LockWrite.File> files = new ArrayList<>();
    for (String platform : platforms) {
      files.add(new LockWrite.File(platform, file(lock, env, platform, meta)));
    }
    return new LockWrite(files, w.diagnostics());
  }

  private String file(Lockfile lock, LockEnvironment env, String platform, Map<String, Object> meta) {
    Map<String, Object> out = new LinkedHashMap<>();
    String read = lock.metadata().formatVersion();
    out.put("lockVersion", read != null && read.matches("1(\\.\\d+)*") ? read : LockFormat.MAMBAJS.writtenVersion());
    out.put("platform", platform);
    if (lock.metadata().inputHash() != null) {
      out.put(MambajsLockReader.INPUT_HASH_KEY, lock.metadata().inputHash());
    }
    meta.forEach((k, v) -> {
      if (!k.equals("channelInfo")) {
        out.put(k, Raw.thaw(v));
      }
    });
    Map<String, Object> channelInfo = new LinkedHashMap<>();
    if (meta.get("channelInfo") instanceof Map<?, ?> ci) {
      ci.forEach((k, v) -> channelInfo.put(String.valueOf(k), Raw.thaw(v)));
    }
    Map<String, Object> packages = new LinkedHashMap<>();
    Map<String, Object> pip = new LinkedHashMap<>();
    for (LockEntry e : env.packages(platform)) {
      if (e.categories().stream().anyMatch(c -> !c.equals(LockEntry.MAIN))) {
        w.add("a mambajs lock has no categories; packages of every category are written", null, e.name());
      }
      if (!(e instanceof LockEntry.Resolved r)) {
        w.add("a mambajs lock holds only conda files and PyPI distributions; this package is not written", null,
            e.name());
        continue;
      }
      Map<String, Object> own = r.origin() == LockFormat.MAMBAJS ? r.extra() : Map.of();
      if (r.pkg() instanceof LockedPackage.Conda c) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", c.name());
        p.put("build", c.build());
        p.put("version", c.versionText());
        p.put("subdir", c.subdir().subdir());
        String channel = channelName(c, channelInfo);
        if (channel != null) {
          p.put("channel", channel);
        }
        putHash(p, c.hashes());
        own.forEach((k, v) -> p.put(k, Raw.thaw(v)));
        if (!c.depends().isEmpty() || !c.constrains().isEmpty()) {
          w.add("a mambajs lock has no dependencies; they are not written", null, c.name());
        }
        packages.put(c.fileName(), p);
      } else if (r.pkg() instanceof LockedPackage.Pypi py) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", py.displayName());
        p.put("version", py.versionText());
        py.location().ifPresent(u -> p.put("url", u));
        putHash(p, py.hashes());
        own.forEach((k, v) -> p.put(k, Raw.thaw(v)));
        if (!py.requiresDist().isEmpty()) {
          w.add("a mambajs lock has no dependencies; they are not written", null, py.displayName());
        }
        pip.put(py.fileName(), p);
      }
    }
    if (!out.containsKey("channels")) {
      out.put("channels", new ArrayList<>(channelInfo.keySet()));
    }
    out.put("channelInfo", channelInfo);
    out.put("packages", packages);
    out.put("pipPackages", pip);
    try {
      return JSON.writer(PRETTY).writeValueAsString(out) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** The package's channel name, adding its URL to {@code channelInfo} when the lock did not list it. */
  private String channelName(LockedPackage.Conda c, Map<String, Object> channelInfo) {
    String ch = c.channel();
    if (ch != null && channelInfo.containsKey(ch)) {
      return ch;
    }
    String url = c.url() == null ? null : CondaFiles.channel(c.url());
    if (url == null && ch != null && ch.contains("://")) {
      url = ch;
    }
    if (url == null) {
      if (ch == null) {
        w.add("a conda package without a channel is written without one", null, c.name());
      }
      return ch;
    }
    String name = ch != null && !ch.contains("://") ? ch : url;
    if (!channelInfo.containsKey(name)) {
      Map<String, Object> mirror = new TreeMap<>(); // in key order, as the lock's own channelInfo is kept
      mirror.put("url", url);
      mirror.put("protocol", url.substring(0, Math.max(0, url.indexOf(':'))));
      channelInfo.put(name, List.of(mirror));
    }
    return name;
  }

  private static void putHash(Map<String, Object> p, Hashes h) {
    if (h.isEmpty()) {
      return;
    }
    Map<String, Object> hash = new TreeMap<>();
    h.md5Optional().ifPresent(m -> hash.put("md5", m));
    h.sha256Optional().ifPresent(s -> hash.put("sha256", s));
    p.put("hash", hash);
  }
}
