package dev.envx.resolve.pypi;

import dev.envx.index.pypi.PypiClient;
import dev.envx.mapping.NameMapping;
import dev.envx.model.pep508.PyPiName;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The PyPI side of a cross-ecosystem solve: where distributions and their metadata come from (the index
 * client), which conda package provides a PyPI name (the mapping) and which ecosystem is tried first.
 *
 * @param prefer the default preference when a conda record and a PyPI distribution can both meet a requirement
 * @param perName preferences per PyPI name (keyed by the PEP 503 normalized name), e.g. an environment.yml
 *     {@code pip:} entry stays PyPI, or a {@code [tool.envx]} setting
 */
public record PypiSource(PypiClient client, NameMapping mapping, Prefer prefer, Map<String, Prefer> perName) {
  public PypiSource {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(mapping, "mapping");
    Objects.requireNonNull(prefer, "prefer");
    Map<String, Prefer> m = new TreeMap<>();
    (perName == null ? Map.<String, Prefer>of() : perName).forEach((k, v) -> m.put(PyPiName.normalize(k), v));
    perName = Map.copyOf(m);
  }

  /** Conda first, no per-name settings. */
  public PypiSource(PypiClient client, NameMapping mapping) {
    this(client, mapping, Prefer.CONDA, Map.of());
  }

  /** The preference for one name. */
  public Prefer preferFor(PyPiName name) {
    return perName.getOrDefault(name.normalized(), prefer);
  }

  public PypiSource withPrefer(Prefer value) {
    return new PypiSource(client, mapping, value, perName);
  }

  public PypiSource withPerName(Map<String, Prefer> value) {
    return new PypiSource(client, mapping, prefer, value);
  }
}
