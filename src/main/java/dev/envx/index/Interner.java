package dev.envx.index;

import java.util.Arrays;

/**
 * Canonicalizes strings straight from a parser's character buffer, so a repeated value (a name, a version, a
 * dependency string) allocates one {@link String} per distinct value. Open addressing with the characters kept
 * beside each string, so a hit is a hash compare plus one vectorized {@link Arrays#equals} and allocates
 * nothing. Not thread-safe: one per {@link RepodataParser}.
 */
final class Interner {
  private String[] strings = new String[1 << 12];
  private char[][] chars = new char[1 << 12][];
  private int[] hashes = new int[1 << 12];
  private int size;

  String intern(char[] buf, int off, int len) {
    int h = hash(buf, off, len);
    int mask = strings.length - 1;
    int i = h & mask;
    int[] hs = hashes;
    int probe;
    while ((probe = hs[i]) != 0) { // 0 marks an empty slot: a miss costs one int load, not a reference chase
      if (probe == h) {
        char[] c = chars[i];
        if (c.length == len && Arrays.equals(c, 0, len, buf, off, off + len)) {
          return strings[i];
        }
      }
      i = (i + 1) & mask;
    }
    char[] c = Arrays.copyOfRange(buf, off, off + len);
    String s = new String(c);
    strings[i] = s;
    chars[i] = c;
    hashes[i] = h;
    if (++size * 2 > strings.length) {
      grow();
    }
    return s;
  }

  String intern(String s) {
    char[] c = s.toCharArray();
    return intern(c, 0, c.length);
  }

  int size() {
    return size;
  }

  /** A polynomial hash over two characters per step (shorter dependency chain than 31*h+c), then mixed. */
  private static int hash(char[] buf, int off, int len) {
    int h = len;
    int i = off;
    int end = off + len;
    for (; i + 1 < end; i += 2) {
      h = h * 961 + buf[i] * 31 + buf[i + 1];
    }
    if (i < end) {
      h = h * 31 + buf[i];
    }
    h *= 0x9E3779B9;
    h ^= h >>> 16;
    return h == 0 ? 1 : h;
  }

  private void grow() {
    String[] oldStrings = strings;
    char[][] oldChars = chars;
    int[] oldHashes = hashes;
    int n = oldStrings.length * 2;
    strings = new String[n];
    chars = new char[n][];
    hashes = new int[n];
    int mask = n - 1;
    for (int j = 0; j < oldStrings.length; j++) {
      if (oldHashes[j] != 0) {
        int i = oldHashes[j] & mask;
        while (hashes[i] != 0) {
          i = (i + 1) & mask;
        }
        strings[i] = oldStrings[j];
        chars[i] = oldChars[j];
        hashes[i] = oldHashes[j];
      }
    }
  }
}
