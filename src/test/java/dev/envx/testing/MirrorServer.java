package dev.envx.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;

/**
 * Serves the shared PyPI mirror ({@code ../shared/data/pypi}) with mockwebserver as a static server would:
 * {@code /simple/...} directories answer with {@code index.json} for a PEP 691 {@code Accept} (unless JSON is
 * switched off) and {@code index.html} otherwise, {@code /files/...} with {@code Range} support. Switches make
 * it misbehave the ways real servers do: no range support, refused ranges, missing or corrupted metadata
 * files, required credentials, ETags with 304.
 */
public final class MirrorServer implements AutoCloseable {
  /** How {@code Range} requests are answered. */
  public enum Ranges { SUPPORTED, IGNORED, REFUSED }

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  private final Path mirror;
  private final MockWebServer server = new MockWebServer();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  public volatile boolean json = true;
  public volatile Ranges ranges = Ranges.SUPPORTED;
  public volatile boolean metadataFiles = true;
  public volatile boolean etags = false;
  public volatile String requiredAuthorization;
  public final Set<String> corrupted = ConcurrentHashMap.newKeySet();

  public MirrorServer(Path mirror) throws IOException {
    this.mirror = mirror;
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        try {
          return answer(request);
        } catch (IOException e) {
          return new MockResponse().setResponseCode(500).setBody(String.valueOf(e));
        }
      }
    });
    server.start();
  }

  /** {@code http://host:port/simple/}, optionally with user info. */
  public String indexUrl(String userInfo) {
    String u = server.url("/simple/").toString();
    return userInfo == null ? u : u.replace("://", "://" + userInfo + "@");
  }

  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  public void clearRequests() {
    requests.clear();
  }

  /** The Basic authorization value for user:password. */
  public static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
  }

  private MockResponse answer(RecordedRequest request) throws IOException {
    if (requiredAuthorization != null && !requiredAuthorization.equals(request.getHeader("Authorization"))) {
      return new MockResponse().setResponseCode(401).addHeader("WWW-Authenticate", "Basic realm=\"envx\"");
    }
    String path = request.getRequestUrl().encodedPath();
    Path p = mirror.resolve(java.net.URLDecoder.decode(path.substring(1), java.nio.charset.StandardCharsets.UTF_8))
        .normalize();
    if (!p.startsWith(mirror)) {
      return new MockResponse().setResponseCode(403);
    }
    String accept = request.getHeader("Accept") == null ? "" : request.getHeader("Accept");
    String type = "application/octet-stream";
    if (Files.isDirectory(p)) {
      boolean wantJson = json && accept.contains("application/vnd.pypi.simple.v1+json")
          && Files.isRegularFile(p.resolve("index.json")); // else the HTML page, as a static server would
      p = p.resolve(wantJson ? "index.json" : "index.html");
      type = wantJson ? "application/vnd.pypi.simple.v1+json" : "text/html; charset=utf-8";
    }
    String name = p.getFileName().toString();
    if (name.endsWith(".metadata") && !metadataFiles || !Files.isRegularFile(p)) {
      return new MockResponse().setResponseCode(404).setBody("not found");
    }
    byte[] body = Files.readAllBytes(p);
    if (corrupted.contains(name)) {
      body = (new String(body, java.nio.charset.StandardCharsets.UTF_8) + "Requires-Dist: evil\n").getBytes();
    }
    String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "\"";
    if (etags && etag.equals(request.getHeader("If-None-Match"))) {
      return new MockResponse().setResponseCode(304).addHeader("ETag", etag);
    }
    String range = request.getHeader("Range");
    if (range != null && ranges == Ranges.REFUSED) {
      return new MockResponse().setResponseCode(405).setBody("ranges not allowed");
    }
    if (range != null && ranges == Ranges.SUPPORTED) {
      Matcher m = RANGE.matcher(range);
      if (m.matches()) {
        long size = body.length;
        long start = m.group(1).isEmpty() ? Math.max(0, size - Long.parseLong(m.group(2))) : Long.parseLong(m.group(1));
        long end = m.group(1).isEmpty() || m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
        byte[] part = new byte[(int) (end - start + 1)];
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "r")) {
          f.seek(start);
          f.readFully(part);
        }
        return new MockResponse().setResponseCode(206).addHeader("Content-Type", type)
            .addHeader("Content-Range", "bytes " + start + "-" + end + "/" + size).setBody(new Buffer().write(part));
      }
    }
    MockResponse r = new MockResponse().setResponseCode(200).addHeader("Content-Type", type)
        .setBody(new Buffer().write(body));
    return etags ? r.addHeader("ETag", etag) : r;
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
  }
}
