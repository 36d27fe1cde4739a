package dev.envx.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Test helper: turns one {@code repodata.json} into CEP-16 shards the way CEP writers do ({@code md5} and
 * {@code sha256} as raw bytes, every other field copied), under {@code <out>/<subdir>/}: the index
 * {@code repodata_shards.msgpack.zst} and the shards in {@code shards/}.
 */
public final class ShardWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ShardWriter() {
  }

  /** Writes the shards of {@code repodataJson} for {@code subdir} under {@code out}; returns the shard count. */
  public static int write(Path repodataJson, String subdir, Path out) throws IOException {
    JsonNode root = JSON.readTree(repodataJson.toFile());
    Map<String, Map<String, Map<String, JsonNode>>> byName = new TreeMap<>(); // name -> key -> fn -> record
    for (String key : List.of("packages", "packages.conda")) {
      JsonNode pkgs = root.path(key);
      for (Iterator<Map.Entry<String, JsonNode>> it = pkgs.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        byName.computeIfAbsent(e.getValue().path("name").asText(), n -> new TreeMap<>())
            .computeIfAbsent(key, k -> new TreeMap<>()).put(e.getKey(), e.getValue());
      }
    }
    Path dir = out.resolve(subdir);
    Files.createDirectories(dir.resolve("shards"));
    Map<String, byte[]> hashes = new TreeMap<>();
    for (Map.Entry<String, Map<String, Map<String, JsonNode>>> e : byName.entrySet()) {
      MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
      p.packMapHeader(2);
      for (String key : List.of("packages", "packages.conda")) {
        Map<String, JsonNode> records = e.getValue().getOrDefault(key, Map.of());
        p.packString(key).packMapHeader(records.size());
        for (Map.Entry<String, JsonNode> r : records.entrySet()) {
          p.packString(r.getKey());
          pack(p, r.getValue(), true);
        }
      }
      byte[] shard = Zstd.compress(p.toByteArray());
      String hash = ShardedSource.sha256(shard);
      hashes.put(e.getKey(), HexFormat.of().parseHex(hash));
      Files.write(dir.resolve("shards").resolve(hash + ".msgpack.zst"), shard);
    }
    MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
    p.packMapHeader(3);
    p.packString("version").packInt(1);
    p.packString("info").packMapHeader(3);
    p.packString("base_url").packString("./");
    p.packString("shards_base_url").packString("./shards/");
    p.packString("subdir").packString(subdir);
    p.packString("shards").packMapHeader(hashes.size());
    for (Map.Entry<String, byte[]> e : hashes.entrySet()) {
      p.packString(e.getKey()).packBinaryHeader(32).writePayload(e.getValue());
    }
    Files.write(dir.resolve(RepodataClient.SHARD_INDEX), Zstd.compress(p.toByteArray()));
    return hashes.size();
  }

  private static void pack(MessageBufferPacker p, JsonNode n, boolean record) throws IOException {
    if (n.isObject()) {
      p.packMapHeader(n.size());
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        p.packString(e.getKey());
        boolean digest = record && (e.getKey().equals("md5") || e.getKey().equals("sha256")) && e.getValue().isTextual();
        if (digest) {
          byte[] b = HexFormat.of().parseHex(e.getValue().asText());
          p.packBinaryHeader(b.length).writePayload(b);
        } else {
          pack(p, e.getValue(), false);
        }
      }
    } else if (n.isArray()) {
      p.packArrayHeader(n.size());
      for (JsonNode x : n) {
        pack(p, x, false);
      }
    } else if (n.isTextual()) {
      p.packString(n.asText());
    } else if (n.isBoolean()) {
      p.packBoolean(n.asBoolean());
    } else if (n.isIntegralNumber()) {
      p.packLong(n.asLong());
    } else if (n.isNumber()) {
      p.packDouble(n.asDouble());
    } else {
      p.packNil();
    }
  }
}
