package dev.envx.http;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** One answer of a server: status, headers and a body read once. The caller closes it. */
public final class Exchange implements Closeable {
  private final Response response;
  private final HttpRequest request;

  Exchange(Response response, HttpRequest request) {
    this.response = response;
    this.request = request;
  }

  public int status() {
    return response.code();
  }

  public boolean ok() {
    return response.code() == 200;
  }

  public HttpRequest request() {
    return request;
  }

  /** The first value of a header, if present. */
  public Optional<String> header(String name) {
    return Optional.ofNullable(response.header(name));
  }

  /** Every header, names lowercase (the last value when a name repeats). */
  public Map<String, String> headers() {
    Map<String, String> h = new TreeMap<>();
    for (String name : response.headers().names()) {
      h.put(name.toLowerCase(Locale.ROOT), response.header(name));
    }
    return h;
  }

  public Validators validators() {
    return Validators.of(response.header("ETag"), response.header("Last-Modified"));
  }

  /** The body as a stream (empty when there is none); a cut connection shows as an {@link IOException}. */
  public InputStream body() {
    ResponseBody b = response.body();
    return b == null ? InputStream.nullInputStream() : b.byteStream();
  }

  /** The whole body; throws when it is cut short. */
  public byte[] bytes() throws IOException {
    ResponseBody b = response.body();
    return b == null ? new byte[0] : b.bytes();
  }

  @Override
  public void close() {
    response.close();
  }

  @Override
  public String toString() {
    return "HTTP " + status() + " for " + request.shown();
  }
}
