package dev.envx.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Encodes a parsed {@link SubdirRepodata} into envx's binary index format (read by {@link BinaryIndex}). The
 * layout, all integers little-endian:
 *
 * <pre>
 * header    magic "ENVXBIDX", u32 format, u32 CRC-32C of every byte after this 24-byte header, u64 file length
 * meta      str key, str subdir, str base_url, u32 repodata_version, u32 size, u32 parsed_count,
 *           u32 string_count, u32 string_offsets_at, u32 name_count, u32 names_at, u32 records_at
 *           (str = u32 length, -1 for null, then UTF-8)
 * strings   u32 offset[string_count + 1] into the blob that follows, then the UTF-8 blob
 * names     name_count entries of (u32 name string id, u32 first record offset, u32 record count), sorted by
 *           the names' UTF-8 bytes, so a lookup is a binary search that decodes nothing else
 * records   per record: varint flags, varint version id, the build (varint length, UTF-8), zigzag build number,
 *           then only the fields its flags announce (string ids, counts, varints, raw md5 / sha256 bytes)
 * </pre>
 *
 * Strings that repeat (versions, dependency strings, licenses) are stored once and referenced by id; a build
 * string is nearly unique to its record, so it is written in place (format 1 gave it an id: 440k strings for 393k
 * records, a string table that no longer fit a cache).
 */
final class BinaryIndexWriter {
  static final byte[] MAGIC = "ENVXBIDX".getBytes(StandardCharsets.US_ASCII);
  /** Bump when the layout or the meaning of a field changes: older files are then rebuilt. */
  static final int FORMAT = 2;
  static final int HEADER = 24;

  static final int MD5 = 1;
  static final int SHA256 = 1 << 1;
  static final int CONDA = 1 << 2;
  static final int FILE_NAME = 1 << 3;
  static final int DEPENDS = 1 << 4;
  static final int CONSTRAINS = 1 << 5;
  static final int TRACK_FEATURES = 1 << 6;
  static final int FEATURES = 1 << 7;
  static final int TIMESTAMP = 1 << 8;
  static final int SIZE = 1 << 9;
  static final int SUBDIR = 1 << 10;
  static final int LICENSE = 1 << 11;
  static final int LICENSE_FAMILY = 1 << 12;
  static final int NOARCH = 1 << 13;
  static final int SITE_PACKAGES = 1 << 14;

  private final StringIds ids = new StringIds();
  /** A small direct-mapped cache in front of {@link #ids}, by identity: subdirs, licenses and the dependency
   * strings of one name's builds repeat record after record, and the table of 50k strings misses the CPU cache. */
  private static final int RECENT = 1 << 12;
  private final String[] recentKeys = new String[RECENT];
  private final int[] recentIds = new int[RECENT];
  private final List<String> strings = new ArrayList<>();
  private final Bytes records;

  /** Records take about 100 bytes each (500k generated: 101): sized so the buffer seldom grows (each growth is a
   * copy, and garbage for a collector that is copying the parsed records at the same time). */
  private BinaryIndexWriter(int records) {
    this.records = new Bytes((int) Math.min(1 << 30, Math.max(1 << 12, records * 112L)));
  }

  /** Writes {@code repodata} under {@code key} to {@code file} (not atomically: the caller moves it). */
  static void write(SubdirRepodata repodata, String key, Path file) throws IOException {
    new BinaryIndexWriter(repodata.size()).encode(repodata, key, file);
  }

