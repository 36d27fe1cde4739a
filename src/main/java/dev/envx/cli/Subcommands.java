package dev.envx.cli;

import java.util.List;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * The one list of subcommands, in the order {@code envx --help} shows them. Each command object gets the
 * {@link Cli} of this invocation through its constructor. Only commands that work are registered here.
 *
 * <p>Start-up matters (envx runs in pre-commit hooks): when the arguments name a subcommand, only that one is
 * built, so picocli reflects over and loads the classes of one command instead of all of them.
 */
final class Subcommands {
  private record Entry(String name, Function<Cli, Object> factory) {}

  private static final List<Entry> ALL = List.of(
      new Entry("convert", ConvertCommand::new),
      new Entry("export", ExportCommand::new),
      new Entry("solve", SolveCommand::new),
      new Entry("lock", LockCommand::command),
      new Entry("install", InstallCommand::new),
      new Entry("run", RunCommand::command),
      new Entry("shell-hook", ShellHookCommand::new),
      new Entry("check", CheckCommand::new),
      new Entry("migrate", MigrateCommand::new),
      new Entry("spec", SpecCommand::new),
      new Entry("mapping", MappingCommand::command),
      new Entry("completion", cli -> new CompletionCommand()));

  private Subcommands() {}

  /** Registers every subcommand. */
  static void register(CommandLine cl, Cli cli) {
    register(cl, cli, new String[0]);
  }

  /**
   * Registers the subcommand the arguments name, or all of them when they name none (help, a typo, or
   * {@code completion}, whose script lists every command), or none for {@code --version}.
   */
  static void register(CommandLine cl, Cli cli, String[] args) {
    String named = firstWord(args);
    if (named == null && List.of(args).stream().anyMatch(a -> a.equals("-V") || a.equals("--version"))) {
      return; // `envx --version` needs no subcommand
    }
    boolean one = named != null && !named.equals("completion")
        && ALL.stream().anyMatch(e -> e.name().equals(named));
    for (Entry e : ALL) {
      if (!one || e.name().equals(named)) {
        Object command = e.factory().apply(cli);
        if (command instanceof CommandLine c) {
          cl.addSubcommand(e.name(), c);
        } else {
          cl.addSubcommand(e.name(), cli.commands().commandLine(command, cl.getFactory()));
        }
      }
    }
  }

  /** The first argument that is not an option (global options take no values). */
  static String firstWord(String[] args) {
    for (String a : args) {
      if (a.equals("--")) {
        return null;
      }
      if (!a.startsWith("-")) {
        return a;
      }
    }
    return null;
  }
}
