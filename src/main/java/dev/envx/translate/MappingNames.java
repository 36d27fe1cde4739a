package dev.envx.translate;

import dev.envx.mapping.Layer;
import dev.envx.mapping.MappingAnswer;
import dev.envx.mapping.NameMapping;
import dev.envx.model.conda.CondaName;
import dev.envx.model.pep508.PyPiName;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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

  // answers already given: a conversion asks about most names two or three times (the mapping, whether the name is
  // known, the way back); concurrent, since a lock solves its platforms on several threads
  private final Map<String, MappingAnswer> condaAnswers = new ConcurrentHashMap<>();
  private final Map<PyPiName, MappingAnswer> pypiAnswers = new ConcurrentHashMap<>();

  private MappingAnswer answer(CondaName condaName) {
    return condaAnswers.computeIfAbsent(condaName.normalized(), mapping::toPypi);
  }

  @Override
  public Optional<PyPiName> toPypi(CondaName condaName) {
    return answer(condaName).preferred().filter(PyPiName::isValid).map(PyPiName::of);
  }

  @Override
  public boolean knowsConda(CondaName condaName) {
    return answer(condaName).known();
  }

  @Override
  public Optional<CondaName> toConda(PyPiName pypiName) {
    MappingAnswer a = pypiAnswers.computeIfAbsent(pypiName, mapping::toConda);
    if (upstream && !a.known()) {
      return Optional.empty();
    }
    return a.preferred().filter(CondaName::isValid).map(CondaName::parse);
  }
}
