package dev.envx.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every subcommand accepts, before or after its name. */
public final class GlobalOptions {
  @Option(names = "--json", scope = ScopeType.INHERIT, description = "Machine-readable output on stdout.")
  boolean json;

  @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Only errors on stderr.")
  boolean quiet;

  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Explain what is done.")
  boolean verbose;

  @Option(names = "--no-color", scope = ScopeType.INHERIT,
      description = "No ANSI colors (also when NO_COLOR is set).")
  boolean noColor;

  @Option(names = "--color", scope = ScopeType.INHERIT, hidden = true)
  boolean forceColor;

  @Option(names = "--offline", scope = ScopeType.INHERIT,
      description = "Never use the network (also when ENVX_OFFLINE=1): cached repodata and mapping tables only; "
          + "local channels and files are still read.")
  boolean offline;
}
