package dev.envx.mapping;

import dev.envx.diag.Diagnostic;
import dev.envx.diag.EnvxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

/**
 * Builds the {@link NameMapping} in use: the embedded snapshot and default, the cached upstream tables of the last
 * {@code envx mapping update}, the user-level file and the project's {@code [tool.envx.mapping]} table
 * (passed in as a plain map by whoever read pyproject.toml). A damaged cache entry is skipped with a warning.
 */
public final class MappingLoader {
  /** The mapping and what went wrong on the way (warnings only). */
  public record Loaded(NameMapping mapping, List<Diagnostic> warnings) {}

  private MappingLoader() {}

  public static Loaded load(MappingSettings settings, Map<String, ?> projectTable, Path projectFile) {
    List<MappingLayer> layers = new ArrayList<>();
    List<Diagnostic> warnings = new ArrayList<>();
    MappingCache cache = new MappingCache(settings.mappingCache());
    List<String> fetched = cache.index();
    // a fetched table replaces the snapshot section of the same id (the snapshot is its older copy)
    EmbeddedMapping.snapshot().stream().filter(l -> !fetched.contains(l.provenance().source())).forEach(layers::add);
    layers.add(EmbeddedMapping.load());
    layers.addAll(cached(cache, warnings));
    userFile(settings.userFile()).ifPresent(layers::add);
    if (projectTable != null && !projectTable.isEmpty()) {
      layers.add(project(projectTable, projectFile));
    }
    return new Loaded(NameMapping.of(layers), warnings);
  }

  /** The project's override layer from the {@code [tool.envx.mapping]} table. */
  public static MappingLayer project(Map<String, ?> table, Path projectFile) {
    String where = "tool.envx.mapping";
    String location = projectFile == null ? "pyproject.toml" : projectFile.toString();
    try {
      return MappingTables.fromMap(table, Provenance.of(Layer.PROJECT, where, location), where);
    } catch (IllegalArgumentException e) {
      throw EnvxException.input(location + ": " + e.getMessage(), null, "see mappings/README.md for the table shape");
    }
  }

  /**
   * The cached upstream tables of the last update, in order: each from its pre-digested form when that is
   * current (see {@link MappingCache#digested}), else by parsing the cached body (and writing the digest).
   */
  public static List<MappingLayer> cached(MappingCache cache, List<Diagnostic> warnings) {
    List<MappingLayer> out = new ArrayList<>();
    for (String id : cache.index()) {
      Optional<MappingLayer> digested = cache.digested(id);
      if (digested.isPresent()) {
        out.add(digested.get());
        continue;
      }
      Optional<MappingCache.Meta> meta = cache.meta(id);
      Optional<byte[]> body = meta.flatMap(cache::body);
      if (body.isEmpty()) {
        warnings.add(Diagnostic.warning("cached mapping table `" + id + "` is missing or damaged; ignored", null,
            "run `envx mapping update` to fetch it again"));
        continue;
      }
      MappingCache.Meta m = meta.get();
      Provenance p = new Provenance(Layer.UPSTREAM, m.label(), m.url(), Optional.of(m.fetched()));
      try {
        MappingLayer layer = UpstreamFormat.parse(body.get(), p).layer();
        out.add(layer);
        cache.writeDigest(m, layer); // the next load reads it instead of parsing the body again
      } catch (IOException | RuntimeException e) {
        warnings.add(Diagnostic.warning("cached mapping table `" + id + "` is unreadable; ignored", null,
            "run `envx mapping update` to fetch it again"));
      }
    }
    return out;
  }


  /** The user-level override file, when it exists. */
  public static Optional<MappingLayer> userFile(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    TomlParseResult toml = parseToml(file);
    try {
      return Optional.of(MappingTables.fromMap(toml.toMap(), Provenance.of(Layer.USER, "mapping.toml", file.toString()), ""));
    } catch (IllegalArgumentException e) {
      throw EnvxException.input(file + ": " + e.getMessage(), null, "see mappings/README.md for the table shape");
    }
  }

  /** Reads a TOML file; a syntax error is bad input (exit 2) naming the file, line and column. */
  public static TomlParseResult parseToml(Path file) {
    String text;
    try {
      text = dev.envx.io.TextFiles.readUtf8(file);
    } catch (IOException e) {
      throw EnvxException.cannotRead(file, e);
    }
    dev.envx.diag.SourceFile source = dev.envx.diag.SourceFile.of(file.toString(), text);
    dev.envx.io.InputLimits.DEFAULT.checkText(source); // tomlj recurses once per nesting level
    dev.envx.io.InputLimits.DEFAULT.checkTomlDepth(source);
    TomlParseResult toml = Toml.parse(text);
    if (toml.hasErrors()) {
      var err = toml.errors().get(0);
      throw EnvxException.input(file + ":" + err.position().line() + ":" + err.position().column() + ": "
          + Diagnostic.lowerFirst(err.getMessage(), "invalid toml"), null);
    }
    return toml;
  }
}
