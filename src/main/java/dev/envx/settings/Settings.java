package dev.envx.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * proxies as Python's {@code urllib}/{@code requests} (so pip and conda) read them (see {@link Proxies}); the
 * CA bundle from {@code SSL_CERT_FILE}, else {@code REQUESTS_CA_BUNDLE} (the system trust store when neither is set).
 * A proxy's user and password are kept apart from its address and never printed ({@link #toString()},
 * {@link Proxy#toString()}). Parallelism: {@code ENVX_PARALLELISM} (1-64), else the number of processors (at most 8).
 *
 * @param cacheDir envx's cache folder (repodata under {@code repodata/}, mapping tables under {@code mapping/})
 * @param configDir envx's config folder ({@code mapping.toml}, ...)
 * @param dataDir envx's data folder (package cache, environments)
 * @param offline never touch the network
 * @param proxies the proxies for {@code https} and {@code http} URLs and the hosts that bypass them
 * @param caBundle a PEM bundle that replaces the default trust store, if any
 * @param parallelism how many downloads or shard fetches may run at once
 */
public record Settings(Path cacheDir, Path configDir, Path dataDir, boolean offline, Proxies proxies,
    Optional<Path> caBundle, int parallelism) {

  public Settings {
    Objects.requireNonNull(cacheDir, "cacheDir");
    Objects.requireNonNull(configDir, "configDir");
    Objects.requireNonNull(dataDir, "dataDir");
    proxies = proxies == null ? Proxies.NONE : proxies;
    caBundle = caBundle == null ? Optional.empty() : caBundle;
    if (parallelism < 1 || parallelism > 64) {
      throw new IllegalArgumentException("parallelism must be between 1 and 64, got " + parallelism);
    }
  }

  /**
   * A proxy: how it is spoken to, where it is, and the credentials of its URL (never printed).
   *
   * @param scheme {@code http}, {@code https}, {@code socks5}, {@code socks5h} or {@code socks4}, lowercase
   * @param host host name
   * @param port port (the scheme's default when the URL has none)
   * @param user user name, or null
   * @param password password, or null
   */
  public record Proxy(String scheme, String host, int port, String user, String password) {
    public Proxy {
      Objects.requireNonNull(scheme, "scheme");
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
        String scheme = u.getScheme().toLowerCase(Locale.ROOT);
        if (!List.of("http", "https", "socks5", "socks5h", "socks4").contains(scheme)) {
          throw new IllegalArgumentException("`" + variable + "` has the proxy scheme `" + scheme
              + "`; envx understands http://, https://, socks5://, socks5h:// and socks4://");
        }
        int port = u.getPort() > 0 ? u.getPort() : scheme.equals("https") ? 443 : scheme.startsWith("socks") ? 1080
            : 80;
        String user = null;
        String password = null;
        if (u.getRawUserInfo() != null) {
          String info = u.getUserInfo();
          int colon = info.indexOf(':');
          user = colon < 0 ? info : info.substring(0, colon);
          password = colon < 0 ? null : info.substring(colon + 1);
        }
        return new Proxy(scheme, u.getHost(), port, user, password);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("`" + variable + "` is not a proxy URL", e);
      }
    }

    /** {@code host:port}, with {@code ***@} when there are credentials (and the scheme when not http). */
    @Override
    public String toString() {
      return (scheme.equals("http") ? "" : scheme + "://") + (user != null ? "***@" : "") + host + ":" + port;
    }
  }

  /**
   * The proxies of this run, read as Python's {@code urllib.request.getproxies()} and {@code requests} read them
   * (what pip and conda do): {@code https_proxy} for https URLs and {@code http_proxy} for http URLs, each falling
   * back to {@code all_proxy}; a lowercase variable wins over its uppercase spelling (an empty lowercase one
   * means none). {@code no_proxy} / {@code NO_PROXY} is a comma-separated list of hosts that go direct: {@code *}
   * (all), a domain (matching itself and its subdomains, a leading dot ignored), {@code host:port}, an IP address
   * or an IPv4 CIDR block ({@code 10.0.0.0/8}).
   *
   * @param https the proxy for https URLs
   * @param http the proxy for http URLs
   * @param noProxy the {@code no_proxy} entries, blanks removed, lowercase
   */
  public record Proxies(Optional<Proxy> https, Optional<Proxy> http, List<String> noProxy) {
    public static final Proxies NONE = new Proxies(Optional.empty(), Optional.empty(), List.of());

    public Proxies {
      https = https == null ? Optional.empty() : https;
      http = http == null ? Optional.empty() : http;
      noProxy = List.copyOf(noProxy);
    }

    /** Reads the variables; a value that is not a proxy URL is an error naming the variable (not its text). */
    public static Proxies fromEnvironment(Map<String, String> env) {
      Optional<Proxy> all = proxyVar(env, "all_proxy");
      Optional<Proxy> https = proxyVar(env, "https_proxy");
      Optional<Proxy> http = proxyVar(env, "http_proxy");
      List<String> bypass = new ArrayList<>();
      var no = variable(env, "no_proxy");
      if (no.isPresent()) {
        for (String h : no.get().getValue().replace(" ", "").split(",")) {
          if (!h.isEmpty()) {
            bypass.add(h.toLowerCase(Locale.ROOT));
          }
        }
      }
      return new Proxies(https.or(() -> all), http.or(() -> all), bypass);
    }

    /** The proxy for a URL of this scheme and host, or empty (no proxy configured, or the host bypasses it). */
    public Optional<Proxy> forUrl(String scheme, String host, int port) {
      Optional<Proxy> p = "https".equalsIgnoreCase(scheme) ? https : "http".equalsIgnoreCase(scheme) ? http
          : Optional.empty();
      return p.isPresent() && !bypasses(host, port) ? p : Optional.empty();
    }

    /** Whether {@code no_proxy} sends this host direct. */
    public boolean bypasses(String host, int port) {
      String h = host.toLowerCase(Locale.ROOT);
      if (h.startsWith("[") && h.endsWith("]")) {
        h = h.substring(1, h.length() - 1);
      }
      long ip = ipv4(h);
      for (String entry : noProxy) {
        if (entry.equals("*")) {
          return true;
        }
        if (ip >= 0 && entry.contains("/")) {
          if (inCidr(ip, entry)) {
            return true;
          }
          continue;
        }
        String e = entry.startsWith(".") ? entry.substring(1) : entry;
        if (e.isEmpty()) {
          continue;
        }
        String withPort = h + ":" + port;
        if (h.equals(e) || h.endsWith("." + e) || withPort.equals(e) || withPort.endsWith("." + e)) {
          return true;
        }
      }
      return false;
    }

    private static boolean inCidr(long ip, String cidr) {
      int slash = cidr.indexOf('/');
      long net = ipv4(cidr.substring(0, slash));
      int bits;
      try {
        bits = Integer.parseInt(cidr.substring(slash + 1));
      } catch (NumberFormatException e) {
        return false;
      }
      if (net < 0 || bits < 0 || bits > 32) {
        return false;
      }
      long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
      return (ip & mask) == (net & mask);
    }

    /** A dotted IPv4 address as a number, or -1. */
    private static long ipv4(String s) {
      String[] parts = s.split("\\.", -1);
      if (parts.length != 4) {
        return -1;
      }
      long v = 0;
      for (String p : parts) {
        if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
          return -1;
        }
        int n = Integer.parseInt(p);
        if (n > 255) {
          return -1;
        }
        v = v * 256 + n;
      }
      return v;
    }

    /** {@code https ***@proxy:3128, http none, no_proxy [localhost]}: never the credentials. */
    @Override
    public String toString() {
      return "https " + https.map(Proxy::toString).orElse("none") + ", http " + http.map(Proxy::toString)
          .orElse("none") + (noProxy.isEmpty() ? "" : ", no_proxy " + noProxy);
    }

    private static Optional<Proxy> proxyVar(Map<String, String> env, String lower) {
      return variable(env, lower).map(e -> Proxy.parse(e.getValue(), e.getKey()));
    }

    /** The lowercase variable when set (empty: none), else the uppercase one when not blank. */
    private static Optional<Map.Entry<String, String>> variable(Map<String, String> env, String lower) {
      String upper = lower.toUpperCase(Locale.ROOT);
      if (env.containsKey(lower)) {
        String v = env.get(lower);
        return nonEmpty(v) ? Optional.of(Map.entry(lower, v)) : Optional.empty();
      }
      return nonEmpty(env.get(upper)) ? Optional.of(Map.entry(upper, env.get(upper))) : Optional.empty();
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

    Proxies proxies = Proxies.fromEnvironment(env);
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
    return new Settings(cache, config, data, offline, proxies, ca, parallelism);
  }

  public Settings withOffline(boolean off) {
    return new Settings(cacheDir, configDir, dataDir, off, proxies, caBundle, parallelism);
  }

  public Settings withCacheDir(Path dir) {
    return new Settings(dir, configDir, dataDir, offline, proxies, caBundle, parallelism);
  }

  /** The settings without credentials: the proxy shows as {@code ***@host:port}. */
  @Override
  public String toString() {
    return "Settings[cacheDir=" + cacheDir + ", configDir=" + configDir + ", dataDir=" + dataDir + ", offline="
        + offline + ", proxies=" + proxies + ", caBundle="
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
