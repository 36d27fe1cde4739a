package dev.envx.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

/**
 * What ships in the jar: the curated table {@code mappings/default.toml} (under {@link #RESOURCE}) and the
 * snapshot of the upstream tables {@code mappings/snapshot.tsv} (under {@link #SNAPSHOT}, see
 * {@link MappingSnapshot}).
 *
 * <p>Start-up: parsing {@code default.toml} with the TOML reader cost 50–100 ms of CPU in every cold JVM (an
 * ANTLR parser warming up), so the build also writes its parsed form as a {@link MappingDigest} beside it
 * ({@link #DIGEST}, by {@link #main} in Maven's {@code process-classes} phase), read back with plain string
 * splitting. The digest names the SHA-256 of the {@code default.toml} it was made from and is used only when
 * that matches the table in the jar; otherwise (an IDE build that skipped the step, a stale or damaged digest)
 * the TOML is parsed as before.
 */
public final class EmbeddedMapping {
  public static final String RESOURCE = "/dev/envx/mapping/embedded/default.toml";
  public static final String SNAPSHOT = "/dev/envx/mapping/embedded/snapshot.tsv";
  /** The build's digest of {@link #RESOURCE}. */
  public static final String DIGEST = "/dev/envx/mapping/embedded/default.toml.digest";

  private static final Provenance PROVENANCE =
      Provenance.of(Layer.EMBEDDED, "default.toml", "mappings/default.toml");

  private EmbeddedMapping() {}

  /** The curated {@code default.toml} alone: from the build's digest when it matches, else parsed. */
  public static MappingLayer load() {
    byte[] toml = bytes(RESOURCE);
    return fromDigest(toml).orElseGet(() -> parse(toml));
  }

  /** The curated {@code default.toml} parsed with the TOML reader (what the digest is made from). */
  static MappingLayer parse(byte[] toml) {
    TomlParseResult parsed = Toml.parse(new String(toml, StandardCharsets.UTF_8));
    if (parsed.hasErrors()) {
      throw new IllegalStateException("embedded mapping: " + parsed.errors().get(0));
    }
    return MappingTables.fromMap(parsed.toMap(), PROVENANCE, "");
  }

  /** The digest's layer when the jar has a digest made from exactly these {@code default.toml} bytes. */
  static Optional<MappingLayer> fromDigest(byte[] toml) {
    InputStream in = EmbeddedMapping.class.getResourceAsStream(DIGEST);
    if (in == null) {
      return Optional.empty();
    }
    try (in) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      // the fingerprint line, compared as text; then the digest's first two lines (MappingDigest.header would
      // parse its date: java.time set-up)
      String print = fingerprint(toml);
      if (!text.startsWith(print)) {
        return Optional.empty();
      }
      String digest = text.substring(print.length());
      if (!digest.startsWith(MappingDigest.MAGIC + "\t" + MappingDigest.VERSION + "\nsha256\t")) {
        return Optional.empty();
      }
      return Optional.of(MappingDigest.decode(digest, PROVENANCE));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * The first line of the digest resource: the CRC-32 and length of the {@code default.toml} it was made from.
   * It only tells a stale digest from the right one (an IDE build that copied an edited table and skipped the
   * build step), so a checksum is enough, and it spares every start-up the SHA-256 provider set-up and an
   * interpreted hash (about 20 ms of CPU).
   */
  static String fingerprint(byte[] toml) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(toml);
    return "default.toml\tcrc32\t" + Long.toHexString(crc.getValue()) + "\t" + toml.length + "\n";
  }

  /** The digest text for these {@code default.toml} bytes (deterministic: no build time in it). */
  static String digest(byte[] toml) {
    return fingerprint(toml) + MappingDigest.encode(new MappingDigest.Header(MappingCache.sha256(toml), toml.length, Instant.EPOCH,
        "mappings/default.toml", "default.toml"), parse(toml));
  }

  /**
   * Build step ({@code pom.xml}, {@code process-classes}): writes {@code default.toml.digest} beside the copied
   * {@code default.toml} in the directory given as the only argument.
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: EmbeddedMapping DIR (the directory holding default.toml)");
    }
    Path dir = Path.of(args[0]);
    byte[] toml = Files.readAllBytes(dir.resolve("default.toml"));
    Path tmp = dir.resolve("default.toml.digest.tmp");
    Files.writeString(tmp, digest(toml), StandardCharsets.UTF_8);
    Files.move(tmp, dir.resolve("default.toml.digest"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** The snapshot's sections, one layer per upstream source, in the order the snapshot lists them. */
  public static List<MappingLayer> snapshot() {
    try (InputStream in = open(SNAPSHOT)) {
      return MappingSnapshot.decodeShipped(new String(in.readAllBytes(), StandardCharsets.UTF_8),
          "mappings/snapshot.tsv");
    } catch (IOException e) {
      throw new IllegalStateException("embedded mapping snapshot unreadable: " + e.getMessage(), e);
    }
  }

  /** The snapshot's layers, then {@code default.toml}. */
  public static List<MappingLayer> layers() {
    List<MappingLayer> l = new ArrayList<>(snapshot());
    l.add(load());
    return l;
  }

  private static byte[] bytes(String resource) {
    try (InputStream in = open(resource)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("embedded mapping " + resource + " unreadable: " + e.getMessage(), e);
    }
  }

  private static InputStream open(String resource) {
    InputStream in = EmbeddedMapping.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("embedded mapping " + resource + " missing from the jar");
    }
    return in;
  }
}
