package dev.envx.solve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Keeps the example in {@code package-info.java} true. */
class PackageInfoExampleTest {
  @Test
  void exampleFromPackageInfo() {
    Provider p = new Provider() {
      @Override
      public int[] candidates(int name) {
        return name == 0 ? new int[] {0} : new int[] {1, 2};
      }

      @Override
      public int nameOf(int c) {
        return c == 0 ? 0 : 1;
      }

      @Override
      public Dependencies dependencies(int c) {
        return c == 0 ? new Dependencies(new int[] {1}, new int[0]) : Dependencies.NONE;
      }

      @Override
      public int[] namesOf(int vs) {
        return new int[] {vs == 0 ? 0 : 1};
      }

      @Override
      public boolean matches(int vs, int c) {
        return vs == 0 || (vs == 1) == (c == 1);
      }

      @Override
      public String displayName(int n) {
        return n == 0 ? "numpy" : "python";
      }

      @Override
      public String displayVersion(int c) {
        return new String[] {"2", "3.11", "3.8"}[c];
      }

      @Override
      public String displayVersionSet(int vs) {
        return new String[] {"numpy", "python >=3.9", "python <3.9"}[vs];
      }
    };
    SolveResult r = new Solver(p).solve(new Problem(new int[] {0, 2}, new int[0]));
    assertThat(r).isInstanceOf(SolveResult.Conflict.class);
    assertThat(((SolveResult.Conflict) r).render()).isEqualTo("""
        the following requirements are incompatible:
        ├─ numpy can be installed with any of the following options:
        │  └─ numpy 2 would require
        │     └─ python >=3.9 can be installed with any of the following options:
        │        └─ python 3.11, which conflicts with python 3.8 (only one `python` can be installed)
        └─ python <3.9 can be installed with any of the following options:
           └─ python 3.8, which conflicts with python 3.11 (only one `python` can be installed)
        """);
    SolveResult ok = new Solver(p).solve(new Problem(new int[] {0}, new int[0]));
    assertThat(((SolveResult.Solution) ok).candidates()).containsExactly(0, 1);
  }
}
