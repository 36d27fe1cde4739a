package dev.envx.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything about this machine and this run that the stages need, read once at the edge (the CLI) from the
 * environment and the global flags, and passed down; nothing below reads {@code System.getenv} or properties.
 *
 * <p>Directories follow one rule per platform. {@code ENVX_CACHE_DIR}, {@code ENVX_CONFIG_DIR} and
 * {@code ENVX_DATA_DIR} win when set. Otherwise on Linux and other unix the XDG variables
 * ({@code XDG_CACHE_HOME}, {@code XDG_CONFIG_HOME}, {@code XDG_DATA_HOME}; honoured only when absolute, as the XDG
 * spec says) with {@code ~/.cache}, {@code ~/.config}, {@code ~/.local/share} as defaults, each plus {@code envx};
 * on macOS {@code ~/Library/Caches/envx} and {@code ~/Library/Application Support/envx} (config and data); on
 * Windows {@code %LOCALAPPDATA%\envx\cache}, {@code %APPDATA%\envx} and {@code %LOCALAPPDATA%\envx\data}. The home
 * folder is {@code $HOME} (Windows: {@code %USERPROFILE%}) and else the JVM's {@code user.home}, given by the caller.
 *
 * <p>Network: offline with {@code --offline} or {@code ENVX_OFFLINE} = {@code 1}/{@code true}/{@code yes}; the
 * proxy from {@code HTTPS_PROXY} (or {@code https_proxy}, then {@code ALL_PROXY}), as pip, conda and uv read it; the
 * CA bundle from {@code SSL_CERT_FILE}, else {@code REQUESTS_CA_BUNDLE} (the system trust store when neither is set).
 * A proxy's user and password are kept apart from its address and never printed ({@link #toString()},
 * {@link Proxy#toString()}). Parallelism: {@code ENVX_PARALLELISM} (1-64), else the number of processors (at most 8).
 *
 * @param cacheDir envx's cache folder (repodata under {@code repodata/}, mapping tables under {@code mapping/})
 * @param configDir envx's config folder ({@code mapping.toml}, ...)
 * @param dataDir envx's data folder (package cache, environments)
 * @param offline never touch the network
 * @param proxy the HTTPS proxy, if any
 * @param caBundle a PEM bundle that replaces the default trust store, if any
 * @param parallelism how many downloads or shard fetches may run at once
 */
public record Settings(Path cacheDir, Path configDir, Path dataDir, boolean offline, Optional<Proxy> proxy,
    Optional<Path> caBundle, int parallelism) {

  public Settings {
    Objects.requireNonNull(cacheDir, "cacheDir");
    Objects.requireNonNull(configDir, "configDir");
    Objects.requireNonNull(dataDir, "dataDir");
    proxy = proxy == null ? Optional.empty() : proxy;
    caBundle = caBundle == null ? Optional.empty() : caBundle;
    if (parallelism < 1 || parallelism > 64) {
      throw new IllegalArgumentException("parallelism must be between 1 and 64, got " + parallelism);
    }
  }

  /**
   * An HTTPS proxy: where it is, and the credentials of its URL (never printed).
   *
   * @param host host name
   * @param port port (the scheme's default when the URL has none)
   * @param user user name, or null
   * @param password password, or null
   */
  public record Proxy(String host, int port, String user, String password) {
    public Proxy {
      Objects.requireNonNull(host, "host");
      if (host.isBlank() || port < 1 || port > 65535) {
        throw new IllegalArgumentException("a proxy needs a host and a port between 1 and 65535");
      }
    }

    /**
     * Parses {@code http://user:pass@host:port} (a bare {@code host:port} means http).
     *
     * @throws IllegalArgumentException naming the variable but not the credentials when it does not parse
     */
    public static Proxy parse(String text, String variable) {
      String t = text.strip();
      if (!t.contains("://")) {
        t = "http://" + t;
      }
      try {
        URI u = new URI(t);
        if (u.getHost() == null) {
          throw new IllegalArgumentException("`" + variable + "` has no proxy host");
        }
        int port = u.getPort() > 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
        String user = null;
        String password = null;
        if (u.getRawUserInfo() != null) {
          String info = u.getUserInfo();
          int colon = info.indexOf(':');
          user = colon < 0 ? info : info.substring(0, colon);
          password = colon < 0 ? null : info.substring(colon + 1);
        }
        return new Proxy(u.getHost(), port, user, password);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("`" + variable + "` is not a proxy URL", e);
      }
    }

    /** {@code host:port}, with {@code ***@} when there are credentials. */
    @Override
    public String toString() {
      return (user != null ? "***@" : "") + host + ":" + port;
    }
  }

  /**
   * The settings of this run.
   *
   * @param env the environment variables
   * @param osName Java's {@code os.name}
   * @param userHome Java's {@code user.home}, the fallback home folder
   * @param processors {@code Runtime.availableProcessors()}
   * @param offlineFlag whether {@code --offline} was given
   */
  public static Settings fromEnvironment(Map<String, String> env, String osName, Path userHome, int processors,
      boolean offlineFlag) {
    String os = osName.toLowerCase(Locale.ROOT);
    boolean windows = os.startsWith("windows");
    Path home = windows ? pathOr(env.get("USERPROFILE"), userHome) : pathOr(env.get("HOME"), userHome);
    Path cache;
    Path config;
    Path data;
    if (windows) {
      Path local = pathOr(env.get("LOCALAPPDATA"), home.resolve("AppData").resolve("Local"));
      Path roaming = pathOr(env.get("APPDATA"), home.resolve("AppData").resolve("Roaming"));
      cache = local.resolve("envx").resolve("cache");
      config = roaming.resolve("envx");
      data = local.resolve("envx").resolve("data");
    } else if (os.startsWith("mac") || os.startsWith("darwin")) {
      cache = home.resolve("Library").resolve("Caches").resolve("envx");
      config = home.resolve("Library").resolve("Application Support").resolve("envx");
      data = config;
    } else {
      cache = xdg(env.get("XDG_CACHE_HOME"), home.resolve(".cache")).resolve("envx");
      config = xdg(env.get("XDG_CONFIG_HOME"), home.resolve(".config")).resolve("envx");
      data = xdg(env.get("XDG_DATA_HOME"), home.resolve(".local").resolve("share")).resolve("envx");
    }
    cache = pathOr(env.get("ENVX_CACHE_DIR"), cache);
    config = pathOr(env.get("ENVX_CONFIG_DIR"), config);
    data = pathOr(env.get("ENVX_DATA_DIR"), data);

    String off = env.getOrDefault("ENVX_OFFLINE", "").strip().toLowerCase(Locale.ROOT);
    boolean offline = offlineFlag || off.equals("1") || off.equals("true") || off.equals("yes");

    Optional<Proxy> proxy = Optional.empty();
    for (String v : new String[] {"HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"}) {
      if (nonEmpty(env.get(v))) {
        proxy = Optional.of(Proxy.parse(env.get(v), v));
        break;
      }
    }
    Optional<Path> ca = Optional.empty();
    for (String v : new String[] {"SSL_CERT_FILE", "REQUESTS_CA_BUNDLE"}) {
      if (nonEmpty(env.get(v))) {
        ca = Optional.of(Path.of(env.get(v).strip()));
        break;
      }
    }
    int parallelism = Math.max(1, Math.min(8, processors));
    String p = env.get("ENVX_PARALLELISM");
    if (nonEmpty(p)) {
      try {
        parallelism = Integer.parseInt(p.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("`ENVX_PARALLELISM` must be a number between 1 and 64, got `"
            + p.strip() + "`");
      }
    }
    return new Settings(cache, config, data, offline, proxy, ca, parallelism);
  }

  public Settings withOffline(boolean off) {
    return new Settings(cacheDir, configDir, dataDir, off, proxy, caBundle, parallelism);
  }

  public Settings withCacheDir(Path dir) {
    return new Settings(dir, configDir, dataDir, offline, proxy, caBundle, parallelism);
  }

  /** The settings without credentials: the proxy shows as {@code ***@host:port}. */
  @Override
  public String toString() {
    return "Settings[cacheDir=" + cacheDir + ", configDir=" + configDir + ", dataDir=" + dataDir + ", offline="
        + offline + ", proxy=" + proxy.map(Proxy::toString).orElse("none") + ", caBundle="
        + caBundle.map(Path::toString).orElse("system") + ", parallelism=" + parallelism + "]";
  }

  private static Path xdg(String value, Path dflt) {
    return nonEmpty(value) && Path.of(value.strip()).isAbsolute() ? Path.of(value.strip()) : dflt;
  }

  private static Path pathOr(String value, Path dflt) {
    return nonEmpty(value) ? Path.of(value.strip()) : dflt;
  }

  private static boolean nonEmpty(String s) {
    return s != null && !s.isBlank();
  }
}
