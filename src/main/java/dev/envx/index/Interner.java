package dev.envx.index;

/**
 * Canonicalizes strings straight from a parser's character buffer, so a repeated value (a name, a version, a
 * dependency string) allocates one {@link String} per distinct value. Open addressing, not thread-safe: one per
 * parse or per {@link RepodataParser}.
 */
final class Interner {
  private String[] table = new String[1 << 12];
  private int[] hashes = new int[1 << 12];
  private int size;

  String intern(char[] buf, int off, int len) {
    int h = 0;
    for (int i = 0; i < len; i++) {
      h = 31 * h + buf[off + i];
    }
    int mask = table.length - 1;
    int i = mix(h) & mask;
    String s;
    while ((s = table[i]) != null) {
      if (hashes[i] == h && s.length() == len && same(s, buf, off, len)) {
        return s;
      }
      i = (i + 1) & mask;
    }
    s = new String(buf, off, len);
    table[i] = s;
    hashes[i] = h;
    if (++size * 2 > table.length) {
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

  private static int mix(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 15);
  }

  private static boolean same(String s, char[] buf, int off, int len) {
    for (int i = 0; i < len; i++) {
      if (s.charAt(i) != buf[off + i]) {
        return false;
      }
    }
    return true;
  }

  private void grow() {
    String[] old = table;
    int[] oldHashes = hashes;
    table = new String[old.length * 2];
    hashes = new int[old.length * 2];
    int mask = table.length - 1;
    for (int j = 0; j < old.length; j++) {
      if (old[j] != null) {
        int i = mix(oldHashes[j]) & mask;
        while (table[i] != null) {
          i = (i + 1) & mask;
        }
        table[i] = old[j];
        hashes[i] = oldHashes[j];
      }
    }
  }
}
