package dev.envx.install;

import dev.envx.diag.EnvxException;
import java.nio.charset.StandardCharsets;

/**
 * Prefix placeholder replacement as conda does it. Text mode replaces every occurrence. Binary mode replaces
 * inside each NUL-terminated string that starts with the placeholder and pads that string with NULs, so the
 * file keeps its length and every offset in it stays valid.
 */
final class Placeholders {
  private Placeholders() {}

  static byte[] replace(byte[] data, String placeholder, String prefix, boolean binary, String pkg, String path) {
    byte[] from = placeholder.getBytes(StandardCharsets.UTF_8);
    byte[] to = prefix.getBytes(StandardCharsets.UTF_8);
    if (binary && to.length > from.length) {
      throw EnvxException.failure("the prefix `" + prefix + "` is longer than the " + from.length
          + "-byte placeholder that `" + path + "` of `" + pkg + "` leaves for it",
          "install into a shorter prefix path");
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(data.length + 64);
    int i = 0;
    int at;
    while ((at = indexOf(data, from, i)) >= 0) {
      out.write(data, i, at - i);
      if (!binary) {
        out.writeBytes(to);
        i = at + from.length;
        continue;
      }
      int end = at;
      while (end < data.length && data[end] != 0) {
        end++;
      }
      if (end == data.length) { // no terminating NUL: leave it, as conda's pattern does not match
        out.write(data, at, from.length);
        i = at + from.length;
        continue;
      }
      int count = 0;
      int j = at;
      while (j < end) {
        int k = indexOf(data, from, j);
        if (k < 0 || k + from.length > end) {
          out.write(data, j, end - j);
          break;
        }
        out.write(data, j, k - j);
        out.writeBytes(to);
        count++;
        j = k + from.length;
      }
      out.write(0);
      for (int p = 0; p < (from.length - to.length) * count; p++) {
        out.write(0);
      }
      i = end + 1;
    }
    out.write(data, i, data.length - i);
    return out.toByteArray();
  }

  static int indexOf(byte[] data, byte[] needle, int from) {
    outer:
    for (int i = from; i <= data.length - needle.length; i++) {
      for (int k = 0; k < needle.length; k++) {
        if (data[i + k] != needle[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
