package dev.envx.translate;

import dev.envx.mapping.Layer;
import dev.envx.mapping.MappingAnswer;
import dev.envx.mapping.NameMapping;
import dev.envx.model.conda.CondaName;
import dev.envx.model.pep508.PyPiName;
import java.util.Optional;

/**
 * {@link NameMapper} over the project's {@link NameMapping}. PyPI → conda uses the preferred answer; when
 * upstream tables are loaded (after {@code envx mapping update}), a name that only the naming rule guesses is
 * taken as having no conda-forge package, so that it goes to {@code pip:}. Without upstream tables the rule's
 * guess is all envx knows, and it is used.
 */
public final class MappingNames implements NameMapper {
  private final NameMapping mapping;
  private final boolean upstream;

  public MappingNames(NameMapping mapping) {
    this.mapping = mapping;
    this.upstream = mapping.layers().stream().anyMatch(l -> l.provenance().layer().isMachineTable());
  }

  @Override
  public Optional<PyPiName> toPypi(CondaName condaName) {
    return mapping.toPypi(condaName.normalized()).preferred().filter(PyPiName::isValid).map(PyPiName::of);
  }

  @Override
  public boolean knowsConda(CondaName condaName) {
    return mapping.toPypi(condaName.normalized()).known();
  }

  @Override
  public Optional<CondaName> toConda(PyPiName pypiName) {
    MappingAnswer a = mapping.toConda(pypiName);
    if (upstream && !a.known()) {
      return Optional.empty();
    }
    return a.preferred().filter(CondaName::isValid).map(CondaName::parse);
  }
}
