package dev.envx.translate;

import dev.envx.model.conda.CondaName;
import dev.envx.model.pep508.PyPiName;
import java.util.Optional;

/**
 * Names across ecosystems, as translation needs them, typed on both sides. The production implementation adapts
 * {@code dev.envx.mapping}; tests use small fakes.
 */
public interface NameMapper {
  /** The PyPI name of a conda package, empty when it has none (C libraries, tools). */
  Optional<PyPiName> toPypi(CondaName condaName);

  /**
   * Whether a mapping table knows the conda package at all. An unknown package is conda-only (never guessed as
   * a PyPI name), and translation says so in a note.
   */
  default boolean knowsConda(CondaName condaName) {
    return true;
  }

  /** The conda-forge name of a PyPI project, empty when there is none. */
  Optional<CondaName> toConda(PyPiName pypiName);
}
