package dev.envx.http;

import dev.envx.diag.IoErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A PEM bundle ({@code SSL_CERT_FILE} / {@code REQUESTS_CA_BUNDLE}) as the only trusted CAs, as requests and pip
 * use it: it replaces the default store, it does not add to it.
 */
record TrustBundle(X509TrustManager trustManager, SSLSocketFactory socketFactory) {
  static TrustBundle load(Path pem) throws IOException {
    Collection<? extends Certificate> certs;
    try (InputStream in = Files.newInputStream(pem)) {
      certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException e) {
      throw new IOException("cannot read the CA bundle `" + pem + "` (SSL_CERT_FILE / REQUESTS_CA_BUNDLE): "
          + IoErrors.reason(e), e);
    } catch (GeneralSecurityException e) {
      throw new IOException("the CA bundle `" + pem + "` (SSL_CERT_FILE / REQUESTS_CA_BUNDLE) is not a PEM file "
          + "of certificates", e);
    }
    if (certs.isEmpty()) {
      throw new IOException("the CA bundle `" + pem + "` (SSL_CERT_FILE / REQUESTS_CA_BUNDLE) has no certificate");
    }
    try {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      int i = 0;
      for (Certificate c : certs) {
        ks.setCertificateEntry("ca-" + i++, c);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      X509TrustManager tm = null;
      for (TrustManager t : tmf.getTrustManagers()) {
        if (t instanceof X509TrustManager x) {
          tm = x;
        }
      }
      if (tm == null) {
        throw new IOException("the JDK offers no X.509 trust manager");
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {tm}, null);
      return new TrustBundle(tm, ctx.getSocketFactory());
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot use the CA bundle `" + pem + "`: " + e.getMessage(), e);
    }
  }
}
