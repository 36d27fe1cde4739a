package dev.envx.resolve.pypi;

import dev.envx.index.RepodataIndex;
import dev.envx.model.conda.Platform;
import dev.envx.resolve.CondaRequirement;
import dev.envx.resolve.Request;
import dev.envx.resolve.conda.CondaExplainer;
import dev.envx.resolve.conda.CondaProvider;
import dev.envx.resolve.conda.CondaResolver;
import dev.envx.solve.ConflictGraph;
import dev.envx.solve.Problem;
import dev.envx.solve.SolveResult;
import dev.envx.solve.Solver;
import dev.envx.solve.SolverStats;

/**
 * One CDCL solve over conda records and PyPI distributions together ({@link CrossProvider}), under conda's
 * objective as conda-only solves have it ({@link CondaResolver#optimise}): the requested conda packages raised in
 * request order, then the fewest track-featured packages, each step a re-solve of the whole cross problem. So a
 * request with conda specs only picks what {@link CondaResolver#solve} picks.
 */
public final class CrossResolver {
  private CrossResolver() {}

  /**
   * A finished solve with what is needed to check or explain it; {@code problem} is the request's own (without
   * the re-solves' extra requirements), {@code solves} counts the solver runs.
   */
  public record Outcome(CrossProvider provider, PypiSource source, Problem problem, SolveResult result,
      SolverStats stats, int solves) implements CondaResolver.Attempt {

    /** The conflict explained across both ecosystems. */
    public CondaExplainer.Explanation explain(int maxLines) {
      return new CrossExplainer(provider, source).explain(((SolveResult.Conflict) result).graph(), maxLines);
    }

    @Override
    public CondaProvider conda() {
      return provider.conda();
    }

    @Override
    public int[] chosenConda() {
      if (!(result instanceof SolveResult.Solution s)) {
        return null;
      }
      return java.util.Arrays.stream(s.candidates()).filter(provider::isCondaCandidate).map(provider::condaId)
          .toArray();
    }
  }

  /** Solves the conda and PyPI requirements of {@code request} for {@code target}. */
  public static Outcome solve(RepodataIndex index, PypiSource source, Platform target, Request request) {
    index.prefetchDependencies(request.condaRequirements().stream().map(CondaRequirement::name).toList());
    CondaResolver.Optimised<Outcome> o = CondaResolver.optimise(index, request, r -> once(index, source, target, r));
    Outcome best = o.best();
    return new Outcome(best.provider(), source, best.provider().problemOf(request), best.result(), best.stats(),
        o.solves());
  }

  private static Outcome once(RepodataIndex index, PypiSource source, Platform target, Request request) {
    CrossProvider provider = new CrossProvider(index, source, target, request);
    Problem problem = provider.problem();
    Solver solver = new Solver(provider);
    SolveResult result = solver.solve(problem);
    return new Outcome(provider, source, problem, result, solver.stats(), 1);
  }

  /** As {@link Outcome#explain}, for a graph. */
  static CondaExplainer.Explanation explain(CrossProvider p, PypiSource s, ConflictGraph g, int maxLines) {
    return new CrossExplainer(p, s).explain(g, maxLines);
  }
}
