package dev.envx.index.pypi;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code file://} URLs as a static web server would: a directory URL serves its {@code index.json}
 * when the request accepts PEP 691 JSON and the file exists, else its {@code index.html}; a missing file is a
 * 404; {@code Range: bytes=a-b} and {@code bytes=-n} give a 206 with {@code Content-Range}. Files are read in
 * place, never copied.
 */
public final class FileFetcher implements Fetcher {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  @Override
  public Response fetch(Request request) throws IOException {
    Path p = resolve(request);
    if (p == null) {
      return new Response(404, Map.of(), null);
    }
    long size = Files.size(p);
    Map<String, String> headers = new HashMap<>();
    headers.put("content-type", contentType(p));
    headers.put("accept-ranges", "bytes");
    String range = request.header("Range").orElse(null);
    if (range != null) {
      Matcher m = RANGE.matcher(range.strip());
      if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
        long start;
        long end;
        if (m.group(1).isEmpty()) {
          start = Math.max(0, size - Long.parseLong(m.group(2)));
          end = size - 1;
        } else {
          start = Long.parseLong(m.group(1));
          end = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
        }
        if (start >= size || start > end) {
          headers.put("content-range", "bytes */" + size);
          return new Response(416, headers, null);
        }
        byte[] b = new byte[(int) (end - start + 1)];
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "r")) {
          f.seek(start);
          f.readFully(b);
        }
        headers.put("content-range", "bytes " + start + "-" + end + "/" + size);
        return new Response(206, headers, b);
      }
    }
    headers.put("content-length", Long.toString(size));
    return new Response(200, headers, Files.readAllBytes(p));
  }

  @Override
  public Response download(Request request, Path target) throws IOException {
    Path p = resolve(request);
    if (p == null) {
      return new Response(404, Map.of(), null);
    }
    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
    return new Response(200, Map.of("content-type", contentType(p)), null);
  }

  private static Path resolve(Request request) throws IOException {
    URI u = request.url();
    if (!"file".equalsIgnoreCase(u.getScheme())) {
      throw new IOException("not a file:// URL: " + u);
    }
    Path p;
    try {
      p = Path.of(new URI("file", null, u.getPath(), null));
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      throw new IOException("bad file:// URL " + u + ": " + e.getMessage());
    }
    if (Files.isDirectory(p)) {
      boolean json = request.header("Accept").orElse("").contains("application/vnd.pypi.simple.v1+json");
      Path j = p.resolve("index.json");
      Path h = p.resolve("index.html");
      p = json && Files.isRegularFile(j) ? j : h;
    }
    try {
      return Files.isRegularFile(p) ? p.toRealPath() : null;
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private static String contentType(Path p) {
    String n = p.getFileName().toString();
    if (n.endsWith(".json")) {
      return SimplePages.JSON_V1;
    }
    if (n.endsWith(".html") || n.endsWith(".htm")) {
      return "text/html";
    }
    return "application/octet-stream";
  }
}
