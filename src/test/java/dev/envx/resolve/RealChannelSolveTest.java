package dev.envx.resolve;

import dev.envx.format.lock.LockedPackage;
import dev.envx.testing.Golden;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.index.RepodataClient;
import dev.envx.index.RepodataIndex;
import dev.envx.index.RepodataParser;
import dev.envx.index.RepodataSettings;
import dev.envx.index.VirtualPackageSettings;
import dev.envx.index.VirtualPackages;
import dev.envx.model.conda.Channel;
import dev.envx.model.conda.ChannelPriority;
import dev.envx.model.conda.MatchSpec;
import dev.envx.model.conda.Platform;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Realistic solves over real records: the conda-forge records derived from pixi lockfiles (linux-64, osx-arm64,
 * win-64, each with noarch) and conda's 2018 defaults index ({@code index4.json}). Every solution is verified by
 * {@link dev.envx.solve.SolutionChecker} and {@link IndependentChecker}; for every requested name, asking for a
 * higher version than the chosen one ({@code name >CHOSEN}) must be unsolvable, so no higher version of a
 * requested package was feasible. The full solution is compared with
 * {@code testdata/resolve/real/<case>.expected} (regenerate with {@code -Denvx.update-golden=true}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealChannelSolveTest {
  private final Map<String, RepodataIndex> indexes = new HashMap<>();
  @TempDir Path cache;

  static Stream<Arguments> requests() {
    return Stream.of(
        Arguments.of("linux-64", "numpy scipy pandas"),
        Arguments.of("linux-64", "python=3.12 numpy scipy pandas"),
        Arguments.of("linux-64", "python 3.11.* numpy <2 pandas"),
        Arguments.of("linux-64", "matplotlib"),
        Arguments.of("linux-64", "gdal"),
        Arguments.of("linux-64", "pytorch"),
        Arguments.of("linux-64", "c-compiler cxx-compiler"),
        Arguments.of("linux-64", "gcc"),
        Arguments.of("linux-64", "scikit-learn"),
        Arguments.of("linux-64", "jupyterlab"),
        Arguments.of("linux-64", "geopandas"),
        Arguments.of("linux-64", "rust nodejs"),
        Arguments.of("osx-arm64", "numpy scipy pandas"),
        Arguments.of("osx-arm64", "matplotlib"),
        Arguments.of("osx-arm64", "pytorch"),
        Arguments.of("win-64", "numpy scipy pandas"),
        Arguments.of("win-64", "matplotlib"),
        Arguments.of("win-64", "gdal"),
        Arguments.of("defaults-2018", "numpy"),
        Arguments.of("defaults-2018", "python=3.6 numpy scipy pandas matplotlib"),
        Arguments.of("defaults-2018", "conda-build"),
        Arguments.of("defaults-2018", "r-base"),
        Arguments.of("defaults-2018", "r-essentials"),
        Arguments.of("defaults-2018", "numpy nomkl"));
  }

  RepodataIndex index(String which) {
    return indexes.computeIfAbsent(which, w -> {
      if (w.equals("defaults-2018")) {
        Path f = SharedData.require("channels/anaconda-defaults-2018/index4.json");
        // a bare filename -> record map, linux-64 and noarch records together
        return RepodataIndex.of(List.of(
            new RepodataParser().parse(f, Channel.parse("pkgs/main"), "linux-64")));
      }
      Path dir = SharedData.require("channels/derived-from-pixi-lockfiles/conda-forge");
      RepodataClient client = new RepodataClient(RepodataSettings.of(cache).withOffline(true));
      return client.loadIndex(List.of(Channel.parse(dir.toString())), Platform.parse(w));
    });
  }

  static Platform platform(String which) {
    return which.equals("defaults-2018") ? Platform.LINUX_64 : Platform.parse(which);
  }

  static Request request(String which, List<String> specs) {
    Platform p = platform(which);
    return new Request(CondaRequirement.parseAll(specs), List.of(), ChannelPriority.STRICT,
        VirtualPackages.forPlatform(p, VirtualPackageSettings.defaults(), Map.of()), Set.of());
  }

  /** Splits {@code "python=3.12 numpy <2 pandas"} into specs: a token starting with an operator joins the last. */
  static List<String> specs(String line) {
    List<String> out = new ArrayList<>();
    for (String t : line.split(" ")) {
      if (!out.isEmpty() && "<>=!~".indexOf(t.charAt(0)) >= 0 || !out.isEmpty() && Character.isDigit(t.charAt(0))) {
        out.set(out.size() - 1, out.get(out.size() - 1) + " " + t);
      } else {
        out.add(t);
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("requests")
  void solvesVerifiesAndPicksTheHighestFeasibleVersions(String which, String line) throws IOException {
    RepodataIndex idx = index(which);
    Platform p = platform(which);
    List<String> specs = specs(line);
    Request request = request(which, specs);
    Resolution r = Solving.solve(idx, p, request);
    assertThat(r).as("%s: %s", which, line).isInstanceOf(Resolution.Solved.class);
    Resolution.Solved s = (Resolution.Solved) r;

    StringBuilder golden = new StringBuilder("# " + which + ": " + line + "\n");
    for (String spec : specs) {
      String name = MatchSpec.parse(spec).exactName();
      LockedPackage.Conda chosen = s.get(name).orElseThrow();
      List<String> higher = new ArrayList<>(specs);
      higher.add(name + " >" + chosen.versionText());
      Resolution h = Solving.solve(idx, p, request.withRequirements(CondaRequirement.parseAll(higher)));
      assertThat(h).as("%s: %s: a version of %s above %s is feasible: %s", which, line, name, chosen.versionText(),
          h instanceof Resolution.Solved hs ? hs.get(name).orElseThrow() : "").isInstanceOf(Resolution.Unsolvable.class);
      golden.append("# requested ").append(name).append(' ').append(chosen.versionText()).append(' ')
          .append(chosen.build()).append(" (no higher version feasible)\n");
    }
    for (LockedPackage.Conda pkg : s.conda()) {
      golden.append(pkg.name()).append(' ').append(pkg.versionText()).append(' ').append(pkg.build()).append(' ')
          .append(pkg.subdir()).append('\n');
    }
    Path expected = SharedData.projectRoot().resolve("testdata/resolve/real")
        .resolve(which + "__" + line.replaceAll("[^A-Za-z0-9.]+", "_") + ".expected");
    Golden.check(expected, golden);
  }

  @Test
  void anUnsolvableRequestIsExplainedBriefly() {
    RepodataIndex idx = index("linux-64");
    Resolution.Unsolvable u = Solving.unsolvable(idx, request("linux-64", List.of("python=3.9", "numpy >=2.2")));
    List<String> lines = u.explanation().lines().toList();
    assertThat(lines.size()).as(u.explanation()).isLessThanOrEqualTo(20);
    assertThat(u.explanation()).contains("python=3.9", "numpy >=2.2", "python >=3.10,<3.11.0a0", "python 3.9.23");
    assertThat(Solving.hints(u)).containsExactly("relax or remove one of the requests `python=3.9`, `numpy >=2.2`");
  }

  @Test
  void aMissingVersionIsExplainedInOneLine() {
    RepodataIndex idx = index("linux-64");
    Resolution.Unsolvable u = Solving.unsolvable(idx, request("linux-64", List.of("python 2.7.*", "pandas")));
    assertThat(u.explanation()).isEqualTo("""
        the following requirements are incompatible:
        └─ python 2.7.*, for which no candidates were found
        """);
    assertThat(Solving.hints(u)).containsExactly("no record of `python` matches `python 2.7.*`",
        "the request `python 2.7.*` cannot be met as asked; relax or remove it");
  }

  @Test
  void aPackageNeedingNewerPythonThanRequested() {
    RepodataIndex idx = index("linux-64");
    Resolution.Unsolvable u = Solving.unsolvable(idx, request("linux-64", List.of("python 3.9.*", "pytorch")));
    List<String> lines = u.explanation().lines().toList();
    assertThat(lines.size()).as(u.explanation()).isLessThanOrEqualTo(20);
    assertThat(u.explanation()).contains("python 3.9.*", "pytorch 2.8.0 cpu_mkl_py313", "fsspec", "python >=3.10");
  }
}
