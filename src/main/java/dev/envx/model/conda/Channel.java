package dev.envx.model.conda;

import dev.envx.diag.ParseError;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A conda channel: a base URL under which {@code <subdir>/repodata.json} lives.
 *
 * <p>Written as a name under the channel alias ({@code conda-forge}, {@code conda-forge/label/dev}), a URL
 * ({@code https://repo.anaconda.com/pkgs/main}, {@code file:///srv/chan}) or a local path ({@code ./chan},
 * {@code ~/chan}, {@code /srv/chan}). A token ({@code https://host/t/<token>/chan}) and URL credentials
 * ({@code https://user:pass@host/chan}) are split off: they are in no other component, never in
 * {@link #toString()}, {@link #redacted()} or {@link #original()}, and only {@link #authenticatedUrl()} (for
 * the HTTP layer) puts them back.
 *
 * @param original the user's spelling, with any token or password replaced by {@code <TOKEN>} / {@code <PASSWORD>}
 * @param kind how the channel was written
 * @param name canonical name: the path under the alias or a known host for {@link Kind#NAMED} ({@code conda-forge},
 *     {@code pkgs/main}), else the URL
 * @param url base URL without credentials and without trailing slash
 * @param token the {@code /t/<token>} secret, or null
 * @param userInfo the {@code user:password} secret, or null
 */
public record Channel(String original, Kind kind, String name, String url, String token, String userInfo) {
  /** How a channel was written. */
  public enum Kind {
    /** A name under the channel alias or a URL under it (or under {@code repo.anaconda.com}). */
    NAMED,
    /** A URL elsewhere. */
    URL,
    /** A {@code file://} URL or a local path. */
    LOCAL
  }

  public static final String TOKEN_PLACEHOLDER = dev.envx.diag.Redaction.TOKEN_PLACEHOLDER;
  public static final String PASSWORD_PLACEHOLDER = dev.envx.diag.Redaction.PASSWORD_PLACEHOLDER;
  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://");
  private static final Pattern NAME =
      Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]*(/[A-Za-z0-9_][A-Za-z0-9_.+-]*)*");
  private static final Pattern NAME_CHAR = Pattern.compile("[A-Za-z0-9_.+/-]");
  private static final Pattern TOKEN_IN_PATH = Pattern.compile("/t/([^/]+)");
  private static final String ANACONDA_REPO = "https://repo.anaconda.com";

  public Channel {
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    if (url.endsWith("/") || !SCHEME.matcher(url).find()) {
      throw new IllegalArgumentException("channel url `" + redact(url) + "` must be absolute, without trailing `/`");
    }
    if (token != null && (token.isEmpty() || token.contains("/"))) {
      throw new IllegalArgumentException("invalid channel token");
    }
    if (redact(original).length() != original.length() || redact(name).length() != name.length()) {
      throw new IllegalArgumentException("channel spelling must not contain secrets");
    }
  }

  /** Parses a channel with {@link ChannelConfig#standard()}. */
  public static Channel parse(String text) {
    return parse(text, ChannelConfig.standard());
  }

  /**
   * Parses one channel. {@code defaults} and {@code nodefaults} name channel lists, not a channel: use
   * {@link #expand(List, ChannelConfig)}.
   *
   * @throws ParseError with the offset of the offending part
   */
  public static Channel parse(String text, ChannelConfig config) {
    String t = text.strip();
    int base = text.indexOf(t);
    if (t.isEmpty()) {
      throw new ParseError("expected a channel name or URL", text, 0, 0);
    }
    if (t.equals("defaults") || t.equals("nodefaults")) {
      throw new ParseError("`" + t + "` is a channel list, not a channel", text, base, t.length(),
          "list it among the channels of an environment, where it is expanded");
    }
    Matcher scheme = SCHEME.matcher(t);
    if (scheme.find()) {
      return fromUrl(text, t, base, scheme.group(1).toLowerCase(Locale.ROOT), config);
    }
    if (isLocalPath(t)) {
      return fromPath(text, t, config);
    }
    String spelled = t;
    while (t.length() > 1 && t.endsWith("/")) {
      t = t.substring(0, t.length() - 1);
    }
    if (!NAME.matcher(t).matches()) {
      int bad = 0;
      while (bad < t.length() && NAME_CHAR.matcher(t.substring(bad, bad + 1)).matches()
          && !(t.charAt(bad) == '/' && (bad == 0 || t.charAt(bad - 1) == '/' || bad == t.length() - 1))) {
        bad++;
      }
      throw new ParseError("invalid channel name `" + t + "`", text, base + Math.min(bad, t.length() - 1), 1,
          "a channel is a name like `conda-forge`, a URL or a local path like `./channel`");
    }
    return new Channel(spelled, Kind.NAMED, t, config.channelAlias() + "/" + t, null, null);
  }

  private static boolean isLocalPath(String t) {
    return t.startsWith("/") || t.startsWith("./") || t.startsWith("../") || t.equals(".") || t.equals("..")
        || t.equals("~") || t.startsWith("~/") || t.startsWith(".\\") || t.startsWith("..\\")
        || t.matches("[A-Za-z]:[\\\\/].*") || t.startsWith("\\\\");
  }

  private static Channel fromPath(String text, String t, ChannelConfig config) {
    Path p;
    if (t.equals("~") || t.startsWith("~/")) {
      p = config.homeDir().resolve(t.length() <= 2 ? "" : t.substring(2));
    } else {
      p = config.workingDir().resolve(t);
    }
    String url = p.toAbsolutePath().normalize().toUri().toString();
    url = stripSlashes(url);
    return new Channel(t, Kind.LOCAL, url, url, null, null);
  }

  private static Channel fromUrl(String text, String t, int base, String scheme, ChannelConfig config) {
    int afterScheme = t.indexOf("://") + 3;
    int slash = t.indexOf('/', afterScheme);
    String authority = slash < 0 ? t.substring(afterScheme) : t.substring(afterScheme, slash);
    String path = slash < 0 ? "" : t.substring(slash);
    String userInfo = null;
    String shownAuthority = authority;
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      userInfo = authority.substring(0, at);
      authority = authority.substring(at + 1);
      int colon = userInfo.indexOf(':');
      shownAuthority = (colon >= 0 ? userInfo.substring(0, colon) + ":" + PASSWORD_PLACEHOLDER : userInfo) + "@"
          + authority;
    }
    if (authority.isEmpty() && !scheme.equals("file")) {
      throw new ParseError("expected a host after `" + scheme + "://`", text, base + afterScheme, 0);
    }
    String token = null;
    String shownPath = path;
    Matcher m = TOKEN_IN_PATH.matcher(path);
    if (m.find()) {
      token = m.group(1);
      shownPath = path.substring(0, m.start(1)) + TOKEN_PLACEHOLDER + path.substring(m.end(1));
      path = path.substring(0, m.start()) + path.substring(m.end());
    }
    String url = stripSlashes(scheme + "://" + authority.toLowerCase(Locale.ROOT) + path);
    String original = t.substring(0, afterScheme) + shownAuthority + shownPath;
    if (scheme.equals("file")) {
      if (url.equals("file://")) {
        throw new ParseError("expected a path after `file://`", text, base + afterScheme, 0);
      }
      return new Channel(original, Kind.LOCAL, url, url, token, userInfo);
    }
    String name = url;
    Kind kind = Kind.URL;
    for (String prefix : List.of(config.channelAlias(), ANACONDA_REPO)) {
      if (url.startsWith(prefix + "/") && url.length() > prefix.length() + 1) {
        name = url.substring(prefix.length() + 1);
        kind = Kind.NAMED;
        break;
      }
    }
    return new Channel(original, kind, name, url, token, userInfo);
  }

  private static String stripSlashes(String url) {
    int end = url.length();
    while (end > 0 && url.charAt(end - 1) == '/' && !url.substring(0, end).endsWith("://")) {
      end--;
    }
    return url.substring(0, end);
  }

  /**
   * Expands a channel list as written in an environment: {@code defaults} becomes the configured default
   * channels, {@code nodefaults} is dropped, and repeated channels keep their first position.
   */
  public static List<Channel> expand(List<String> specs, ChannelConfig config) {
    Map<String, Channel> out = new LinkedHashMap<>();
    for (String spec : specs) {
      String s = spec.strip();
      if (s.equals("nodefaults")) {
        continue;
      }
      List<String> items = s.equals("defaults") ? config.defaultChannels() : List.of(spec);
      for (String item : items) {
        Channel c = parse(item, config);
        out.putIfAbsent(c.url(), c);
      }
    }
    return List.copyOf(new ArrayList<>(out.values()));
  }

  /** Whether this channel carries a token or URL credentials. */
  public boolean hasCredentials() {
    return token != null || userInfo != null;
  }

  public boolean isLocal() {
    return kind == Kind.LOCAL;
  }

  /** The local directory of a {@code file://} channel. */
  public Path localPath() {
    if (!isLocal()) {
      throw new IllegalStateException("channel `" + this + "` is not local");
    }
    try {
      return Path.of(URI.create(url));
    } catch (IllegalArgumentException e) {
      return Path.of(url.substring("file://".length()));
    }
  }

  /** The URL of one subdir, without credentials: {@code <url>/<subdir>}. */
  public String subdirUrl(Platform subdir) {
    return url + "/" + subdir.subdir();
  }

  /** The subdirs to load for a target platform: the target and {@code noarch}. */
  public List<Platform> subdirs(Platform target) {
    return target.isNoarch() ? List.of(Platform.NOARCH) : List.of(target, Platform.NOARCH);
  }

  /** The base URL with the token placeholder ({@code https://host/t/<TOKEN>/chan}) and password placeholder. */
  public String redacted() {
    return withSecrets(token == null ? null : TOKEN_PLACEHOLDER, userInfo == null ? null : redactUserInfo(userInfo));
  }

  /** The base URL with token and credentials: for the HTTP layer only, never to print or store. */
  public String authenticatedUrl() {
    return withSecrets(token, userInfo);
  }

  private String withSecrets(String tok, String info) {
    int afterScheme = url.indexOf("://") + 3;
    int slash = url.indexOf('/', afterScheme);
    String head = slash < 0 ? url : url.substring(0, slash);
    String path = slash < 0 ? "" : url.substring(slash);
    if (info != null) {
      head = head.substring(0, afterScheme) + info + "@" + head.substring(afterScheme);
    }
    return head + (tok == null ? "" : "/t/" + tok) + path;
  }

  private static String redactUserInfo(String info) {
    int colon = info.indexOf(':');
    return colon < 0 ? info : info.substring(0, colon) + ":" + PASSWORD_PLACEHOLDER;
  }

  /** Replaces {@code /t/<token>} segments and URL passwords in any text (e.g. an exception message). */
  public static String redact(String text) {
    return dev.envx.diag.Redaction.redact(text);
  }

  /** Channels are equal when their base URLs are: spelling and credentials do not matter. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Channel c && c.url.equals(url);
  }

  @Override
  public int hashCode() {
    return url.hashCode();
  }

  /** The canonical name for named channels ({@code conda-forge}), else the redacted URL. */
  @Override
  public String toString() {
    return kind == Kind.NAMED ? name : redacted();
  }
}
