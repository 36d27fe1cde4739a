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
import java.util.concurrent.CompletableFuture;
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
    MappingSettings settings = MappingSettings.of(cli.settings().withOffline(true)); // conversion never fetches
    Map<String, Object> projectTable = table;
    // loading the tables takes a while on a cold JVM: do it while the input is read and parsed
    CompletableFuture<MappingLoader.Loaded> loading =
        CompletableFuture.supplyAsync(() -> MappingLoader.load(settings, projectTable, pyproject), DAEMON);
    return new NameMapper() {
      private NameMapper names;

      private NameMapper names() {
        if (names == null) {
          MappingLoader.Loaded loaded;
          try {
            loaded = loading.join();
          } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
              throw r;
            }
            throw e;
          }
          cli.report(loaded.warnings());
          names = new MappingNames(loaded.mapping());
        }
        return names;
      }

      @Override
      public java.util.Optional<dev.envx.model.pep508.PyPiName> toPypi(dev.envx.model.conda.CondaName condaName) {
        return names().toPypi(condaName);
      }

      @Override
      public java.util.Optional<dev.envx.model.conda.CondaName> toConda(dev.envx.model.pep508.PyPiName pypiName) {
        return names().toConda(pypiName);
      }

      @Override
      public boolean knowsConda(dev.envx.model.conda.CondaName condaName) {
        return names().knowsConda(condaName);
      }
    };
  }

  private static final java.util.concurrent.Executor DAEMON = r -> {
    Thread t = new Thread(r, "envx-mapping-load");
    t.setDaemon(true);
    t.start();
  };

  /** Reports diagnostics, then prints (stdout / dry run) or writes the result; returns the exit code. */
  static int finish(Cli cli, Convert.Output r, Path out, boolean print, String input) {
    cli.report(r.diagnostics());
    boolean written = false;
    if (!print) {
      OutputFiles.writeAtomically(out, r.text(), Path.of(input));
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
