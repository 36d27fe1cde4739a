package dev.envx.index;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Canonicalizes the strings of one parse (names, versions, dependency strings, licenses) straight from UTF-8 bytes
 * ({@link RepodataScanner}) or from strings (the Jackson path, shards), so a repeated value costs one {@link String}
 * per distinct value and a hit allocates nothing. Keys are the UTF-8 bytes; an all-ASCII value is copied as Latin-1
 * (no decoding). Not thread-safe: one per parser (and per part of a file read in parts).
 */
final class ByteInterner {
  private String[] strings = new String[1 << 12];
  private byte[][] keys = new byte[1 << 12][];
  private int[] hashes = new int[1 << 12];
  private int size;

  /**
   * The string of {@code buf[off, off + len)}, which holds UTF-8 ({@code ascii}: only bytes below 0x80); null when
   * the bytes are not UTF-8 or decode to U+FFFD.
   */
  String intern(byte[] buf, int off, int len, boolean ascii) {
    int h = hash(buf, off, len);
    int mask = strings.length - 1;
    int i = h & mask;
    int[] hs = hashes;
    int probe;
    while ((probe = hs[i]) != 0) { // 0 marks an empty slot
      if (probe == h && same(keys[i], buf, off, len)) {
        return strings[i];
      }
      i = (i + 1) & mask;
    }
    byte[] k = Arrays.copyOfRange(buf, off, off + len);
    String s = new String(k, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    if (!ascii && s.indexOf('\uFFFD') >= 0) {
      return null; // not UTF-8 (or U+FFFD itself): the caller declines, so nothing depends on how it decodes
    }
    strings[i] = s;
    keys[i] = k;
    hashes[i] = h;
    if (++size * 2 > strings.length) {
      grow();
    }
    return s;
  }

  /** The canonical string equal to {@code s}. */
  String intern(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    boolean ascii = b.length == s.length();
    if (!ascii && !new String(b, StandardCharsets.UTF_8).equals(s)) {
      return s; // a lone surrogate has no UTF-8 key: not pooled
    }
    String r = intern(b, 0, b.length, ascii);
    return r != null ? r : s; // U+FFFD: not pooled
  }

  int size() {
    return size;
  }

  /** A plain loop: most keys are short, and C1 (the launcher's compiler) does not vectorize Arrays.equals. */
  private static boolean same(byte[] key, byte[] buf, int off, int len) {
    if (key.length != len) {
      return false;
    }
    for (int j = 0; j < len; j++) {
      if (key[j] != buf[off + j]) {
        return false;
      }
    }
    return true;
  }

  /** Two bytes per step (a shorter dependency chain than 31*h+b), then mixed; never 0. */
  private static int hash(byte[] buf, int off, int len) {
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
    byte[][] oldKeys = keys;
    int[] oldHashes = hashes;
    int n = oldStrings.length * 2;
    strings = new String[n];
    keys = new byte[n][];
    hashes = new int[n];
    int mask = n - 1;
    for (int j = 0; j < oldStrings.length; j++) {
      if (oldHashes[j] != 0) {
        int i = oldHashes[j] & mask;
        while (hashes[i] != 0) {
          i = (i + 1) & mask;
        }
        strings[i] = oldStrings[j];
        keys[i] = oldKeys[j];
        hashes[i] = oldHashes[j];
      }
    }
  }
}
