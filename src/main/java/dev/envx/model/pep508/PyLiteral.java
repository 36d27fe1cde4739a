package dev.envx.model.pep508;

import dev.envx.diag.ParseError;

/** Python's {@code ast.literal_eval} for the quoted strings of markers: quotes removed, escapes decoded. */
final class PyLiteral {
  private PyLiteral() {}

  /** {@code quoted} includes its quotes; {@code position} is its offset in {@code source}, for errors. */
  static String unquote(String quoted, String source, int position) {
    String body = quoted.substring(1, quoted.length() - 1);
    if (body.indexOf('\\') < 0) {
      return body;
    }
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < body.length()) {
      char c = body.charAt(i);
      if (c != '\\') {
        sb.append(c);
        i++;
        continue;
      }
      int at = position + 1 + i;
      if (i + 1 >= body.length()) {
        throw new ParseError("unterminated string literal: the closing quote is escaped", source, at, 2);
      }
      char e = body.charAt(i + 1);
      i += 2;
      switch (e) {
        case '\n' -> { }
        case '\\' -> sb.append('\\');
        case '\'' -> sb.append('\'');
        case '"' -> sb.append('"');
        case 'a' -> sb.append('\u0007');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'v' -> sb.append('\u000b');
        case 'x', 'u', 'U' -> {
          int len = e == 'x' ? 2 : e == 'u' ? 4 : 8;
          if (i + len > body.length() || !body.substring(i, i + len).matches("[0-9a-fA-F]+")) {
            throw new ParseError("invalid `\\" + e + "` escape in quoted string", source, at, 2);
          }
          int cp = Integer.parseUnsignedInt(body.substring(i, i + len), 16);
          if (!Character.isValidCodePoint(cp)) {
            throw new ParseError("invalid `\\" + e + "` escape in quoted string", source, at, 2 + len);
          }
          sb.appendCodePoint(cp);
          i += len;
        }
        case 'N' -> {
          int close = body.indexOf('}', i);
          if (i >= body.length() || body.charAt(i) != '{' || close < 0) {
            throw new ParseError("invalid `\\N{...}` escape in quoted string", source, at, 2);
          }
          try {
            sb.appendCodePoint(Character.codePointOf(body.substring(i + 1, close)));
          } catch (IllegalArgumentException ex) {
            throw new ParseError("unknown Unicode character name in `\\N{...}`", source, at, close - i + 3);
          }
          i = close + 1;
        }
        default -> {
          if (e >= '0' && e <= '7') {
            int end = i;
            while (end < body.length() && end < i + 2 && body.charAt(end) >= '0' && body.charAt(end) <= '7') {
              end++;
            }
            sb.append((char) Integer.parseInt(body.substring(i - 1, end), 8));
            i = end;
          } else {
            sb.append('\\').append(e);
          }
        }
      }
    }
    return sb.toString();
  }
}
