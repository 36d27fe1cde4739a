package dev.envx.resolve.pypi;

import dev.envx.index.RepodataIndex;
import dev.envx.model.conda.Platform;
import dev.envx.resolve.CondaRequirement;
import dev.envx.resolve.Request;
import dev.envx.resolve.conda.CondaExplainer;
import dev.envx.solve.ConflictGraph;
import dev.envx.solve.Problem;
import dev.envx.solve.SolveResult;
import dev.envx.solve.Solver;
import dev.envx.solve.SolverStats;

/** One CDCL solve over conda records and PyPI distributions together ({@link CrossProvider}). */
public final class CrossResolver {
  private CrossResolver() {}

  /** A finished solve with what is needed to check or explain it. */
  public record Outcome(CrossProvider provider, PypiSource source, Problem problem, SolveResult result,
      SolverStats stats) {

    /** The conflict explained across both ecosystems. */
    public CondaExplainer.Explanation explain(int maxLines) {
      return new CrossExplainer(provider, source).explain(((SolveResult.Conflict) result).graph(), maxLines);
    }
  }

  /** Solves the conda and PyPI requirements of {@code request} for {@code target}. */
  public static Outcome solve(RepodataIndex index, PypiSource source, Platform target, Request request) {
    index.prefetchDependencies(request.condaRequirements().stream().map(CondaRequirement::name).toList());
    CrossProvider provider = new CrossProvider(index, source, target, request);
    Problem problem = provider.problem();
    Solver solver = new Solver(provider);
    SolveResult result = solver.solve(problem);
    return new Outcome(provider, source, problem, result, solver.stats());
  }

  /** As {@link Outcome#explain}, for a graph. */
  static CondaExplainer.Explanation explain(CrossProvider p, PypiSource s, ConflictGraph g, int maxLines) {
    return new CrossExplainer(p, s).explain(g, maxLines);
  }
}
