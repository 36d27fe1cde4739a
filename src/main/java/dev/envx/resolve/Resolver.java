package dev.envx.resolve;

import dev.envx.index.RepodataIndex;
import dev.envx.model.conda.Platform;
import dev.envx.resolve.conda.CondaExplainer;
import dev.envx.resolve.conda.CondaResolver;
import dev.envx.format.lock.LockedPackage;
import dev.envx.resolve.pypi.CrossProvider;
import dev.envx.resolve.pypi.CrossResolver;
import dev.envx.resolve.pypi.PypiSource;
import dev.envx.solve.SolveResult;

/** Solves a {@link Request} over a {@link RepodataIndex}: the one call the commands use. */
public final class Resolver {
  /** Explanations longer than this are cut (the solver keeps the core; the tail is rarely informative). */
  public static final int MAX_EXPLANATION_LINES = 30;

  private Resolver() {}

  /**
   * Solves {@code request} for {@code target} over {@code index}.
   *
   * @throws IllegalArgumentException when the request holds a {@link PypiRequirement}: that needs the PyPI
   *     source ({@link #resolve(RepodataIndex, PypiSource, Platform, Request)})
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

  /**
   * Solves {@code request}, conda and PyPI requirements alike, as one problem over {@code index} and
   * {@code pypi} (see {@link CrossProvider}); the packages of a solution are {@link LockedPackage.Conda} and
   * {@link LockedPackage.Pypi}. A request without PyPI requirements is solved as {@link #resolve(RepodataIndex,
   * Platform, Request)} solves it.
   */
  public static Resolution resolve(RepodataIndex index, PypiSource pypi, Platform target, Request request) {
    if (!hasPypi(request)) {
      return resolve(index, target, request);
    }
    CrossResolver.Outcome o = CrossResolver.solve(index, pypi, target, request);
    if (o.result() instanceof SolveResult.Solution s) {
      return new Resolution.Solved(o.provider().locked(s.candidates()), o.stats());
    }
    CondaExplainer.Explanation e = o.explain(MAX_EXPLANATION_LINES);
    return new Resolution.Unsolvable(e.text(), e.hints(), o.stats());
  }

  private static boolean hasPypi(Request request) {
    return request.requirements().stream().anyMatch(r -> r instanceof PypiRequirement)
        || request.constraints().stream().anyMatch(r -> r instanceof PypiRequirement);
  }

  /** As {@link #resolve}, returning the provider and the raw result (for checks and tools). */
  public static CondaResolver.Outcome solve(RepodataIndex index, Platform target, Request request) {
    for (Requirement r : request.requirements()) {
      if (r instanceof PypiRequirement p) {
        throw new IllegalArgumentException("PyPI requirements need the PyPI source: `" + p.display()
            + "` (use resolve(index, pypiSource, target, request))");
      }
    }
    return CondaResolver.solve(index, target, request);
  }
}
