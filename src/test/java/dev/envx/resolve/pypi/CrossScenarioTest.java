package dev.envx.resolve.pypi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.format.lock.LockedPackage;
import dev.envx.index.pypi.PypiClient;
import dev.envx.model.conda.Platform;
import dev.envx.model.pep440.Pep440Version;
import dev.envx.model.pep508.PyPiName;
import dev.envx.resolve.PypiRequirement;
import dev.envx.resolve.Request;
import dev.envx.resolve.Resolution;
import dev.envx.resolve.Resolver;
import dev.envx.testing.Golden;
import dev.envx.testing.MirrorServer;
import dev.envx.testing.PypiSetChecker;
import dev.envx.testing.PypiSetChecker.Chosen;
import dev.envx.testing.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cross-ecosystem scenarios of issue 12 over the real conda-forge records and the real-wheel mirror, each a
 * golden file ({@code testdata/resolve/cross/<case>.expected}), solved with the mirror as {@code file://} and
 * served over HTTP (the same text both ways), and each solution checked by the independent
 * {@link PypiSetChecker}: every chosen wheel's metadata re-read from the mirror, every Requires-Dist met by the
 * chosen set (conda records standing in for the PyPI names they carry), nothing chosen twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossScenarioTest {
  private CrossFixture fixture;
  private MirrorServer server;

  /** One scenario: conda specs, PyPI requirements, the preference and the platform. */
  record Case(String name, List<String> conda, List<String> pypi, Prefer prefer, Platform platform,
      boolean solvable) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    List<Case> c = List.of(
        // a PyPI package whose dependency conda already provides: numpy once, from conda
        new Case("dependency-from-conda", List.of("python=3.11", "numpy"), List.of("bottleneck"), Prefer.CONDA,
            Platform.LINUX_64, true),
        // the cp311 wheel holds python at 3.11, so conda's numpy is 1.26.4 (the channel's newest is 2.3.5, py313):
        // a conda-first solve would take numpy 2.3.5 and python 3.13 and then find no bottleneck wheel
        new Case("pypi-steers-conda-older", List.of("numpy"), List.of("bottleneck"), Prefer.CONDA,
            Platform.LINUX_64, true),
        // a PyPI requirement (the user's) that bounds a conda package below its newest
        new Case("pypi-bound-on-conda", List.of("pandas"), List.of("numpy<2"), Prefer.CONDA, Platform.LINUX_64,
            true),
        // bokeh is a pure wheel; on osx-arm64 the mirror has no wheel of numpy, pillow, contourpy, pyyaml or
        // tornado (manylinux only), so those names come from conda although PyPI is preferred
        new Case("names-only-conda-has", List.of(), List.of("bokeh"), Prefer.PYPI, Platform.OSX_ARM64, true),
        // ipykernel 7.4.0 needs tornado>=6.5.7: no wheel for osx-arm64, conda's newest is 6.5.4
        new Case("no-tornado-for-osx", List.of(), List.of("ipykernel==7.4.0"), Prefer.PYPI, Platform.OSX_ARM64,
            false),
        // only cp311 wheels of orjson: the solve takes python 3.11 though 3.14 is the newest
        new Case("wheel-picks-python", List.of("python"), List.of("orjson"), Prefer.PYPI, Platform.LINUX_64, true),
        // conda numpy >=2 has no python 3.11 build, the bottleneck wheel needs python 3.11
        new Case("unsatisfiable-mix", List.of("numpy >=2"), List.of("bottleneck"), Prefer.CONDA,
            Platform.LINUX_64, false),
        // the same request on three platforms: pure wheels everywhere
        new Case("pure-linux-64", List.of(), List.of("requests[socks]", "rich"), Prefer.PYPI, Platform.LINUX_64,
            true),
        new Case("pure-osx-arm64", List.of(), List.of("requests[socks]", "rich"), Prefer.PYPI,
            Platform.OSX_ARM64, true),
        new Case("pure-win-64", List.of(), List.of("requests[socks]", "rich"), Prefer.PYPI, Platform.WIN_64, true),
        // redis needs async-timeout>=4.0.3 only below python 3.11.3 (python_full_version): none exists (the
        // mirror has none, conda-forge has 4.0.2), so python 3.11.0 cannot have redis and 3.11.15 can
        new Case("marker-full-version-3.11.0", List.of("python=3.11.0"), List.of("redis"), Prefer.PYPI,
            Platform.LINUX_64, false),
        new Case("marker-full-version-3.11", List.of("python=3.11"), List.of("redis"), Prefer.PYPI,
            Platform.LINUX_64, true),
        // a manylinux-only wheel: fine on linux-64, "no distribution fits" on win-64 and osx-arm64
        new Case("platform-wheel-linux-64", List.of(), List.of("ujson"), Prefer.PYPI, Platform.LINUX_64, true),
        new Case("platform-wheel-win-64", List.of(), List.of("ujson"), Prefer.PYPI, Platform.WIN_64, false),
        new Case("platform-wheel-osx-arm64", List.of(), List.of("ujson"), Prefer.PYPI, Platform.OSX_ARM64, false));
    return c.stream().map(Arguments::of);
  }

  @BeforeAll
  void start(@TempDir Path cache) throws Exception {
    SharedData.require("pypi");
    fixture = new CrossFixture(cache);
    server = new MirrorServer(CrossFixture.mirror());
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void scenario(Case c) {
    String viaFile = run(c, CrossFixture.client(null));
    Golden.check(SharedData.projectRoot().resolve("testdata/resolve/cross/" + c.name() + ".expected"), viaFile);
    String viaHttp = run(c, CrossFixture.client(server.indexUrl(null)));
    assertThat(viaHttp.replace(server.indexUrl(null), "<mirror>/simple/"))
        .isEqualTo(viaFile.replace(CrossFixture.mirror().resolve("simple").toUri().toString(), "<mirror>/simple/"));
  }

  private String run(Case c, PypiClient client) {
    Request request = CrossFixture.request(c.platform(), c.conda(), c.pypi());
    Resolution r = Resolver.resolve(fixture.index(c.platform()), CrossFixture.source(client, c.prefer()),
        c.platform(), request);
    StringBuilder out = new StringBuilder();
    out.append("# conda: ").append(String.join(" ", c.conda())).append('\n')
        .append("# pypi: ").append(String.join(" ", c.pypi())).append('\n')
        .append("# prefer ").append(c.prefer()).append(", ").append(c.platform()).append('\n');
    if (r instanceof Resolution.Unsolvable u) {
      assertThat(c.solvable()).as("unsolvable:\n" + u.explanation()).isFalse();
      out.append(u.explanation().replace(CrossFixture.mirror().toUri().toString(), "<mirror>/"));
      u.hints().forEach(h -> out.append("hint: ").append(h.message()
          .replace(CrossFixture.mirror().toUri().toString(), "<mirror>/")).append('\n'));
      return out.toString();
    }
    assertThat(c.solvable()).as("solved").isTrue();
    Resolution.Solved s = (Resolution.Solved) r;
    check(request, s, c.platform());
    for (LockedPackage p : s.packages()) {
      if (p instanceof LockedPackage.Pypi y) {
        out.append("pypi  ").append(y.name().normalized()).append(' ').append(y.versionText()).append("  ")
            .append(y.fileName()).append(y.extras().isEmpty() ? "" : "  extras " + y.extras()).append('\n');
      } else if (p instanceof LockedPackage.Conda k) {
        out.append("conda ").append(k.name()).append(' ').append(k.versionText()).append(' ').append(k.build())
            .append('\n');
      }
    }
    return out.toString();
  }

  /** The independent check: the PyPI side of the solution, conda records standing in for the names they carry. */
  static void check(Request request, Resolution.Solved s, Platform platform) {
    List<dev.envx.model.pep508.Requirement> roots = new ArrayList<>();
    for (PypiRequirement p : request.pypiRequirements()) {
      roots.add(p.requirement());
    }
    List<Chosen> chosen = new ArrayList<>();
    Set<String> pypiNames = new HashSet<>();
    for (LockedPackage p : s.packages()) {
      if (p instanceof LockedPackage.Pypi y) {
        chosen.add(Chosen.pypi(y.fileName()));
        pypiNames.add(y.name().normalized());
      }
    }
    String python = null;
    Set<String> condaNames = new HashSet<>();
    for (LockedPackage.Conda k : s.conda()) {
      if (k.name().equals("python")) {
        // the full version: markers on python_full_version are decided per micro release
        python = k.versionText().matches("\\d+\\.\\d+\\.\\d+") ? k.versionText()
            : k.versionText().replaceAll("^(\\d+\\.\\d+).*", "$1");
        continue;
      }
      Optional<String> carried = CrossFixture.MAPPING.toPypi(k.name()).preferred();
      Optional<Pep440Version> v = Pep440Version.tryParse(k.versionText());
      if (carried.isPresent() && v.isPresent()) {
        PyPiName n = PyPiName.of(carried.get());
        assertThat(pypiNames).as("`" + n + "` from conda and from PyPI").doesNotContain(n.normalized());
        // conda-forge's metapackage `typing-extensions` and `typing_extensions` carry one PyPI name together
        if (condaNames.add(n.normalized())) {
          chosen.add(new Chosen(n, v.get(), null));
        }
      }
    }
    assertThat(python).as("a conda python is chosen").isNotNull();
    new PypiSetChecker(CrossFixture.mirror()).assertValid(roots, chosen, platform, python);
  }
}
