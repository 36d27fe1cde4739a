package dev.envx.solve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** {@link SolveResult.Solution} keeps its ids ascending whatever the solver hands it. */
class SolutionOrderTest {
  @Property(tries = 2000)
  void idsComeOutAscendingAsArraysSortWouldHaveThem(
      @ForAll @Size(max = 300) List<@IntRange(min = -5, max = 20_000) Integer> list) {
    int[] ids = list.stream().mapToInt(Integer::intValue).toArray();
    int[] expected = ids.clone();
    Arrays.sort(expected);
    int[] before = ids.clone();

    assertThat(new SolveResult.Solution(ids).candidates()).containsExactly(expected);
    assertThat(ids).as("the caller's array is left as it was").containsExactly(before);
  }

  @Test
  void repeatedAndNegativeIdsAreKept() {
    assertThat(new SolveResult.Solution(new int[] {7, 3, 7, -1, 0}).candidates()).containsExactly(-1, 0, 3, 7, 7);
    assertThat(new SolveResult.Solution(new int[] {9, 2, 5}).candidates()).containsExactly(2, 5, 9);
    assertThat(new SolveResult.Solution(new int[0]).candidates()).isEmpty();
    assertThat(new SolveResult.Solution(new int[] {Integer.MAX_VALUE, 4, 1_000_000}).candidates())
        .containsExactly(4, 1_000_000, Integer.MAX_VALUE);
  }
}
