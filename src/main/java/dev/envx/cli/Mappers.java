package dev.envx.cli;

import dev.envx.translate.Convert;
import dev.envx.translate.NameMapper;
import dev.envx.mapping.MappingLoader;
import dev.envx.mapping.MappingSettings;
import dev.envx.translate.MappingNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import dev.envx.format.pyproject.PyProjectReader;

/** What convert and export share: the name mapping and printing/writing of the result. */
final class Mappers {
  private Mappers() {}

  /**
   * The name mapping in use: embedded default, cached upstream tables, the user's file and, when the input is a
   * pyproject.toml, its {@code [tool.envx.mapping]} table. Loading warnings are reported.
   */
  static NameMapper forCli(Cli cli, Path pyproject) {
    Map<String, Object> table = null;
    if (pyproject != null && Files.isRegularFile(pyproject)) {
      table = PyProjectReader.rawTable(OutputFiles.read(pyproject), List.of("tool", "envx", "mapping"));
    }
    MappingSettings settings = MappingSettings.fromEnvironment(cli.env(), System.getProperty("os.name", "linux"),
        true);
    MappingLoader.Loaded loaded = MappingLoader.load(settings, table, pyproject);
    cli.report(loaded.warnings());
    return new MappingNames(loaded.mapping());
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
