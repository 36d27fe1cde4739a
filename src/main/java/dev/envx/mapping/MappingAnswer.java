package dev.envx.mapping;

import dev.envx.model.pep508.PyPiName;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to one look-up: the preferred name (empty when the package has no counterpart in the other
 * ecosystem, e.g. a C library or {@code python} itself), the names that were not chosen, where the
 * preferred answer came from, how it was established and a sentence saying why it was chosen.
 * Names on the PyPI side are PEP 503 normalized.
 */
public record MappingAnswer(
    String query,
    Direction direction,
    Optional<String> preferred,
    List<Alternative> alternatives,
    Provenance provenance,
    Basis basis,
    String reason) {
  public MappingAnswer {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(preferred, "preferred");
    alternatives = List.copyOf(alternatives);
    Objects.requireNonNull(provenance, "provenance");
    Objects.requireNonNull(basis, "basis");
    Objects.requireNonNull(reason, "reason");
  }

  /** True when the package has no counterpart in the other ecosystem. */
  public boolean noCounterpart() {
    return preferred.isEmpty();
  }

  /** True when a table (not only the naming rule) knew the name. */
  public boolean known() {
    return basis != Basis.RULE || provenance.layer() != Layer.RULE;
  }

  /** The preferred PyPI name of a conda-to-PyPI answer. */
  public Optional<PyPiName> pypiName() {
    if (direction != Direction.CONDA_TO_PYPI) {
      throw new IllegalStateException("not a conda-to-pypi answer");
    }
    return preferred.map(PyPiName::of);
  }

  /** Every name the answer mentions, preferred first. */
  public List<String> allNames() {
    java.util.ArrayList<String> all = new java.util.ArrayList<>();
    preferred.ifPresent(all::add);
    alternatives.forEach(a -> all.add(a.name()));
    return List.copyOf(all);
  }
}
