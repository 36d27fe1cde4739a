package dev.envx.format.lock;

import dev.envx.format.TomlText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small deterministic TOML emitter for pylock.toml (tomlj only reads): keys in the map's order, plain values
 * first, then sub-tables and arrays of tables; the keys in {@code inline} are written as inline tables.
 */
final class TomlOut {
  private final Set<String> inline;
  private final StringBuilder sb = new StringBuilder();

  private TomlOut(Set<String> inline) {
    this.inline = inline;
  }

  static String write(Map<String, Object> doc, Set<String> inline) {
    TomlOut t = new TomlOut(inline);
    t.table(doc, List.of(), false);
    return t.sb.toString();
  }

  private boolean isTable(String key, Object v) {
    return v instanceof Map<?, ?> && !inline.contains(key);
  }

  private boolean isTableArray(String key, Object v) {
    return v instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(x -> x instanceof Map<?, ?>)
        && !inline.contains(key);
  }

  private void table(Map<?, ?> m, List<String> path, boolean arrayItem) {
    boolean header = !path.isEmpty();
    boolean hasPlain = m.entrySet().stream().anyMatch(e -> e.getValue() != Raw.NULL
        && !isTable(String.valueOf(e.getKey()), e.getValue())
        && !isTableArray(String.valueOf(e.getKey()), e.getValue()));
    if (header && (arrayItem || hasPlain || m.isEmpty())) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append(arrayItem ? "[[" : "[").append(dotted(path)).append(arrayItem ? "]]" : "]").append('\n');
    }
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String k = String.valueOf(e.getKey());
      Object v = e.getValue();
      if (v == Raw.NULL || isTable(k, v) || isTableArray(k, v)) {
        continue;
      }
      sb.append(key(k)).append(" = ").append(value(v)).append('\n');
    }
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String k = String.valueOf(e.getKey());
      Object v = e.getValue();
      List<String> sub = new ArrayList<>(path);
      sub.add(k);
      if (isTable(k, v)) {
        table((Map<?, ?>) v, sub, false);
      } else if (isTableArray(k, v)) {
        for (Object item : (List<?>) v) {
          table((Map<?, ?>) item, sub, true);
        }
      }
    }
  }

  private static String dotted(List<String> path) {
    return String.join(".", path.stream().map(TomlOut::key).toList());
  }

  private static String key(String k) {
    return TomlText.key(k);
  }

  private String value(Object v) {
    if (v instanceof String s) {
      return quote(s);
    }
    if (v instanceof Boolean || v instanceof Long || v instanceof java.math.BigInteger) {
      return v.toString();
    }
    if (v instanceof Double d) {
      return d.isNaN() ? "nan" : d.isInfinite() ? (d > 0 ? "inf" : "-inf") : d.toString();
    }
    if (v instanceof java.time.OffsetDateTime t) {
      return java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
    }
    if (v instanceof java.time.LocalDateTime t) {
      return java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t);
    }
    if (v instanceof java.time.LocalTime t) {
      return java.time.format.DateTimeFormatter.ISO_LOCAL_TIME.format(t);
    }
    if (v instanceof java.time.temporal.Temporal t) {
      return t.toString();
    }
    if (v instanceof List<?> l) {
      List<String> items = new ArrayList<>();
      for (Object o : l) {
        items.add(value(o));
      }
      return "[" + String.join(", ", items) + "]";
    }
    if (v instanceof Map<?, ?> m) {
      List<String> items = new ArrayList<>();
      m.forEach((k, x) -> {
        if (x != Raw.NULL) {
          items.add(key(String.valueOf(k)) + " = " + value(x));
        }
      });
      return items.isEmpty() ? "{}" : "{ " + String.join(", ", items) + " }";
    }
    throw new IllegalArgumentException("no TOML form for " + v);
  }

  static String quote(String s) {
    return TomlText.str(s);
  }
}
