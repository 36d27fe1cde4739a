package dev.envx.format.envyml;

import dev.envx.format.EnvLayout;
import dev.envx.format.Located;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A conda environment file: conda's keys ({@code name}, {@code prefix}, {@code channels},
 * {@code dependencies}, {@code variables}) and conda-lock's extensions ({@code platforms}, {@code category},
 * {@code pip-repositories}). Every value keeps its source position; values built in code have none. The
 * {@link EnvLayout} says how the file was laid out (key order, indentation, comments around keys, entry order).
 */
public record EnvironmentYml(
    Located<String> name,
    Located<String> prefix,
    List<Located<String>> channels,
    List<Dependency> dependencies,
    Map<String, Located<String>> variables,
    List<Located<String>> platforms,
    Located<String> category,
    List<Located<String>> pipRepositories,
    EnvLayout layout) {

  public EnvironmentYml(Located<String> name, Located<String> prefix, List<Located<String>> channels,
      List<Dependency> dependencies, Map<String, Located<String>> variables, List<Located<String>> platforms,
      Located<String> category, List<Located<String>> pipRepositories) {
    this(name, prefix, channels, dependencies, variables, platforms, category, pipRepositories, EnvLayout.DEFAULT);
  }

  public EnvironmentYml {
    layout = layout == null ? EnvLayout.DEFAULT : layout;
    channels = List.copyOf(channels);
    dependencies = List.copyOf(dependencies);
    variables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    platforms = List.copyOf(platforms);
    pipRepositories = List.copyOf(pipRepositories);
    long pipSections = dependencies.stream().filter(d -> d instanceof PipSection).count();
    if (pipSections > 1) {
      throw new IllegalArgumentException("more than one pip subsection");
    }
  }

  public Optional<String> nameValue() {
    return Optional.ofNullable(name).map(Located::value);
  }

  /** The conda entries, in order. */
  public List<CondaDependency> conda() {
    List<CondaDependency> out = new ArrayList<>();
    for (Dependency d : dependencies) {
      if (d instanceof CondaDependency c) {
        out.add(c);
      }
    }
    return out;
  }

  /** The pip lines (empty when there is no pip subsection). */
  public List<PipLine> pip() {
    for (Dependency d : dependencies) {
      if (d instanceof PipSection p) {
        return p.lines();
      }
    }
    return List.of();
  }

  public boolean hasPipSection() {
    return dependencies.stream().anyMatch(d -> d instanceof PipSection);
  }

  public EnvironmentYml withLayout(EnvLayout l) {
    return new EnvironmentYml(name, prefix, channels, dependencies, variables, platforms, category,
        pipRepositories, l);
  }

  public List<String> channelValues() {
    return channels.stream().map(Located::value).toList();
  }
}
