package dev.envx.cli;

import dev.envx.translate.Convert;
import dev.envx.translate.NameMapper;
import dev.envx.mapping.MappingLayer;
import dev.envx.mapping.MappingLoader;
import dev.envx.mapping.MappingSettings;
import dev.envx.translate.MappingNames;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** What convert and export share: the name mapping and printing/writing of the result. */
final class Mappers {
  private Mappers() {}

  /**
   * The mapping tables being loaded; {@link #withProject} adds the {@code [tool.envx.mapping]} table of the
   * pyproject.toml the caller parsed (once, at the edge) as the top layer.
   */
  static final class Loading {
    private final Cli cli;
    private final CompletableFuture<MappingLoader.Loaded> loading;

    private Loading(Cli cli, CompletableFuture<MappingLoader.Loaded> loading) {
      this.cli = cli;
      this.loading = loading;
    }

    NameMapper withProject(Map<String, Object> projectTable, Path pyproject) {
      MappingLayer project = projectTable.isEmpty() ? null : MappingLoader.project(projectTable, pyproject);
      return lazy(cli, loading, project);
    }
  }

  /**
   * Starts loading the name mapping in use (embedded default, cached upstream tables, the user's file; never
   * fetched: conversion works offline) on another thread, since it takes a while on a cold JVM, while the caller
   * reads and parses its input. Loading warnings are reported when the mapping is first used.
   */
  static Loading startLoading(Cli cli) {
    return new Loading(cli, cli.mappingLoad());
  }

  /** The loading itself, on a daemon thread; {@code settings} are offline (conversion never fetches). */
  static CompletableFuture<MappingLoader.Loaded> load(MappingSettings settings) {
    return CompletableFuture.supplyAsync(() -> MappingLoader.load(settings, null, null), DAEMON);
  }

  /** The subcommands that always map names: {@link Main} starts the loading before it builds the command line. */
  static final java.util.Set<String> EARLY = java.util.Set.of("convert", "export");

  /**
   * The name mapping for a command that does not parse {@code pyproject} itself (check, lock, migrate): the
   * tables in use plus that file's {@code [tool.envx.mapping]} table, if any.
   */
  static NameMapper forCli(Cli cli, Path pyproject) {
    Loading loading = startLoading(cli);
    Map<String, Object> table = null;
    if (pyproject != null && java.nio.file.Files.isRegularFile(pyproject)) {
      table = dev.envx.format.pyproject.PyProjectReader.rawTable(OutputFiles.read(pyproject),
          java.util.List.of("tool", "envx", "mapping"));
    }
    return loading.withProject(table == null ? Map.of() : table, pyproject);
  }

  private static NameMapper lazy(Cli cli, CompletableFuture<MappingLoader.Loaded> loading, MappingLayer project) {
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
          names = new MappingNames(project == null ? loaded.mapping() : loaded.mapping().with(project));
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
