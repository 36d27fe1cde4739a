package dev.envx.solve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SolutionCheckerTest {
  private final TestUniverse u = TestUniverse.parse("""
      a 1 -> b >=2 !> c <2
      b 1
      b 2
      c 1
      c 2
      w 1 +b
      """).exclude("c 1", "it is yanked");
  private final Problem problem = u.problem(List.of("a"), List.of("b <3"));

  private List<String> check(String... chosen) {
    return SolutionChecker.check(u, problem, java.util.Arrays.stream(chosen).mapToInt(u::candidate).toArray());
  }

  @Test
  void acceptsAValidChoice() {
    assertThat(check("a 1", "b 2")).isEmpty();
  }

  @Test
  void reportsEachKindOfViolation() {
    assertThat(check()).containsExactly("root requirement a is not met");
    assertThat(check("a 1", "b 1")).containsExactly("a 1 requires b >=2, which is not met");
    assertThat(check("a 1", "b 2", "c 2")).containsExactly("c 2 violates the constraint c <2 of a 1");
    assertThat(check("a 1", "b 2", "c 1")).containsExactly("c 1 is chosen but excluded: it is yanked");
    assertThat(check("a 1", "b 2", "b 1")).containsExactly(
        "b 2 and b 1 are both chosen but share the group `b`");
    assertThat(check("a 1", "b 2", "w 1")).containsExactly(
        "b 2 and w 1 are both chosen but share the group `b`");
  }
}
