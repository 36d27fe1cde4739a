package dev.envx.solve;

/**
 * How an ecosystem adapter supplies a problem to the {@link Solver}, lazily.
 *
 * <p>All identities are small non-negative {@code int}s chosen by the adapter (indices into its own tables are
 * ideal: the solver keeps arrays indexed by them). There are four id spaces: names, candidates, version sets and
 * exclusion groups. The solver asks only about names it actually reaches from the root requirements, and calls
 * {@link #candidates(int)} and {@link #dependencies(int)} at most once per name/candidate.
 */
public interface Provider {

  /** All candidates of {@code name}, most preferred first (e.g. highest version, then build number, ...). */
  int[] candidates(int name);

  /** The name a candidate belongs to. */
  int nameOf(int candidate);

  /**
   * The extra exclusion groups of a candidate, besides its name: at most one candidate per group is chosen, as at
   * most one per name always is. A cross-ecosystem adapter adds e.g. a group per PyPI name so that a conda package
   * providing {@code numpy} and a numpy wheel are never both chosen (both candidates then list that group). Extra
   * group ids are an id space of their own, independent of name ids: extra group {@code 0} and name {@code 0}
   * are different groups, so names allocated after groups can never merge with one. Override
   * {@link #displayGroup(int)} with them. Default: none.
   */
  default int[] extraGroups(int candidate) {
    return NO_GROUPS;
  }

  /** The empty {@link #extraGroups} answer. */
  int[] NO_GROUPS = new int[0];

  /** Requirements and constraints of a candidate; called once, when the candidate first becomes chosen. */
  Dependencies dependencies(int candidate);

  /** The names whose candidates a version set may contain (one for a plain spec, several across ecosystems). */
  int[] namesOf(int versionSet);

  /** Whether {@code candidate} (of one of {@link #namesOf}) is in the version set. */
  boolean matches(int versionSet, int candidate);

  /**
   * The candidates (a subset of {@code candidates}, same order) that are in the version set, or with
   * {@code inverse} those that are not. Override when the adapter can filter faster than one call per candidate.
   */
  default int[] filter(int versionSet, int[] candidates, boolean inverse) {
    int[] out = new int[candidates.length];
    int n = 0;
    for (int c : candidates) {
      if (matches(versionSet, c) != inverse) {
        out[n++] = c;
      }
    }
    return n == out.length ? out : java.util.Arrays.copyOf(out, n);
  }

  /** Why the user forbids this candidate (it is never chosen), or {@code null} when it is allowed. */
  default String excluded(int candidate) {
    return null;
  }

  /** Favored (e.g. locked in a previous lockfile) candidates are tried before all others of a requirement. */
  default boolean favored(int candidate) {
    return false;
  }

  /** The user's spelling of a name, e.g. {@code numpy}. */
  String displayName(int name);

  /** The version (and build) of a candidate, without its name, e.g. {@code 1.26.4 py311_0}. */
  String displayVersion(int candidate);

  /** A version set with its name(s), e.g. {@code numpy >=1.20}. */
  String displayVersionSet(int versionSet);

  /** One candidate, e.g. {@code numpy 1.26.4}. */
  default String displayCandidate(int candidate) {
    return displayName(nameOf(candidate)) + " " + displayVersion(candidate);
  }

  /**
   * Several candidates of one name merged into one line, most preferred first, e.g. {@code foo 1.2 | 1.1 | 1.0}.
   * Adapters may summarise as a range instead.
   */
  default String displayCandidates(int[] candidates) {
    if (candidates.length == 1) {
      return displayCandidate(candidates[0]);
    }
    StringBuilder sb = new StringBuilder(displayName(nameOf(candidates[0]))).append(' ');
    int n = candidates.length;
    for (int i = 0; i < n; i++) {
      if (n > 5 && i >= 3 && i < n - 1) {
        if (i == 3) {
          sb.append(" | …");
        }
        continue;
      }
      if (i > 0) {
        sb.append(" | ");
      }
      sb.append(displayVersion(candidates[i]));
    }
    if (n > 5) {
      sb.append(" (").append(n).append(" versions)");
    }
    return sb.toString();
  }

  /** An extra exclusion group ({@link #extraGroups}) for messages. */
  default String displayGroup(int group) {
    return "group " + group;
  }
}
