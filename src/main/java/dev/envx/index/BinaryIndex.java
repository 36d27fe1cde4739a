package dev.envx.index;

import static dev.envx.index.BinaryIndexWriter.CONDA;
import static dev.envx.index.BinaryIndexWriter.CONSTRAINS;
import static dev.envx.index.BinaryIndexWriter.DEPENDS;
import static dev.envx.index.BinaryIndexWriter.FEATURES;
import static dev.envx.index.BinaryIndexWriter.FILE_NAME;
import static dev.envx.index.BinaryIndexWriter.LICENSE;
import static dev.envx.index.BinaryIndexWriter.LICENSE_FAMILY;
import static dev.envx.index.BinaryIndexWriter.MD5;
import static dev.envx.index.BinaryIndexWriter.NOARCH;
import static dev.envx.index.BinaryIndexWriter.SHA256;
import static dev.envx.index.BinaryIndexWriter.SITE_PACKAGES;
import static dev.envx.index.BinaryIndexWriter.SIZE;
import static dev.envx.index.BinaryIndexWriter.SUBDIR;
import static dev.envx.index.BinaryIndexWriter.TIMESTAMP;
import static dev.envx.index.BinaryIndexWriter.TRACK_FEATURES;

import dev.envx.model.conda.Channel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.zip.CRC32C;

/**
 * A binary index file written by {@link BinaryIndexWriter}, memory-mapped (read whole when small, see
 * {@link #READ_WHOLE}): checked whole (magic, format, length,
 * CRC-32C, key) when opened, then read lazily: a name's records are decoded on its first lookup, strings on
 * their first use. Thread-safe (absolute reads of a read-only mapping; decoded values are published with
 * compare-and-set or are immutable).
 */
final class BinaryIndex {
  private final ByteBuffer buf;
  private final String subdir;
  private final String baseUrl;
  private final int repodataVersion;
  private final int size;
  private final int parsedCount;
  private final int stringCount;
  private final int stringsAt;
  private final int blobAt;
  private final int nameCount;
  private final int namesAt;
  private final int recordsAt;
  private final String[] strings;
  private final AtomicInteger decodedNames = new AtomicInteger();

  private BinaryIndex(ByteBuffer buf, Meta meta) {
    this.buf = buf;
    this.subdir = meta.subdir;
    this.baseUrl = meta.baseUrl;
    this.repodataVersion = meta.repodataVersion;
    this.size = meta.size;
    this.parsedCount = meta.parsedCount;
    this.stringCount = meta.stringCount;
    this.stringsAt = meta.stringsAt;
    this.blobAt = meta.stringsAt + (meta.stringCount + 1) * 4;
    this.nameCount = meta.nameCount;
    this.namesAt = meta.namesAt;
    this.recordsAt = meta.recordsAt;
    this.strings = new String[meta.stringCount];
  }

  /** Why a cache file was not used (for {@code -v}), or the opened index. */
  sealed interface Opened permits Usable, Unusable {}

  record Usable(BinaryIndex index) implements Opened {}

  record Unusable(String reason) implements Opened {}

  /**
   * Files up to this size are read into the heap rather than mapped: on JDK 25 the first {@code FileChannel.map}
   * of a process spins method handles for the foreign-memory API (100-300 ms cold, measured), far more than
   * reading a few megabytes costs.
   */
  static final long READ_WHOLE = 8L << 20;

