package dev.envx.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.format.lock.LockedPackage;
import dev.envx.index.PackageRecord;
import dev.envx.index.RepodataIndex;
import dev.envx.model.conda.Platform;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Track features are minimised for the whole solution (libsolv's conda policy), not only for the first pick: over
 * the real 2018 defaults channel, each numpy/scipy/pandas/scikit-learn stack per Python version comes out with as
 * few track-featured packages as any valid solution with the same requested versions. Checked independently of
 * the resolver's own loop: for each track-featured package of the solution, solve again with the requested
 * packages held at their chosen versions ({@code name ==V}) and every track-featured record of that package
 * avoided; no such solve may have fewer track-featured packages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrackFeatureMinimizationTest {
  private RepodataIndex index;

  static Stream<String> requests() {
    List<String> out = new ArrayList<>();
    for (String py : List.of("2.7", "3.5", "3.6", "3.7")) {
      for (String stack : List.of("numpy", "numpy scipy", "numpy scipy pandas", "scikit-learn",
          "pandas scikit-learn matplotlib", "numpy=1.11 scipy", "numpy=1.13 pandas", "scipy nomkl")) {
        out.add("python=" + py + " " + stack);
      }
    }
    // the first choice meets a conflict and the greedy search keeps `blas * openblas` (track_features nomkl)
    // although an mkl blas fits the same requested versions; found by solving 386 stacks without the
    // minimisation (python 2.7-3.7 x numpy 1.9-1.15 x 12 companions), these are the ones that needed it
    out.addAll(List.of("python=2.7 numpy=1.12 scipy", "python=2.7 numpy=1.13 scipy", "python=3.6 numpy=1.12 scipy",
        "python=3.6 numpy=1.13 scipy"));
    out.add("numpy nomkl");
    out.add("scikit-learn nomkl");
    return out.stream();
  }

  private RepodataIndex index() {
    if (index == null) {
      index = new RealChannelSolveTest().index("defaults-2018");
    }
    return index;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void noSolutionWithTheSameRequestedVersionsHasFewerTrackFeatures(String line) {
    RepodataIndex idx = index();
    List<String> specs = RealChannelSolveTest.specs(line);
    Request request = RealChannelSolveTest.request("defaults-2018", specs);
    Resolution r = Solving.solve(idx, Platform.LINUX_64, request);
    if (!(r instanceof Resolution.Solved s)) {
      return; // e.g. no numpy 1.11 for python 3.7: nothing to minimise
    }
    List<String> featured = featured(s);
    List<String> held = new ArrayList<>(specs);
    for (CondaRequirement q : request.condaRequirements()) {
      held.add(q.name() + " ==" + s.get(q.name()).orElseThrow().versionText());
    }
    for (String name : featured) {
      Set<String> avoided = new HashSet<>();
      for (PackageRecord rec : idx.records(name)) {
        if (!rec.trackFeatures().isEmpty()) {
          avoided.add(rec.dist());
        }
      }
      Resolution other = Solving.solve(idx, Platform.LINUX_64,
          request.withRequirements(CondaRequirement.parseAll(held)).withAvoided(avoided));
      if (other instanceof Resolution.Solved o) {
        assertThat(featured(o)).as("%s: avoiding the track-featured `%s` gives %s instead of %s", line, name,
            featured(o), featured).hasSizeGreaterThanOrEqualTo(featured.size());
      }
    }
  }

  private static List<String> featured(Resolution.Solved s) {
    return s.conda().stream().filter(p -> !p.trackFeatures().isEmpty()).map(LockedPackage.Conda::name).toList();
  }
}
