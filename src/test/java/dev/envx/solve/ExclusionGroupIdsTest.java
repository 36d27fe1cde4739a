package dev.envx.solve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Extra exclusion groups have an id space of their own: a name allocated lazily, after the groups, may get the
 * same number as a group without joining it.
 */
class ExclusionGroupIdsTest {
  /**
   * Names get ids as the solver reaches them: {@code app} 0, then {@code lib} 1 and {@code tool} 2. The PyPI-style
   * extra groups {@code g0} (id 0) and {@code g1} (id 1) exist before any name: {@code wheel-a} claims g1 and
   * {@code wheel-b} claims g2, so wheel-a shares its group number with the name {@code lib} and wheel-b with
   * {@code tool}.
   */
  private static class LazyNames implements Provider {
    final List<String> names = new ArrayList<>();
    final Map<String, Integer> ids = new HashMap<>();
    // candidates: 0 app 1 (requires lib, tool, wheel-a, wheel-b), 1 lib 1, 2 tool 1, 3 wheel-a 1, 4 wheel-b 1
    final String[] candName = {"app", "lib", "tool", "wheel-a", "wheel-b"};
    // version sets: 0 = app, 1 = lib, 2 = tool, 3 = wheel-a, 4 = wheel-b
    final String[] setName = {"app", "lib", "tool", "wheel-a", "wheel-b"};

    int name(String n) {
      return ids.computeIfAbsent(n, k -> {
        names.add(k);
        return names.size() - 1;
      });
    }

    @Override
    public int[] candidates(int name) {
      String n = names.get(name);
      for (int c = 0; c < candName.length; c++) {
        if (candName[c].equals(n)) {
          return new int[] {c};
        }
      }
      return new int[0];
    }

    @Override
    public int nameOf(int candidate) {
      return name(candName[candidate]);
    }

    @Override
    public int[] extraGroups(int candidate) {
      return switch (candidate) {
        case 3 -> new int[] {1};
        case 4 -> new int[] {2};
        default -> NO_GROUPS;
      };
    }

    @Override
    public Dependencies dependencies(int candidate) {
      return candidate == 0 ? new Dependencies(new int[] {1, 2, 3, 4}, new int[0]) : Dependencies.NONE;
    }

    @Override
    public int[] namesOf(int versionSet) {
      return new int[] {name(setName[versionSet])};
    }

    @Override
    public boolean matches(int versionSet, int candidate) {
      return setName[versionSet].equals(candName[candidate]);
    }

    @Override
    public String displayName(int name) {
      return names.get(name);
    }

    @Override
    public String displayVersion(int candidate) {
      return "1";
    }

    @Override
    public String displayVersionSet(int versionSet) {
      return setName[versionSet];
    }

    @Override
    public String displayGroup(int group) {
      return "g" + group;
    }
  }

  @Test
  void aNameAllocatedAfterAGroupWithTheSameIdDoesNotJoinIt() {
    LazyNames p = new LazyNames();
    Problem problem = Problem.of(0);
    SolveResult r = new Solver(p).solve(problem);
    assertThat(r).isInstanceOf(SolveResult.Solution.class);
    int[] chosen = ((SolveResult.Solution) r).candidates();
    assertThat(chosen).containsExactly(0, 1, 2, 3, 4);
    assertThat(p.nameOf(1)).as("lib's name id equals wheel-a's group id").isEqualTo(p.extraGroups(3)[0]);
    assertThat(p.nameOf(2)).as("tool's name id equals wheel-b's group id").isEqualTo(p.extraGroups(4)[0]);
    assertThat(SolutionChecker.check(p, problem, chosen)).isEmpty();
  }

  @Test
  void twoCandidatesInOneExtraGroupStillExcludeEachOther() {
    LazyNames p = new LazyNames() {
      @Override
      public int[] extraGroups(int candidate) {
        return candidate == 3 || candidate == 4 ? new int[] {0} : NO_GROUPS;
      }
    };
    SolveResult r = new Solver(p).solve(Problem.of(0));
    assertThat(r).isInstanceOf(SolveResult.Conflict.class);
    assertThat(((SolveResult.Conflict) r).render()).contains("(only one `g0` can be installed)");
  }
}
