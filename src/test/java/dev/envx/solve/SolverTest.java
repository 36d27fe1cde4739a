package dev.envx.solve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SolverTest {

  @Test
  void picksHighestVersionsAlongAChain() {
    TestUniverse u = TestUniverse.parse("""
        a 1 -> b
        a 2 -> b <2
        b 1
        b 2
        """);
    assertThat(u.show(u.solve("a"))).isEqualTo("a 2, b 1");
  }

  @Test
  void loadsOnlyNamesThatAreReached() {
    TestUniverse u = TestUniverse.parse("""
        a 1 -> b !> never <1
        b 1
        c 1 -> d
        d 1
        """);
    assertThat(u.show(u.solve("a"))).isEqualTo("a 1, b 1");
    assertThat(u.loadedNames()).containsExactly("a", "b");
    assertThat(u.expanded()).containsExactly("a 1", "b 1");
  }

  @Test
  void dependenciesAreAskedOnlyForCandidatesThatWereChosen() {
    TestUniverse u = TestUniverse.parse("""
        a 3 -> b >=3
        a 2 -> b
        a 1 -> b
        b 1
        b 2
        """);
    assertThat(u.show(u.solve("a"))).isEqualTo("a 2, b 2");
    assertThat(u.expanded()).doesNotContain("a 1", "b 1");
  }

  @Test
  void constraintAppliesWhenTheNameIsReachedLater() {
    TestUniverse u = TestUniverse.parse("""
        first 1 !> late <2
        second 1 -> late
        late 1
        late 2
        """);
    assertThat(u.show(u.solve("first", "second"))).isEqualTo("first 1, late 1, second 1");
  }

  @Test
  void constraintWithoutRequirementDoesNotPullTheNameIn() {
    TestUniverse u = TestUniverse.parse("""
        a 1 !> b <2
        b 1
        b 3
        """);
    assertThat(u.show(u.solve("a"))).isEqualTo("a 1");
    assertThat(u.loadedNames()).containsExactly("a");
  }

  @Test
  void aRequirementOverSeveralNamesPrefersTheFirstName() {
    TestUniverse u = TestUniverse.parse("""
        numpy 1
        numpy-wheel 2 +numpy
        app 1 -> numpy | numpy-wheel
        """);
    assertThat(u.show(u.solve("app"))).isEqualTo("app 1, numpy 1");
  }

  @Test
  void aGroupMemberReachedAfterAnotherWasChosenIsExcluded() {
    // numpy-wheel is only loaded after numpy 1 is chosen; the group must still hold
    TestUniverse u = TestUniverse.parse("""
        numpy 1
        numpy-wheel 2 +numpy
        late 1 -> numpy-wheel | other
        other 1
        """);
    assertThat(u.show(u.solve("numpy", "late"))).isEqualTo("late 1, numpy 1, other 1");
  }

  @Test
  void favoredCandidateIsTriedFirstButNotForced() {
    TestUniverse u = TestUniverse.parse("""
        app 1 -> lib >=2
        lib 1
        lib 2
        lib 3
        """).favor("lib 2");
    assertThat(u.show(u.solve("app"))).isEqualTo("app 1, lib 2");
    TestUniverse v = TestUniverse.parse("""
        app 1 -> lib >=2
        lib 1
        lib 2
        """).favor("lib 1");
    assertThat(v.show(v.solve("app"))).isEqualTo("app 1, lib 2");
  }

  @Test
  void backtrackingLearnsClauses() {
    TestUniverse u = TestUniverse.parse("""
        app 1 -> lib, tool
        lib 3 -> core <2
        lib 2 -> core <2
        lib 1 -> core >=2
        tool 1 -> core >=2
        core 1
        core 2
        """);
    Solver s = new Solver(u);
    SolveResult r = s.solve(u.problem(List.of("app"), List.of()));
    assertThat(u.show(r)).isEqualTo("app 1, core 2, lib 1, tool 1");
    assertThat(s.stats().learned()).isPositive();
    assertThat(s.stats().conflicts()).isPositive();
  }

  @Test
  void noCandidatesAtAll() {
    TestUniverse u = TestUniverse.parse("a 1");
    assertThat(u.show(u.solve("ghost"))).isEqualTo("""
        UNSOLVABLE
        the following requirements are incompatible:
        └─ ghost, for which no candidates were found
        """);
  }

  @Test
  void rootConstraintExcludesCandidates() {
    TestUniverse u = TestUniverse.parse("""
        lib 1
        lib 2
        """);
    SolveResult r = new Solver(u).solve(u.problem(List.of("lib"), List.of("lib <2")));
    assertThat(u.show(r)).isEqualTo("lib 1");
    u.reset();
    SolveResult bad = new Solver(u).solve(u.problem(List.of("lib >=2"), List.of("lib <2")));
    assertThat(u.show(bad)).isEqualTo("""
        UNSOLVABLE
        the following requirements are incompatible:
        └─ lib >=2 cannot be installed because there are no viable options:
           └─ lib 2 is excluded by the constraint lib <2
        """);
  }

  @Test
  void conflictGraphIsStructured() {
    TestUniverse u = TestUniverse.parse("""
        a 1 -> b <2
        b 1
        b 2
        """);
    SolveResult r = u.solve("a", "b >=2");
    assertThat(r).isInstanceOf(SolveResult.Conflict.class);
    ConflictGraph g = ((SolveResult.Conflict) r).graph();
    assertThat(g.requirements()).extracting(ConflictGraph.Requires::owner)
        .containsExactly(ConflictGraph.ROOT, ConflictGraph.ROOT, u.candidate("a 1"));
    assertThat(g.incompatibilities()).containsExactly(
        new ConflictGraph.SameGroup(ConflictGraph.Group.name(u.nameOf(u.candidate("b 1"))), u.candidate("b 2"), u.candidate("b 1")));
  }

  @Test
  void renderCutsLongExplanations() {
    TestUniverse u = TestUniverse.parse("""
        a 1 -> b <2
        b 1
        b 2
        """);
    String text = ((SolveResult.Conflict) u.solve("a", "b >=2")).graph().render(3);
    assertThat(text.split("\n")).hasSize(3);
    assertThat(text).endsWith("more lines\n");
  }

  @Test
  void aSolverSolvesOnce() {
    TestUniverse u = TestUniverse.parse("a 1");
    Solver s = new Solver(u);
    s.solve(u.problem(List.of("a"), List.of()));
    assertThatThrownBy(() -> s.solve(u.problem(List.of("a"), List.of())))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void syntheticCondaShapedUniversesGiveCheckedAnswers() {
    for (long seed = 1; seed <= 3; seed++) {
      SyntheticUniverse u = new SyntheticUniverse(seed, 200, 8);
      for (int py : new int[] {-1, 2}) {
        Problem p = u.rootProblem(8, py);
        SolveResult r = new Solver(u).solve(p);
        if (r instanceof SolveResult.Solution s) {
          assertThat(SolutionChecker.check(u, p, s.candidates())).isEmpty();
        } else {
          String text = ((SolveResult.Conflict) r).render();
          assertThat(text.split("\n").length).isBetween(2, 40);
        }
      }
    }
  }
}
