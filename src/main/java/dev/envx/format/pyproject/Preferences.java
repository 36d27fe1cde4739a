package dev.envx.format.pyproject;

import dev.envx.format.Located;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code [tool.envx.prefer]}: which ecosystem meets a PyPI requirement when a conda package and a PyPI
 * distribution both can, per PyPI project and by default.
 *
 * <pre>
 * [tool.envx.prefer]
 * default = "conda"     # optional; `envx solve --prefer` replaces it
 * numpy = "pypi"        # PyPI project names (any spelling; PEP 503-normalized here)
 * </pre>
 *
 * @param fallback the {@code default} entry ({@link #CONDA} or {@link #PYPI}), or null when not written
 * @param byName PEP 503-normalized PyPI name → {@link #CONDA} or {@link #PYPI}, in file order
 */
public record Preferences(Located<String> fallback, Map<String, Located<String>> byName) {
  public static final String CONDA = "conda";
  public static final String PYPI = "pypi";
  /** The values a preference may take. */
  public static final List<String> VALUES = List.of(CONDA, PYPI);
  /** The key that sets the preference of every name not listed. */
  public static final String DEFAULT_KEY = "default";
  public static final Preferences NONE = new Preferences(null, Map.of());

  public Preferences {
    if (fallback != null && !VALUES.contains(fallback.value())) {
      throw new IllegalArgumentException("a preference is `conda` or `pypi`, not `" + fallback.value() + "`");
    }
    Objects.requireNonNull(byName, "byName");
    for (Map.Entry<String, Located<String>> e : byName.entrySet()) {
      if (!VALUES.contains(e.getValue().value())) {
        throw new IllegalArgumentException("a preference is `conda` or `pypi`, not `" + e.getValue().value() + "`");
      }
    }
    byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
  }

  /** Whether nothing is written. */
  public boolean isEmpty() {
    return fallback == null && byName.isEmpty();
  }

  /** Whether {@code normalizedName} is met from PyPI first: its own entry, else {@code default}, else conda. */
  public boolean prefersPypi(String normalizedName) {
    Located<String> v = byName.get(normalizedName);
    if (v == null) {
      v = fallback;
    }
    return v != null && v.value().equals(PYPI);
  }

  /** The entries as {@code name value} lines ({@code default} first), e.g. for an input hash. */
  public List<String> lines() {
    List<String> out = new java.util.ArrayList<>();
    if (fallback != null) {
      out.add(DEFAULT_KEY + " " + fallback.value());
    }
    byName.forEach((k, v) -> out.add(k + " " + v.value()));
    return out;
  }
}
