package dev.envx.solve;

import dev.envx.testing.Golden;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every {@code testdata/solve/<case>.universe} and compares the solution or conflict explanation with
 * {@code <case>.expected}. Regenerate with {@code -Denvx.update-golden=true} and review the diff.
 *
 * <p>A universe file holds {@link TestUniverse} lines plus {@code require: spec}, {@code constrain: spec},
 * {@code exclude: name version because reason} and {@code favor: name version} lines.
 */
class SolverGoldenTest {
  static Path dir() {
    return SharedData.projectRoot().resolve("testdata/solve");
  }

  static Stream<String> cases() throws IOException {
    try (Stream<Path> s = Files.list(dir())) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".universe"))
          .map(n -> n.substring(0, n.length() - ".universe".length()))
          .sorted()
          .toList()
          .stream();
    }
  }

  /** A parsed case: the universe and the problem. */
  record Case(TestUniverse universe, Problem problem) {
    static Case parse(String text) {
      StringBuilder lines = new StringBuilder();
      List<String> requires = new ArrayList<>();
      List<String> constrains = new ArrayList<>();
      List<String[]> excludes = new ArrayList<>();
      List<String> favors = new ArrayList<>();
      for (String line : text.split("\n")) {
        if (line.startsWith("require:")) {
          requires.add(line.substring(8).strip());
        } else if (line.startsWith("constrain:")) {
          constrains.add(line.substring(10).strip());
        } else if (line.startsWith("exclude:")) {
          excludes.add(line.substring(8).strip().split(" because ", 2));
        } else if (line.startsWith("favor:")) {
          favors.add(line.substring(6).strip());
        } else {
          lines.append(line).append('\n');
        }
      }
      TestUniverse u = TestUniverse.parse(lines.toString());
      excludes.forEach(e -> u.exclude(e[0], e[1]));
      favors.forEach(u::favor);
      return new Case(u, u.problem(requires, constrains));
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void matchesGolden(String name) throws IOException {
    Case c = Case.parse(Files.readString(dir().resolve(name + ".universe")));
    SolveResult result = new Solver(c.universe()).solve(c.problem());
    String actual = c.universe().show(result) + (result instanceof SolveResult.Solution ? "\n" : "");
    Path expectedFile = dir().resolve(name + ".expected");
    Golden.check(expectedFile, actual);

    // independent checks: a solution is valid; "unsolvable" agrees with exhaustive search
    int[] brute = BruteForce.find(c.universe(), c.universe().candidateCount(), c.problem());
    if (result instanceof SolveResult.Solution s) {
      assertThat(SolutionChecker.check(c.universe(), c.problem(), s.candidates())).isEmpty();
    } else {
      assertThat(brute).as("brute force finds a solution").isNull();
    }
    if (brute == null) {
      assertThat(result).isInstanceOf(SolveResult.Conflict.class);
    }
  }
}
