package dev.envx.solve;

/**
 * What choosing a candidate entails: each requirement (a version set id) must be met by some chosen candidate, and
 * for each constraint (a version set id) no chosen candidate of the set's names may lie outside the set.
 */
public record Dependencies(int[] requirements, int[] constraints) {
  public static final Dependencies NONE = new Dependencies(new int[0], new int[0]);

  public Dependencies {
    requirements = requirements == null ? new int[0] : requirements.clone();
    constraints = constraints == null ? new int[0] : constraints.clone();
  }

  @Override
  public int[] requirements() {
    return requirements.clone();
  }

  @Override
  public int[] constraints() {
    return constraints.clone();
  }

  int requirementCount() {
    return requirements.length;
  }

  int requirement(int i) {
    return requirements[i];
  }

  int constraintCount() {
    return constraints.length;
  }

  int constraint(int i) {
    return constraints[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Dependencies d
        && java.util.Arrays.equals(requirements, d.requirements)
        && java.util.Arrays.equals(constraints, d.constraints);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(requirements) + java.util.Arrays.hashCode(constraints);
  }

  @Override
  public String toString() {
    return "Dependencies[requirements=" + java.util.Arrays.toString(requirements)
        + ", constraints=" + java.util.Arrays.toString(constraints) + "]";
  }
}
