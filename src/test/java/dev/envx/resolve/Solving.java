package dev.envx.resolve;

import dev.envx.resolve.conda.CondaResolver;
import dev.envx.format.lock.LockedPackage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.cli.HintWords;
import dev.envx.index.RepodataIndex;
import dev.envx.model.conda.Platform;
import dev.envx.solve.SolutionChecker;
import dev.envx.solve.SolveResult;
import java.util.List;

/** Test helper: solves, and checks every solution with {@link SolutionChecker} and {@link IndependentChecker}. */
final class Solving {
  private Solving() {}

  /** Solves and verifies; returns the resolution (Solved or Unsolvable). */
  static Resolution solve(RepodataIndex index, Platform target, Request request) {
    CondaResolver.Outcome o = Resolver.solve(index, target, request);
    Resolution viaResolver = Resolver.resolve(index, target, request);
    if (o.result() instanceof SolveResult.Solution s) {
      assertThat(SolutionChecker.check(o.provider(), o.problem(), s.candidates())).as("SolutionChecker").isEmpty();
      List<LockedPackage> packages = o.provider().locked(s.candidates());
      assertThat(IndependentChecker.check(packages, request)).as("independent check").isEmpty();
      assertThat(viaResolver).isInstanceOf(Resolution.Solved.class);
      assertThat(((Resolution.Solved) viaResolver).packages()).isEqualTo(packages);
      return viaResolver;
    }
    assertThat(viaResolver).isInstanceOf(Resolution.Unsolvable.class);
    return viaResolver;
  }

  static Resolution.Solved solved(RepodataIndex index, Request request) {
    Resolution r = solve(index, Platform.LINUX_64, request);
    if (r instanceof Resolution.Unsolvable u) {
      throw new AssertionError("unsolvable:\n" + u.explanation() + String.join("\n", Solving.hints(u)));
    }
    return (Resolution.Solved) r;
  }

  static Resolution.Unsolvable unsolvable(RepodataIndex index, Request request) {
    Resolution r = solve(index, Platform.LINUX_64, request);
    if (r instanceof Resolution.Solved s) {
      throw new AssertionError("solvable: " + s.packages());
    }
    return (Resolution.Unsolvable) r;
  }

  /** Conda specs parsed, as the CLI parses its arguments. */
  static List<Requirement> specs(String... specs) {
    return CondaRequirement.parseAll(List.of(specs));
  }

  /** The hints in the CLI's words. */
  static List<String> hints(Resolution.Unsolvable u) {
    return u.hints().stream().map(HintWords::words).toList();
  }

  /** {@code name version build} of the chosen package of a name. */
  static String chosen(Resolution.Solved s, String name) {
    return s.get(name).map(p -> p.name() + " " + p.versionText() + " " + p.build()).orElse("<none>");
  }
}
