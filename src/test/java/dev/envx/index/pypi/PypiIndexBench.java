package dev.envx.index.pypi;

import dev.envx.model.pep508.PyPiName;
import dev.envx.testing.MirrorServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code scripts/bench pypi-index}: page and metadata fetch throughput over the shared mirror, read as
 * file:// and served by mockwebserver (JSON pages + PEP 658 metadata files; HTML pages; metadata by range
 * requests on the wheels whose body is in the mirror). Each mode runs three times in one JVM; the best round
 * is printed. Not a test: tests never time anything.
 */
public final class PypiIndexBench {
  private PypiIndexBench() {}

  public static void main(String[] args) throws Exception {
    Path mirror = Path.of(args[0]).toAbsolutePath().normalize();
    List<PyPiName> names;
    try (Stream<Path> s = Files.list(mirror.resolve("simple"))) {
      names = s.filter(Files::isDirectory).map(p -> PyPiName.of(p.getFileName().toString())).sorted().toList();
    }
    System.out.printf("mirror %s: %d projects%n", mirror, names.size());
    try (MirrorServer server = new MirrorServer(mirror)) {
      run("file:// JSON pages + PEP 658 metadata", names, () -> mirror.resolve("simple").toUri(), false, server);
      run("HTTP    JSON pages + PEP 658 metadata", names, () -> URI.create(server.indexUrl(null)), false, server);
      server.json = false;
      run("HTTP    HTML pages + PEP 658 metadata", names, () -> URI.create(server.indexUrl(null)), false, server);
      server.json = true;
      server.metadataFiles = false;
      run("HTTP    JSON pages + range-read METADATA (wheels with a body)", names,
          () -> URI.create(server.indexUrl(null)), true, server);
    }
  }

  private static void run(String what, List<PyPiName> names, java.util.function.Supplier<URI> index,
      boolean bodiesOnly, MirrorServer server) {
    double best = Double.MAX_VALUE;
    int pages = 0;
    int metas = 0;
    long requests = 0;
    for (int round = 0; round < 3; round++) {
      server.clearRequests();
      PypiClient c = new PypiClient(PypiSettings.defaults().withIndexUrl(index.get()),
          new HttpFetcher(dev.envx.http.Http.direct().with(dev.envx.http.HttpOptions.DEFAULT.withRetry(new dev.envx.http.RetryPolicy(1, Duration.ZERO, Duration.ZERO)))));
      long t0 = System.nanoTime();
      pages = 0;
      metas = 0;
      for (PyPiName n : names) {
        ProjectPage p = c.require(n);
        pages++;
        for (DistributionFile f : p.files()) {
          if (bodiesOnly && f.size() > 300_000) {
            continue; // the mirror has no body for wheels over 300 kB
          }
          c.metadata(n, f);
          metas++;
        }
      }
      double s = (System.nanoTime() - t0) / 1e9;
      best = Math.min(best, s);
      requests = server.requests().size();
    }
    System.out.printf("%-62s %4d pages + %4d metadata in %.2f s: %6.0f pages/s, %6.0f metadata/s%s%n", what, pages,
        metas, best, pages / best, metas / best, requests > 0 ? ", " + requests + " HTTP requests" : "");
  }
}
