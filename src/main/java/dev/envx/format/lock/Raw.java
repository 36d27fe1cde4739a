package dev.envx.format.lock;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Values a lockfile holds that envx does not model (pixi's {@code purls}, a pylock package's
 * {@code attestation-identities}, …): kept so that a file read and written again in its own format loses nothing.
 * A raw value is a {@link String}, {@link Long}, {@link BigInteger}, {@link Double}, {@link Boolean},
 * a {@link java.time.temporal.Temporal} (TOML dates and times), {@link #NULL}, an immutable list of raw values or an immutable sorted map of them.
 */
public final class Raw {
  /** YAML's {@code null} (a map value may be explicitly null). */
  public static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  private Raw() {}

  /** A deep immutable copy with sorted maps; throws when a value is not a raw value. */
  public static Object freeze(Object v) {
    if (v == null) {
      return NULL;
    }
    if (v == NULL || v instanceof String || v instanceof Long || v instanceof BigInteger || v instanceof Double
        || v instanceof Boolean || v instanceof java.time.temporal.Temporal) {
      return v;
    }
    if (v instanceof Integer i) {
      return i.longValue();
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) {
        out.add(freeze(o));
      }
      return Collections.unmodifiableList(out);
    }
    if (v instanceof Map<?, ?> m) {
      return freezeMap(m);
    }
    throw new IllegalArgumentException("not a raw lockfile value: " + v.getClass().getSimpleName());
  }

  /** A deep immutable sorted copy of a map of raw values. */
  public static Map<String, Object> freezeMap(Map<?, ?> m) {
    TreeMap<String, Object> out = new TreeMap<>();
    if (m != null) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.put(String.valueOf(e.getKey()), freeze(e.getValue()));
      }
    }
    return Collections.unmodifiableSortedMap(out);
  }

  /** Java's YAML/TOML emitters want {@code null}, not {@link #NULL}: a deep copy for them, maps in key order. */
  static Object thaw(Object v) {
    if (v == NULL) {
      return null;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) {
        out.add(thaw(o));
      }
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), thaw(x)));
      return out;
    }
    return v;
  }
}
