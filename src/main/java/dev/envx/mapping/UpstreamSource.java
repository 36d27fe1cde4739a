package dev.envx.mapping;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** A table {@code envx mapping update} fetches: an id (its cache file name), a URL or file, a label. */
public record UpstreamSource(String id, URI uri, String label) {
  private static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9-]*$");

  /** prefix.dev's parselmouth conda-to-PyPI table (conda-forge), the one pixi uses. */
  public static final UpstreamSource PARSELMOUTH = new UpstreamSource("parselmouth",
      URI.create("https://conda-mapping.prefix.dev/compressed-v0/compressed_mapping.json"), "parselmouth");

  /** The conda-forge bot's PyPI-to-conda table published in regro/cf-graph-countyfair (made by grayskull). */
  public static final UpstreamSource GRAYSKULL = new UpstreamSource("grayskull",
      URI.create("https://raw.githubusercontent.com/regro/cf-graph-countyfair/master/mappings/pypi/grayskull_pypi_mapping.json"),
      "grayskull");

  public static final List<UpstreamSource> DEFAULTS = List.of(PARSELMOUTH, GRAYSKULL);

  public UpstreamSource {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(label, "label");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("invalid source id `" + id + "`");
    }
  }

  /** A source given by {@code --from}: an http(s) URL or a file path. */
  public static UpstreamSource from(String fileOrUrl, Path workingDir) {
    URI uri;
    if (fileOrUrl.startsWith("http://") || fileOrUrl.startsWith("https://") || fileOrUrl.startsWith("file:")) {
      uri = URI.create(fileOrUrl);
    } else {
      uri = workingDir.resolve(fileOrUrl).toAbsolutePath().normalize().toUri();
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    String label = path.substring(path.lastIndexOf('/') + 1);
    return new UpstreamSource("from-" + shortHash(uri.toString()), uri, label.isEmpty() ? uri.toString() : label);
  }

  public boolean isHttp() {
    return "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
  }

  static String shortHash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
