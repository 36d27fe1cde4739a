package dev.envx.mapping;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

  /**
   * Platform conventions: {@code ENVX_CACHE_DIR} / {@code ENVX_CONFIG_DIR} first; then on Linux and other
   * Unixes {@code $XDG_CACHE_HOME/envx} (default {@code ~/.cache/envx}) and {@code $XDG_CONFIG_HOME/envx}
   * (default {@code ~/.config/envx}); on macOS {@code ~/Library/Caches/envx} and
   * {@code ~/Library/Application Support/envx}; on Windows {@code %LOCALAPPDATA%\envx\cache} and
   * {@code %APPDATA%\envx}. {@code ENVX_OFFLINE=1} also means offline.
   */
  public static MappingSettings fromEnvironment(Map<String, String> env, String osName, boolean offline) {
    String os = osName.toLowerCase(Locale.ROOT);
    Path home = Path.of(nonEmpty(env.get("HOME")) ? env.get("HOME") : System.getProperty("user.home"));
    Path cache;
    Path config;
    if (os.startsWith("windows")) {
      cache = Path.of(or(env.get("LOCALAPPDATA"), home.resolve("AppData/Local").toString()), "envx", "cache");
      config = Path.of(or(env.get("APPDATA"), home.resolve("AppData/Roaming").toString()), "envx");
    } else if (os.startsWith("mac")) {
      cache = home.resolve("Library/Caches/envx");
      config = home.resolve("Library/Application Support/envx");
    } else {
      cache = Path.of(or(env.get("XDG_CACHE_HOME"), home.resolve(".cache").toString()), "envx");
      config = Path.of(or(env.get("XDG_CONFIG_HOME"), home.resolve(".config").toString()), "envx");
    }
    if (nonEmpty(env.get("ENVX_CACHE_DIR"))) {
      cache = Path.of(env.get("ENVX_CACHE_DIR"));
    }
    if (nonEmpty(env.get("ENVX_CONFIG_DIR"))) {
      config = Path.of(env.get("ENVX_CONFIG_DIR"));
    }
    String off = env.getOrDefault("ENVX_OFFLINE", "").toLowerCase(Locale.ROOT);
    boolean isOffline = offline || off.equals("1") || off.equals("true") || off.equals("yes");
    return new MappingSettings(cache, config.resolve("mapping.toml"), isOffline, UpstreamSource.DEFAULTS,
        Duration.ofSeconds(60));
  }

  private static boolean nonEmpty(String s) {
    return s != null && !s.isBlank();
  }

  private static String or(String s, String dflt) {
    return nonEmpty(s) ? s : dflt;
  }
}
