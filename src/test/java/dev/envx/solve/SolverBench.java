package dev.envx.solve;

import java.util.List;

/**
 * Solves {@link SyntheticUniverse} problems and prints timings (run through {@code scripts/bench-solver}).
 * Arguments: [names] [meanVersions] [rootRequests] [seeds].
 */
public final class SolverBench {
  private SolverBench() {}

  public static void main(String[] args) {
    int names = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    int meanVersions = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    int roots = args.length > 2 ? Integer.parseInt(args[2]) : 25;
    int seeds = args.length > 3 ? Integer.parseInt(args[3]) : 8;
    for (int round = 0; round < 2; round++) { // the first round warms up the JIT
      for (long seed = 1; seed <= seeds; seed++) {
        SyntheticUniverse u = new SyntheticUniverse(seed, names, meanVersions);
        for (int py : new int[] {-1, 2}) {
          Problem p = u.rootProblem(roots, py);
          long t0 = System.nanoTime();
          Solver s = new Solver(u);
          SolveResult r = s.solve(p);
          long t1 = System.nanoTime();
          String outcome;
          if (r instanceof SolveResult.Solution sol) {
            List<String> errors = SolutionChecker.check(u, p, sol.candidates());
            outcome = sol.candidates().length + " chosen" + (errors.isEmpty() ? ", checked" : ", INVALID " + errors);
          } else {
            if (Boolean.getBoolean("bench.explain") && round == 1) {
              System.out.print(((SolveResult.Conflict) r).render());
            }
            outcome = "unsolvable, explanation " + ((SolveResult.Conflict) r).render().split("\n").length
                + " lines";
          }
          if (round == 1 || Boolean.getBoolean("bench.verbose")) {
            System.out.printf("seed=%d records=%d python=%s  %6.1f ms  %s  [%s]%n", seed, u.total,
                py < 0 ? "any" : "3." + py, (t1 - t0) / 1e6, outcome, s.stats());
          }
        }
      }
    }
  }
}
