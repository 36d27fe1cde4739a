package dev.envx.mapping;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.envx.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The fetched tables on disk, in {@code <cache>/mapping}: per source a body file named by its SHA-256 and
 * a {@code <id>.meta.json} pointing at it (URL, ETag, Last-Modified, fetch time, checksum). A new body is
 * written first, then the meta file is replaced atomically: that move is the commit, so a crash or a bad
 * download never leaves a half table in use. {@code index.json} lists the sources of the last update.
 */
public final class MappingCache {
  /** What is known about one cached table. */
  public record Meta(String id, String url, String label, String etag, String lastModified, Instant fetched,
      Instant checked, String body, String sha256, String format, int rows) {}

  /** Loaded on first use only: most runs have no cache and should not pay for Jackson's start-up. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper()
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    static List<String> ids(String json) throws IOException {
      return MAPPER.readValue(json, new TypeReference<List<String>>() {});
    }
  }

  private final Path dir;

  public MappingCache(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  public Optional<Meta> meta(String id) {
    Path p = dir.resolve(id + ".meta.json");
    if (!Files.isRegularFile(p)) {
      return Optional.empty();
    }
    try {
      return Optional.of(fromJson(Files.readString(p)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The cached body, verified against its checksum; empty when absent or damaged. */
  public Optional<byte[]> body(Meta meta) {
    try {
      byte[] b = Files.readAllBytes(dir.resolve(meta.body()));
      return sha256(b).equals(meta.sha256()) ? Optional.of(b) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Stores a complete, already validated body and its meta data; the previous body is removed after. */
  public Meta store(Meta meta, byte[] body) throws IOException {
    Files.createDirectories(dir);
    String sha = sha256(body);
    String name = meta.id() + "-" + sha.substring(0, 16) + ".body";
    writeAtomically(dir.resolve(name), body);
    Meta m = new Meta(meta.id(), meta.url(), meta.label(), meta.etag(), meta.lastModified(), meta.fetched(),
        meta.checked(), name, sha, meta.format(), meta.rows());
    Optional<Meta> old = meta(meta.id());
    writeAtomically(dir.resolve(meta.id() + ".meta.json"), toJson(m).getBytes(StandardCharsets.UTF_8));
    if (old.isPresent() && !old.get().body().equals(name)) {
      Files.deleteIfExists(dir.resolve(old.get().body()));
    }
    return m;
  }

  /** Records that the cached table was confirmed current (a 304) at {@code when}. */
  public void touch(Meta meta, Instant when) throws IOException {
    Meta m = new Meta(meta.id(), meta.url(), meta.label(), meta.etag(), meta.lastModified(), meta.fetched(),
        when, meta.body(), meta.sha256(), meta.format(), meta.rows());
    writeAtomically(dir.resolve(meta.id() + ".meta.json"), toJson(m).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The ids of the sources of the last update, in precedence order (empty when never updated). The usual
   * index, a list of plain ids, is read without Jackson; anything else goes through the JSON parser.
   */
  public List<String> index() {
    Path p = dir.resolve("index.json");
    try {
      if (!Files.isRegularFile(p)) {
        return List.of();
      }
      String text = Files.readString(p);
      if (SIMPLE_INDEX.matcher(text).matches()) {
        List<String> ids = new java.util.ArrayList<>();
        java.util.regex.Matcher m = INDEX_ID.matcher(text);
        while (m.find()) {
          ids.add(m.group(1));
        }
        return List.copyOf(ids);
      }
      return Json.ids(text);
    } catch (IOException e) {
      return List.of();
    }
  }

  private static final java.util.regex.Pattern SIMPLE_INDEX =
      java.util.regex.Pattern.compile("\\s*\\[\\s*(\"[A-Za-z0-9._-]+\"\\s*(,\\s*\"[A-Za-z0-9._-]+\"\\s*)*)?]\\s*");
  private static final java.util.regex.Pattern INDEX_ID = java.util.regex.Pattern.compile("\"([A-Za-z0-9._-]+)\"");

  /**
   * The layer of a cached table read from its pre-digested form, without parsing the body: only when the
   * digest has this format version, names the checksum and fetch time of the current meta file, and the
   * body is still there with the size it had. Empty otherwise (the caller then parses the body).
   */
  public Optional<MappingLayer> digested(String id) {
    try {
      Path d = dir.resolve(id + ".digest");
      Path metaFile = dir.resolve(id + ".meta.json");
      if (!Files.isRegularFile(d) || !Files.isRegularFile(metaFile)) {
        return Optional.empty();
      }
      String text = Files.readString(d);
      Optional<MappingDigest.Header> h = MappingDigest.header(text);
      if (h.isEmpty()) {
        return Optional.empty();
      }
      // the meta file is the commit point: the digest counts only for the body it names now
      String meta = Files.readString(metaFile);
      String sha = h.get().sha256();
      if (!sha.matches("[0-9a-f]{64}") || !meta.contains("\"" + sha + "\"")
          || !meta.contains("\"" + h.get().fetched() + "\"")) {
        return Optional.empty();
      }
      String bodyName = id + "-" + sha.substring(0, 16) + ".body";
      Path body = dir.resolve(bodyName);
      // the body was checked against its checksum when stored; hashing it again would cost what the digest saves
      if (!meta.contains("\"" + bodyName + "\"") || !Files.isRegularFile(body) || Files.size(body) != h.get().size()) {
        return Optional.empty();
      }
      Provenance p = new Provenance(Layer.UPSTREAM, h.get().label(), h.get().url(), Optional.of(h.get().fetched()));
      return Optional.of(MappingDigest.decode(text, p));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Writes the pre-digested form of a stored table (best effort: on failure the body is parsed at load
   * time, as without a digest). Returns whether it was written.
   */
  public boolean writeDigest(Meta meta, MappingLayer layer) {
    try {
      long size = Files.size(dir.resolve(meta.body()));
      String text = MappingDigest.encode(new MappingDigest.Header(meta.sha256(), size, meta.fetched(), meta.url(),
          meta.label()), layer);
      writeAtomically(dir.resolve(meta.id() + ".digest"), text.getBytes(StandardCharsets.UTF_8));
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  public void writeIndex(List<String> ids) throws IOException {
    Files.createDirectories(dir);
    writeAtomically(dir.resolve("index.json"), Json.MAPPER.writeValueAsBytes(ids));
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes to a temporary file in the same folder, then moves it over the target. */
  static void writeAtomically(Path target, byte[] bytes) throws IOException {
    AtomicFiles.write(target, bytes);
  }

  private static String toJson(Meta m) throws IOException {
    return Json.MAPPER.writeValueAsString(new java.util.TreeMap<>(java.util.Map.ofEntries(
        java.util.Map.entry("id", m.id()), java.util.Map.entry("url", m.url()), java.util.Map.entry("label", m.label()),
        java.util.Map.entry("etag", nz(m.etag())), java.util.Map.entry("last-modified", nz(m.lastModified())),
        java.util.Map.entry("fetched", m.fetched().toString()), java.util.Map.entry("checked", m.checked().toString()),
        java.util.Map.entry("body", m.body()), java.util.Map.entry("sha256", m.sha256()),
        java.util.Map.entry("format", m.format()), java.util.Map.entry("rows", m.rows()))));
  }

  private static Meta fromJson(String s) throws IOException {
    var n = Json.MAPPER.readTree(s);
    return new Meta(n.get("id").asText(), n.get("url").asText(), n.get("label").asText(),
        emptyToNull(n.path("etag").asText("")), emptyToNull(n.path("last-modified").asText("")),
        Instant.parse(n.get("fetched").asText()), Instant.parse(n.get("checked").asText()),
        n.get("body").asText(), n.get("sha256").asText(), n.path("format").asText(""), n.path("rows").asInt());
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }
}
