package dev.envx.resolve;

import dev.envx.index.PackageRecord;
import dev.envx.index.RepodataIndex;
import dev.envx.model.conda.MatchSpec;
import dev.envx.model.conda.Platform;
import dev.envx.solve.Problem;
import dev.envx.solve.SolveResult;
import dev.envx.solve.Solver;
import dev.envx.solve.SolverStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Solves a {@link CondaRequest} over a {@link RepodataIndex}: the one call the commands use.
 *
 * <p>The solver decides greedily, requirement by requirement, so a dependency chosen for one request (say
 * {@code python 3.7} for {@code numpy}) can keep a later request below its best feasible version. Like conda,
 * which maximises the versions of the requested packages before anything else, the resolver then raises the
 * requested packages in request order: while a candidate with a higher version exists that is no worse in
 * channel rank and track features, it solves again with
 * {@code name >CHOSEN} added (earlier requests held at their versions) and keeps the better solution. A locked
 * ({@link CondaRequest#locked()}) choice is kept as it is. The common
 * case, every request already at its highest candidate, costs no extra solve.
 */
public final class CondaResolver {
  /** Explanations longer than this are cut (the solver keeps the core; the tail is rarely informative). */
  public static final int MAX_EXPLANATION_LINES = 30;

  private CondaResolver() {}

  /**
   * One finished solve with everything needed to check it: the provider (ids, records), the problem and the
   * solver's result; {@code solves} counts the solver runs (1 + the raising re-solves).
   */
  public record Outcome(CondaProvider provider, Problem problem, SolveResult result, SolverStats stats, int solves) {}

  /** Solves {@code request} for {@code target} over {@code index}. */
  public static Resolution resolve(RepodataIndex index, Platform target, CondaRequest request) {
    Outcome o = solve(index, target, request);
    if (o.result() instanceof SolveResult.Solution s) {
      return new Resolution.Solved(o.provider().resolved(s.candidates()), o.stats());
    }
    CondaProvider.Explanation e =
        o.provider().explain(((SolveResult.Conflict) o.result()).graph(), MAX_EXPLANATION_LINES);
    return new Resolution.Unsolvable(e.text(), e.hints(), o.stats());
  }

  /** As {@link #resolve}, returning the provider and the raw result (for checks and tools). */
  public static Outcome solve(RepodataIndex index, Platform target, CondaRequest request) {
    // sharded channels (CEP 16): fetch the shards of the requested names' dependency closure in parallel
    // batches, one per level, instead of one name at a time as the solver reaches them
    List<String> names = request.specs().stream().map(spec -> MatchSpec.parse(spec).exactName()).toList();
    index.prefetchDependencies(names.stream().filter(Objects::nonNull).toList());
    Outcome best = once(index, target, request, 1);
    if (!(best.result() instanceof SolveResult.Solution)) {
      return best;
    }
    List<String> held = new ArrayList<>();
    int solves = 1;
    for (int i = 0; i < names.size(); i++) {
      String spec = request.specs().get(i);
      String name = names.get(i);
      while (true) {
        PackageRecord chosen = chosen(best, name);
        if (chosen == null || request.locked().contains(chosen.dist())
            || !best.provider().hasCandidateAbove(spec, chosen)) {
          break;
        }
        List<String> specs = new ArrayList<>(request.specs());
        specs.addAll(held);
        specs.add(name + " >" + chosen.version());
        Outcome up = once(index, target, request.withSpecs(specs), ++solves);
        if (!(up.result() instanceof SolveResult.Solution) || !best.provider().improves(chosen(up, name), chosen)) {
          break;
        }
        best = up;
      }
      PackageRecord fixed = chosen(best, name);
      if (fixed != null) {
        held.add(name + " ==" + fixed.version());
      }
    }
    return new Outcome(best.provider(), best.provider().problemOf(request), best.result(), best.stats(), solves);
  }

  private static Outcome once(RepodataIndex index, Platform target, CondaRequest request, int solves) {
    CondaProvider provider = new CondaProvider(index, target, request);
    Problem problem = provider.problem();
    Solver solver = new Solver(provider);
    SolveResult result = solver.solve(problem);
    return new Outcome(provider, problem, result, solver.stats(), solves);
  }

  private static PackageRecord chosen(Outcome o, String name) {
    for (int c : ((SolveResult.Solution) o.result()).candidates()) {
      if (o.provider().record(c).name().equals(name)) {
        return o.provider().record(c);
      }
    }
    return null;
  }
}
