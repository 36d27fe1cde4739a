package dev.envx.solve;

/** Exhaustive search over all subsets of a tiny universe, using only {@link SolutionChecker}. */
final class BruteForce {
  private BruteForce() {}

  /** A valid choice of candidates, or {@code null} when there is none. Only for up to ~20 candidates. */
  static int[] find(Provider provider, int candidateCount, Problem problem) {
    if (candidateCount > 20) {
      throw new IllegalArgumentException("too many candidates for brute force: " + candidateCount);
    }
    for (long mask = 0; mask < (1L << candidateCount); mask++) {
      int[] chosen = new int[Long.bitCount(mask)];
      int n = 0;
      for (int i = 0; i < candidateCount; i++) {
        if ((mask & (1L << i)) != 0) {
          chosen[n++] = i;
        }
      }
      if (SolutionChecker.check(provider, problem, chosen).isEmpty()) {
        return chosen;
      }
    }
    return null;
  }
}
