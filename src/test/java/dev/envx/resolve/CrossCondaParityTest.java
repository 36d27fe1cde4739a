package dev.envx.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.format.lock.LockedPackage;
import dev.envx.index.RepodataIndex;
import dev.envx.index.pypi.PypiClient;
import dev.envx.index.pypi.PypiSettings;
import dev.envx.mapping.NameMapping;
import dev.envx.model.conda.Platform;
import dev.envx.resolve.conda.CondaResolver;
import dev.envx.resolve.pypi.CrossResolver;
import dev.envx.resolve.pypi.PypiSource;
import dev.envx.solve.SolveResult;
import dev.envx.testing.SharedData;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A cross-ecosystem solve ({@link CrossResolver}) of a request with conda specs only picks exactly what the
 * conda-only solve ({@link CondaResolver}) picks, with the same number of solver runs (the same re-solves: the
 * requested packages raised, then the fewest track features), over the real channels of {@code ../shared/data}:
 * every request of {@link RealChannelSolveTest} and {@link TrackFeatureMinimizationTest}, and seeded random
 * requests of two to four conda-forge python packages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossCondaParityTest {
  private final RealChannelSolveTest defaults = new RealChannelSolveTest();
  private final java.util.Map<String, RepodataIndex> indexes = new java.util.HashMap<>();
  @org.junit.jupiter.api.io.TempDir java.nio.file.Path cache;
  private int resolved;

  private RepodataIndex index(String which) {
    if (which.equals("defaults-2018")) {
      return indexes.computeIfAbsent(which, defaults::index);
    }
    return indexes.computeIfAbsent(which, w -> new dev.envx.index.RepodataClient(
        dev.envx.index.RepodataSettings.of(cache).withOffline(true)).loadIndex(List.of(dev.envx.model.conda.Channel
            .parse(SharedData.require("channels/derived-from-pixi-lockfiles/conda-forge").toString())),
        Platform.parse(w)));
  }

  /** A PyPI side that a conda-only request never asks (the mirror, as file://). */
  private static PypiSource pypi() {
    return new PypiSource(new PypiClient(PypiSettings.defaults()
        .withIndexUrl(SharedData.require("pypi/simple").toUri())), NameMapping.embedded());
  }

  static Stream<Arguments> requests() {
    List<Arguments> out = new ArrayList<>(RealChannelSolveTest.requests().toList());
    TrackFeatureMinimizationTest.requests().forEach(r -> out.add(Arguments.of("defaults-2018", r)));
    return out.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("requests")
  void crossPicksWhatCondaPicks(String which, String line) {
    assertSame(which, RealChannelSolveTest.specs(line));
  }

  @Test
  void randomCondaForgeRequestsPickTheSame() {
    RepodataIndex idx = index("linux-64");
    List<String> py = idx.names().stream().sorted().filter(n -> GeneratedRequests.isPythonPackage(idx, n)).toList();
    Random random = new Random(20261201);
    for (int i = 0; i < 25; i++) {
      List<String> specs = new ArrayList<>();
      int n = 2 + random.nextInt(3);
      while (specs.size() < n) {
        String name = py.get(random.nextInt(py.size()));
        if (!specs.contains(name)) {
          specs.add(name);
        }
      }
      if (random.nextBoolean()) {
        specs.add(0, "python=3.1" + (1 + random.nextInt(3)));
      }
      assertSame("linux-64", specs);
    }
    assertThat(resolved).as("random requests that solved").isGreaterThan(10);
  }

  private void assertSame(String which, List<String> specs) {
    RepodataIndex idx = index(which);
    Platform p = RealChannelSolveTest.platform(which);
    Request request = RealChannelSolveTest.request(which, specs);
    CondaResolver.Outcome conda = CondaResolver.solve(idx, p, request);
    CrossResolver.Outcome cross = CrossResolver.solve(idx, pypi(), p, request);
    assertThat(cross.result() instanceof SolveResult.Solution).as("%s: %s solvable", which, specs)
        .isEqualTo(conda.result() instanceof SolveResult.Solution);
    if (!(conda.result() instanceof SolveResult.Solution c)) {
      return;
    }
    resolved++;
    List<String> a = dists(conda.provider().locked(c.candidates()));
    List<String> b = dists(cross.provider().locked(((SolveResult.Solution) cross.result()).candidates()));
    assertThat(b).as("%s: %s", which, specs).isEqualTo(a);
    assertThat(cross.solves()).as("%s: %s solver runs", which, specs).isEqualTo(conda.solves());
  }

  private static List<String> dists(List<LockedPackage> packages) {
    return packages.stream().map(l -> l instanceof LockedPackage.Conda c
        ? c.name() + " " + c.versionText() + " " + c.build() + " " + c.subdir() : l.toString()).toList();
  }
}
