package dev.envx.format.lock;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link LockMetadata#extra()} keys are {@code <format>:<key>}: each writer takes its own format's keys and
 * reports the others as not held.
 */
final class MetadataExtra {
  private MetadataExtra() {}

  static String key(LockFormat f, String key) {
    return f.label() + ":" + key;
  }

  static void put(Map<String, Object> extra, LockFormat f, String key, Object value) {
    extra.put(key(f, key), value);
  }

  /** This format's metadata extras (prefix removed), warning about other formats' ones. */
  static Map<String, Object> of(LockMetadata m, LockFormat f, Warnings w) {
    Map<String, Object> out = new LinkedHashMap<>();
    String prefix = f.label() + ":";
    m.extra().forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k.substring(prefix.length()), v);
      } else {
        w.add(f.defaultFileName() + " has no place for this metadata", null, k);
      }
    });
    return out;
  }
}
