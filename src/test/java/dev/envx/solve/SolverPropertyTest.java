package dev.envx.solve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * On random tiny universes: every solution passes {@link SolutionChecker}, and "unsolvable" agrees with an
 * exhaustive search over all subsets of candidates.
 */
class SolverPropertyTest {

  @Property(tries = 1500)
  void solutionsAreValidAndUnsatMatchesBruteForce(@ForAll("universes") String text) {
    agreesWithBruteForce(text, 0); // the default
  }

  @Property(tries = 1000)
  void backjumpingNonChronologicallyIsAlsoCorrect(@ForAll("universes") String text) {
    agreesWithBruteForce(text, Integer.MAX_VALUE);
  }

  static void agreesWithBruteForce(String text, int chronoThreshold) {
    SolverGoldenTest.Case c = SolverGoldenTest.Case.parse(text);
    SolveResult result = new Solver(c.universe(), chronoThreshold).solve(c.problem());
    int[] brute = BruteForce.find(c.universe(), c.universe().candidateCount(), c.problem());
    if (result instanceof SolveResult.Solution s) {
      assertThat(SolutionChecker.check(c.universe(), c.problem(), s.candidates()))
          .as("violations of %s in\n%s", c.universe().show(s.candidates()), text)
          .isEmpty();
    } else {
      assertThat(brute).as("brute force found %s for\n%s", brute == null ? "" : c.universe().show(brute), text)
          .isNull();
      String explanation = ((SolveResult.Conflict) result).render();
      assertThat(explanation).startsWith("the following requirements are incompatible:\n");
      assertThat(explanation.split("\n").length).isLessThanOrEqualTo(40);
    }
  }

  @Property(tries = 300)
  void deterministic(@ForAll("universes") String text) {
    SolverGoldenTest.Case c = SolverGoldenTest.Case.parse(text);
    SolveResult first = new Solver(c.universe()).solve(c.problem());
    c.universe().reset();
    SolveResult second = new Solver(c.universe()).solve(c.problem());
    assertThat(c.universe().show(second)).isEqualTo(c.universe().show(first));
  }

  /** Larger universes (too big to enumerate): both backtracking modes agree and every solution checks out. */
  @Property(tries = 300)
  void backtrackingModesAgreeOnLargerUniverses(@ForAll long seed) {
    String text = randomUniverse(seed, 6, 6, 60);
    SolverGoldenTest.Case c = SolverGoldenTest.Case.parse(text);
    SolveResult far = new Solver(c.universe(), Integer.MAX_VALUE).solve(c.problem());
    c.universe().reset();
    SolveResult chrono = new Solver(c.universe(), 0).solve(c.problem());
    assertThat(chrono.getClass()).as("%s", text).isEqualTo(far.getClass());
    for (SolveResult r : List.of(far, chrono)) {
      if (r instanceof SolveResult.Solution s) {
        assertThat(SolutionChecker.check(c.universe(), c.problem(), s.candidates())).as("%s", text).isEmpty();
      }
    }
  }

  @Provide
  Arbitrary<String> universes() {
    return Arbitraries.longs().map(SolverPropertyTest::randomUniverse);
  }

  static String randomUniverse(long seed) {
    return randomUniverse(seed, 2, 3, 12);
  }

  static String randomUniverse(long seed, int minNames, int maxVersions, int maxCandidates) {
    Random r = new Random(seed);
    int names = minNames + r.nextInt(3);
    List<String> lines = new ArrayList<>();
    List<String> all = new ArrayList<>();
    int total = 0;
    for (int n = 0; n < names; n++) {
      int versions = 1 + r.nextInt(maxVersions);
      for (int v = 1; v <= versions && total < maxCandidates; v++, total++) {
        StringBuilder sb = new StringBuilder("p" + n + " " + v);
        if (r.nextInt(8) == 0) {
          sb.append(" +g").append(r.nextInt(2));
        }
        int reqs = r.nextInt(3);
        if (reqs > 0) {
          List<String> rs = new ArrayList<>();
          for (int i = 0; i < reqs; i++) {
            rs.add(spec(r, names));
          }
          sb.append(" -> ").append(String.join(", ", rs));
        }
        if (r.nextInt(5) == 0) {
          sb.append(" !> ").append(single(r, names));
        }
        lines.add(sb.toString());
        all.add("p" + n + " " + v);
      }
    }
    int roots = 1 + r.nextInt(2);
    for (int i = 0; i < roots; i++) {
      lines.add("require: " + spec(r, names));
    }
    if (r.nextInt(5) == 0) {
      lines.add("constrain: " + single(r, names));
    }
    if (r.nextInt(5) == 0) {
      lines.add("exclude: " + all.get(r.nextInt(all.size())) + " because it is broken");
    }
    if (r.nextInt(4) == 0) {
      lines.add("favor: " + all.get(r.nextInt(all.size())));
    }
    return String.join("\n", lines) + "\n";
  }

  private static String spec(Random r, int names) {
    String s = single(r, names);
    return r.nextInt(6) == 0 ? s + " | " + single(r, names) : s;
  }

  private static String single(Random r, int names) {
    String name = "p" + r.nextInt(names + (r.nextInt(10) == 0 ? 1 : 0)); // sometimes a name nobody provides
    return switch (r.nextInt(5)) {
      case 0 -> name;
      case 1 -> name + " >=" + (1 + r.nextInt(3));
      case 2 -> name + " <" + (1 + r.nextInt(3));
      case 3 -> name + " " + (1 + r.nextInt(3));
      default -> name + " !=" + (1 + r.nextInt(3));
    };
  }
}
