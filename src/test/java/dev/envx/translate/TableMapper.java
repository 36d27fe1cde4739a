package dev.envx.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import dev.envx.model.conda.CondaName;
import dev.envx.model.pep508.PyPiName;

/**
 * A test mapper over parselmouth's conda-forge table (conda → PyPI; PyPI → conda by inversion, preferring the
 * conda package of the same name). Stands in for {@code dev.envx.mapping} in translation tests.
 */
final class TableMapper implements NameMapper {
  private final Map<String, String> condaToPypi = new HashMap<>();
  private final Map<String, String> pypiToConda = new HashMap<>();

  TableMapper(Map<String, String> condaToPypi) {
    condaToPypi.forEach((c, p) -> {
      if (p != null) {
        this.condaToPypi.put(c, PyPiName.normalize(p));
      }
    });
    this.condaToPypi.forEach((c, p) -> {
      String prev = pypiToConda.get(p);
      if (prev == null || c.equals(p) || !prev.equals(p) && c.compareTo(prev) < 0) {
        pypiToConda.put(p, c);
      }
    });
  }

  static TableMapper parselmouth(Path json) {
    try {
      JsonNode root = new ObjectMapper().readTree(json.toFile());
      Map<String, String> m = new HashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        var e = it.next();
        m.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
      }
      return new TableMapper(m);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Optional<PyPiName> toPypi(CondaName condaName) {
    return Optional.ofNullable(condaToPypi.get(condaName.normalized())).map(PyPiName::of);
  }

  @Override
  public Optional<CondaName> toConda(PyPiName pypiName) {
    return Optional.ofNullable(pypiToConda.get(pypiName.normalized())).map(CondaName::parse);
  }
}