  private static ByteBuffer read(FileChannel ch, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length);
    while (b.hasRemaining() && ch.read(b) >= 0) {
      // until full or end of file (a file that shrank fails the length check)
    }
    return b.flip();
  }

  /** Maps (or, when small, reads) and checks {@code file}; {@link Unusable} when it is truncated, tampered with, stale or not ours. */
  static Opened open(Path file, String expectedKey) throws IOException {
    return open(file, expectedKey, READ_WHOLE);
  }

  /** As {@link #open(Path, String)}, mapping files larger than {@code readWhole} bytes (tests: 0). */
  static Opened open(Path file, String expectedKey, long readWhole) throws IOException {
    ByteBuffer buf;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long length = ch.size();
      if (length < BinaryIndexWriter.HEADER || length > Integer.MAX_VALUE) {
        return new Unusable("truncated (" + length + " bytes)");
      }
      buf = length <= readWhole ? read(ch, (int) length) : ch.map(FileChannel.MapMode.READ_ONLY, 0, length);
      buf.order(ByteOrder.LITTLE_ENDIAN);
    }
    byte[] magic = new byte[BinaryIndexWriter.MAGIC.length];
    buf.get(0, magic);
    if (!Arrays.equals(magic, BinaryIndexWriter.MAGIC)) {
      return new Unusable("not an envx binary index");
    }
    int format = buf.getInt(8);
    if (format != BinaryIndexWriter.FORMAT) {
      return new Unusable("format " + format + ", this envx writes " + BinaryIndexWriter.FORMAT);
    }
    if (buf.getLong(16) != buf.capacity()) {
      return new Unusable("length " + buf.capacity() + " instead of " + buf.getLong(16) + " (truncated)");
    }
    CRC32C crc = new CRC32C();
    crc.update(buf.duplicate().position(BinaryIndexWriter.HEADER));
    if ((int) crc.getValue() != buf.getInt(12)) {
      return new Unusable("checksum mismatch (damaged)");
    }
    Meta meta;
    try {
      meta = Meta.read(buf);
    } catch (RuntimeException e) {
      return new Unusable("malformed header");
    }
    if (!meta.key.equals(expectedKey)) {
      return new Unusable("stale (the repodata changed)");
    }
    if (!meta.consistent(buf.capacity())) {
      return new Unusable("malformed header");
    }
    return new Usable(new BinaryIndex(buf, meta));
  }

  /** The header's fields after the fixed prefix. */
  private record Meta(String key, String subdir, String baseUrl, int repodataVersion, int size, int parsedCount,
      int stringCount, int stringsAt, int nameCount, int namesAt, int recordsAt) {
    static Meta read(ByteBuffer buf) {
      int[] at = {BinaryIndexWriter.HEADER};
      String key = str(buf, at);
      String subdir = str(buf, at);
      String baseUrl = str(buf, at);
      int p = at[0];
      return new Meta(key, subdir, baseUrl, buf.getInt(p), buf.getInt(p + 4), buf.getInt(p + 8),
          buf.getInt(p + 12), buf.getInt(p + 16), buf.getInt(p + 20), buf.getInt(p + 24), buf.getInt(p + 28));
    }

    private static String str(ByteBuffer buf, int[] at) {
      int len = buf.getInt(at[0]);
      at[0] += 4;
      if (len == -1) {
        return null;
      }
      byte[] b = new byte[len];
      buf.get(at[0], b);
      at[0] += len;
      return new String(b, StandardCharsets.UTF_8);
    }

    boolean consistent(int length) {
      long blobAt = stringsAt + (stringCount + 1L) * 4;
      return stringCount >= 0 && nameCount >= 0 && stringsAt >= BinaryIndexWriter.HEADER && blobAt <= namesAt
          && namesAt + nameCount * 12L == recordsAt && recordsAt <= length && size >= 0 && parsedCount >= size;
    }
  }

  String subdir() {
    return subdir;
  }

  String baseUrl() {
    return baseUrl;
  }

  int repodataVersion() {
    return repodataVersion;
  }

  int size() {
    return size;
  }

  int parsedCount() {
    return parsedCount;
  }

  /** The records by name, decoded on first lookup; records carry {@code channel}. */
  Map<String, List<PackageRecord>> records(Channel channel) {
    return new LazyRecords(new PackageRecord.Origin(channel, subdir, baseUrl));
  }

  /** How many names' records have been decoded so far (over every map of this index). */
  int decodedNames() {
    return decodedNames.get();
  }

  private String string(int id) {
    if (id < 0 || id >= stringCount) {
      throw new IllegalStateException("binary index: string " + id + " out of range");
    }
    String s = strings[id];
    if (s == null) {
      int from = buf.getInt(stringsAt + id * 4);
      int to = buf.getInt(stringsAt + id * 4 + 4);
      byte[] b = new byte[to - from];
      buf.get(blobAt + from, b);
      s = new String(b, StandardCharsets.UTF_8);
      strings[id] = s; // a racing thread may decode it too: equal strings, either is fine
    }
    return s;
  }

  /** The position of {@code name} in the sorted name table, or -1. */
  private int find(String name) {
    byte[] key = name.getBytes(StandardCharsets.UTF_8);
    int lo = 0;
    int hi = nameCount - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = compare(buf.getInt(namesAt + mid * 12), key);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** The UTF-8 bytes of string {@code id} compared, unsigned, with {@code key}. */
  private int compare(int id, byte[] key) {
    int from = blobAt + buf.getInt(stringsAt + id * 4);
    int len = blobAt + buf.getInt(stringsAt + id * 4 + 4) - from;
    int n = Math.min(len, key.length);
    for (int i = 0; i < n; i++) {
      int c = Byte.toUnsignedInt(buf.get(from + i)) - Byte.toUnsignedInt(key[i]);
      if (c != 0) {
        return c;
      }
    }
    return len - key.length;
  }

  private List<PackageRecord> decode(int slot, String name, PackageRecord.Origin origin) {
    int at = recordsAt + buf.getInt(namesAt + slot * 12 + 4);
    int count = buf.getInt(namesAt + slot * 12 + 8);
    Reader in = new Reader(at);
    List<PackageRecord> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(in.record(name, origin));
    }
    return out;
  }

  /** A cursor over the records area. */
  private final class Reader {
    private int at;

    Reader(int at) {
      this.at = at;
    }

    PackageRecord record(String name, PackageRecord.Origin origin) {
      int flags = varint();
      String version = string(varint());
      String build = inline();
      int buildNumber = (int) unzigzag(varlong());
      String fn = (flags & FILE_NAME) != 0 ? string(varint()) : null; // null: name-version-build.ext
      String[] depends = (flags & DEPENDS) != 0 ? strings() : null;
      String[] constrains = (flags & CONSTRAINS) != 0 ? strings() : null;
      String trackFeatures = optional(flags, TRACK_FEATURES);
      String features = optional(flags, FEATURES);
      long timestamp = (flags & TIMESTAMP) != 0 ? unzigzag(varlong()) : 0;
      byte[] md5 = (flags & MD5) != 0 ? bytes(16) : null;
      byte[] sha256 = (flags & SHA256) != 0 ? bytes(32) : null;
      long size = (flags & SIZE) != 0 ? unzigzag(varlong()) : -1;
      String subdir = optional(flags, SUBDIR);
      String license = optional(flags, LICENSE);
      String licenseFamily = optional(flags, LICENSE_FAMILY);
      String noarch = optional(flags, NOARCH);
      String sitePackages = optional(flags, SITE_PACKAGES);
      return new PackageRecord(origin, name, version, build, buildNumber, depends, constrains, trackFeatures,
          features, timestamp, md5, sha256, size, (flags & CONDA) != 0, fn, subdir, license, licenseFamily, noarch,
          sitePackages);
    }

    private String optional(int flags, int bit) {
      return (flags & bit) != 0 ? string(varint()) : null;
    }

    private String[] strings() {
      int n = varint();
      String[] out = new String[n];
      for (int i = 0; i < n; i++) {
        out[i] = string(varint());
      }
      return out;
    }

    /** A string written in place (varint length, UTF-8). */
    private String inline() {
      int n = varint();
      if (n < 0 || n > buf.limit() - at) {
        throw new IllegalStateException("binary index: a string runs past the end");
      }
      byte[] b = bytes(n);
      return new String(b, StandardCharsets.UTF_8);
    }

    private byte[] bytes(int n) {
      byte[] b = new byte[n];
      buf.get(at, b);
      at += n;
      return b;
    }

    private int varint() {
      return (int) varlong();
    }

    private long varlong() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte b = buf.get(at++);
        v |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return v;
        }
      }
      throw new IllegalStateException("binary index: malformed varint");
    }
  }

  private static long unzigzag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }

  /** The lazy {@code name -> records} map handed to {@link SubdirRepodata}. */
  private final class LazyRecords extends AbstractMap<String, List<PackageRecord>> {
    private final PackageRecord.Origin origin;
    private final AtomicReferenceArray<List<PackageRecord>> decoded = new AtomicReferenceArray<>(nameCount);

    LazyRecords(PackageRecord.Origin origin) {
      this.origin = origin;
    }

    @Override
    public List<PackageRecord> get(Object key) {
      if (!(key instanceof String name)) {
        return null;
      }
      int slot = find(name);
      return slot < 0 ? null : at(slot);
    }

    private List<PackageRecord> at(int slot) {
      List<PackageRecord> list = decoded.get(slot);
      if (list == null) {
        String name = string(buf.getInt(namesAt + slot * 12));
        List<PackageRecord> fresh = decode(slot, name, origin);
        list = decoded.compareAndExchange(slot, null, fresh);
        if (list == null) {
          decodedNames.incrementAndGet();
          list = fresh;
        }
      }
      return list;
    }

    @Override
    public boolean containsKey(Object key) {
      return key instanceof String name && find(name) >= 0;
    }

    @Override
    public int size() {
      return nameCount;
    }

    @Override
    public Set<String> keySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<String> iterator() {
          return new Slots<>(slot -> string(buf.getInt(namesAt + slot * 12)));
        }

        @Override
        public boolean contains(Object o) {
          return containsKey(o);
        }

        @Override
        public int size() {
          return nameCount;
        }
      };
    }

    @Override
    public Set<Entry<String, List<PackageRecord>>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, List<PackageRecord>>> iterator() {
          return new Slots<>(slot -> Map.entry(string(buf.getInt(namesAt + slot * 12)), at(slot)));
        }

        @Override
        public int size() {
          return nameCount;
        }
      };
    }
  }

  /** Iterates over the name table's slots. */
  private final class Slots<T> implements Iterator<T> {
    private final java.util.function.IntFunction<T> at;
    private int next;

    Slots(java.util.function.IntFunction<T> at) {
      this.at = at;
    }

    @Override
    public boolean hasNext() {
      return next < nameCount;
    }

    @Override
    public T next() {
      if (next >= nameCount) {
        throw new NoSuchElementException();
      }
      return at.apply(next++);
    }
  }
}
