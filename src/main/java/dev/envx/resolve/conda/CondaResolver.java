package dev.envx.resolve.conda;

import dev.envx.index.PackageRecord;
import dev.envx.index.RepodataIndex;
import dev.envx.model.conda.ChannelPriority;
import dev.envx.model.conda.Platform;
import dev.envx.model.conda.VersionSpec;
import dev.envx.resolve.CondaRequirement;
import dev.envx.resolve.Request;
import dev.envx.resolve.Requirement;
import dev.envx.solve.Problem;
import dev.envx.solve.SolveResult;
import dev.envx.solve.Solver;
import dev.envx.solve.SolverStats;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * conda's objective over the greedy solver, in two passes of re-solves.
 *
 * <p><b>Raise the requested packages.</b> The solver decides requirement by requirement, so a dependency chosen for
 * one request (say {@code python 3.7} for {@code numpy}) can keep a later request below its best feasible version.
 * Like conda, which maximises the versions of the requested packages before anything else, the resolver raises
 * them in request order: while a candidate with a higher version exists that is no worse in channel rank and
 * track features, it solves again with the typed requirement {@code name >CHOSEN} added (earlier requests held at
 * their versions) and keeps the better solution. A locked ({@link Request#locked()}) choice is kept as it is.
 *
 * <p><b>Fewest track features for the whole solution.</b> libsolv's conda policy minimises the track-featured
 * packages of the solution, not only of the first pick: after a conflict the greedy search can keep a
 * track-featured build ({@code blas * openblas}, {@code nomkl}) that another solution with the same requested
 * versions avoids. With the requested packages held at their versions, the resolver avoids, name by name, the
 * track-featured records of each track-featured package of the solution and keeps a solution with fewer
 * track-featured packages, until none has fewer.
 *
 * <p>The common case (every request at its highest candidate, no track features in the solution) costs no extra
 * solve.
 */
public final class CondaResolver {
  private CondaResolver() {}

  /**
   * One solve as the objective's re-solves see it: the conda side of its provider and, when it found a solution,
   * the chosen conda candidates (ids of {@link #conda()}). Conda-only solves ({@link Outcome}) and cross-ecosystem
   * ones ({@code resolve.pypi.CrossResolver}) both are.
   */
  public interface Attempt {
    /** The conda provider of this solve (its request, ids, records). */
    CondaProvider conda();

    /** The chosen conda candidates (ids of {@link #conda()}), or null when this solve found no solution. */
    int[] chosenConda();
  }

  /**
   * One finished solve with everything needed to check it: the provider (ids, records), the problem and the
   * solver's result; {@code solves} counts the solver runs (1 + the re-solves).
   */
  public record Outcome(CondaProvider provider, Problem problem, SolveResult result, SolverStats stats, int solves)
      implements Attempt {
    @Override
    public CondaProvider conda() {
      return provider;
    }

    @Override
    public int[] chosenConda() {
      return result instanceof SolveResult.Solution s ? s.candidates() : null;
    }
  }

  /** The best attempt of {@link #optimise} and the number of solver runs it took (1 + the re-solves). */
  public record Optimised<A extends Attempt>(A best, int solves) {}

  /** Solves the conda requirements of {@code request} for {@code target} over {@code index}. */
  public static Outcome solve(RepodataIndex index, Platform target, Request request) {
    List<CondaRequirement> requested = request.condaRequirements();
    // sharded channels (CEP 16): fetch the shards of the requested names' dependency closure in parallel
    // batches, one per level, instead of one name at a time as the solver reaches them
    index.prefetchDependencies(requested.stream().map(CondaRequirement::name).toList());
    int[] n = {0};
    Optimised<Outcome> o = optimise(index, request, r -> once(index, target, r, ++n[0]));
    Outcome best = o.best();
    return new Outcome(best.provider(), best.provider().problemOf(request), best.result(), best.stats(), o.solves());
  }

  /**
   * conda's objective (see the class comment) over any solve: {@code once} solves a request (the given one, then
   * the re-solves' requests: more requirements, more avoided records); the result is the best attempt. An
   * unsolvable first attempt is returned as it is.
   */
  public static <A extends Attempt> Optimised<A> optimise(RepodataIndex index, Request request,
      Function<Request, A> once) {
    int[] solves = {1};
    A best = once.apply(request);
    if (best.chosenConda() == null) {
      return new Optimised<>(best, 1);
    }
    List<Requirement> held = new ArrayList<>();
    for (CondaRequirement req : request.condaRequirements()) {
      String name = req.name();
      while (true) {
        CondaCandidate chosen = chosen(best, name);
        if (chosen == null || request.locked().contains(chosen.record.dist())
            || !hasCandidateAbove(best.conda(), req, chosen)) {
          break;
        }
        List<Requirement> reqs = new ArrayList<>(request.requirements());
        reqs.addAll(held);
        reqs.add(CondaRequirement.of(name, new VersionSpec.Relational(VersionSpec.Op.GT, chosen.version)));
        solves[0]++;
        A up = once.apply(request.withRequirements(reqs));
        if (up.chosenConda() == null || !improves(request, chosen(up, name), chosen)) {
          break;
        }
        best = up;
      }
      CondaCandidate fixed = chosen(best, name);
      if (fixed != null) {
        held.add(CondaRequirement.of(name, new VersionSpec.Relational(VersionSpec.Op.EQ, fixed.version)));
      }
    }
    best = fewestTrackFeatures(index, request, held, best, solves, once);
    return new Optimised<>(best, solves[0]);
  }

  private static <A extends Attempt> A fewestTrackFeatures(RepodataIndex index, Request request,
      List<Requirement> held, A best, int[] solves, Function<Request, A> once) {
    Set<String> avoided = new HashSet<>(request.avoided());
    boolean better = true;
    while (better) {
      better = false;
      TreeSet<String> featured = trackFeatured(best);
      for (String name : featured) {
        Set<String> more = new HashSet<>(avoided);
        for (PackageRecord r : index.records(name)) {
          if (!r.trackFeatures().isEmpty()) {
            more.add(r.dist());
          }
        }
        List<Requirement> reqs = new ArrayList<>(request.requirements());
        reqs.addAll(held);
        solves[0]++;
        A o = once.apply(request.withRequirements(reqs).withAvoided(more));
        if (o.chosenConda() != null && trackFeatured(o).size() < featured.size()) {
          best = o;
          avoided = more;
          better = true;
          break;
        }
      }
    }
    return best;
  }

  /** The names of the solution's channel packages that have track features. */
  static TreeSet<String> trackFeatured(Attempt o) {
    TreeSet<String> out = new TreeSet<>();
    for (int c : o.chosenConda()) {
      CondaCandidate k = o.conda().candidate(c);
      if (!k.virtual && k.trackFeatureCount() > 0) {
        out.add(k.record.name());
      }
    }
    return out;
  }

  /** Whether {@code req} admits an allowed candidate that {@link #improves improves} on {@code chosen}. */
  private static boolean hasCandidateAbove(CondaProvider p, CondaRequirement req, CondaCandidate chosen) {
    int vs = p.versionSet(req);
    for (int c : p.candidates(p.set(vs).name())) {
      CondaCandidate k = p.candidate(c);
      if (k.invalid == null && improves(p.request(), k, chosen) && p.matches(vs, c)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code a} is a higher version than {@code b} of the same name without being worse in what ranks
   * before the version: its channel (unless priority is disabled) and its number of track features.
   */
  private static boolean improves(Request request, CondaCandidate a, CondaCandidate b) {
    if (request.channelPriority() != ChannelPriority.DISABLED && a.rank > b.rank) {
      return false;
    }
    if (a.trackFeatureCount() > b.trackFeatureCount()) {
      return false;
    }
    return a.invalid == null && b.invalid == null && a.version.compareTo(b.version) > 0;
  }

  private static Outcome once(RepodataIndex index, Platform target, Request request, int solves) {
    CondaProvider provider = new CondaProvider(index, target, request);
    Problem problem = provider.problem();
    Solver solver = new Solver(provider);
    SolveResult result = solver.solve(problem);
    return new Outcome(provider, problem, result, solver.stats(), solves);
  }

  private static CondaCandidate chosen(Attempt o, String name) {
    for (int c : o.chosenConda()) {
      CondaCandidate k = o.conda().candidate(c);
      if (k.record.name().equals(name)) {
        return k;
      }
    }
    return null;
  }
}
