package dev.envx.mapping;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One table of mapping facts from one source, immutable.
 *
 * <ul>
 *   <li>{@code pypiToConda}: normalized PyPI name to conda names, first preferred; an empty list says the
 *       PyPI package has no conda package.
 *   <li>{@code condaToPypi}: conda name to normalized PyPI names, first preferred; an empty list says the
 *       conda package is not a Python distribution (conda-only).
 *   <li>{@code condaOnlyPatterns} / {@code patternExceptions}: name patterns of conda-only packages
 *       ({@code lib*}, {@code r-*}, compilers) with the Python packages that match them anyway; a pattern
 *       is a rule, weaker than any table entry.
 *   <li>{@code knownConda}: every conda package name the source knows to exist (used to notice stale
 *       entries of the embedded table); empty when the source does not list the whole channel.
 * </ul>
 */
public record MappingLayer(
    Provenance provenance,
    Map<String, List<Target>> pypiToConda,
    Map<String, List<Target>> condaToPypi,
    List<Pattern> condaOnlyPatterns,
    Set<String> patternExceptions,
    Set<String> knownConda) {
  public MappingLayer {
    Objects.requireNonNull(provenance, "provenance");
    pypiToConda = copy(pypiToConda);
    condaToPypi = copy(condaToPypi);
    condaOnlyPatterns = List.copyOf(condaOnlyPatterns);
    patternExceptions = Set.copyOf(patternExceptions);
    knownConda = knownConda instanceof MappingSnapshot.Frozen ? knownConda : Set.copyOf(knownConda);
  }

  public static MappingLayer of(
      Provenance provenance, Map<String, List<Target>> pypiToConda, Map<String, List<Target>> condaToPypi) {
    return new MappingLayer(provenance, pypiToConda, condaToPypi, List.of(), Set.of(), Set.of());
  }

  /** Whether a conda name matches a conda-only pattern of this layer (and is not an exception). */
  public boolean matchesCondaOnlyPattern(String condaName) {
    if (patternExceptions.contains(condaName)) {
      return false;
    }
    return matchingPattern(condaName) != null;
  }

  /** The first conda-only pattern the name matches (exceptions aside), or null. */
  public Pattern matchingPattern(String condaName) {
    for (Pattern p : condaOnlyPatterns) { // a loop, not a stream: it runs for most names a conversion looks up
      if (p.matcher(condaName).find()) {
        return p;
      }
    }
    return null;
  }

  public int size() {
    return pypiToConda.size() + condaToPypi.size();
  }

  private static Map<String, List<Target>> copy(Map<String, List<Target>> m) {
    if (m instanceof MappingSnapshot.Frozen) {
      return m; // the embedded snapshot's tables: immutable, decoded row by row when looked up
    }
    TreeMap<String, List<Target>> out;
    if (m instanceof java.util.SortedMap<String, List<Target>> sorted && sorted.comparator() == null) {
      out = new TreeMap<>(sorted); // built in linear time from the sorted entries
      out.replaceAll((k, v) -> List.copyOf(v));
    } else {
      out = new TreeMap<>();
      m.forEach((k, v) -> out.put(k, List.copyOf(v)));
    }
    return java.util.Collections.unmodifiableMap(out);
  }
}
