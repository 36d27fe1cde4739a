package dev.envx.http;

import dev.envx.diag.IoErrors;
import dev.envx.diag.Redaction;
import dev.envx.settings.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The HTTP client of a run: one okhttp instance (one connection pool), built on first use from the
 * {@link Settings} (proxies and {@code no_proxy}, the CA bundle) and {@link HttpOptions} (timeouts, retries, user
 * agent). Instances made by {@link #with(HttpOptions)} or {@link #withSleeper} share that connection pool.
 *
 * <ul>
 *   <li>Offline, every request is refused with an {@link OfflineException} before anything is sent.
 *   <li>{@link #send} retries 5xx, 429, timeouts and connection resets (not an untrusted certificate) with the
 *       {@link RetryPolicy}'s backoff; after the last attempt it returns the last answer, so the caller words
 *       the status; for I/O errors it throws an {@link HttpFailure}.
 *   <li>{@link #download} writes a body to a file, continuing a partial file with a {@code Range} request
 *       ({@code If-Range} against the validators it was started with) after a cut connection, in the same call or
 *       a later one, and checks a resumed file against the expected digest (fetching it again whole on a
 *       mismatch).
 *   <li>URLs in messages never carry credentials; nothing is logged.
 * </ul>
 */
public final class Http {
  private final boolean offline;
  private final Settings.Proxies proxies;
  private final Optional<Path> caBundle;
  private final HttpOptions options;
  private final Sleeper sleeper;
  private final Base base;
  private OkHttpClient client;

  private Http(boolean offline, Settings.Proxies proxies, Optional<Path> caBundle, HttpOptions options,
      Sleeper sleeper, Base base) {
    this.offline = offline;
    this.proxies = Objects.requireNonNull(proxies, "proxies");
    this.caBundle = Objects.requireNonNull(caBundle, "caBundle");
    this.options = Objects.requireNonNull(options, "options");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.base = base;
  }

  /** The client for these settings with the default options (okhttp is built on the first request). */
  public static Http of(Settings settings) {
    return of(settings, HttpOptions.DEFAULT);
  }

  public static Http of(Settings settings, HttpOptions options) {
    return new Http(settings.offline(), settings.proxies(), settings.caBundle(), options, Sleeper.REAL,
        new Base(settings.proxies(), settings.caBundle()));
  }

  /**
   * An online client with a direct connection (no proxy) and the system's trust store, for tests and for
   * library callers that were not given the run's client; commands use {@link #of(Settings)}.
   */
  public static Http direct() {
    return new Http(false, Settings.Proxies.NONE, Optional.empty(), HttpOptions.DEFAULT, Sleeper.REAL,
        new Base(Settings.Proxies.NONE, Optional.empty()));
  }

  /** The same client (connection pool, proxies, trust) with other timeouts, retries or user agent. */
  public Http with(HttpOptions other) {
    return new Http(offline, proxies, caBundle, other, sleeper, base);
  }

  /** The same client waiting through this sleeper between retries (tests record the waits). */
  public Http withSleeper(Sleeper other) {
    return new Http(offline, proxies, caBundle, options, other, base);
  }

  /** The same client (connection pool), offline or not. */
  public Http withOffline(boolean off) {
    return new Http(off, proxies, caBundle, options, sleeper, base);
  }

  public HttpOptions options() {
    return options;
  }

  public boolean offline() {
    return offline;
  }

  /**
   * Sends a GET, retrying as the class comment says. The caller closes the answer.
   *
   * @throws OfflineException when offline
   * @throws HttpFailure when every attempt failed without an answer, or the proxy or CA settings are unusable
   * @throws InterruptedIOException when the thread is interrupted
   */
  public Exchange send(HttpRequest request) throws IOException {
    if (offline) {
      throw new OfflineException(request.shown());
    }
    OkHttpClient c = client(request);
    Request req = okRequest(request);
    RetryPolicy retry = options.retry();
    for (int attempt = 1; ; attempt++) {
      Duration wait = retry.backoff(attempt);
      try {
        Response r = c.newCall(req).execute();
        if (!retryable(r.code()) || attempt >= retry.maxAttempts()) {
          return new Exchange(r, request);
        }
        wait = retry.retryAfter(r.header("Retry-After"), wait);
        r.close();
      } catch (IOException e) {
        rethrowIfFinal(e, request, attempt, attempt >= retry.maxAttempts());
      }
      pause(wait, request);
    }
  }

  /** What {@link #download} did. */
  public record Download(long bytes, int attempts, boolean resumed) {}

  /**
   * Downloads the body of a 200 answer into {@code target}, as the class comment says. A partial {@code target}
   * is continued when an earlier call left it with its {@code <target>.resume} note (the validators it started
   * with); otherwise it is replaced. On failure the partial file and its note stay for the next call; on success
   * the note is removed.
   *
   * @param expected the digest a resumed file must have, if known
   * @throws HttpFailure for a status other than 200/206 (not retried unless 5xx or 429) or when every attempt
   *     failed
   */
  public Download download(HttpRequest request, Path target, Optional<Digest> expected) throws IOException {
    return download(request, target, expected, Listener.NONE);
  }

  /** Told, from the downloading thread, how far a {@link #download} has come. */
  @FunctionalInterface
  public interface Listener {
    Listener NONE = (bytes, total) -> {};

    /**
     * @param bytes the bytes the target file holds now (a resumed download starts from what it had)
     * @param total the whole file's size from the answer's {@code Content-Length}, or -1 when not given
     */
    void progress(long bytes, long total);
  }

  /** As {@link #download(HttpRequest, Path, Optional)}, telling {@code listener} as the body arrives. */
  public Download download(HttpRequest request, Path target, Optional<Digest> expected, Listener listener)
      throws IOException {
    if (offline) {
      throw new OfflineException(request.shown());
    }
    OkHttpClient c = client(request);
    Path note = target.resolveSibling(target.getFileName() + ".resume");
    boolean resumable = Files.isRegularFile(note) && Files.isRegularFile(target);
    if (!resumable) {
      Files.deleteIfExists(note);
    }
    RetryPolicy retry = options.retry();
    boolean resumed = false;
    boolean refetched = false;
    int failures = 0;
    for (int attempt = 1; ; attempt++) {
      long have = resumable ? Files.size(target) : 0;
      HttpRequest r = request.header("Accept-Encoding", "identity"); // byte offsets of the file itself
      if (have > 0) {
        r = r.header("Range", "bytes=" + have + "-");
        String v = Files.readString(note, StandardCharsets.UTF_8).strip();
        if (!v.isEmpty()) {
          r = r.header("If-Range", v);
        }
      }
      Duration wait = retry.backoff(failures + 1);
      try (Response resp = c.newCall(okRequest(r)).execute()) {
        int code = resp.code();
        boolean append = code == 206 && have > 0 && rangeStart(resp.header("Content-Range")) == have;
        if (code == 200 || append) {
          if (!append) {
            Files.writeString(note, Validators.of(resp.header("ETag"), resp.header("Last-Modified")).ifRange()
                .orElse("") + "\n", StandardCharsets.UTF_8);
          }
          resumable = true;
          copy(resp, target, append ? have : 0, listener);
          resumed |= append;
          if (resumed && expected.isPresent() && !expected.get().matches(target)) {
            Files.deleteIfExists(target);
            Files.deleteIfExists(note);
            if (refetched) {
              throw new HttpFailure(request.shown(), code, attempt, "the file does not have the expected "
                  + expected.get().algorithm() + " digest", null);
            }
            refetched = true; // spliced from two versions: once more, whole
            resumable = false;
            resumed = false;
            continue;
          }
          Files.deleteIfExists(note);
          return new Download(Files.size(target), attempt, resumed);
        }
        if ((code == 416 || code == 206) && have > 0) { // the partial file does not fit the server's: start over
          Files.deleteIfExists(target);
          Files.deleteIfExists(note);
          resumable = false;
          failures++;
        } else if (retryable(code)) {
          failures++;
          wait = retry.retryAfter(resp.header("Retry-After"), wait);
          if (failures >= retry.maxAttempts()) {
            throw new HttpFailure(request.shown(), code, attempt, "HTTP " + code, null);
          }
        } else {
          throw new HttpFailure(request.shown(), code, attempt, "HTTP " + code, null);
        }
      } catch (HttpFailure e) {
        throw e;
      } catch (IOException e) {
        long now = Files.isRegularFile(target) ? Files.size(target) : 0;
        boolean progress = resumable && now > have;
        if (!progress) {
          failures++;
        }
        // a connection that always breaks after some bytes still ends: at most 4x the attempts in all
        rethrowIfFinal(e, request, attempt, failures >= retry.maxAttempts() || attempt >= 4 * retry.maxAttempts());
        resumable = Files.isRegularFile(note) && Files.isRegularFile(target);
        if (progress) {
          continue; // no wait: the server answered, the connection broke
        }
      }
      pause(wait, request);
    }
  }

  private static final Pattern CONTENT_RANGE = Pattern.compile("(?i)\\s*bytes\\s+(\\d+)-\\d+/(?:\\d+|\\*)\\s*");

  private static long rangeStart(String contentRange) {
    if (contentRange == null) {
      return -1;
    }
    Matcher m = CONTENT_RANGE.matcher(contentRange);
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  /** Writes the body into {@code target}, after its first {@code have} bytes (0: replacing it). */
  private static void copy(Response resp, Path target, long have, Listener listener) throws IOException {
    long length = resp.body() == null ? -1 : resp.body().contentLength();
    long total = length < 0 ? -1 : have + length;
    try (InputStream in = resp.body() == null ? InputStream.nullInputStream() : resp.body().byteStream();
        OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            have > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
      byte[] buf = new byte[64 * 1024];
      long bytes = have;
      listener.progress(bytes, total);
      for (int n; (n = in.read(buf)) >= 0; ) {
        out.write(buf, 0, n);
        bytes += n;
        listener.progress(bytes, total);
      }
    }
  }

  private static boolean retryable(int code) {
    return code >= 500 || code == 429;
  }

  /** Throws for an interruption, an error no retry can help (a certificate), or when this was the last attempt. */
  private void rethrowIfFinal(IOException e, HttpRequest request, int attempt, boolean last) throws IOException {
    if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
      throw new InterruptedIOException("interrupted while fetching `" + request.shown() + "`");
    }
    if (certificateProblem(e)) {
      throw new HttpFailure(request.shown(), 0, attempt, "the server's certificate is not trusted ("
          + caBundle.map(p -> "CA bundle `" + p + "` from SSL_CERT_FILE or REQUESTS_CA_BUNDLE")
              .orElse("the system's trust store; set SSL_CERT_FILE to a PEM bundle that has its CA") + ")", e);
    }
    if (last) {
      throw new HttpFailure(request.shown(), 0, attempt, Redaction.redact(IoErrors.reason(e)), e);
    }
  }

  private static boolean certificateProblem(IOException e) {
    if (e instanceof SSLPeerUnverifiedException) {
      return true;
    }
    if (e instanceof SSLHandshakeException) {
      for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
        if (t instanceof CertificateException || t instanceof java.security.cert.CertPathValidatorException) {
          return true;
        }
      }
    }
    return false;
  }

  private void pause(Duration wait, HttpRequest request) throws IOException {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while fetching `" + request.shown() + "`");
    }
  }

  private Request okRequest(HttpRequest request) {
    Request.Builder b = new Request.Builder().url(request.url().toString()).header("User-Agent", options.userAgent());
    for (Map.Entry<String, String> h : request.headers().entrySet()) {
      b.header(h.getKey(), h.getValue());
    }
    return b.build();
  }

  private synchronized OkHttpClient client(HttpRequest request) throws IOException {
    if (client == null) {
      OkHttpClient b;
      try {
        b = base.get();
      } catch (IllegalArgumentException | IOException e) {
        throw new HttpFailure(request.shown(), 0, 0, Redaction.redact(e.getMessage()), e);
      }
      client = b.newBuilder().connectTimeout(options.connectTimeout()).readTimeout(options.readTimeout()).build();
    }
    return client;
  }

  /** The okhttp instance every derived {@link Http} shares, built on first use. */
  private static final class Base {
    private final Settings.Proxies proxies;
    private final Optional<Path> caBundle;
    private OkHttpClient client;

    Base(Settings.Proxies proxies, Optional<Path> caBundle) {
      this.proxies = proxies;
      this.caBundle = caBundle;
    }

    synchronized OkHttpClient get() throws IOException {
      if (client == null) {
        ProxyRoutes routes = new ProxyRoutes(proxies);
        OkHttpClient.Builder b = new OkHttpClient.Builder()
            .retryOnConnectionFailure(false) // retries are ours, counted and with backoff
            .proxySelector(routes)
            .proxyAuthenticator(routes);
        if (caBundle.isPresent()) {
          TrustBundle t = TrustBundle.load(caBundle.get());
          b.sslSocketFactory(t.socketFactory(), t.trustManager());
        }
        client = b.build();
      }
      return client;
    }
  }
}
