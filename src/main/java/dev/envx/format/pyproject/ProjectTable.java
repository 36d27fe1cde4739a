package dev.envx.format.pyproject;

import dev.envx.format.Located;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parts of PEP 621 {@code [project]} that envx reads. */
public record ProjectTable(
    Located<String> name,
    Located<String> version,
    List<String> dynamic,
    Located<String> requiresPython,
    List<Located<String>> dependencies,
    Map<String, List<Located<String>>> optionalDependencies) {
  public ProjectTable {
    dynamic = List.copyOf(dynamic);
    dependencies = List.copyOf(dependencies);
    optionalDependencies = Collections.unmodifiableMap(new LinkedHashMap<>(optionalDependencies));
  }
}
