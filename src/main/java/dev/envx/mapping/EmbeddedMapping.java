package dev.envx.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

/**
 * What ships in the jar: the curated table {@code mappings/default.toml} (under {@link #RESOURCE}) and the
 * snapshot of the upstream tables {@code mappings/snapshot.tsv} (under {@link #SNAPSHOT}, see
 * {@link MappingSnapshot}).
 */
public final class EmbeddedMapping {
  public static final String RESOURCE = "/dev/envx/mapping/embedded/default.toml";
  public static final String SNAPSHOT = "/dev/envx/mapping/embedded/snapshot.tsv";

  private EmbeddedMapping() {}

  /** The curated {@code default.toml} alone. */
  public static MappingLayer load() {
    try (InputStream in = open(RESOURCE)) {
      TomlParseResult toml = Toml.parse(in);
      if (toml.hasErrors()) {
        throw new IllegalStateException("embedded mapping: " + toml.errors().get(0));
      }
      return MappingTables.fromMap(toml.toMap(), Provenance.of(Layer.EMBEDDED, "default.toml", "mappings/default.toml"), "");
    } catch (IOException e) {
      throw new IllegalStateException("embedded mapping unreadable", e);
    }
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

  private static InputStream open(String resource) {
    InputStream in = EmbeddedMapping.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("embedded mapping " + resource + " missing from the jar");
    }
    return in;
  }
}
