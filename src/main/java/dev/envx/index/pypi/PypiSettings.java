package dev.envx.index.pypi;

import dev.envx.diag.EnvxException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where PyPI distributions come from: {@code --index-url}, {@code --extra-index-url}s, {@code --find-links}
 * directories, a netrc, the page cache directory and whether envx is offline.
 *
 * @param indexUrl the primary index ({@code https://pypi.org/simple/} by default); may carry credentials
 * @param netrc a netrc file (null: none)
 * @param cacheDir where pages and metadata are cached (null: no cache)
 * @param strategy how several indexes combine
 */
public record PypiSettings(URI indexUrl, List<URI> extraIndexUrls, List<Path> findLinks, Path netrc,
    Path cacheDir, boolean offline, IndexStrategy strategy) {
  public static final URI PYPI = URI.create("https://pypi.org/simple/");

  /** How the files of a project are gathered from several indexes. */
  public enum IndexStrategy {
    /**
     * The first index (primary, then extras in order) that has the project gives all its files (uv's
     * default; protects against dependency confusion); find-links files are always added.
     */
    FIRST_INDEX,
    /** Files from every index are merged (pip's behaviour). */
    UNSAFE_BEST_MATCH
  }

  public PypiSettings {
    Objects.requireNonNull(indexUrl, "indexUrl");
    extraIndexUrls = List.copyOf(extraIndexUrls);
    findLinks = List.copyOf(findLinks);
    strategy = strategy == null ? IndexStrategy.FIRST_INDEX : strategy;
  }

  /** PyPI, no extras, no cache, online. */
  public static PypiSettings defaults() {
    return new PypiSettings(PYPI, List.of(), List.of(), null, null, false, IndexStrategy.FIRST_INDEX);
  }

  /**
   * Reads an {@code --index-url} / {@code --extra-index-url} value: an {@code http(s)://} or {@code file://}
   * URL, or a local directory path (made a {@code file://} URL).
   */
  public static URI parseIndexUrl(String text, String option) {
    String t = text.strip();
    try {
      if (t.matches("(?i)(https?|file)://.*")) {
        URI u = new URI(t);
        if (!"file".equalsIgnoreCase(u.getScheme()) && (u.getHost() == null || u.getHost().isEmpty())) {
          throw new URISyntaxException(t, "no host");
        }
        return u;
      }
      if (t.contains("://")) {
        throw EnvxException.input("`" + option + "` takes an http(s):// or file:// URL, not `"
            + dev.envx.model.conda.Channel.redact(t) + "`", null);
      }
      return Path.of(t).toAbsolutePath().normalize().toUri();
    } catch (URISyntaxException e) {
      throw EnvxException.input("invalid `" + option + "` URL `" + dev.envx.model.conda.Channel.redact(t) + "`: "
          + e.getReason(), null, "write e.g. `https://pypi.org/simple/`");
    }
  }

  public PypiSettings withIndexUrl(URI value) {
    return new PypiSettings(value, extraIndexUrls, findLinks, netrc, cacheDir, offline, strategy);
  }

  public PypiSettings withExtraIndexUrls(List<URI> value) {
    return new PypiSettings(indexUrl, value, findLinks, netrc, cacheDir, offline, strategy);
  }

  public PypiSettings withFindLinks(List<Path> value) {
    return new PypiSettings(indexUrl, extraIndexUrls, value, netrc, cacheDir, offline, strategy);
  }

  public PypiSettings withNetrc(Path value) {
    return new PypiSettings(indexUrl, extraIndexUrls, findLinks, value, cacheDir, offline, strategy);
  }

  public PypiSettings withCacheDir(Path value) {
    return new PypiSettings(indexUrl, extraIndexUrls, findLinks, netrc, value, offline, strategy);
  }

  public PypiSettings withOffline(boolean value) {
    return new PypiSettings(indexUrl, extraIndexUrls, findLinks, netrc, cacheDir, value, strategy);
  }

  public PypiSettings withStrategy(IndexStrategy value) {
    return new PypiSettings(indexUrl, extraIndexUrls, findLinks, netrc, cacheDir, offline, value);
  }

  /** Never shows credentials. */
  @Override
  public String toString() {
    return "PypiSettings[index " + Transport.shown(indexUrl) + ", " + extraIndexUrls.size() + " extra, "
        + findLinks.size() + " find-links" + (offline ? ", offline" : "") + "]";
  }
}
