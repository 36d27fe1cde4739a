package dev.envx.mapping;

import java.io.IOException;
import java.io.InputStream;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

/** The default table shipped in the jar: {@code mappings/default.toml}, packaged under {@link #RESOURCE}. */
public final class EmbeddedMapping {
  public static final String RESOURCE = "/dev/envx/mapping/embedded/default.toml";

  private EmbeddedMapping() {}

  public static MappingLayer load() {
    try (InputStream in = EmbeddedMapping.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("embedded mapping " + RESOURCE + " missing from the jar");
      }
      TomlParseResult toml = Toml.parse(in);
      if (toml.hasErrors()) {
        throw new IllegalStateException("embedded mapping: " + toml.errors().get(0));
      }
      return MappingTables.fromMap(toml.toMap(), Provenance.of(Layer.EMBEDDED, "default.toml", "mappings/default.toml"), "");
    } catch (IOException e) {
      throw new IllegalStateException("embedded mapping unreadable", e);
    }
  }
}
