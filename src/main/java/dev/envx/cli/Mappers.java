package dev.envx.cli;

import dev.envx.translate.Convert;
import dev.envx.translate.NameMapper;
import dev.envx.translate.RuleMapper;
import java.nio.file.Path;

/** What convert and export share: the name mapping and printing/writing of the result. */
final class Mappers {
  private Mappers() {}

  static NameMapper forCli(Cli cli) {
    return new RuleMapper();
  }

  /** Reports diagnostics, then prints (stdout / dry run) or writes the result; returns the exit code. */
  static int finish(Cli cli, Convert.Output r, Path out, boolean print, String input) {
    cli.report(r.diagnostics());
    boolean written = false;
    if (!print) {
      OutputFiles.writeAtomically(out, r.text());
      written = true;
    }
    if (cli.json()) {
      cli.printJson(ConvertCommand.json(input, out, written, r));
    } else if (print) {
      cli.out().print(r.text());
      cli.out().flush();
    } else if (!cli.quiet()) {
      cli.err().println("wrote " + out);
      cli.err().flush();
    }
    return 0;
  }
}
