package dev.envx.solve;

import java.util.Arrays;

/**
 * What the user asks for: root requirements (version set ids, each must be met) and root constraints (version set
 * ids: candidates of their names outside the set are never chosen). Forbidden and favored candidates come from the
 * {@link Provider}.
 */
public record Problem(int[] requirements, int[] constraints) {
  public Problem {
    requirements = requirements == null ? new int[0] : requirements.clone();
    constraints = constraints == null ? new int[0] : constraints.clone();
  }

  public static Problem of(int... requirements) {
    return new Problem(requirements, new int[0]);
  }

  @Override
  public int[] requirements() {
    return requirements.clone();
  }

  @Override
  public int[] constraints() {
    return constraints.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Problem p
        && Arrays.equals(requirements, p.requirements)
        && Arrays.equals(constraints, p.constraints);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(requirements) + Arrays.hashCode(constraints);
  }

  @Override
  public String toString() {
    return "Problem[requirements=" + Arrays.toString(requirements)
        + ", constraints=" + Arrays.toString(constraints) + "]";
  }
}
