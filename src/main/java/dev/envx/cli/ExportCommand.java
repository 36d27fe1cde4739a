package dev.envx.cli;

import dev.envx.format.pyproject.PyProjectReader;
import dev.envx.diag.EnvxException;
import dev.envx.format.envyml.EnvYmlReader;
import dev.envx.model.conda.Platform;
import dev.envx.translate.Convert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code envx export --conda}: a pyproject.toml as a conda environment file. */
@Command(name = "export", description = {
    "Export a pyproject.toml as a conda environment.yml.",
    "PyPI names become conda-forge names; what has no conda package goes into `pip:`."},
    footer = {"", "Examples:", "  envx export --conda                         # ./pyproject.toml to stdout",
        "  envx export --conda --platform linux-64 -o environment.yml"})
final class ExportCommand implements Callable<Integer> {
  private final Cli cli;

  @Option(names = "--conda", required = true, description = "export a conda environment file")
  boolean conda;

  @Option(names = {"-p", "--pyproject"}, paramLabel = "FILE", description = "default: ./pyproject.toml")
  Path pyproject = Path.of("pyproject.toml");

  @Option(names = "--platform", paramLabel = "P",
      description = "evaluate selectors for this platform (e.g. linux-64) and drop them")
  String platform;

  @Mixin DependencySelection selection = new DependencySelection();

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "default: stdout")
  String output;

  @Option(names = "--force", description = "overwrite an existing output file")
  boolean force;

  @Option(names = "--update", description = "update an existing environment file in place (comments, order and "
      + "unchanged entries kept)")
  boolean update;

  @Option(names = "--dry-run", description = "print the result instead of writing it")
  boolean dryRun;

  ExportCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    if (platform != null) {
      platform = SolveCommand.parseOne(platform, "--platform", Platform::parse).subdir();
    }
    OutputFiles.requirePyproject(pyproject);
    String text = OutputFiles.read(pyproject);
    Path out = output == null || output.equals("-") ? null : Path.of(output);
    OutputFiles.requireNotInput(out, pyproject);
    boolean exists = out != null && Files.exists(out);
    if (exists && !force && !update && !dryRun) {
      throw EnvxException.input("`" + out + "` exists", null,
          "use `--update` to change it in place (comments and order kept), or `--force` to overwrite it");
    }
    String existing = update && exists ? OutputFiles.read(out) : null;
    Mappers.Loading mapping = Mappers.startLoading(cli);
    PyProjectReader.Result read = PyProjectReader.parseWithWarnings(text, pyproject.toString()); // parsed once
    Convert.Output r = Convert.pyprojectToEnvironment(read, mapping.withProject(read.mappingTable(), pyproject),
        selection.options(platform), existing, out == null ? null : out.toString());
    return Mappers.finish(cli, r, out, out == null || dryRun, pyproject.toString());
  }
}
