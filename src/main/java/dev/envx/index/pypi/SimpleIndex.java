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
