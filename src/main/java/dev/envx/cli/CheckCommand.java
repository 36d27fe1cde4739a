package dev.envx.cli;

import dev.envx.check.Checker;
import dev.envx.check.Finding;
import dev.envx.check.Locker;
import dev.envx.check.ProjectFiles;
import dev.envx.check.ReportText;
import dev.envx.diag.EnvxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code envx check [PATH]}: manifests and lockfiles in step, for pre-commit; writes nothing unless {@code --fix}. */
@Command(name = "check", description = {
    "Check that manifests and lockfiles are in step (for pre-commit hooks).",
    "environment.yml and pyproject.toml must agree when one is declared a mirror of the other, and each lockfile",
    "must have been made from the manifest as it is now. Writes nothing, fetches nothing, solves nothing; exit 0",
    "when everything is in step, 1 with a report of what is stale and the command that fixes it."},
    footer = {"", "Declare a mirror in pyproject.toml's [tool.envx]:",
        "  mirror = \"environment.yml\"      # environment.yml is made from pyproject.toml",
        "  mirror-of = \"environment.yml\"   # pyproject.toml's envx entries are made from environment.yml",
        "", "Examples:", "  envx check", "  envx check path/to/project --json", "  envx check --fix"})
final class CheckCommand implements Callable<Integer> {
  private final Cli cli;
  private final Locker locker;

  @Parameters(index = "0", arity = "0..1", paramLabel = "PATH",
      description = "the project folder, or its pyproject.toml or environment.yml (default: .)")
  Path path = Path.of(".");

  @Option(names = "--fix", description = "regenerate the stale mirror (as `envx export --update` / "
      + "`envx convert --update` would)")
  boolean fix;

  @Option(names = "--lock", description = "with --fix: also relock stale lockfiles")
  boolean lock;

  CheckCommand(Cli cli) {
    this(cli, new LockStage(cli));
  }

  /** @param locker the lock stage for {@code --fix --lock}, or null while envx has none */
  CheckCommand(Cli cli, Locker locker) {
    this.cli = cli;
    this.locker = locker;
  }

  @Override
  public Integer call() {
    if (lock && !fix) {
      throw EnvxException.input("`--lock` goes with `--fix`", null, "run `envx check --fix --lock`");
    }
    if (lock && locker == null) {
      throw EnvxException.input("relocking is not available yet: this envx has no solving `envx lock`", null,
          "run `envx check --fix` for the manifests; lockfiles stay as they are");
    }
    Path dir = ProjectFiles.folderOf(path);
    Path pyproject = dir.resolve("pyproject.toml");
    if (Files.isRegularFile(pyproject)) {
      cli.mappingLoad(); // a mirror may need the name mapping: it loads while the files are read and parsed
    }
    Checker.Report report = Checker.check(dir,
        table -> Mappers.startLoading(cli).withProject(table, Files.isRegularFile(pyproject) ? pyproject : null));
    if (!fix) {
      print(report, List.of());
      return report.ok() ? 0 : 1;
    }
    List<String> done = new ArrayList<>();
    boolean left = false;
    for (Finding f : report.findings()) {
      if (f instanceof Finding.StaleMirror m) {
        OutputFiles.writeAtomically(m.file(), m.fixed(), m.source());
        done.add("wrote " + m.file() + " (" + m.differences().size() + " entries from " + m.source() + ")");
      } else if (f instanceof Finding.MissingMirror m) {
        OutputFiles.writeAtomically(m.file(), m.fixed(), m.source());
        done.add("wrote " + m.file() + " (made from " + m.source() + ")");
      } else if (f instanceof Finding.StaleLock l) {
        if (lock) {
          done.add(locker.lock(l.manifest(), l.file()));
        } else {
          left = true;
        }
      }
    }
    if (left && !cli.quiet()) {
      cli.err().println("hint: stale lockfiles are relocked with `envx check --fix --lock`");
    }
    print(report, done);
    return left ? 1 : 0;
  }

  private void print(Checker.Report report, List<String> done) {
    if (cli.json()) {
      Map<String, Object> m = ReportText.json(report);
      if (fix) {
        m.put("fixed", done);
      }
      cli.printJson(m);
      return;
    }
    if (!cli.quiet() || !report.ok()) {
      cli.out().print(ReportText.render(report));
    }
    cli.out().flush();
    if (!cli.quiet()) {
      done.forEach(cli.err()::println);
      cli.err().flush();
    }
  }
}
