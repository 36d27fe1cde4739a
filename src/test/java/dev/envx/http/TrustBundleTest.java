package dev.envx.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.envx.settings.Settings;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code SSL_CERT_FILE} / {@code REQUESTS_CA_BUNDLE} against a TLS mockwebserver on loopback. okhttp-tls's
 * {@code HeldCertificate} is not in the offline Maven repository, so the server's self-signed certificate is made
 * with the JDK's own {@code keytool}.
 */
class TrustBundleTest {
  @TempDir Path tmp;

  private static final String PASS = "changeit";

  /** A PKCS12 key store with a self-signed certificate for localhost / 127.0.0.1, and its PEM. */
  private Path[] certificate() throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    assumeTrue(Files.isExecutable(keytool), "keytool not found beside the JDK");
    Path ks = tmp.resolve("server.p12");
    Path pem = tmp.resolve("ca.pem");
    run(List.of(keytool.toString(), "-genkeypair", "-alias", "srv", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore",
        ks.toString(), "-storetype", "PKCS12", "-storepass", PASS, "-keypass", PASS));
    run(List.of(keytool.toString(), "-exportcert", "-rfc", "-alias", "srv", "-keystore", ks.toString(),
        "-storepass", PASS, "-file", pem.toString()));
    return new Path[] {ks, pem};
  }

  private static void run(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
  }

  private static SSLContext serverContext(Path ks) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks)) {
      store.load(in, PASS.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, PASS.toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  private Http http(Map<String, String> env) {
    return Http.of(Settings.fromEnvironment(env, "Linux", tmp, 2, false), HttpOptions.DEFAULT
        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5))
        .withRetry(new RetryPolicy(3, Duration.ZERO, Duration.ZERO)));
  }

  @Test
  void theCaBundleIsTrustedAndTheSystemStoreAloneIsNot() throws Exception {
    Path[] cert = certificate();
    try (MockWebServer server = new MockWebServer()) {
      server.useHttps(serverContext(cert[0]).getSocketFactory(), false);
      server.enqueue(new MockResponse().setBody("over tls"));
      server.enqueue(new MockResponse().setBody("over tls"));
      server.start(InetAddress.getLoopbackAddress(), 0);
      HttpRequest req = HttpRequest.get(server.url("/simple/").uri());
      assertThat(req.url().getScheme()).isEqualTo("https");

      assertThatThrownBy(() -> http(Map.of()).send(req)).isInstanceOfSatisfying(HttpFailure.class, e -> {
        assertThat(e.getMessage()).contains("certificate is not trusted").contains("SSL_CERT_FILE");
        assertThat(e.attempts()).as("an untrusted certificate is not retried").isEqualTo(1);
      });
      for (String variable : List.of("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE")) {
        try (Exchange x = http(Map.of(variable, cert[1].toString())).send(req)) {
          assertThat(new String(x.bytes())).as(variable).isEqualTo("over tls");
        }
      }
    }
  }

  @Test
  void anUnusableBundleIsAClearError() throws Exception {
    Path notPem = Files.writeString(tmp.resolve("bundle.pem"), "not a certificate\n");
    HttpRequest req = HttpRequest.get("https://127.0.0.1:1/");
    assertThatThrownBy(() -> http(Map.of("SSL_CERT_FILE", notPem.toString())).send(req))
        .isInstanceOf(HttpFailure.class).hasMessageContaining("CA bundle `" + notPem + "`");
    assertThatThrownBy(() -> http(Map.of("SSL_CERT_FILE", tmp.resolve("missing.pem").toString())).send(req))
        .isInstanceOf(HttpFailure.class).hasMessageContaining("cannot read the CA bundle")
        .hasMessageContaining("no such file");
  }
}
