package dev.envx.index;

import com.github.luben.zstd.ZstdInputStream;
import dev.envx.diag.EnvxException;
import dev.envx.model.conda.Channel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Reads CEP-16 sharded repodata (zstd-compressed msgpack): the per-subdir shard index
 * {@code repodata_shards.msgpack.zst} and the per-name shards {@code <sha256>.msgpack.zst}. Shard records map to
 * the same {@link PackageRecord}s as {@link RepodataParser} produces from {@code repodata.json}: same fields,
 * {@code .conda} preferred over a {@code .tar.bz2} twin, URLs from {@code info.base_url}. {@code md5} and
 * {@code sha256} are accepted as raw bytes (the CEP) or hex strings.
 *
 * <p>Not thread-safe (shares a {@link ByteInterner}); the client synchronizes on it.
 */
final class ShardReader {
  /** The newest shard index {@code version} this reader understands. */
  static final int INDEX_VERSION = 1;
  private static final String[] NONE = new String[0];

  private final ByteInterner interner = new ByteInterner();
  private final RecordFields fields = new RecordFields();

  /** The decoded shard index. */
  record Index(int version, String baseUrl, String shardsBaseUrl, String subdir, Map<String, String> shards) {
  }

  /** Decompresses zstd bytes. */
  static byte[] unzstd(byte[] compressed) throws IOException {
    try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(compressed))) {
      return in.readAllBytes();
    }
  }

  /** Reads a compressed shard index; {@code source} names it in errors. */
  static Index index(byte[] compressed, String source) {
    try (MessageUnpacker u = MessagePack.newDefaultUnpacker(unzstd(compressed))) {
      int version = 1;
      String baseUrl = null;
      String shardsBaseUrl = null;
      String subdir = null;
      Map<String, String> shards = new LinkedHashMap<>();
      int n = u.unpackMapHeader();
      for (int i = 0; i < n; i++) {
        String key = key(u);
        switch (key == null ? "" : key) {
          case "version" -> version = u.getNextFormat().getValueType() == ValueType.INTEGER ? u.unpackInt() : skip(u, 1);
          case "info" -> {
            if (u.getNextFormat().getValueType() != ValueType.MAP) {
              u.skipValue();
              break;
            }
            int m = u.unpackMapHeader();
            for (int j = 0; j < m; j++) {
              String k = key(u);
              String v = string(u);
              if ("base_url".equals(k)) {
                baseUrl = v;
              } else if ("shards_base_url".equals(k)) {
                shardsBaseUrl = v;
              } else if ("subdir".equals(k)) {
                subdir = v;
              }
            }
          }
          case "shards" -> {
            int m = u.unpackMapHeader();
            for (int j = 0; j < m; j++) {
              String name = key(u);
              byte[] hash = digest(u, 32);
              if (name == null || hash == null) {
                throw new IOException("shard hash of `" + name + "` is not 32 bytes");
              }
              shards.put(name, HexFormat.of().formatHex(hash));
            }
          }
          default -> u.skipValue();
        }
      }
      if (version > INDEX_VERSION) {
        throw EnvxException.failure("shard index `" + Channel.redact(source) + "` has version " + version
            + ", newer than this envx understands (" + INDEX_VERSION + ")", "update envx");
      }
      return new Index(version, baseUrl, shardsBaseUrl, subdir, shards);
    } catch (IOException | MessagePackException e) {
      throw malformed("shard index", source, e);
    }
  }

  /**
   * Reads one compressed shard into records (all names in the shard, {@code .tar.bz2} twins of {@code .conda}
   * records dropped), grouped by name.
   */
  Map<String, List<PackageRecord>> shard(byte[] compressed, PackageRecord.Origin origin, String source) {
    List<PackageRecord> records = new ArrayList<>();
    try (MessageUnpacker u = MessagePack.newDefaultUnpacker(unzstd(compressed))) {
      int n = u.unpackMapHeader();
      for (int i = 0; i < n; i++) {
        String key = key(u);
        if (("packages".equals(key) || "packages.conda".equals(key))
            && u.getNextFormat().getValueType() == ValueType.MAP) {
          int m = u.unpackMapHeader();
          for (int j = 0; j < m; j++) {
            String fn = key(u);
            if (fn != null && u.getNextFormat().getValueType() == ValueType.MAP) {
              records.add(record(u, fn, origin));
            } else {
              u.skipValue();
            }
          }
        } else {
          u.skipValue();
        }
      }
    } catch (IOException | MessagePackException e) {
      throw malformed("shard", source, e);
    }
    Map<String, ArrayList<PackageRecord>> byName = new HashMap<>();
    for (PackageRecord r : records) {
      byName.computeIfAbsent(r.name(), k -> new ArrayList<>(4)).add(r);
    }
    Map<String, List<PackageRecord>> out = new HashMap<>();
    byName.forEach((name, list) -> out.put(name, RepodataParser.preferConda(list)));
    return out;
  }

  private PackageRecord record(MessageUnpacker u, String fn, PackageRecord.Origin origin) throws IOException {
    RecordFields f = fields.reset();
    int n = u.unpackMapHeader();
    for (int i = 0; i < n; i++) {
      String key = key(u);
      if (key == null || u.tryUnpackNil()) {
        if (key == null) {
          u.skipValue();
        }
        continue;
      }
      switch (key) {
        case "name" -> f.name = interned(u);
        case "version" -> f.version = interned(u);
        case "build" -> f.build = string(u);
        case "build_number" -> f.buildNumber = (int) integer(u, 0);
        case "depends" -> f.depends = strings(u);
        case "constrains" -> f.constrains = strings(u);
        case "track_features" -> f.trackFeatures = joined(u);
        case "features" -> f.features = joined(u);
        case "timestamp" -> f.timestamp = RepodataParser.toMillis(integer(u, 0));
        case "md5" -> f.md5 = digest(u, 16);
        case "sha256" -> f.sha256 = digest(u, 32);
        case "size" -> f.size = integer(u, -1);
        case "subdir" -> f.subdir = interned(u);
        case "license" -> f.license = interned(u);
        case "license_family" -> f.licenseFamily = interned(u);
        case "noarch" -> {
          ValueType t = u.getNextFormat().getValueType();
          f.noarch = t == ValueType.BOOLEAN ? (u.unpackBoolean() ? "generic" : null) : interned(u);
        }
        case "python_site_packages_path" -> f.sitePackages = string(u);
        default -> u.skipValue();
      }
    }
    PackageRecord r = f.toRecord(origin, fn, interner);
    if (r == null) {
      throw new IOException("record `" + fn + "` has no name, version or build");
    }
    return r;
  }


  private static int skip(MessageUnpacker u, int value) throws IOException {
    u.skipValue();
    return value;
  }

  /** A string key, or null (the value is then still to be read or skipped by the caller). */
  private static String key(MessageUnpacker u) throws IOException {
    if (u.getNextFormat().getValueType() == ValueType.STRING) {
      return u.unpackString();
    }
    u.skipValue();
    return null;
  }

  /** A string value, or null (anything else is skipped). */
  private static String string(MessageUnpacker u) throws IOException {
    if (u.getNextFormat().getValueType() == ValueType.STRING) {
      return u.unpackString();
    }
    u.skipValue();
    return null;
  }

  private String interned(MessageUnpacker u) throws IOException {
    String s = string(u);
    return s == null ? null : interner.intern(s);
  }

  private static long integer(MessageUnpacker u, long otherwise) throws IOException {
    ValueType t = u.getNextFormat().getValueType();
    if (t == ValueType.INTEGER) {
      return u.unpackLong();
    }
    if (t == ValueType.FLOAT) {
      return (long) u.unpackDouble();
    }
    u.skipValue();
    return otherwise;
  }

  private String[] strings(MessageUnpacker u) throws IOException {
    if (u.getNextFormat().getValueType() != ValueType.ARRAY) {
      u.skipValue();
      return NONE;
    }
    int n = u.unpackArrayHeader();
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String s = interned(u);
      if (s != null) {
        out.add(s);
      }
    }
    return out.toArray(NONE);
  }

  private String joined(MessageUnpacker u) throws IOException {
    if (u.getNextFormat().getValueType() == ValueType.ARRAY) {
      String[] parts = strings(u);
      return parts.length == 0 ? null : interner.intern(String.join(" ", parts));
    }
    return interned(u);
  }

  /** A digest as raw bytes (CEP 16) or as a hex string (some writers); null when neither or the wrong length. */
  private static byte[] digest(MessageUnpacker u, int bytes) throws IOException {
    ValueType t = u.getNextFormat().getValueType();
    if (t == ValueType.BINARY) {
      int len = u.unpackBinaryHeader();
      byte[] out = u.readPayload(len);
      return len == bytes ? out : null;
    }
    if (t == ValueType.STRING) {
      String s = u.unpackString();
      if (s.length() != bytes * 2) {
        return null;
      }
      try {
        return HexFormat.of().parseHex(s);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    u.skipValue();
    return null;
  }

  private static EnvxException malformed(String what, String source, Exception e) {
    return EnvxException.failure("malformed " + what + " `" + Channel.redact(source) + "`: "
        + Channel.redact(String.valueOf(e.getMessage())), "delete the cached file or fetch it again without `--offline`");
  }
}
