package dev.envx.cli;

import dev.envx.translate.PyprojectToEnv;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --extra} / {@code --group}: which optional parts of a pyproject.toml go into an environment. */
final class DependencySelection {
  @Option(names = "--extra", paramLabel = "NAME", description = "pyproject input: include "
      + "[project.optional-dependencies] NAME (repeatable)")
  List<String> extras = new ArrayList<>();

  @Option(names = "--group", paramLabel = "NAME", description = "pyproject input: include the PEP 735 dependency "
      + "group NAME (repeatable)")
  List<String> groups = new ArrayList<>();

  PyprojectToEnv.Options options(String platform) {
    return new PyprojectToEnv.Options(platform, "conda-forge", extras, groups);
  }
}
