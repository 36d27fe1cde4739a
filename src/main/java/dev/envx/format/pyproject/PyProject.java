package dev.envx.format.pyproject;

import dev.envx.diag.SourceFile;
import dev.envx.format.Located;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What envx reads from a pyproject.toml: PEP 621 {@code [project]}, PEP 735 {@code [dependency-groups]},
 * PEP 725 {@code [external]}, and the conda side: envx's {@code [tool.envx]}, or, as inputs, pixi's
 * {@code [tool.pixi]} / conda-lock's {@code [tool.conda-lock]} (already turned into an {@link EnvxTable} by the
 * reader, with {@link #condaSource()} naming the table). Null parts are absent.
 *
 * @param external PEP 725 keys ({@code build-requires}, {@code host-requires}, {@code dependencies}) to DepURLs
 */
public record PyProject(
    SourceFile source,
    ProjectTable project,
    Map<String, List<GroupEntry>> dependencyGroups,
    Map<String, List<Located<String>>> external,
    EnvxTable envx,
    String condaSource) {
  public PyProject {
    dependencyGroups = Collections.unmodifiableMap(new LinkedHashMap<>(dependencyGroups));
    external = Collections.unmodifiableMap(new LinkedHashMap<>(external));
  }
}
