package dev.envx.index.pypi;

import dev.envx.http.Http;
import dev.envx.index.pypi.PypiIndexException.Kind;
import dev.envx.model.pep508.PyPiName;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The PyPI side of a solve: the files of a project across the configured indexes and find-links
 * directories, and each file's core metadata. Pages are fetched once per client (and cached on disk with
 * conditional GET when a cache directory is set).
 */
public final class PypiClient {
  private final PypiSettings settings;
  private final List<SimpleIndex> indexes = new ArrayList<>();
  private final List<FindLinks> findLinks = new ArrayList<>();
  private final MetadataReader metadata;
  private final ConcurrentHashMap<PyPiName, Optional<ProjectPage>> pages = new ConcurrentHashMap<>();

  /**
   * A client over a direct HTTP(S) connection (no proxy, the system's trust store); commands pass the run's
   * client with {@link #PypiClient(PypiSettings, Http)}.
   */
  public PypiClient(PypiSettings settings) {
    this(settings, Http.direct().withOffline(settings.offline()));
  }

  /** A client over the run's HTTP client (proxies, CA bundle, retries). */
  public PypiClient(PypiSettings settings, Http http) {
    this(settings, new HttpFetcher(http));
  }

  /** A client with its own HTTP fetcher (tests, a shared HTTP layer). */
  public PypiClient(PypiSettings settings, Fetcher http) {
    this.settings = settings;
    Transport t = new Transport(http, Netrc.read(settings.netrc()),
        settings.cacheDir() == null ? null : new PageCache(settings.cacheDir().resolve("pypi")), settings.offline());
    indexes.add(new SimpleIndex(settings.indexUrl(), t));
    for (URI u : settings.extraIndexUrls()) {
      indexes.add(new SimpleIndex(u, t));
    }
    settings.findLinks().forEach(d -> findLinks.add(new FindLinks(d)));
    this.metadata = new MetadataReader(t, settings.cacheDir() == null ? null : settings.cacheDir().resolve("tmp"));
  }

  public PypiSettings settings() {
    return settings;
  }

  public List<SimpleIndex> indexes() {
    return List.copyOf(indexes);
  }

  /** The project's files from the indexes (see {@link PypiSettings.IndexStrategy}) and find-links. */
  public Optional<ProjectPage> project(PyPiName name) {
    return pages.computeIfAbsent(name, this::load);
  }

  /** As {@link #project}, but an unknown project is an error naming every place that was asked. */
  public ProjectPage require(PyPiName name) {
    return project(name).orElseThrow(() -> {
      List<String> asked = new ArrayList<>();
      indexes.forEach(i -> asked.add(i.shown()));
      findLinks.forEach(f -> asked.add(f.toString()));
      return new PypiIndexException(Kind.UNKNOWN_PROJECT, "no project `" + name.original() + "` on "
          + (asked.size() == 1 ? "`" + asked.get(0) + "`" : "any of `" + String.join("`, `", asked) + "`"),
          "check the spelling, or add the index that has it with `--extra-index-url`");
    });
  }

  /**
   * The project names the indexes list ({@link SimpleIndex#listing}) and the find-links directories hold, for
   * an error path: a project none of them has. Every index is checked to be one.
   *
   * @throws PypiIndexException when an index is not a simple index
   */
  public Set<String> knownProjects() {
    Set<String> out = new java.util.TreeSet<>();
    for (SimpleIndex i : indexes) {
      i.listing().ifPresent(out::addAll);
    }
    findLinks.forEach(f -> out.addAll(f.projects()));
    return out;
  }

  /** The core metadata of one file. */
  public MetadataReader.Fetched metadata(PyPiName project, DistributionFile file) {
    return metadata.read(project, file);
  }

  private Optional<ProjectPage> load(PyPiName name) {
    List<DistributionFile> files = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    String source = null;
    String api = "1.0";
    boolean found = false;
    for (SimpleIndex index : indexes) {
      Optional<ProjectPage> p = index.project(name);
      if (p.isEmpty()) {
        continue;
      }
      found = true;
      if (source == null) {
        source = p.get().source();
        api = p.get().apiVersion();
      }
      for (DistributionFile f : p.get().files()) {
        if (seen.add(f.filename())) {
          files.add(f);
        }
      }
      if (settings.strategy() == PypiSettings.IndexStrategy.FIRST_INDEX) {
        break;
      }
    }
    for (FindLinks dir : findLinks) {
      for (DistributionFile f : dir.files(name)) {
        found = true;
        if (seen.add(f.filename())) {
          files.add(f);
        }
        if (source == null) {
          source = dir.toString();
        }
      }
    }
    return found ? Optional.of(new ProjectPage(name, source, api, files)) : Optional.empty();
  }
}
