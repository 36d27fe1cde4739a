package dev.envx.resolve;

import dev.envx.index.RepodataIndex;
import dev.envx.model.conda.Platform;
import dev.envx.resolve.conda.CondaExplainer;
import dev.envx.resolve.conda.CondaResolver;
import dev.envx.solve.SolveResult;

/** Solves a {@link Request} over a {@link RepodataIndex}: the one call the commands use. */
public final class Resolver {
  /** Explanations longer than this are cut (the solver keeps the core; the tail is rarely informative). */
  public static final int MAX_EXPLANATION_LINES = 30;

  private Resolver() {}

  /**
   * Solves {@code request} for {@code target} over {@code index}.
   *
   * @throws IllegalArgumentException when the request holds a {@link PypiRequirement}: the PyPI source comes
   *     with the PyPI index
   */
  public static Resolution resolve(RepodataIndex index, Platform target, Request request) {
    CondaResolver.Outcome o = solve(index, target, request);
    if (o.result() instanceof SolveResult.Solution s) {
      return new Resolution.Solved(o.provider().locked(s.candidates()), o.stats());
    }
    CondaExplainer.Explanation e =
        o.provider().explain(((SolveResult.Conflict) o.result()).graph(), MAX_EXPLANATION_LINES);
    return new Resolution.Unsolvable(e.text(), e.hints(), o.stats());
  }

  /** As {@link #resolve}, returning the provider and the raw result (for checks and tools). */
  public static CondaResolver.Outcome solve(RepodataIndex index, Platform target, Request request) {
    for (Requirement r : request.requirements()) {
      if (r instanceof PypiRequirement p) {
        throw new IllegalArgumentException("PyPI requirements are not solved yet: `" + p.display() + "`");
      }
    }
    return CondaResolver.solve(index, target, request);
  }
}
