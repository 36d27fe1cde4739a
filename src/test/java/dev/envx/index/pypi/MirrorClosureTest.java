package dev.envx.index.pypi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.model.conda.Platform;
import dev.envx.model.pep440.Pep440Version;
import dev.envx.model.pep508.MarkerEnvironment;
import dev.envx.model.pep508.PyPiName;
import dev.envx.model.pep508.Requirement;
import dev.envx.model.wheel.CompatibleTags;
import dev.envx.model.wheel.WheelFilename;
import dev.envx.model.wheel.WheelTarget;
import dev.envx.testing.MirrorServer;
import dev.envx.testing.PypiSetChecker;
import dev.envx.testing.PypiSetChecker.Chosen;
import dev.envx.testing.SharedData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The building blocks end to end: index pages, wheel tags, Requires-Python, yanked files and metadata from
 * the mirror (served over HTTP and as file://) give, for real requests, a closure that the independent
 * {@link PypiSetChecker} accepts. The mirror holds one release per project, so taking the best wheel of the
 * newest fitting release for each name is the whole choice here; this is not a resolver (that is the
 * cross-ecosystem solve's job) and stops with a message at the first requirement it cannot meet.
 */
class MirrorClosureTest {
  private static final List<String> REQUESTS = List.of("requests[socks]", "flask", "httpx", "pydantic>=2",
      "rich", "click", "jinja2", "aiohttp", "sqlalchemy", "fastapi", "typer", "attrs", "pyyaml", "packaging",
      "tqdm", "python-dateutil", "boto3", "pytest", "black", "uvicorn", "jsonschema", "anyio", "tenacity");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"file", "http"})
  void realRequestsCloseAndPassTheChecker(String how) throws Exception {
    Path mirror = SharedData.require("pypi");
    try (MirrorServer server = new MirrorServer(mirror)) {
      PypiSettings s = PypiSettings.defaults().withIndexUrl(how.equals("file") ? mirror.resolve("simple").toUri()
          : java.net.URI.create(server.indexUrl(null)));
      PypiClient client = new PypiClient(s, new HttpFetcher(dev.envx.http.Http.direct().with(dev.envx.http.HttpOptions.DEFAULT.withRetry(new dev.envx.http.RetryPolicy(1, Duration.ZERO, Duration.ZERO)))));
      PypiSetChecker checker = new PypiSetChecker(mirror);
      List<String> closed = new ArrayList<>();
      List<String> open = new ArrayList<>();
      for (String root : REQUESTS) {
        List<Requirement> roots = List.of(Requirement.parse(root));
        Optional<List<Chosen>> set = closure(client, roots, Platform.LINUX_64, "3.11", open);
        if (set.isPresent()) {
          checker.assertValid(roots, set.get(), Platform.LINUX_64, "3.11");
          closed.add(root + " (" + set.get().size() + ")");
        }
      }
      System.out.println("MirrorClosureTest[" + how + "]: " + closed.size() + " of " + REQUESTS.size()
          + " requests closed and checked: " + closed + (open.isEmpty() ? "" : "; not closed: " + open));
      assertThat(closed).hasSizeGreaterThanOrEqualTo(20);
    }
  }

  /** The greedy closure, or empty (with the reason added to {@code open}). */
  static Optional<List<Chosen>> closure(PypiClient client, List<Requirement> roots, Platform platform,
      String python, List<String> open) {
    MarkerEnvironment env = MarkerEnvironment.forCondaPlatform(platform.subdir(), python);
    CompatibleTags tags = CompatibleTags.of(WheelTarget.of(platform, python));
    Pep440Version py = Pep440Version.parse(env.pythonFullVersion());
    Map<PyPiName, Chosen> chosen = new LinkedHashMap<>();
    Map<PyPiName, java.util.Set<String>> extras = new LinkedHashMap<>();
    Deque<Requirement> work = new ArrayDeque<>(roots);
    while (!work.isEmpty()) {
      Requirement r = work.poll();
      if (!r.appliesTo(env)) {
        continue;
      }
      Chosen c = chosen.get(r.name());
      if (c == null) {
        Optional<ProjectPage> page = client.project(r.name());
        if (page.isEmpty()) {
          open.add(roots.get(0) + ": `" + r.name() + "` is not on the mirror");
          return Optional.empty();
        }
        Optional<DistributionFile> best = page.get().selectable(r.specifier()).stream()
            .filter(f -> f.wheel().isPresent() && tags.isCompatible(f.wheel().get()) && f.allowsPython(py)
                && r.specifier().contains(f.version().get(), true))
            .max(Comparator.comparing((DistributionFile f) -> f.version().get())
                .thenComparing(f -> f.wheel().get(), tags.preference().reversed()));
        if (best.isEmpty()) {
          open.add(roots.get(0) + ": no wheel of `" + r.name() + "` fits `" + r + "`");
          return Optional.empty();
        }
        WheelFilename w = best.get().wheel().get();
        c = new Chosen(r.name(), w.version(), w.filename());
        chosen.put(r.name(), c);
        extras.put(r.name(), new java.util.TreeSet<>());
        var meta = client.metadata(r.name(), best.get()).metadata();
        for (Requirement dep : meta.requiresDist()) {
          work.add(dep);
        }
      } else if (!r.specifier().isEmpty() && !r.specifier().contains(c.version(), true)) {
        open.add(roots.get(0) + ": `" + r + "` conflicts with the chosen " + c.version());
        return Optional.empty();
      }
      // extras requested of this name: add their requirements (markers with `extra == X`)
      if (extras.get(r.name()).addAll(r.normalizedExtras())) {
        DistributionFile f = client.require(r.name()).files().stream()
            .filter(x -> x.filename().equals(chosen.get(r.name()).wheel())).findFirst().orElseThrow();
        for (Requirement dep : client.metadata(r.name(), f).metadata().requirements(env, r.normalizedExtras())) {
          work.add(dep.marker() == null ? dep : new Requirement(dep.name(), dep.extras(), dep.specifier(),
              dep.url(), null));
        }
      }
    }
    return Optional.of(List.copyOf(chosen.values()));
  }
}
