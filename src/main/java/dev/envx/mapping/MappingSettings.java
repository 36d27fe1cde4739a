package dev.envx.mapping;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where the mapping lives on this machine and whether the network may be used; built once at the edge
 * (the CLI) and passed in. {@code cacheDir} is envx's cache folder (tables go to {@code cacheDir/mapping}),
 * {@code userFile} the user-level override file (may not exist).
 */
public record MappingSettings(
    Path cacheDir, Path userFile, boolean offline, List<UpstreamSource> sources, Duration timeout) {
  public MappingSettings {
    Objects.requireNonNull(cacheDir, "cacheDir");
    Objects.requireNonNull(userFile, "userFile");
    sources = List.copyOf(sources);
    Objects.requireNonNull(timeout, "timeout");
  }

  public Path mappingCache() {
    return cacheDir.resolve("mapping");
  }

  public MappingSettings withSources(List<UpstreamSource> s) {
    return new MappingSettings(cacheDir, userFile, offline, s, timeout);
  }

  /** The mapping settings of a run: tables under {@code cacheDir/mapping}, {@code configDir/mapping.toml}. */
  public static MappingSettings of(dev.envx.settings.Settings settings) {
    return new MappingSettings(settings.cacheDir(), settings.configDir().resolve("mapping.toml"),
        settings.offline(), UpstreamSource.DEFAULTS, Duration.ofSeconds(60));
  }
}
