package dev.envx.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.index.RepodataIndex;
import dev.envx.model.conda.Platform;
import dev.envx.solve.SolutionChecker;
import dev.envx.solve.SolveResult;
import java.util.List;

/** Test helper: solves, and checks every solution with {@link SolutionChecker} and {@link IndependentChecker}. */
final class Solving {
  private Solving() {}

  /** Solves and verifies; returns the resolution (Solved or Unsolvable). */
  static Resolution solve(RepodataIndex index, Platform target, CondaRequest request) {
    CondaResolver.Outcome o = CondaResolver.solve(index, target, request);
    Resolution viaResolver = CondaResolver.resolve(index, target, request);
    if (o.result() instanceof SolveResult.Solution s) {
      assertThat(SolutionChecker.check(o.provider(), o.problem(), s.candidates())).as("SolutionChecker").isEmpty();
      List<ResolvedPackage> packages = o.provider().resolved(s.candidates());
      assertThat(IndependentChecker.check(packages, request)).as("independent check").isEmpty();
      assertThat(viaResolver).isInstanceOf(Resolution.Solved.class);
      assertThat(((Resolution.Solved) viaResolver).packages()).isEqualTo(packages);
      return viaResolver;
    }
    assertThat(viaResolver).isInstanceOf(Resolution.Unsolvable.class);
    return viaResolver;
  }

  static Resolution.Solved solved(RepodataIndex index, CondaRequest request) {
    Resolution r = solve(index, Platform.LINUX_64, request);
    if (r instanceof Resolution.Unsolvable u) {
      throw new AssertionError("unsolvable:\n" + u.explanation() + String.join("\n", u.hints()));
    }
    return (Resolution.Solved) r;
  }

  static Resolution.Unsolvable unsolvable(RepodataIndex index, CondaRequest request) {
    Resolution r = solve(index, Platform.LINUX_64, request);
    if (r instanceof Resolution.Solved s) {
      throw new AssertionError("solvable: " + s.packages());
    }
    return (Resolution.Unsolvable) r;
  }

  /** {@code name version build} of the chosen package of a name. */
  static String chosen(Resolution.Solved s, String name) {
    return s.get(name).map(p -> p.name() + " " + p.version() + " " + p.build()).orElse("<none>");
  }
}