  private void encode(SubdirRepodata repodata, String key, Path file) throws IOException {
    List<String> names = new ArrayList<>(repodata.names());
    byte[][] nameBytes = new byte[names.size()][];
    Integer[] order = new Integer[names.size()];
    for (int i = 0; i < names.size(); i++) {
      nameBytes[i] = names.get(i).getBytes(StandardCharsets.UTF_8);
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(nameBytes[a], nameBytes[b]));
    ByteBuffer nameTable = ByteBuffer.allocate(names.size() * 12).order(ByteOrder.LITTLE_ENDIAN);
    for (Integer i : order) {
      String name = names.get(i);
      List<PackageRecord> list = repodata.records(name);
      nameTable.putInt(id(name)).putInt(records.size()).putInt(list.size());
      for (PackageRecord r : list) {
        record(r);
      }
    }
    nameTable.flip();

    byte[][] encoded = new byte[strings.size()][];
    ByteBuffer offsets = ByteBuffer.allocate((strings.size() + 1) * 4).order(ByteOrder.LITTLE_ENDIAN);
    long blobSize = 0;
    for (int i = 0; i < encoded.length; i++) {
      encoded[i] = strings.get(i).getBytes(StandardCharsets.UTF_8);
      offsets.putInt((int) blobSize);
      blobSize += encoded[i].length;
      if (blobSize > Integer.MAX_VALUE) {
        throw new IOException("repodata too large for the binary index");
      }
    }
    offsets.putInt((int) blobSize).flip();
    ByteBuffer blob = ByteBuffer.allocate((int) blobSize);
    for (byte[] b : encoded) {
      blob.put(b);
    }
    blob.flip();

    Bytes meta = new Bytes(256);
    meta.str(key).str(repodata.subdir()).str(repodata.baseUrl())
        .u32(repodata.repodataVersion()).u32(repodata.size()).u32(repodata.parsedCount());
    int metaEnd = HEADER + meta.size() + 6 * 4;
    long stringsAt = metaEnd;
    long namesAt = stringsAt + offsets.remaining() + blob.remaining();
    long recordsAt = namesAt + nameTable.remaining();
    long length = recordsAt + records.size();
    if (length > Integer.MAX_VALUE) {
      throw new IOException("repodata too large for the binary index");
    }
    meta.u32(strings.size()).u32((int) stringsAt).u32(names.size()).u32((int) namesAt).u32((int) recordsAt)
        .u32(0);
    ByteBuffer metaBuf = meta.buffer();
    ByteBuffer recordBuf = records.buffer();
    ByteBuffer[] body = {metaBuf, offsets, blob, nameTable, recordBuf};
    CRC32C crc = new CRC32C();
    for (ByteBuffer b : body) {
      crc.update(b.duplicate());
    }
    ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
    header.put(MAGIC).putInt(FORMAT).putInt((int) crc.getValue()).putLong(length).flip();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer[] all = {header, metaBuf, offsets, blob, nameTable, recordBuf};
      long left = length;
      while (left > 0) {
        left -= ch.write(all);
      }
      // no fsync: a cache file lost or damaged by a crash fails its length or CRC check and is rebuilt
    }
  }

  private void record(PackageRecord r) {
    int flags = 0;
    byte[] md5 = r.rawMd5();
    byte[] sha = r.rawSha256();
    String[] depends = r.rawDepends();
    String[] constrains = r.rawConstrains();
    String fn = r.rawFileName();
    flags |= md5 != null ? MD5 : 0;
    flags |= sha != null ? SHA256 : 0;
    flags |= r.isCondaFormat() ? CONDA : 0;
    flags |= fn != null ? FILE_NAME : 0;
    flags |= depends.length > 0 ? DEPENDS : 0;
    flags |= constrains.length > 0 ? CONSTRAINS : 0;
    flags |= r.rawTrackFeatures() != null ? TRACK_FEATURES : 0;
    flags |= r.rawFeatures() != null ? FEATURES : 0;
    flags |= r.rawTimestamp() != 0 ? TIMESTAMP : 0;
    flags |= r.size() != -1 ? SIZE : 0;
    flags |= r.rawSubdir() != null ? SUBDIR : 0;
    flags |= r.rawLicense() != null ? LICENSE : 0;
    flags |= r.rawLicenseFamily() != null ? LICENSE_FAMILY : 0;
    flags |= r.rawNoarch() != null ? NOARCH : 0;
    flags |= r.rawSitePackagesPath() != null ? SITE_PACKAGES : 0;
    Bytes b = records;
    b.varint(flags).varint(id(r.version())).inline(r.build()).varlong(zigzag(r.buildNumber()));
    if (fn != null) {
      b.varint(id(fn));
    }
    if (depends.length > 0) {
      ids(depends);
    }
    if (constrains.length > 0) {
      ids(constrains);
    }
    optional(r.rawTrackFeatures());
    optional(r.rawFeatures());
    if (r.rawTimestamp() != 0) {
      b.varlong(zigzag(r.rawTimestamp()));
    }
    if (md5 != null) {
      b.bytes(md5);
    }
    if (sha != null) {
      b.bytes(sha);
    }
    if (r.size() != -1) {
      b.varlong(zigzag(r.size()));
    }
    optional(r.rawSubdir());
    optional(r.rawLicense());
    optional(r.rawLicenseFamily());
    optional(r.rawNoarch());
    optional(r.rawSitePackagesPath());
  }

  private void ids(String[] values) {
    records.varint(values.length);
    for (String v : values) {
      records.varint(id(v));
    }
  }

  private void optional(String s) {
    if (s != null) {
      records.varint(id(s));
    }
  }

  private int id(String s) {
    int h = s.hashCode();
    int slot = (h ^ (h >>> 12)) & (RECENT - 1);
    if (recentKeys[slot] == s) { // the same instance as a recent lookup: most are (the parser interns)
      return recentIds[slot];
    }
    int id = ids.get(s);
    if (id < 0) {
      id = strings.size();
      strings.add(s);
      ids.put(s, id);
    }
    recentKeys[slot] = s;
    recentIds[slot] = id;
    return id;
  }

  /**
   * String -> id, open addressing without boxing or entry objects (measured: the {@code HashMap<String,
   * Integer>} it replaces was most of the writer's time over 500k records). The parser interns its strings, so
   * the {@code ==} check usually decides before {@code equals}.
   */
  private static final class StringIds {
    private String[] keys = new String[1 << 14];
    private int[] hashes = new int[1 << 14];
    private int[] values = new int[1 << 14];
    private int size;

    /** The id of {@code s}, or -1. A slot's hash is compared before its string (parts of a file read side by side
     * intern apart, so equal strings are not always the same object). */
    int get(String s) {
      int h = mix(s.hashCode());
      int mask = keys.length - 1;
      for (int i = h & mask; ; i = (i + 1) & mask) {
        String k = keys[i];
        if (k == null) {
          return -1;
        }
        if (k == s || hashes[i] == h && k.equals(s)) {
          return values[i];
        }
      }
    }

    void put(String s, int id) {
      if (++size * 2 > keys.length) {
        grow();
      }
      insert(keys, hashes, values, s, mix(s.hashCode()), id);
    }

    private static void insert(String[] keys, int[] hashes, int[] values, String s, int h, int id) {
      int mask = keys.length - 1;
      int i = h & mask;
      while (keys[i] != null) {
        i = (i + 1) & mask;
      }
      keys[i] = s;
      hashes[i] = h;
      values[i] = id;
    }

    private void grow() {
      String[] k = new String[keys.length * 2];
      int[] h = new int[keys.length * 2];
      int[] v = new int[keys.length * 2];
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] != null) {
          insert(k, h, v, keys[i], hashes[i], values[i]);
        }
      }
      keys = k;
      hashes = h;
      values = v;
    }

    private static int mix(int h) {
      h *= 0x9E3779B9;
      return h ^ (h >>> 16);
    }
  }

  static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  /** A growable little-endian byte buffer. */
  private static final class Bytes {
    private byte[] buf;
    private int size;

    Bytes(int capacity) {
      buf = new byte[capacity];
    }

    int size() {
      return size;
    }

    private void ensure(int n) {
      if (size + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
      }
    }

    Bytes varint(int v) {
      return varlong(v & 0xFFFFFFFFL);
    }

    Bytes varlong(long v) {
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        buf[size++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[size++] = (byte) v;
      return this;
    }

    Bytes u32(int v) {
      ensure(4);
      buf[size++] = (byte) v;
      buf[size++] = (byte) (v >>> 8);
      buf[size++] = (byte) (v >>> 16);
      buf[size++] = (byte) (v >>> 24);
      return this;
    }

    Bytes bytes(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, buf, size, b.length);
      size += b.length;
      return this;
    }

    /** A string in place: varint length, then its UTF-8 bytes. */
    Bytes inline(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      return varint(b.length).bytes(b);
    }

    Bytes str(String s) {
      if (s == null) {
        return u32(-1);
      }
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      return u32(b.length).bytes(b);
    }

    ByteBuffer buffer() {
      return ByteBuffer.wrap(buf, 0, size);
    }
  }
}
