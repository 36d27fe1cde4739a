package dev.envx.index;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fast path of {@link RepodataParser}: a {@code repodata.json} read as UTF-8 bytes straight into records, with
 * no characters decoded, no tokens and no strings but the ones kept. Jackson's streaming parser reads 500k records
 * in 7 s under C1 (the launcher's compiler) and 3.5 s under C2: most of it decoding the bytes to characters,
 * {@code Character.digit} for the hashes and strings built to be compared. This reader does what the Jackson path
 * does for well-formed repodata whose records have the expected types, and declines everything else (a syntax
 * error, a field of the wrong type, a number out of range, an escape in a key, a byte sequence that is not UTF-8,
 * a BOM, nesting deeper than {@link #MAX_DEPTH}): then the file is read again by Jackson, whose result (and error
 * message, with line and column) is the answer. So the two paths never disagree; {@code RepodataScannerProperties}
 * checks it on generated and damaged documents and on every real channel of the shared data.
 *
 * <p>Written by hand: no JSON library reads bytes into these records without the token and string layer in
 * between. Not thread-safe; one per parse.
 */
final class RepodataScanner {
  /** Declined input: read it with Jackson. No stack trace (it is control flow, and cheap). */
  static final class Declined extends Exception {
    private static final long serialVersionUID = 1L;

    Declined(String why) {
      super(why, null, false, false);
    }
  }

  /** Deeper values are declined (Jackson's own limit, 64 in envx, then decides). */
  static final int MAX_DEPTH = 32;
  /** Numbers with more digits in a part are declined (Jackson's limit is 1000 digits). */
  private static final int MAX_NUMBER = 900;
  /** Longer keys are declined (Jackson's limit is 50,000 characters). */
  private static final int MAX_KEY = 10_000;
  private static final byte[] HEX = hexTable();
  /** Per byte inside a string: 0 plain ASCII, 1 '"' (also the sentinel at lim), 2 '\\', 3 control, 4 non-ASCII. */
  private static final byte[] STRING_BYTES = stringBytes();
  private static final byte[][] KEYS = keys();
  static final byte[] CONDA = ".conda".getBytes(StandardCharsets.US_ASCII);
  static final byte[] TAR_BZ2 = ".tar.bz2".getBytes(StandardCharsets.US_ASCII);

  private final InputStream in;
  private final ByteInterner interner;
  private final RecordFields fields;
  private final ArrayList<String> scratch = new ArrayList<>();
  private byte[] buf;
  private int pos;
  private int lim;
  private boolean eof;
  /** The file offset of {@code buf[0]}. */
  private long base;
  private long stop = -1;

  // what the scan found
  private final List<PackageRecord> records = new ArrayList<>();
  private final List<String> skipped = new ArrayList<>();
  private String infoSubdir;
  private String baseUrl;
  private Integer version;

  // the last string read: buf[strStart, strEnd), or esc[0, escLen) when it had escapes
  private int strStart;
  private int strEnd;
  private boolean strAscii;
  private boolean strEscaped;
  private byte[] esc = new byte[256];
  private int escLen;

  // the file name of the record being read, when kept as bytes (see fileNameKey)
  private byte[] fnBytes = new byte[128];
  private int fnLength;
  private boolean fnConda;

  // the last number read: its value when integral and exact (at most 18 digits)
  private long number;
  private boolean integral;
  private boolean exact;

  /**
   * What a scan found; {@code records} in file order. {@code version} is null when the part read has no
   * {@code repodata_version}; {@code stopped}: the scan reached its stop offset (see {@link #stopAt}) and read no
   * further.
   */
  record Result(String infoSubdir, String baseUrl, Integer version, List<PackageRecord> records,
      List<String> skipped, boolean stopped) {
  }

  /**
   * @param in the bytes, from the document's start, or (for {@link #resume}) from a member key of a
   *     {@code packages} object
   * @param offset where {@code in} starts in the file
   */
  RepodataScanner(InputStream in, long offset, ByteInterner interner, RecordFields fields, int bufferSize) {
    this.in = in;
    this.base = offset;
    this.interner = interner;
    this.fields = fields;
    this.buf = new byte[Math.max(bufferSize, 16) + 1]; // one spare byte for the sentinel at lim
    this.buf[0] = '"';
  }

  /**
   * Makes the scan stop when it is about to read the key of a {@code packages} member that starts at file offset
   * {@code offset} (where another scanner, {@link #resume}d there, reads on). Passing that offset anywhere else
   * (inside a string, say) does not stop it: then it reads to the end itself.
   */
  RepodataScanner stopAt(long offset) {
    this.stop = offset;
    return this;
  }

  /** Reads the whole document; the records' origin is {@code pending} (completed by the caller). */
  Result scan(PackageRecord.Origin pending) throws IOException, Declined {
    if (skipWs() != '{') {
      throw new Declined("not an object");
    }
    pos++;
    if (skipWs() == '}') {
      return result(false);
    }
    return members(pending);
  }

  /**
   * Reads on from a member key of a top-level {@code packages} object to the end of the document: right only
   * when the scan of what comes before stopped there ({@link Result#stopped}).
   */
  Result resume(PackageRecord.Origin pending) throws IOException, Declined {
    if (skipWs() != '"') {
      throw new Declined("not at a key");
    }
    if (packages(pending)) {
      return result(true);
    }
    return endOfMembers() ? result(false) : members(pending);
  }

  private Result result(boolean stopped) {
    return new Result(infoSubdir, baseUrl, version, records, skipped, stopped);
  }

  /** The top-level members, from a key on. */
  private Result members(PackageRecord.Origin pending) throws IOException, Declined {
    for (;;) {
      String key = keyString();
      int c = skipWs();
      if (key.equals("info")) {
        if (c == '{') {
          pos++;
          if (skipWs() == '}') {
            pos++;
          } else {
            for (;;) {
              String k = keyString();
              int v = skipWs();
              if (v == '"' && (k.equals("subdir") || k.equals("base_url"))) {
                pos++;
                readString();
                if (k.equals("subdir")) {
                  infoSubdir = string();
                } else {
                  baseUrl = string();
                }
              } else {
                skipValue(2);
              }
              if (endOfMembers()) {
                break;
              }
            }
          }
        } else {
          skipValue(1);
        }
      } else if (key.equals("packages") || key.equals("packages.conda")) {
        if (c == '{') {
          pos++;
          if (skipWs() == '}') {
            pos++;
          } else if (packages(pending)) {
            return result(true);
          }
        } else if (c == 'n') {
          skipValue(1);
        } else {
          throw new Declined("`" + key + "` is not an object"); // Jackson's path words the failure
        }
      } else if (key.equals("repodata_version")) {
        if (c == '"' || c == '{' || c == '[') {
          throw new Declined("repodata_version is not a number");
        }
        int kind = scalar();
        if (kind != 'n' || !integral || !exact || number > Integer.MAX_VALUE || number < Integer.MIN_VALUE) {
          throw new Declined("repodata_version is not an int");
        }
        version = (int) number;
      } else if (c == '{' && (key.endsWith(".tar.bz2") || key.endsWith(".conda"))) {
        pos++;
        PackageRecord r = record(key, pending);
        if (r != null) {
          records.add(r);
        }
      } else {
        skipValue(1);
      }
      if (endOfMembers()) {
        return result(false); // what follows the document is not read (nor is it by the Jackson path)
      }
    }
  }

  /**
   * The members of a non-empty {@code packages} object, from a key on, through its '}'; true when it stopped at
   * {@link #stop} instead.
   */
  private boolean packages(PackageRecord.Origin pending) throws IOException, Declined {
    for (;;) {
      String fn = fileNameKey();
      int c = skipWs();
      if (c == '{') {
        pos++;
        PackageRecord r = record(fn, pending);
        if (r != null) {
          records.add(r);
        }
      } else {
        String kind = c == '[' ? "an array" : c == '"' ? "a string" : c == 't' || c == 'f' ? "a boolean"
            : c == 'n' ? "null" : "a number";
        skipValue(2);
        skipped.add("`" + (fn != null ? fn : keptName()) + "`: the record is " + kind + ", not an object");
      }
      if (endOfMembers()) {
        return false;
      }
      if (stop >= 0 && skipWs() == '"' && base + pos == stop) {
        return true;
      }
    }
  }

  /**
   * The key of a {@code packages} member (and its ':' consumed): null when it is a plain ASCII {@code .conda} or
   * {@code .tar.bz2} name, kept in {@link #fnBytes} (most are {@code name-version-build.ext}, and such a record
   * needs no file name string), else the key as a string.
   */
  private String fileNameKey() throws IOException, Declined {
    readKey();
    int len = strEnd - strStart;
    byte[] b = buf;
    if (strEscaped || !strAscii || !(endsWith(b, strEnd, CONDA) || endsWith(b, strEnd, TAR_BZ2))) {
      String s = string();
      colon();
      return s;
    }
    if (fnBytes.length < len) {
      fnBytes = new byte[Math.max(len, fnBytes.length * 2)];
    }
    System.arraycopy(b, strStart, fnBytes, 0, len);
    fnLength = len;
    fnConda = b[strEnd - 1] == 'a';
    colon();
    return null;
  }

  /** Whether {@code b[.., end)} ends with {@code suffix}. */
  static boolean endsWith(byte[] b, int end, byte[] suffix) {
    int from = end - suffix.length;
    if (from < 0) {
      return false;
    }
    for (int i = 0; i < suffix.length; i++) {
      if (b[from + i] != suffix[i]) {
        return false;
      }
    }
    return true;
  }

  private String keptName() {
    return new String(fnBytes, 0, fnLength, StandardCharsets.ISO_8859_1);
  }

  /** Whether the kept file name is {@code name-version-build} and its extension. */
  private boolean canonical(RecordFields f) {
    String n = f.name;
    String v = f.version;
    String b = f.build;
    if (n == null || v == null || b == null
        || fnLength != n.length() + v.length() + b.length() + 2 + (fnConda ? CONDA.length : TAR_BZ2.length)) {
      return false;
    }
    int at = spells(0, n);
    at = at < 0 || fnBytes[at] != '-' ? -1 : spells(at + 1, v);
    at = at < 0 || fnBytes[at] != '-' ? -1 : spells(at + 1, b);
    return at >= 0;
  }

  /** The offset after {@code s} when the kept name spells it at {@code at}, else -1. */
  private int spells(int at, String s) {
    byte[] fn = fnBytes;
    for (int i = 0; i < s.length(); i++) {
      if (fn[at + i] != s.charAt(i)) {
        return -1;
      }
    }
    return at + s.length();
  }

  /**
   * One record, after its '{'; null (reason in {@code skipped}) when it has no name, version or build. {@code fn}
   * null: the name kept by {@link #fileNameKey}.
   */
  private PackageRecord record(String fn, PackageRecord.Origin origin) throws IOException, Declined {
    RecordFields f = fields.reset();
    if (skipWs() == '}') {
      pos++;
    } else {
      for (;;) {
        int key = recordKey();
        int c = skipWs();
        if (c == 'n') {
          skipValue(3); // null: the field stays as it is
        } else {
          field(f, key, c);
        }
        if (endOfMembers()) {
          break;
        }
      }
    }
    if (fn == null && canonical(f)) {
      return f.toCanonicalRecord(origin, fnConda);
    }
    String name = fn != null ? fn : keptName();
    PackageRecord r = f.toRecord(origin, name, interner);
    if (r == null) {
      skipped.add("`" + name + "`: no name, version or build");
    }
    return r;
  }

  private static final int K_OTHER = 0;
  private static final int K_NAME = 1;
  private static final int K_VERSION = 2;
  private static final int K_BUILD = 3;
  private static final int K_BUILD_NUMBER = 4;
  private static final int K_DEPENDS = 5;
  private static final int K_CONSTRAINS = 6;
  private static final int K_TRACK_FEATURES = 7;
  private static final int K_FEATURES = 8;
  private static final int K_TIMESTAMP = 9;
  private static final int K_MD5 = 10;
  private static final int K_SHA256 = 11;
  private static final int K_SIZE = 12;
  private static final int K_SUBDIR = 13;
  private static final int K_LICENSE = 14;
  private static final int K_LICENSE_FAMILY = 15;
  private static final int K_NOARCH = 16;
  private static final int K_SITE_PACKAGES = 17;

  /** One field's value (not null), at its first byte {@code c}; a value of another type than expected declines. */
  private void field(RecordFields f, int key, int c) throws IOException, Declined {
    switch (key) {
      case K_NAME -> f.name = internedString(c);
      case K_VERSION -> f.version = internedString(c);
      case K_BUILD -> f.build = plainString(c);
      case K_BUILD_NUMBER -> f.buildNumber = intValue(c);
      case K_DEPENDS -> f.depends = stringArray(c);
      case K_CONSTRAINS -> f.constrains = stringArray(c);
      case K_TRACK_FEATURES -> f.trackFeatures = joined(c);
      case K_FEATURES -> f.features = joined(c);
      case K_TIMESTAMP -> f.timestamp = RepodataParser.toMillis(longValue(c));
      case K_MD5 -> f.md5 = hex(c, 16);
      case K_SHA256 -> f.sha256 = hex(c, 32);
      case K_SIZE -> f.size = longValue(c);
      case K_SUBDIR -> f.subdir = internedString(c);
      case K_LICENSE -> f.license = internedString(c);
      case K_LICENSE_FAMILY -> f.licenseFamily = internedString(c);
      case K_NOARCH -> {
        if (c == '"') {
          f.noarch = internedString(c);
        } else if (c == 't' || c == 'f') {
          scalar();
          f.noarch = c == 't' ? "generic" : null;
        } else {
          throw new Declined("noarch is neither a string nor a boolean");
        }
      }
      case K_SITE_PACKAGES -> f.sitePackages = plainString(c);
      default -> skipValue(3);
    }
  }

  /** The key of a record's member (and its ':' consumed), as one of the K_ constants. */
  private int recordKey() throws IOException, Declined {
    readKey();
    if (strEscaped) {
      throw new Declined("an escape in a key");
    }
    int k = keyId(buf, strStart, strEnd - strStart);
    colon(); // after the look-up: reading on may move the buffer
    return k;
  }

  /** The K_ constant of the key {@code b[s, s + length)}: a guess from its length and first bytes, then checked. */
  private static int keyId(byte[] b, int s, int length) {
    int k = switch (length) {
      case 3 -> K_MD5;
      case 4 -> b[s] == 'n' ? K_NAME : K_SIZE;
      case 5 -> K_BUILD;
      case 6 -> b[s] == 'n' ? K_NOARCH : b[s + 1] == 'h' ? K_SHA256 : K_SUBDIR;
      case 7 -> b[s] == 'v' ? K_VERSION : b[s] == 'd' ? K_DEPENDS : K_LICENSE;
      case 8 -> K_FEATURES;
      case 9 -> K_TIMESTAMP;
      case 10 -> K_CONSTRAINS;
      case 12 -> K_BUILD_NUMBER;
      case 14 -> b[s] == 't' ? K_TRACK_FEATURES : K_LICENSE_FAMILY;
      case 25 -> K_SITE_PACKAGES;
      default -> K_OTHER;
    };
    if (k == K_OTHER) {
      return K_OTHER;
    }
    byte[] key = KEYS[k];
    for (int i = 0; i < length; i++) {
      if (b[s + i] != key[i]) {
        return K_OTHER;
      }
    }
    return k;
  }

  private static byte[][] keys() {
    String[] names = {"", "name", "version", "build", "build_number", "depends", "constrains", "track_features",
        "features", "timestamp", "md5", "sha256", "size", "subdir", "license", "license_family", "noarch",
        "python_site_packages_path"};
    byte[][] out = new byte[names.length][];
    for (int i = 0; i < names.length; i++) {
      out[i] = names[i].getBytes(StandardCharsets.US_ASCII);
    }
    return out;
  }

  /** A member's key as a string (and its ':' consumed). */
  private String keyString() throws IOException, Declined {
    readKey();
    String s = string();
    colon();
    return s;
  }

  /**
   * Reads a member's key (not its ':') into the last string read. Jackson limits names to 50,000 characters;
   * longer ones (counted in bytes here) are left to it.
   */
  private void readKey() throws IOException, Declined {
    if (skipWs() != '"') {
      throw new Declined("a key is not a string");
    }
    pos++;
    readString();
    if ((strEscaped ? escLen : strEnd - strStart) > MAX_KEY) {
      throw new Declined("a long key");
    }
  }

  private void colon() throws IOException, Declined {
    if (skipWs() != ':') {
      throw new Declined("no ':' after a key");
    }
    pos++;
  }

  /** After a member's value: true at the object's '}' (consumed), false after a ',' (consumed). */
  private boolean endOfMembers() throws IOException, Declined {
    int c = skipWs();
    pos++;
    if (c == ',') {
      return false;
    }
    if (c == '}') {
      return true;
    }
    throw new Declined("neither ',' nor '}' after a member");
  }

  // --- values ---------------------------------------------------------------------------------------------------

  private String internedString(int c) throws IOException, Declined {
    if (c != '"') {
      throw new Declined("not a string");
    }
    pos++;
    readString();
    String s = strEscaped ? interner.intern(esc, 0, escLen, false)
        : interner.intern(buf, strStart, strEnd - strStart, strAscii);
    if (s == null) {
      throw new Declined("not UTF-8");
    }
    return s;
  }

  private String plainString(int c) throws IOException, Declined {
    if (c != '"') {
      throw new Declined("not a string");
    }
    pos++;
    readString();
    return string();
  }

  /** The last string read, as a new String. */
  private String string() throws Declined {
    if (strEscaped) {
      return decoded(esc, 0, escLen);
    }
    return strAscii ? new String(buf, strStart, strEnd - strStart, StandardCharsets.ISO_8859_1)
        : decoded(buf, strStart, strEnd - strStart);
  }

  /**
   * UTF-8 decoded; declined when it is not UTF-8 (the Jackson path reads through a replacing decoder, and how
   * many U+FFFD a bad sequence becomes is its business) or holds U+FFFD at all.
   */
  private static String decoded(byte[] b, int off, int len) throws Declined {
    String s = new String(b, off, len, StandardCharsets.UTF_8);
    if (s.indexOf('\uFFFD') >= 0) {
      throw new Declined("not UTF-8");
    }
    return s;
  }

  private String[] stringArray(int c) throws IOException, Declined {
    if (c != '[') {
      throw new Declined("not an array");
    }
    pos++;
    if (skipWs() == ']') {
      pos++;
      return RecordFields.NONE;
    }
    ArrayList<String> list = scratch;
    list.clear();
    for (;;) {
      list.add(internedString(skipWs()));
      int d = skipWs();
      pos++;
      if (d == ']') {
        return list.toArray(RecordFields.NONE);
      }
      if (d != ',') {
        throw new Declined("neither ',' nor ']' in an array");
      }
    }
  }

  /** {@code features}/{@code track_features}: a string, or an array joined by spaces (null when empty). */
  private String joined(int c) throws IOException, Declined {
    if (c == '"') {
      return internedString(c);
    }
    String[] parts = stringArray(c);
    return parts.length == 0 ? null : interner.intern(String.join(" ", parts));
  }

  private int intValue(int c) throws IOException, Declined {
    long v = longValue(c);
    if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
      throw new Declined("not an int");
    }
    return (int) v;
  }

  private long longValue(int c) throws IOException, Declined {
    if (c != '-' && (c < '0' || c > '9')) {
      throw new Declined("not a number");
    }
    scalar();
    if (!integral || !exact) {
      throw new Declined("not an integer of 18 digits or fewer");
    }
    return number;
  }

  private byte[] hex(int c, int bytes) throws IOException, Declined {
    if (c != '"') {
      throw new Declined("not a string");
    }
    pos++;
    readString();
    byte[] b = strEscaped ? esc : buf;
    int from = strEscaped ? 0 : strStart;
    if ((strEscaped ? escLen : strEnd - strStart) != bytes * 2) {
      throw new Declined("not a hash");
    }
    byte[] out = new byte[bytes];
    byte[] t = HEX;
    for (int i = 0, j = from; i < bytes; i++, j += 2) {
      int hi = t[b[j] & 0xff];
      int lo = t[b[j + 1] & 0xff];
      if ((hi | lo) < 0) {
        throw new Declined("not hexadecimal");
      }
      out[i] = (byte) (hi << 4 | lo);
    }
    return out;
  }

  private static byte[] hexTable() {
    byte[] t = new byte[256];
    java.util.Arrays.fill(t, (byte) -1);
    for (int i = 0; i < 10; i++) {
      t['0' + i] = (byte) i;
    }
    for (int i = 0; i < 6; i++) {
      t['a' + i] = (byte) (10 + i);
      t['A' + i] = (byte) (10 + i);
    }
    return t;
  }

  /** Skips one value at the current byte (any JSON value, checked as strictly as Jackson checks it). */
  private void skipValue(int depth) throws IOException, Declined {
    int c = skipWs();
    if (c == '"') {
      pos++;
      readString();
      if (!strEscaped && !strAscii) {
        decoded(buf, strStart, strEnd - strStart); // checks it is UTF-8
      }
      return;
    }
    if (c == '{' || c == '[') {
      if (depth >= MAX_DEPTH) {
        throw new Declined("nested too deep");
      }
      pos++;
      int close = c == '{' ? '}' : ']';
      if (skipWs() == close) {
        pos++;
        return;
      }
      for (;;) {
        if (c == '{') {
          readKey();
          colon();
        }
        skipValue(depth + 1);
        int d = skipWs();
        pos++;
        if (d == close) {
          return;
        }
        if (d != ',') {
          throw new Declined("neither ',' nor the end of a container");
        }
      }
    }
    scalar();
  }

  /**
   * A number, {@code true}, {@code false} or {@code null} at the current byte: returns 'n' (value in
   * {@link #number} when {@link #integral}), 't', 'f' or 'z'. Strict JSON: no leading zeros, no '+', no bare '.'.
   */
  private int scalar() throws IOException, Declined {
    int c = skipWs();
    if (c == 't') {
      literal("true");
      return 't';
    }
    if (c == 'f') {
      literal("false");
      return 'f';
    }
    if (c == 'n') {
      literal("null");
      return 'z';
    }
    if (c != '-' && (c < '0' || c > '9')) {
      throw new Declined("not a value");
    }
    boolean negative = c == '-';
    if (negative) {
      pos++;
    }
    int d = peek();
    if (d < '0' || d > '9') {
      throw new Declined("a '-' without digits");
    }
    long v = 0;
    int digits = 0;
    if (d == '0') {
      pos++;
      digits = 1;
    } else {
      while (d >= '0' && d <= '9') {
        v = v * 10 + (d - '0');
        pos++;
        if (++digits > MAX_NUMBER) {
          throw new Declined("a long number");
        }
        d = peek();
      }
    }
    exact = digits <= 18; // else v overflowed: only a skipped value may be that long
    integral = true;
    d = peek();
    if (d == '.') {
      integral = false;
      pos++;
      if (!digits()) {
        throw new Declined("no digits after '.'");
      }
      d = peek();
    }
    if (d == 'e' || d == 'E') {
      integral = false;
      pos++;
      d = peek();
      if (d == '+' || d == '-') {
        pos++;
      }
      if (!digits()) {
        throw new Declined("no digits in an exponent");
      }
    }
    d = peek();
    if (d >= '0' && d <= '9' || d >= 'a' && d <= 'z' || d >= 'A' && d <= 'Z' || d == '.' || d == '-' || d == '+') {
      throw new Declined("a malformed number"); // 01, 1.2.3, 12abc
    }
    number = negative ? -v : v;
    return 'n';
  }

  private boolean digits() throws IOException {
    int n = 0;
    for (int d = peek(); d >= '0' && d <= '9'; d = peek()) {
      pos++;
      if (++n > MAX_NUMBER) {
        return false;
      }
    }
    return n > 0;
  }

  private void literal(String word) throws IOException, Declined {
    for (int i = 0; i < word.length(); i++) {
      if (peek() != word.charAt(i)) {
        throw new Declined("not a literal");
      }
      pos++;
    }
    int d = peek();
    if (d >= 'a' && d <= 'z' || d >= 'A' && d <= 'Z' || d >= '0' && d <= '9' || d == '_') {
      throw new Declined("not a literal"); // truex
    }
  }

  // --- bytes ----------------------------------------------------------------------------------------------------

  /**
   * Reads a string whose opening quote was consumed, leaving it in {@link #strStart}/{@link #strEnd} (or, with
   * escapes, decoded into {@link #esc}) and {@link #pos} after its closing quote. A raw control byte declines.
   */
  private void readString() throws IOException, Declined {
    int start = pos;
    int p = pos;
    boolean ascii = true;
    byte[] t = STRING_BYTES;
    for (;;) {
      byte[] b = buf;
      int k;
      while ((k = t[b[p] & 0xff]) == 0) { // the sentinel at lim ends it too
        p++;
      }
      if (k == 1) {
        if (p < lim) {
          break;
        }
        int shift = compact(start);
        start -= shift;
        p -= shift;
        if (!more()) {
          throw new Declined("an unterminated string");
        }
      } else if (k == 4) {
        ascii = false;
        p++;
      } else if (k == 2) {
        pos = p;
        escaped(start);
        return;
      } else {
        throw new Declined("a control character in a string");
      }
    }
    strStart = start;
    strEnd = p;
    strAscii = ascii;
    strEscaped = false;
    pos = p + 1;
  }

  private static byte[] stringBytes() {
    byte[] t = new byte[256];
    for (int i = 0; i < 0x20; i++) {
      t[i] = 3;
    }
    for (int i = 0x80; i < 0x100; i++) {
      t[i] = 4;
    }
    t['"'] = 1;
    t['\\'] = 2;
    return t;
  }

  /** The rest of a string from its first backslash (at {@link #pos}), decoded into {@link #esc} as UTF-8. */
  private void escaped(int start) throws IOException, Declined {
    escLen = 0;
    for (int i = start; i < pos; i++) {
      put(buf[i]);
    }
    for (;;) {
      int b = next();
      if (b == '"') {
        break;
      }
      if (b < 0) {
        throw new Declined("an unterminated string");
      }
      if (b < 0x20) {
        throw new Declined("a control character in a string");
      }
      if (b != '\\') {
        put((byte) b);
        continue;
      }
      int e = next();
      switch (e) {
        case '"', '\\', '/' -> put((byte) e);
        case 'b' -> put((byte) '\b');
        case 'f' -> put((byte) '\f');
        case 'n' -> put((byte) '\n');
        case 'r' -> put((byte) '\r');
        case 't' -> put((byte) '\t');
        case 'u' -> {
          int cp = hex4();
          if (Character.isHighSurrogate((char) cp)) {
            if (next() != '\\' || next() != 'u') {
              throw new Declined("a lone surrogate");
            }
            int low = hex4();
            if (!Character.isLowSurrogate((char) low)) {
              throw new Declined("a lone surrogate");
            }
            cp = Character.toCodePoint((char) cp, (char) low);
          } else if (Character.isLowSurrogate((char) cp)) {
            throw new Declined("a lone surrogate");
          }
          byte[] u = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
          for (byte x : u) {
            put(x);
          }
        }
        default -> throw new Declined("an unknown escape");
      }
    }
    strEscaped = true;
    strAscii = false;
  }

  private int hex4() throws IOException, Declined {
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int b = next();
      int d = b < 0 ? -1 : HEX[b];
      if (d < 0) {
        throw new Declined("a bad \\u escape");
      }
      v = v << 4 | d;
    }
    return v;
  }

  private void put(byte b) {
    if (escLen == esc.length) {
      esc = java.util.Arrays.copyOf(esc, esc.length * 2);
    }
    esc[escLen++] = b;
  }

  /** The next byte (0-255, consumed), or -1 at the end. */
  private int next() throws IOException {
    if (pos >= lim && !refill()) {
      return -1;
    }
    return buf[pos++] & 0xff;
  }

  /** The byte at {@link #pos} (not consumed), or -1 at the end. */
  private int peek() throws IOException {
    if (pos >= lim && !refill()) {
      return -1;
    }
    return buf[pos] & 0xff;
  }

  /** Skips JSON whitespace; returns the next byte (not consumed), or -1 at the end. */
  private int skipWs() throws IOException {
    byte[] b = buf;
    int p = pos;
    for (;;) {
      byte c = b[p];
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        p++;
      } else if (p < lim) {
        pos = p;
        return c & 0xff;
      } else {
        pos = p;
        if (!refill()) {
          return -1;
        }
        b = buf;
        p = pos;
      }
    }
  }

  /** Reads more when everything was consumed; false at the end. */
  private boolean refill() throws IOException {
    compact(pos);
    return more();
  }

  /** Moves {@code buf[from, lim)} to the front; returns how far it moved. */
  private int compact(int from) {
    if (from == 0) {
      return 0;
    }
    System.arraycopy(buf, from, buf, 0, lim - from);
    lim -= from;
    pos -= from;
    base += from;
    buf[lim] = '"';
    return from;
  }

  /** Appends bytes from the stream (growing the buffer when it is full); false at the end. */
  private boolean more() throws IOException {
    if (eof) {
      return false;
    }
    if (lim == buf.length - 1) {
      buf = java.util.Arrays.copyOf(buf, (buf.length - 1) * 2 + 1);
    }
    int n = in.read(buf, lim, buf.length - 1 - lim);
    if (n == 0) {
      int one = in.read(); // a stream that returned no bytes: read one to block or see the end
      if (one >= 0) {
        buf[lim] = (byte) one;
        n = 1;
      } else {
        n = -1;
      }
    }
    if (n < 0) {
      eof = true;
      return false;
    }
    lim += n;
    buf[lim] = '"';
    return true;
  }
}
