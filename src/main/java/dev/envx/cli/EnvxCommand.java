package dev.envx.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code envx} command: prints help when called without a subcommand. */
@Command(
    name = "envx",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {"Translate, lock, solve and install environments across conda and PyPI."},
    sortOptions = false,
    usageHelpAutoWidth = true,
    footer = {"", "Exit codes: 0 ok, 1 failure, 2 bad input or usage.",
        "Docs: README.md in the envx repository."})
public final class EnvxCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global = new GlobalOptions();

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }
}
