package dev.envx.resolve;

import dev.envx.index.RepodataIndex;
import dev.envx.model.conda.Platform;
import dev.envx.solve.Problem;
import dev.envx.solve.SolveResult;
import dev.envx.solve.Solver;

/** Solves a {@link CondaRequest} over a {@link RepodataIndex}: the one call the commands use. */
public final class CondaResolver {
  /** Explanations longer than this are cut (the solver keeps the core; the tail is rarely informative). */
  public static final int MAX_EXPLANATION_LINES = 30;

  private CondaResolver() {}

  /** Solves {@code request} for {@code target} over {@code index}. */
  public static Resolution resolve(RepodataIndex index, Platform target, CondaRequest request) {
    CondaProvider provider = new CondaProvider(index, target, request);
    Problem problem = provider.problem();
    Solver solver = new Solver(provider);
    SolveResult result = solver.solve(problem);
    if (result instanceof SolveResult.Solution s) {
      return new Resolution.Solved(provider.resolved(s.candidates()), solver.stats());
    }
    CondaProvider.Explanation e =
        provider.explain(((SolveResult.Conflict) result).graph(), MAX_EXPLANATION_LINES);
    return new Resolution.Unsolvable(e.text(), e.hints(), solver.stats());
  }
}
