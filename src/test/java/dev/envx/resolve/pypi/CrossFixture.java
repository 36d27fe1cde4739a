package dev.envx.resolve.pypi;

import dev.envx.index.RepodataClient;
import dev.envx.index.RepodataIndex;
import dev.envx.index.RepodataSettings;
import dev.envx.index.VirtualPackageSettings;
import dev.envx.index.VirtualPackages;
import dev.envx.http.Http;
import dev.envx.http.HttpOptions;
import dev.envx.http.RetryPolicy;
import dev.envx.index.pypi.HttpFetcher;
import dev.envx.index.pypi.PypiClient;
import dev.envx.index.pypi.PypiSettings;
import dev.envx.mapping.NameMapping;
import dev.envx.model.conda.Channel;
import dev.envx.model.conda.ChannelPriority;
import dev.envx.model.conda.Platform;
import dev.envx.resolve.CondaRequirement;
import dev.envx.resolve.PypiRequirement;
import dev.envx.resolve.Request;
import dev.envx.resolve.Requirement;
import dev.envx.testing.SharedData;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The real conda-forge records and the real-wheel mirror, loaded once per test class. */
final class CrossFixture {
  static final NameMapping MAPPING = NameMapping.embedded();
  private final Path cache;
  private final Map<Platform, RepodataIndex> indexes = new HashMap<>();

  CrossFixture(Path cache) {
    this.cache = cache;
  }

  static Path mirror() {
    return SharedData.require("pypi");
  }

  RepodataIndex index(Platform p) {
    return indexes.computeIfAbsent(p, k -> {
      Path dir = SharedData.require("channels/derived-from-pixi-lockfiles/conda-forge");
      return new RepodataClient(RepodataSettings.of(cache).withOffline(true))
          .loadIndex(List.of(Channel.parse(dir.toString())), k);
    });
  }

  /** A client over the mirror: {@code file://} when {@code url} is null, else that index URL. */
  static PypiClient client(String url) {
    URI u = url == null ? mirror().resolve("simple").toUri() : URI.create(url);
    return new PypiClient(PypiSettings.defaults().withIndexUrl(u),
        new HttpFetcher(Http.direct().with(HttpOptions.DEFAULT.withRetry(new RetryPolicy(1, Duration.ZERO, Duration.ZERO)))));
  }

  static PypiSource source(PypiClient client, Prefer prefer) {
    return new PypiSource(client, MAPPING, prefer, Map.of());
  }

  /** Conda specs and PyPI requirements; origins "conda argument N" / "--pypi N". */
  static Request request(Platform p, List<String> conda, List<String> pypi) {
    List<Requirement> reqs = new ArrayList<>();
    Map<Requirement, String> origins = new HashMap<>();
    for (int i = 0; i < conda.size(); i++) {
      CondaRequirement r = CondaRequirement.parse(conda.get(i));
      reqs.add(r);
      origins.put(r, "conda spec " + (i + 1));
    }
    for (int i = 0; i < pypi.size(); i++) {
      PypiRequirement r = new PypiRequirement(dev.envx.model.pep508.Requirement.parse(pypi.get(i)));
      reqs.add(r);
      origins.put(r, "--pypi " + (i + 1));
    }
    return new Request(reqs, List.of(), ChannelPriority.STRICT,
        VirtualPackages.forPlatform(p, VirtualPackageSettings.defaults(), Map.of()), Set.of(), Set.of(), origins);
  }
}
