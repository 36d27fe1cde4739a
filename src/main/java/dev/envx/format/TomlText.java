package dev.envx.format;

import java.util.List;
import java.util.regex.Pattern;

/** TOML spelling of strings, keys and arrays, as envx writes them. */
public final class TomlText {
  private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  private TomlText() {}

  public static String str(String s) {
    StringBuilder q = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\n' -> q.append("\\n");
        case '\t' -> q.append("\\t");
        case '\r' -> q.append("\\r");
        case '\b' -> q.append("\\b");
        case '\f' -> q.append("\\f");
        default -> {
          if (ch < 0x20 || ch == 0x7f) {
            q.append(String.format("\\u%04x", (int) ch));
          } else {
            q.append(ch);
          }
        }
      }
    }
    return q.append('"').toString();
  }

  public static String key(String k) {
    return BARE_KEY.matcher(k).matches() ? k : str(k);
  }

  /** {@code key = [..]}: on one line when short, else one element per line with a trailing comma. */
  public static String array(String key, List<String> renderedItems) {
    String oneLine = key + " = [" + String.join(", ", renderedItems) + "]";
    if (renderedItems.size() <= 1 && oneLine.length() <= 88 || oneLine.length() <= 60) {
      return oneLine + "\n";
    }
    StringBuilder sb = new StringBuilder(key).append(" = [\n");
    for (String item : renderedItems) {
      sb.append("  ").append(item).append(",\n");
    }
    return sb.append("]\n").toString();
  }
}
