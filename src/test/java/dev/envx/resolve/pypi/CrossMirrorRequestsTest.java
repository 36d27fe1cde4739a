package dev.envx.resolve.pypi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.index.pypi.PypiClient;
import dev.envx.model.conda.Platform;
import dev.envx.resolve.Request;
import dev.envx.resolve.Resolution;
import dev.envx.resolve.Resolver;
import dev.envx.testing.MirrorServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real PyPI requests solved by the cross-ecosystem resolver over the real-wheel mirror and the conda-forge
 * records (conda gives python, and whatever the mirror has no fitting wheel for), with PyPI preferred and with
 * conda preferred, each solution accepted by the independent {@link dev.envx.testing.PypiSetChecker}. Every
 * request must solve: the mirror was built from these closures.
 */
class CrossMirrorRequestsTest {
  static final List<String> REQUESTS = List.of("requests[socks]", "flask", "httpx", "pydantic>=2", "rich",
      "click", "jinja2", "aiohttp", "sqlalchemy", "fastapi", "typer", "attrs", "pyyaml", "packaging", "tqdm",
      "python-dateutil", "boto3", "pytest", "black", "uvicorn", "jsonschema", "anyio", "tenacity", "pandas",
      "scipy", "bokeh", "httpx[http2]", "ipykernel", "matplotlib");

  @TempDir Path cache;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"file", "http"})
  void realRequestsSolveAndPassTheChecker(String how) throws Exception {
    CrossFixture f = new CrossFixture(cache);
    try (MirrorServer server = new MirrorServer(CrossFixture.mirror())) {
      PypiClient client = CrossFixture.client(how.equals("file") ? null : server.indexUrl(null));
      List<String> solved = new ArrayList<>();
      for (Prefer prefer : Prefer.values()) {
        for (String root : REQUESTS) {
          Request request = CrossFixture.request(Platform.LINUX_64, List.of(), List.of(root));
          Resolution r = Resolver.resolve(f.index(Platform.LINUX_64), CrossFixture.source(client, prefer),
              Platform.LINUX_64, request);
          assertThat(r).as(root + " (prefer " + prefer + "): " + (r instanceof Resolution.Unsolvable u
              ? u.explanation() : "")).isInstanceOf(Resolution.Solved.class);
          Resolution.Solved s = (Resolution.Solved) r;
          CrossScenarioTest.check(request, s, Platform.LINUX_64);
          long wheels = s.packages().stream().filter(p -> p instanceof dev.envx.format.lock.LockedPackage.Pypi)
              .count();
          solved.add(root + " (" + prefer + ": " + wheels + " wheels, " + s.conda().size() + " conda)");
        }
      }
      System.out.println("CrossMirrorRequestsTest[" + how + "]: " + solved.size() + " solves checked: " + solved);
      assertThat(solved).hasSize(2 * REQUESTS.size());
    }
  }
}
