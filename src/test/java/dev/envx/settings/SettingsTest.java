package dev.envx.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
  private static final Path USER_HOME = Path.of("/jvm/home");

  private static Settings of(Map<String, String> env, String os) {
    return Settings.fromEnvironment(env, os, USER_HOME, 4, false);
  }

  @Test
  void oneDirectoryRulePerPlatform() {
    Settings linux = of(Map.of("HOME", "/home/u"), "Linux");
    assertThat(linux.cacheDir()).isEqualTo(Path.of("/home/u/.cache/envx"));
    assertThat(linux.configDir()).isEqualTo(Path.of("/home/u/.config/envx"));
    assertThat(linux.dataDir()).isEqualTo(Path.of("/home/u/.local/share/envx"));
    Settings xdg = of(Map.of("HOME", "/home/u", "XDG_CACHE_HOME", "/xdg", "XDG_CONFIG_HOME", "relative"), "Linux");
    assertThat(xdg.cacheDir()).isEqualTo(Path.of("/xdg/envx"));
    assertThat(xdg.configDir()).as("a relative XDG path is ignored").isEqualTo(Path.of("/home/u/.config/envx"));
    assertThat(of(Map.of(), "Linux").cacheDir()).as("no $HOME: user.home").isEqualTo(Path.of("/jvm/home/.cache/envx"));
    Settings mac = of(Map.of("HOME", "/Users/u", "XDG_CACHE_HOME", "/xdg"), "Mac OS X");
    assertThat(mac.cacheDir()).isEqualTo(Path.of("/Users/u/Library/Caches/envx"));
    assertThat(mac.configDir()).isEqualTo(Path.of("/Users/u/Library/Application Support/envx"));
    Settings win = of(Map.of("USERPROFILE", "/w", "LOCALAPPDATA", "/local", "APPDATA", "/roaming"), "Windows 11");
    assertThat(win.cacheDir()).isEqualTo(Path.of("/local/envx/cache"));
    assertThat(win.configDir()).isEqualTo(Path.of("/roaming/envx"));
    assertThat(win.dataDir()).isEqualTo(Path.of("/local/envx/data"));
    Settings explicit = of(Map.of("HOME", "/h", "ENVX_CACHE_DIR", "/c", "ENVX_CONFIG_DIR", "/k",
        "ENVX_DATA_DIR", "/d", "XDG_CACHE_HOME", "/xdg"), "Linux");
    assertThat(explicit.cacheDir()).isEqualTo(Path.of("/c"));
    assertThat(explicit.configDir()).isEqualTo(Path.of("/k"));
    assertThat(explicit.dataDir()).isEqualTo(Path.of("/d"));
  }

  @Test
  void offlineByFlagOrEnvironment() {
    assertThat(of(Map.of(), "Linux").offline()).isFalse();
    assertThat(Settings.fromEnvironment(Map.of(), "Linux", USER_HOME, 4, true).offline()).isTrue();
    for (String v : new String[] {"1", "true", "YES"}) {
      assertThat(of(Map.of("ENVX_OFFLINE", v), "Linux").offline()).as(v).isTrue();
    }
    assertThat(of(Map.of("ENVX_OFFLINE", "0"), "Linux").offline()).isFalse();
  }

  @Test
  void proxyAndCaAsThePythonToolsReadThem() {
    Settings s = of(Map.of("HTTPS_PROXY", "http://alice:s3cret@proxy.example:3128", "ALL_PROXY", "other:1",
        "REQUESTS_CA_BUNDLE", "/etc/req.pem"), "Linux");
    Settings.Proxy p = s.proxies().https().orElseThrow();
    assertThat(p.host()).isEqualTo("proxy.example");
    assertThat(p.port()).isEqualTo(3128);
    assertThat(p.user()).isEqualTo("alice");
    assertThat(p.password()).isEqualTo("s3cret");
    assertThat(s.caBundle()).contains(Path.of("/etc/req.pem"));
    assertThat(of(Map.of("https_proxy", "proxy:8080", "SSL_CERT_FILE", "/a.pem", "REQUESTS_CA_BUNDLE", "/b.pem"),
        "Linux")).satisfies(t -> {
          assertThat(t.proxies().https().orElseThrow().port()).isEqualTo(8080);
          assertThat(t.caBundle()).as("SSL_CERT_FILE first").contains(Path.of("/a.pem"));
        });
    assertThat(of(Map.of("ALL_PROXY", "https://gw"), "Linux").proxies().https().orElseThrow().port()).isEqualTo(443);
  }

  @Test
  void proxiesPerSchemeWithLowercaseWinningAsUrllibDoes() {
    Settings.Proxies p = of(Map.of("HTTPS_PROXY", "http://upper:1", "https_proxy", "http://lower:2",
        "HTTP_PROXY", "plain:3", "ALL_PROXY", "socks5://all:4"), "Linux").proxies();
    assertThat(p.https().orElseThrow().host()).isEqualTo("lower");
    assertThat(p.http().orElseThrow().host()).isEqualTo("plain");
    assertThat(p.forUrl("https", "pypi.org", 443).orElseThrow().host()).isEqualTo("lower");
    assertThat(p.forUrl("http", "pypi.org", 80).orElseThrow().port()).isEqualTo(3);
    Settings.Proxies all = of(Map.of("ALL_PROXY", "socks5://all"), "Linux").proxies();
    assertThat(all.forUrl("http", "a", 80).orElseThrow()).satisfies(x -> {
      assertThat(x.scheme()).isEqualTo("socks5");
      assertThat(x.port()).isEqualTo(1080);
    });
    assertThat(of(Map.of("HTTPS_PROXY", "http://upper:1", "https_proxy", ""), "Linux").proxies().https())
        .as("an empty lowercase variable unsets the uppercase one").isEmpty();
    assertThatThrownBy(() -> of(Map.of("HTTP_PROXY", "ftp://x:1"), "Linux"))
        .hasMessageContaining("HTTP_PROXY").hasMessageContaining("ftp");
  }

  @Test
  void noProxyAsRequestsReadsIt() {
    Settings.Proxies p = of(Map.of("HTTPS_PROXY", "proxy:1", "NO_PROXY",
        "localhost, .internal.example,10.0.0.0/8,registry:5000,192.168.1.7"), "Linux").proxies();
    assertThat(p.noProxy()).containsExactly("localhost", ".internal.example", "10.0.0.0/8", "registry:5000",
        "192.168.1.7");
    assertThat(p.bypasses("localhost", 443)).isTrue();
    assertThat(p.bypasses("LOCALHOST", 443)).isTrue();
    assertThat(p.bypasses("internal.example", 443)).isTrue();
    assertThat(p.bypasses("a.b.internal.example", 443)).isTrue();
    assertThat(p.bypasses("notinternal.example", 443)).isFalse();
    assertThat(p.bypasses("10.20.30.40", 443)).isTrue();
    assertThat(p.bypasses("11.0.0.1", 443)).isFalse();
    assertThat(p.bypasses("192.168.1.7", 80)).isTrue();
    assertThat(p.bypasses("registry", 5000)).isTrue();
    assertThat(p.bypasses("registry", 5001)).isFalse();
    assertThat(p.forUrl("https", "pypi.org", 443)).isPresent();
    assertThat(p.forUrl("https", "x.internal.example", 443)).isEmpty();
    assertThat(of(Map.of("HTTPS_PROXY", "proxy:1", "no_proxy", "*", "NO_PROXY", ""), "Linux").proxies()
        .forUrl("https", "pypi.org", 443)).as("lowercase no_proxy wins; * bypasses all").isEmpty();
  }

  @Test
  void credentialsAreNeverPrinted() {
    Settings s = of(Map.of("HTTPS_PROXY", "http://alice:s3cret@proxy.example:3128"), "Linux");
    assertThat(s.toString()).contains("***@proxy.example:3128").doesNotContain("s3cret").doesNotContain("alice");
    assertThat(s.proxies().https().orElseThrow().toString()).doesNotContain("s3cret");
    assertThat(s.proxies().toString()).doesNotContain("s3cret").doesNotContain("alice");
    assertThatThrownBy(() -> of(Map.of("HTTPS_PROXY", "http://alice:s3cret@"), "Linux"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HTTPS_PROXY")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void parallelism() {
    assertThat(of(Map.of(), "Linux").parallelism()).isEqualTo(4);
    assertThat(Settings.fromEnvironment(Map.of(), "Linux", USER_HOME, 32, false).parallelism()).isEqualTo(8);
    assertThat(of(Map.of("ENVX_PARALLELISM", "12"), "Linux").parallelism()).isEqualTo(12);
    assertThatThrownBy(() -> of(Map.of("ENVX_PARALLELISM", "0"), "Linux"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> of(Map.of("ENVX_PARALLELISM", "many"), "Linux"))
        .hasMessageContaining("ENVX_PARALLELISM");
  }
}
