package dev.envx.cli;

import dev.envx.activate.Activation;
import dev.envx.activate.Runner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code envx run [-p PREFIX] [-m MANIFEST] -- CMD...}: runs a command in the activated environment. */
@Command(name = "run",
    description = {"Run a command in an activated environment; exit with its exit status.",
        "Activation: PATH, CONDA_PREFIX, CONDA_DEFAULT_ENV, the environment's conda-meta/state variables and the "
            + "manifest's variables, then its etc/conda/activate.d scripts."},
    footer = {"", "Examples:", "  envx run -- python -V", "  envx run -p .envx/envs/default -- openssl version"})
final class RunCommand implements Callable<Integer> {
  private final Cli cli;

  @Mixin ActivationOptions where = new ActivationOptions();

  @Parameters(arity = "1..*", paramLabel = "CMD", description = "The command and its arguments.")
  List<String> command = new ArrayList<>();

  RunCommand(Cli cli) {
    this.cli = cli;
  }

  /** The command's words after the first positional are its own, options included. */
  static CommandLine command(Cli cli) {
    return cli.commands().commandLine(new RunCommand(cli), CommandLine.defaultFactory()).setStopAtPositional(true);
  }

  @Override
  public Integer call() {
    Activation a = where.activation();
    cli.out().flush();
    cli.err().flush();
    return Runner.run(a, command, cli.env(), Runner.Streams.INHERIT);
  }
}
