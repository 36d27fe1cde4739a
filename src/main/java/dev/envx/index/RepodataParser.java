package dev.envx.index;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.github.luben.zstd.ZstdInputStream;
import dev.envx.diag.EnvxException;
import dev.envx.io.InputLimits;
import dev.envx.model.conda.Channel;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Streams a {@code repodata.json} into a {@link SubdirRepodata} with Jackson's byte-level parser (no trees, no
 * databind): {@code packages} and {@code packages.conda}, {@code info.subdir}, {@code info.base_url}
 * ({@code repodata_version: 2}), and the bare {@code filename -> record} map form of conda's test indexes.
 * Unneeded fields are skipped unread; names, versions and dependency strings are interned.
 *
 * <p>Not thread-safe; one parser may parse several files and then shares interned strings between them.
 */
public final class RepodataParser {
  private static final JsonFactory JSON = JsonFactory.builder()
      .disable(JsonFactory.Feature.INTERN_FIELD_NAMES) // file names are unique keys: String.intern is slow
      .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES) // measured: ~35% faster than a symbol table of 500k keys
      // repodata nests 4 levels; 64 bounds hostile input (see io.InputLimits); strings stay unbounded (5 MB+ ok)
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE)
          .maxNestingDepth(InputLimits.DEFAULT.maxDepth()).build())
      .build();
  private static final String[] NONE = new String[0];
  private static final long MILLIS_THRESHOLD = 100_000_000_000L;
  private static final int SCAN_BUFFER = 1 << 20;
  /** Files this large are read in parts side by side (one per processor, each at least this large). */
  static final long SPLIT_BYTES = 16L << 20;

  private final ByteInterner bytes = new ByteInterner();
  private final long splitBytes;
  private final int maxParts;

  /** A parser that reads a large file in parts, one per processor. */
  public RepodataParser() {
    this(SPLIT_BYTES, Runtime.getRuntime().availableProcessors());
  }

  /** A parser that cuts files of {@code splitBytes} or more into up to {@code maxParts} parts (tests). */
  RepodataParser(long splitBytes, int maxParts) {
    this.splitBytes = Math.max(1, splitBytes);
    this.maxParts = maxParts;
  }
  private final RecordFields fields = new RecordFields();
  private final ArrayList<String> scratch = new ArrayList<>();

  /**
   * Parses repodata bytes.
   *
   * @param channel the channel it belongs to (for URLs), or null for a bare file
   * @param subdir the subdir it was fetched as; {@code info.subdir} wins when present
   * @param source how to name the input in error messages (a redacted URL or a path)
   */
  public SubdirRepodata parse(byte[] json, Channel channel, String subdir, String source) {
    try (JsonParser p = JSON.createParser(json)) {
      return parse(p, channel, subdir, source);
    } catch (IOException e) {
      throw malformed(source, e);
    }
  }

  /** Parses repodata from a stream (not closed). */
  public SubdirRepodata parse(InputStream json, Channel channel, String subdir, String source) {
    try (JsonParser p = JSON.createParser(json)) {
      return parse(p, channel, subdir, source);
    } catch (IOException e) {
      throw malformed(source, e);
    }
  }

  /**
   * Parses a file, streamed ({@code .zst} files are decompressed on the fly). Streaming is as fast as parsing the
   * bytes read whole (warm: 280 vs 294 MB/s over a 213 MB file, file read included only in the former), and the
   * whole-file array doubled the live heap of a cold load: 500k records under {@code -Xmx2g} needed a full GC,
   * 4.6 s and 920 MB RSS end to end streamed to 3.75 s and 490 MB.
   */
  public SubdirRepodata parse(Path file, Channel channel, String subdir) {
    SubdirRepodata fast = scan(file, channel, subdir);
    if (fast != null) {
      return fast;
    }
    try (InputStream in = open(file)) {
      return parse(in, channel, subdir, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static InputStream open(Path file) throws IOException {
    if (file.getFileName().toString().endsWith(".zst")) {
      return new ZstdInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }
    return Files.newInputStream(file);
  }

  /**
   * The file read by {@link RepodataScanner} (bytes straight to records, several times faster), or null when the
   * scanner declines it (then Jackson reads it, and reports what is wrong). A read error is left to Jackson's path
   * too, which words it. A large plain file is read in parts side by side ({@link #parts}).
   */
  SubdirRepodata scan(Path file, Channel channel, String subdir) {
    PackageRecord.Origin pending = new PackageRecord.Origin(channel, subdir, null);
    List<RepodataScanner.Result> parts;
    try {
      parts = parts(file, pending);
    } catch (IOException | RepodataScanner.Declined e) {
      return null;
    }
    String infoSubdir = null;
    String baseUrl = null;
    Integer version = null;
    int count = 0;
    for (RepodataScanner.Result r : parts) {
      count += r.records().size();
    }
    List<PackageRecord> records = new ArrayList<>(count);
    List<String> skipped = new ArrayList<>();
    for (RepodataScanner.Result r : parts) { // in file order: a later value wins, as it does reading straight on
      infoSubdir = r.infoSubdir() != null ? r.infoSubdir() : infoSubdir;
      baseUrl = r.baseUrl() != null ? r.baseUrl() : baseUrl;
      version = r.version() != null ? r.version() : version;
      records.addAll(r.records());
      skipped.addAll(r.skipped());
    }
    return assemble(channel, subdir, pending, infoSubdir, baseUrl, version == null ? 1 : version, records,
        skipped);
  }

  /**
   * The scanned parts of a file, in order. A plain file of {@code splitBytes} or more is cut where a
   * {@code packages} member seems to start ({@link #memberAt}) into up to one part per processor, each read on its
   * own thread: part {@code i + 1} counts only when the scan of part {@code i} stopped exactly at its start, so a
   * wrong guess (a cut inside a string that looks like a member) costs time, never correctness.
   */
  List<RepodataScanner.Result> parts(Path file, PackageRecord.Origin pending)
      throws IOException, RepodataScanner.Declined {
    long size = file.getFileName().toString().endsWith(".zst") ? 0 : Files.size(file);
    int n = (int) Math.min(maxParts, size / splitBytes);
    List<Long> cuts = new ArrayList<>();
    if (n > 1) {
      try (FileChannel ch = FileChannel.open(file)) {
        for (int k = 1; k < n; k++) {
          long at = memberAt(ch, size * k / n);
          if (at > (cuts.isEmpty() ? 0 : cuts.get(cuts.size() - 1))) {
            cuts.add(at);
          }
        }
      }
    }
    if (cuts.isEmpty()) {
      try (InputStream in = open(file)) {
        return List.of(new RepodataScanner(in, 0, bytes, fields, SCAN_BUFFER).scan(pending));
      }
    }
    List<FutureTask<RepodataScanner.Result>> rest = new ArrayList<>();
    for (int k = 0; k < cuts.size(); k++) {
      long from = cuts.get(k);
      long to = k + 1 < cuts.size() ? cuts.get(k + 1) : -1;
      FutureTask<RepodataScanner.Result> task = new FutureTask<>(() -> {
        try (FileChannel ch = FileChannel.open(file); InputStream in = Channels.newInputStream(ch.position(from))) {
          return new RepodataScanner(in, from, new ByteInterner(), new RecordFields(), SCAN_BUFFER).stopAt(to)
              .resume(pending);
        }
      });
      Thread t = new Thread(task, "envx-repodata-part");
      t.setDaemon(true);
      t.start();
      rest.add(task);
    }
    List<RepodataScanner.Result> parts = new ArrayList<>();
    RepodataScanner.Result first;
    try (InputStream in = open(file)) {
      first = new RepodataScanner(in, 0, bytes, fields, SCAN_BUFFER).stopAt(cuts.get(0)).scan(pending);
    }
    parts.add(first);
    for (int k = 0; k < rest.size() && parts.get(parts.size() - 1).stopped(); k++) {
      parts.add(result(rest.get(k)));
    }
    return parts;
  }

  private static RepodataScanner.Result result(FutureTask<RepodataScanner.Result> task)
      throws IOException, RepodataScanner.Declined {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RepodataScanner.Declined("interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RepodataScanner.Declined d) {
        throw d;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * The offset of the first key ending in {@code .conda} or {@code .tar.bz2}, followed by ':' and '{', after
   * {@code from} that follows the end of a record (a '}' and a ','): where a member of {@code packages} seems to
   * start; -1 when none is near.
   */
  static long memberAt(FileChannel ch, long from) throws IOException {
    ByteBuffer window = ByteBuffer.allocate(1 << 18);
    int n = 0;
    while (window.hasRemaining()) {
      int r = ch.read(window, from + window.position());
      if (r < 0) {
        break;
      }
      n += r;
    }
    byte[] b = window.array();
    for (int i = 0; i < n; i++) {
      if (b[i] != '}') {
        continue;
      }
      int j = skipSpace(b, i + 1, n);
      if (j >= n || b[j] != ',') {
        continue;
      }
      j = skipSpace(b, j + 1, n);
      if (j >= n || b[j] != '"') {
        continue;
      }
      int key = j;
      int end = j + 1;
      while (end < n && end - key < 1024 && b[end] != '"' && b[end] != '\\' && (b[end] & 0xff) >= 0x20) {
        end++;
      }
      // the suffix cannot reach back over the opening quote: it starts with '.'
      if (end >= n || b[end] != '"' || !(RepodataScanner.endsWith(b, end, RepodataScanner.CONDA)
          || RepodataScanner.endsWith(b, end, RepodataScanner.TAR_BZ2))) {
        continue;
      }
      int c = skipSpace(b, end + 1, n);
      if (c >= n || b[c] != ':') {
        continue;
      }
      c = skipSpace(b, c + 1, n);
      if (c < n && b[c] == '{') {
        return from + key;
      }
    }
    return -1;
  }

  private static int skipSpace(byte[] b, int i, int n) {
    while (i < n && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
      i++;
    }
    return i;
  }

  private static EnvxException malformed(String source, IOException e) {
    String where = "";
    if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null) {
      JsonLocation l = jpe.getLocation();
      where = " at line " + l.getLineNr() + ", column " + l.getColumnNr();
      String msg = printable(jpe.getOriginalMessage());
      boolean remote = source.matches("(?i)(https?|s3|gs)://.*");
      return EnvxException.failure("malformed repodata `" + Channel.redact(source) + "`" + where + ": "
          + Channel.redact(msg), remote ? "delete the cached file or fetch it again without `--offline`"
              : "regenerate the file (e.g. with `conda index`)");
    }
    return EnvxException.failure("cannot read repodata `" + Channel.redact(source) + "`: "
        + Channel.redact(printable(dev.envx.diag.IoErrors.reason(e))));
  }

  /**
   * Jackson's message made fit for a terminal: no Java names (`StreamReadConstraints.getMaxNestingDepth()`),
   * control and non-ASCII bytes of a binary file escaped, at most 120 characters.
   */
  static String printable(String msg) {
    String m = String.valueOf(msg).replaceAll(",? ?\\(?from `?StreamReadConstraints[^)`]*`?\\)?\\)?", ")")
        .replace("))", ")").replace(" )", ")");
    m = dev.envx.diag.Diagnostic.lowerFirst(m, "malformed JSON");
    StringBuilder sb = new StringBuilder();
    m.codePoints().forEach(c -> {
      if (c < 0x20 || c == 0x7f || c > 0x7e && !Character.isLetterOrDigit(c)) {
        sb.append(c == '\n' ? "\\n" : String.format("\\x%02x", c & 0xff));
      } else {
        sb.appendCodePoint(c);
      }
    });
    return sb.length() > 120 ? sb.substring(0, 117) + "..." : sb.toString();
  }

  private SubdirRepodata parse(JsonParser p, Channel channel, String subdirHint, String source)
      throws IOException {
    JsonToken top = p.nextToken();
    if (top != JsonToken.START_OBJECT) {
      throw EnvxException.failure("`" + Channel.redact(source) + "` is not repodata: its top level is "
          + kind(top) + ", not an object", "a repodata.json is an object with `info`, `packages` and "
          + "`packages.conda`");
    }
    List<String> skipped = new ArrayList<>();
    PackageRecord.Origin pending = new PackageRecord.Origin(channel, subdirHint, null);
    String infoSubdir = null;
    String baseUrl = null;
    int version = 1;
    List<PackageRecord> records = new ArrayList<>();
    String key;
    while ((key = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      switch (key) {
        case "info":
          if (t == JsonToken.START_OBJECT) {
            String k;
            while ((k = p.nextFieldName()) != null) {
              JsonToken v = p.nextToken();
              if (k.equals("subdir") && v == JsonToken.VALUE_STRING) {
                infoSubdir = p.getText();
              } else if (k.equals("base_url") && v == JsonToken.VALUE_STRING) {
                baseUrl = p.getText();
              } else {
                p.skipChildren();
              }
            }
          } else {
            p.skipChildren();
          }
          break;
        case "packages":
        case "packages.conda":
          if (t == JsonToken.START_OBJECT) {
            String fn;
            while ((fn = p.nextFieldName()) != null) {
              JsonToken v = p.nextToken();
              if (v == JsonToken.START_OBJECT) {
                add(records, record(p, fn, pending, skipped));
              } else {
                skipped.add("`" + fn + "`: the record is " + kind(v) + ", not an object");
                p.skipChildren();
              }
            }
          } else if (t != JsonToken.VALUE_NULL) {
            throw EnvxException.failure("`" + key + "` in `" + Channel.redact(source) + "` is " + kind(t)
                + ", not an object of records", "a repodata.json maps file names to records: "
                + "`\"packages\": {\"name-1.0-0.tar.bz2\": {...}}`");
          }
          break;
        case "repodata_version":
          version = p.getValueAsInt(1);
          break;
        default:
          if (t == JsonToken.START_OBJECT && (key.endsWith(".tar.bz2") || key.endsWith(".conda"))) {
            add(records, record(p, key, pending, skipped)); // the filename -> record map form
          } else {
            p.skipChildren();
          }
      }
    }
    return assemble(channel, subdirHint, pending, infoSubdir, baseUrl, version, records, skipped);
  }

  /** The subdir of parsed records: the origin completed, records grouped by name, {@code .conda} preferred. */
  private static SubdirRepodata assemble(Channel channel, String subdirHint, PackageRecord.Origin pending,
      String infoSubdir, String baseUrl, int version, List<PackageRecord> records, List<String> skipped) {
    Map<String, ArrayList<PackageRecord>> byName = new HashMap<>();
    String subdir = infoSubdir != null ? infoSubdir : subdirHint;
    String base = resolveBase(channel, subdir, baseUrl);
    pending.complete(subdir, base);
    for (PackageRecord r : records) {
      byName.computeIfAbsent(r.name(), n -> new ArrayList<>(4)).add(r);
    }
    int size = 0;
    Map<String, List<PackageRecord>> out = new HashMap<>(byName.size() * 2);
    for (Map.Entry<String, ArrayList<PackageRecord>> e : byName.entrySet()) {
      List<PackageRecord> list = preferConda(e.getValue());
      size += list.size();
      out.put(e.getKey(), list);
    }
    return new SubdirRepodata(channel, subdir, base, version, out, size, records.size(), skipped, null);
  }

  static String resolveBase(Channel channel, String subdir, String baseUrl) {
    String subdirUrl = channel == null || subdir == null ? null : channel.url() + "/" + subdir + "/";
    if (baseUrl == null || baseUrl.isBlank()) {
      return subdirUrl;
    }
    String b = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
    if (b.matches("(?i)[a-z][a-z0-9+.-]*:.*") || subdirUrl == null) {
      return Channel.redact(b);
    }
    try {
      return resolveUrl(subdirUrl, b); // CEP-15: relative to the repodata's own URL
    } catch (IllegalArgumentException e) {
      throw EnvxException.failure("`info.base_url` of the repodata at `" + Channel.redact(subdirUrl)
          + "` is not a URL: " + printable(e.getMessage()), "fix or remove `base_url` in the repodata's `info`");
    }
  }

  /**
   * {@code ref} resolved against {@code base}; a {@code file:} result keeps the {@code file:///} spelling of
   * channel URLs ({@link URI#resolve} drops the empty authority).
   */
  static String resolveUrl(String base, String ref) {
    String r = URI.create(base).resolve(ref).toString();
    return r.startsWith("file:/") && !r.startsWith("file://") ? "file://" + r.substring("file:".length()) : r;
  }

  /**
   * Drops {@code .tar.bz2} records whose {@code .conda} twin (the same stem) is present. The {@code .conda} records
   * named {@code name-version-build.conda} go in a table of indexes hashed by build, and a {@code .tar.bz2} record
   * named that way with no '-' in its version or build has a twin exactly when one of them has its version and
   * build (its stem has one '-' after the name, so an equal stem splits the same way): no stem string is made for
   * those (500k records: a fifth of a second). Any other record is compared by stem.
   */
  static List<PackageRecord> preferConda(ArrayList<PackageRecord> list) {
    if (list.size() < 2) {
      return list;
    }
    boolean conda = false;
    boolean tarBz2 = false;
    for (PackageRecord r : list) {
      conda |= r.isCondaFormat();
      tarBz2 |= !r.isCondaFormat();
    }
    if (!conda || !tarBz2) {
      return list;
    }
    int mask = Integer.highestOneBit(Math.max(4, list.size() * 2)) * 2 - 1;
    int[] table = new int[mask + 1]; // index + 1 of a .conda record; 0: empty
    Set<String> otherStems = null; // of .conda records with other file names
    for (int i = 0; i < list.size(); i++) {
      PackageRecord r = list.get(i);
      if (!r.isCondaFormat()) {
        continue;
      }
      if (r.rawFileName() != null) {
        otherStems = otherStems == null ? new HashSet<>() : otherStems;
        otherStems.add(r.stem());
        continue;
      }
      int slot = mix(r.build().hashCode()) & mask;
      while (table[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      table[slot] = i + 1;
    }
    Set<String> allStems = null;
    ArrayList<PackageRecord> kept = new ArrayList<>(list.size());
    for (PackageRecord r : list) {
      boolean twin = false;
      if (r.isCondaFormat()) {
        kept.add(r);
        continue;
      }
      if (r.rawFileName() == null && r.version().indexOf('-') < 0 && r.build().indexOf('-') < 0) {
        twin = hasTwin(r, list, table, mask) || otherStems != null && otherStems.contains(r.stem());
      } else {
        if (allStems == null) {
          allStems = new HashSet<>();
          for (PackageRecord c : list) {
            if (c.isCondaFormat()) {
              allStems.add(c.stem());
            }
          }
        }
        twin = allStems.contains(r.stem());
      }
      if (!twin) {
        kept.add(r);
      }
    }
    return kept;
  }

  private static boolean hasTwin(PackageRecord r, List<PackageRecord> list, int[] table, int mask) {
    for (int slot = mix(r.build().hashCode()) & mask; table[slot] != 0; slot = (slot + 1) & mask) {
      PackageRecord c = list.get(table[slot] - 1);
      if (c.build().equals(r.build()) && c.version().equals(r.version())) {
        return true;
      }
    }
    return false;
  }

  private static int mix(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  private static void add(List<PackageRecord> records, PackageRecord r) {
    if (r != null) {
      records.add(r);
    }
  }

  /** "a string", "an array", ... for messages. */
  static String kind(JsonToken t) {
    if (t == null) {
      return "empty";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> "not a value";
    };
  }

  /** The type a record field must have; fields not listed are read leniently or skipped. */
  private static String expected(String key, JsonToken t) {
    switch (key) {
      case "name", "version", "build", "subdir", "md5", "sha256" -> {
        return t == JsonToken.VALUE_STRING ? null : "a string";
      }
      case "build_number", "timestamp", "size" -> {
        return t == JsonToken.VALUE_NUMBER_INT ? null : "an integer";
      }
      case "depends", "constrains" -> {
        return t == JsonToken.START_ARRAY ? null : "a list of strings";
      }
      default -> {
        return null;
      }
    }
  }

  /** One record, or null (with the reason added to {@code skipped}) when a field has the wrong type. */
  private PackageRecord record(JsonParser p, String fn, PackageRecord.Origin origin, List<String> skipped)
      throws IOException {
    RecordFields f = fields.reset();
    String problem = null;
    String key;
    while ((key = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NULL) {
        continue;
      }
      String want = problem == null ? expected(key, t) : null;
      if (want != null) {
        problem = "`" + key + "` is " + kind(t) + ", not " + want;
      }
      if (problem != null) {
        p.skipChildren();
        continue;
      }
      if (key.equals("depends") || key.equals("constrains")) {
        problem = nonStrings(key, p);
        continue;
      }
      switch (key) {
        case "name":
          f.name = interned(p);
          break;
        case "version":
          f.version = interned(p);
          break;
        case "build":
          f.build = p.getText();
          break;
        case "build_number":
          f.buildNumber = p.getValueAsInt();
          break;
        case "track_features":
          f.trackFeatures = joined(p, t);
          break;
        case "features":
          f.features = joined(p, t);
          break;
        case "timestamp":
          f.timestamp = toMillis(p.getValueAsLong());
          break;
        case "md5":
          f.md5 = hex(p, 16);
          problem = f.md5 == null ? "`md5` is not 32 hexadecimal digits" : null;
          break;
        case "sha256":
          f.sha256 = hex(p, 32);
          problem = f.sha256 == null ? "`sha256` is not 64 hexadecimal digits" : null;
          break;
        case "size":
          f.size = p.getValueAsLong(-1);
          break;
        case "subdir":
          f.subdir = interned(p);
          break;
        case "license":
          f.license = interned(p);
          break;
        case "license_family":
          f.licenseFamily = interned(p);
          break;
        case "noarch":
          f.noarch = t == JsonToken.VALUE_TRUE ? "generic" : t == JsonToken.VALUE_STRING ? interned(p) : null;
          break;
        case "python_site_packages_path":
          f.sitePackages = p.getText();
          break;
        default:
          p.skipChildren();
      }
    }
    PackageRecord r = problem == null ? f.toRecord(origin, fn, bytes) : null;
    if (r == null) {
      skipped.add("`" + fn + "`: " + (problem != null ? problem : "no name, version or build"));
    }
    return r;
  }


  /** {@code name-version-build.ext} split from the right, or null. */
  static String[] splitFileName(String fn) {
    String stem = fn.endsWith(".conda") ? fn.substring(0, fn.length() - 6)
        : fn.endsWith(".tar.bz2") ? fn.substring(0, fn.length() - 8) : null;
    if (stem == null) {
      return null;
    }
    int b = stem.lastIndexOf('-');
    int v = b <= 0 ? -1 : stem.lastIndexOf('-', b - 1);
    return v <= 0 ? null : new String[] {stem.substring(0, v), stem.substring(v + 1, b), stem.substring(b + 1)};
  }

  /** Repodata timestamps are seconds (newer) or milliseconds (older); returns milliseconds. */
  static long toMillis(long t) {
    return t > 0 && t < MILLIS_THRESHOLD ? t * 1000 : t;
  }

  private String interned(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      return bytes.intern(p.getText());
    }
    return bytes.intern(p.getText());
  }

  /**
   * Reads a {@code depends}/{@code constrains} array; returns a reason when an element is not a string (then
   * the array is consumed), else null with the strings in {@link #fields}.
   */
  private String nonStrings(String key, JsonParser p) throws IOException {
    String[] read = stringsOrNull(p);
    if (read == null) {
      return "an element of `" + key + "` is not a string";
    }
    if (key.equals("depends")) {
      fields.depends = read;
    } else {
      fields.constrains = read;
    }
    return null;
  }

  /** The strings of the array at the current START_ARRAY, or null (array consumed) when one is not a string. */
  private String[] stringsOrNull(JsonParser p) throws IOException {
    ArrayList<String> list = scratch;
    list.clear();
    boolean ok = true;
    for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
      if (v == JsonToken.VALUE_STRING) {
        list.add(bytes.intern(p.getText()));
      } else {
        ok = false;
        p.skipChildren();
      }
    }
    return !ok ? null : list.isEmpty() ? NONE : list.toArray(NONE);
  }

  private String[] strings(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.START_ARRAY) {
      p.skipChildren();
      return NONE;
    }
    JsonToken v = p.nextToken();
    if (v == JsonToken.END_ARRAY) {
      return NONE;
    }
    ArrayList<String> list = scratch;
    list.clear();
    for (; v != JsonToken.END_ARRAY; v = p.nextToken()) {
      if (v == JsonToken.VALUE_STRING) {
        list.add(bytes.intern(p.getText()));
      } else {
        p.skipChildren();
      }
    }
    return list.toArray(NONE);
  }

  private String joined(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.START_ARRAY) {
      String[] parts = strings(p, t);
      return parts.length == 0 ? null : bytes.intern(String.join(" ", parts));
    }
    return t == JsonToken.VALUE_STRING ? interned(p) : null;
  }

  private static byte[] hex(JsonParser p, int bytes) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      return null;
    }
    char[] c = p.getTextCharacters();
    int off = p.getTextOffset();
    int len = p.getTextLength();
    if (len != bytes * 2) {
      return null;
    }
    byte[] out = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      int hi = Character.digit(c[off + 2 * i], 16);
      int lo = Character.digit(c[off + 2 * i + 1], 16);
      if (hi < 0 || lo < 0) {
        return null;
      }
      out[i] = (byte) (hi << 4 | lo);
    }
    return out;
  }
}
