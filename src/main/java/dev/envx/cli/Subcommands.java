package dev.envx.cli;

import picocli.CommandLine;

/**
 * The one list of subcommands. Each command object gets the {@link Cli} of this invocation through its
 * constructor. Only commands that work are registered here.
 */
final class Subcommands {
  private Subcommands() {}

  static void register(CommandLine cl, Cli cli) {
    cl.addSubcommand(new SpecCommand(cli));
    cl.addSubcommand(new CompletionCommand());
    cl.addSubcommand("mapping", MappingCommand.command(cli));
    cl.addSubcommand(new ConvertCommand(cli));
    cl.addSubcommand(new ExportCommand(cli));
    cl.addSubcommand(new SolveCommand(cli));
  }
}
