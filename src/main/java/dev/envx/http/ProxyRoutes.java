package dev.envx.http;

import dev.envx.settings.Settings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import okhttp3.Authenticator;
import okhttp3.Credentials;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

/**
 * Which proxy a URL goes through ({@link Settings.Proxies#forUrl}: per scheme, {@code no_proxy} honoured) and
 * the proxy's credentials when it asks for them ({@code 407}; okhttp asks up front for {@code CONNECT} tunnels).
 * HTTP proxies take a user and password; SOCKS proxies are used without credentials. A proxy URL with
 * {@code https://} (TLS to the proxy) cannot be used by okhttp and is an error.
 */
final class ProxyRoutes extends ProxySelector implements Authenticator {
  private final Settings.Proxies proxies;

  ProxyRoutes(Settings.Proxies proxies) {
    this.proxies = proxies;
    for (Settings.Proxy p : List.of(proxies.https(), proxies.http()).stream().flatMap(Optional::stream).toList()) {
      if (p.scheme().equals("https")) {
        throw new IllegalArgumentException("the proxy `" + p + "` is an https:// URL; envx speaks to proxies in "
            + "plain HTTP (the tunnel to the server is still TLS): write `http://` in HTTPS_PROXY / HTTP_PROXY");
      }
      if (p.scheme().startsWith("socks") && p.user() != null) {
        throw new IllegalArgumentException("the SOCKS proxy `" + p + "` has a user and password, which envx "
            + "cannot send to a SOCKS proxy; use an HTTP proxy or one without credentials");
      }
    }
  }

  @Override
  public List<Proxy> select(URI uri) {
    int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    Optional<Settings.Proxy> p = proxies.forUrl(uri.getScheme(), uri.getHost() == null ? "" : uri.getHost(), port);
    if (p.isEmpty()) {
      return List.of(Proxy.NO_PROXY);
    }
    Proxy.Type type = p.get().scheme().startsWith("socks") ? Proxy.Type.SOCKS : Proxy.Type.HTTP;
    return List.of(new Proxy(type, InetSocketAddress.createUnresolved(p.get().host(), p.get().port())));
  }

  @Override
  public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
    // okhttp reports the failure to the caller; there is no other route to try
  }

  /** Basic credentials for the proxy that asked, once; null (give up) when they were already sent or unknown. */
  @Override
  public Request authenticate(Route route, Response response) {
    if (route == null || response.request().header("Proxy-Authorization") != null
        || !(route.proxy().address() instanceof InetSocketAddress a)) {
      return null;
    }
    for (Settings.Proxy p : List.of(proxies.https(), proxies.http()).stream().flatMap(Optional::stream).toList()) {
      if (p.user() != null && p.host().equalsIgnoreCase(a.getHostString()) && p.port() == a.getPort()) {
        return response.request().newBuilder().header("Proxy-Authorization",
            Credentials.basic(p.user(), p.password() == null ? "" : p.password())).build();
      }
    }
    return null;
  }
}
