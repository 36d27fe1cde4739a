package dev.envx.solve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies a set of chosen candidates independently of the {@link Solver}: every root requirement and every
 * requirement of every chosen candidate is met by a chosen candidate, no root or candidate constraint is violated,
 * no two chosen candidates share an exclusion group, and no excluded candidate is chosen. Uses only
 * {@link Provider#namesOf}, {@link Provider#matches}, {@link Provider#groups} and {@link Provider#excluded}.
 */
public final class SolutionChecker {
  private SolutionChecker() {}

  /** The violations (empty when the choice is a valid solution), as readable lines. */
  public static List<String> check(Provider provider, Problem problem, int[] chosen) {
    List<String> errors = new ArrayList<>();
    int[] sorted = chosen.clone();
    Arrays.sort(sorted);
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i] == sorted[i - 1]) {
        errors.add("candidate " + provider.displayCandidate(sorted[i]) + " is chosen twice");
      }
    }
    Map<Integer, List<Integer>> byName = new HashMap<>();
    Map<Integer, Integer> byGroup = new HashMap<>(); // extra groups; names are checked below
    for (int c : chosen) {
      byName.computeIfAbsent(provider.nameOf(c), k -> new ArrayList<>()).add(c);
      String why = provider.excluded(c);
      if (why != null) {
        errors.add(provider.displayCandidate(c) + " is chosen but excluded: " + why);
      }
      for (int g : provider.extraGroups(c)) {
        Integer other = byGroup.putIfAbsent(g, c);
        if (other != null && other != c && provider.nameOf(other) != provider.nameOf(c)) { // same name: below
          errors.add(provider.displayCandidate(other) + " and " + provider.displayCandidate(c)
              + " are both chosen but share the group `" + provider.displayGroup(g) + "`");
        }
      }
    }
    for (List<Integer> same : byName.values()) {
      for (int i = 1; i < same.size(); i++) {
        if (!same.get(i).equals(same.get(0))) {
          errors.add(provider.displayCandidate(same.get(0)) + " and " + provider.displayCandidate(same.get(i))
              + " are both chosen but share the group `" + provider.displayName(provider.nameOf(same.get(0))) + "`");
        }
      }
    }
    for (int vs : problem.requirements()) {
      if (!met(provider, byName, vs)) {
        errors.add("root requirement " + provider.displayVersionSet(vs) + " is not met");
      }
    }
    for (int vs : problem.constraints()) {
      violations(provider, byName, vs, "the root", errors);
    }
    for (int c : chosen) {
      Dependencies deps = provider.dependencies(c);
      for (int i = 0; i < deps.requirementCount(); i++) {
        int vs = deps.requirement(i);
        if (!met(provider, byName, vs)) {
          errors.add(provider.displayCandidate(c) + " requires " + provider.displayVersionSet(vs)
              + ", which is not met");
        }
      }
      for (int i = 0; i < deps.constraintCount(); i++) {
        violations(provider, byName, deps.constraint(i), provider.displayCandidate(c), errors);
      }
    }
    return errors;
  }

  private static boolean met(Provider p, Map<Integer, List<Integer>> byName, int vs) {
    for (int name : p.namesOf(vs)) {
      for (int c : byName.getOrDefault(name, List.of())) {
        if (p.matches(vs, c)) {
          return true;
        }
      }
    }
    return false;
  }

  private static void violations(
      Provider p, Map<Integer, List<Integer>> byName, int vs, String who, List<String> errors) {
    for (int name : p.namesOf(vs)) {
      for (int c : byName.getOrDefault(name, List.of())) {
        if (!p.matches(vs, c)) {
          errors.add(p.displayCandidate(c) + " violates the constraint " + p.displayVersionSet(vs)
              + " of " + who);
        }
      }
    }
  }
}
