package dev.envx.translate;

import java.util.Optional;

/**
 * Names across ecosystems, as translation needs them. The production implementation adapts
 * {@code dev.envx.mapping}; tests use small fakes.
 */
public interface NameMapper {
  /** The PyPI name (PEP 503 normalized) of a conda package, empty when it has none (C libraries, tools). */
  Optional<String> toPypi(String condaName);

  /**
   * Whether a mapping table knows the conda package at all. An unknown package is conda-only (never guessed as
   * a PyPI name), and translation says so in a note.
   */
  default boolean knowsConda(String condaName) {
    return true;
  }

  /** The conda-forge name of a PyPI project (PEP 503 normalized input), empty when there is none. */
  Optional<String> toConda(String pypiName);

  /** PEP 503 normalization: lowercase, runs of {@code -_.} become {@code -}. */
  static String normalize(String name) {
    return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[-_.]+", "-");
  }
}
