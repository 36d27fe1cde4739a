package dev.envx.index.pypi;

import dev.envx.model.pep508.PyPiName;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One simple index ({@code https://pypi.org/simple/}, or a {@code file://} directory laid out as one):
 * the project list and project pages, PEP 691 JSON preferred over PEP 503 HTML by {@code Accept}.
 */
public final class SimpleIndex {
  private final URI base;
  private final Transport transport;

  /** {@code base} may carry credentials; they are registered with the transport and dropped here. */
  public SimpleIndex(URI base, Transport transport) {
    String s = base.toString();
    this.base = transport.register(URI.create(s.endsWith("/") ? s : s + "/"));
    this.transport = transport;
  }

  /** The index URL without credentials. */
  public URI base() {
    return base;
  }

  public String shown() {
    return Transport.shown(base);
  }

  /** The names on the index's root page. */
  public List<String> projects() {
    Fetcher.Response r = transport.get(base, Map.of("Accept", SimplePages.ACCEPT), true);
    if (r.status() == 404) {
      throw SimplePages.notAnIndex(shown(), "it answered 404");
    }
    if (r.status() != 200) {
      throw Transport.statusError(r, base);
    }
    return SimplePages.projectList(r, shown());
  }

  /**
   * The project names on the index's root page, read once (on the error path: a project the index does not
   * have). Empty when the index is not asked (pypi.org's list is tens of megabytes) or is a {@code file://}
   * directory without a root page that does hold project pages.
   *
   * @throws PypiIndexException {@link PypiIndexException.Kind#NOT_AN_INDEX} when the URL is no simple index (a
   *     root page that is not one, a 404 over HTTP, a directory without project pages); another status of the
   *     root page (401, 403, 5xx) tells nothing and gives empty
   */
  public Optional<List<String>> listing() {
    Optional<List<String>> l = listing;
    if (l == null) {
      l = readListing();
      listing = l;
    }
    return l;
  }

  private volatile Optional<List<String>> listing;

  private Optional<List<String>> readListing() {
    String host = base.getHost() == null ? "" : base.getHost().toLowerCase(java.util.Locale.ROOT);
    if (host.equals("pypi.org") || host.equals("test.pypi.org")) {
      return Optional.empty();
    }
    Fetcher.Response r = transport.get(base, Map.of("Accept", SimplePages.ACCEPT), true);
    if (r.status() == 404 && "file".equalsIgnoreCase(base.getScheme())) {
      checkLocalLayout(java.nio.file.Path.of(base), shown());
      return Optional.empty();
    }
    if (r.status() == 404) {
      throw SimplePages.notAnIndex(shown(), "it answered 404 for its root page and for the project's page");
    }
    if (r.status() != 200) {
      return Optional.empty(); // a root that wants credentials or fails says nothing: the missing project stands
    }
    return Optional.of(List.copyOf(SimplePages.projectList(r, shown())));
  }

  /**
   * Whether a directory is laid out as a simple index: a root {@code index.html} / {@code index.json}, or at
   * least one {@code <project>/index.html} / {@code index.json}. Stops at the first project page.
   *
   * @throws PypiIndexException {@link PypiIndexException.Kind#NOT_AN_INDEX} when it is not
   */
  public static void checkLocalLayout(java.nio.file.Path dir, String shown) {
    if (hasPage(dir)) {
      return;
    }
    try (java.nio.file.DirectoryStream<java.nio.file.Path> ds = java.nio.file.Files.newDirectoryStream(dir)) {
      for (java.nio.file.Path p : ds) {
        if (java.nio.file.Files.isDirectory(p) && hasPage(p)) {
          return;
        }
      }
    } catch (java.io.IOException e) {
      throw new PypiIndexException(PypiIndexException.Kind.UNAVAILABLE, "cannot list `" + shown + "`: "
          + dev.envx.diag.IoErrors.reason(e));
    }
    throw SimplePages.notAnIndex(shown, "the directory has no `index.html` and no `<project>/index.html`");
  }

  private static boolean hasPage(java.nio.file.Path dir) {
    return java.nio.file.Files.isRegularFile(dir.resolve("index.html"))
        || java.nio.file.Files.isRegularFile(dir.resolve("index.json"));
  }

  /** The URL of a project's page: {@code <base>/<normalized-name>/}. */
  public URI projectUrl(PyPiName name) {
    return base.resolve(name.normalized() + "/");
  }

  /** A project's page, empty when the index does not have the project (404). */
  public Optional<ProjectPage> project(PyPiName name) {
    URI url = projectUrl(name);
    Fetcher.Response r = transport.get(url, Map.of("Accept", SimplePages.ACCEPT), true);
    if (r.status() == 404 || r.status() == 410) {
      return Optional.empty();
    }
    if (r.status() != 200) {
      throw Transport.statusError(r, url);
    }
    return Optional.of(SimplePages.projectPage(name, r, url, Transport.shown(url)));
  }

  @Override
  public String toString() {
    return shown();
  }
}
