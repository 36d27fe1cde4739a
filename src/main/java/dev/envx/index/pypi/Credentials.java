package dev.envx.index.pypi;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * A user name and password for an index host. {@link #toString()} never shows the password; only
 * {@link #authorization()} (the {@code Authorization} header value) contains it.
 */
public record Credentials(String username, String password) {
  public Credentials {
    Objects.requireNonNull(username, "username");
    password = password == null ? "" : password;
  }

  /** The credentials in a URL's user info ({@code https://user:token@host/...}), percent-decoded. */
  public static Optional<Credentials> fromUrl(URI url) {
    String info = url.getRawUserInfo();
    if (info == null || info.isEmpty()) {
      return Optional.empty();
    }
    int colon = info.indexOf(':');
    String user = colon < 0 ? info : info.substring(0, colon);
    String pass = colon < 0 ? "" : info.substring(colon + 1);
    return Optional.of(new Credentials(decode(user), decode(pass)));
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** {@code Basic base64(user:password)}. */
  public String authorization() {
    return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
        .getBytes(StandardCharsets.UTF_8));
  }

  /** A URL without its user info. */
  public static URI strip(URI url) {
    if (url.getRawUserInfo() == null) {
      return url;
    }
    try {
      return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), url.getQuery(),
          url.getFragment());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("bad URL", e);
    }
  }

  @Override
  public String toString() {
    return "Credentials[" + username + ":****]";
  }
}
