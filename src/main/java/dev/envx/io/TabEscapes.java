package dev.envx.io;

/**
 * The escapes of envx's tab-separated cache files (the mapping digest and snapshot, the prefix state): a field's
 * backslash, tab, line feed and carriage return are written as {@code \\}, {@code \t}, {@code \n}, {@code \r}, so a
 * line splits on tabs and newlines with plain string search.
 */
public final class TabEscapes {
  private TabEscapes() {}

  /** The field as written. */
  public static String escape(String s) {
    if (s.indexOf('\\') < 0 && s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** The field as read; throws {@link IllegalArgumentException} on a dangling or unknown escape. */
  public static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        b.append(c);
        continue;
      }
      if (++i >= s.length()) {
        throw new IllegalArgumentException("dangling escape");
      }
      char n = s.charAt(i);
      b.append(switch (n) {
        case '\\' -> '\\';
        case 't' -> '\t';
        case 'n' -> '\n';
        case 'r' -> '\r';
        default -> throw new IllegalArgumentException("unknown escape `\\" + n + "`");
      });
    }
    return b.toString();
  }
}
