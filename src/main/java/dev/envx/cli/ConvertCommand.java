package dev.envx.cli;

import dev.envx.format.pyproject.PyProjectReader;
import dev.envx.diag.DiagnosticRenderer;
import dev.envx.diag.EnvxException;
import dev.envx.translate.Convert;
import dev.envx.translate.ToolStyles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code envx convert FILE}: environment.yml ⇄ pyproject.toml, direction from the input's kind. */
@Command(name = "convert", description = {
    "Convert an environment.yml to a pyproject.toml, or a pyproject.toml to an environment.yml.",
    "Every field is carried across; what cannot be carried exactly is reported as a warning."},
    footer = {"", "Examples:", "  envx convert environment.yml               # writes pyproject.toml beside it",
        "  envx convert environment.yml -o - --dry-run",
        "  envx convert environment.yml --update       # change only envx's entries of an existing pyproject.toml",
        "  envx convert pyproject.toml -o environment.yml"})
final class ConvertCommand implements Callable<Integer> {
  enum Target { pyproject, environment }

  private final Cli cli;

  @Parameters(index = "0", paramLabel = "FILE", description = "environment.yml/.yaml or pyproject.toml")
  Path input;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT",
      description = "output file (`-` for stdout); default: pyproject.toml or environment.yml beside FILE")
  String output;

  @Option(names = "--to", paramLabel = "KIND", description = "pyproject or environment (default: the other kind)")
  Target to;

  @Option(names = "--dry-run", description = "print the result instead of writing it")
  boolean dryRun;

  @Option(names = "--force", description = "overwrite an existing output file")
  boolean force;

  @Option(names = "--update", description = "update an existing output in place: in a pyproject.toml only "
      + "[tool.envx] and the dependencies/requires-python of [project] change; in an environment.yml, comments, "
      + "order and unchanged entries are kept")
  boolean update;

  @Mixin DependencySelection selection = new DependencySelection();

  @Option(names = "--style", paramLabel = "STYLE", description = "tables for the conda side of a new "
      + "pyproject.toml: envx (default, carries everything), pixi ([tool.pixi.*]) or conda-lock ([tool.conda-lock])")
  String style = "envx";

  ConvertCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    Target from = kindOf(input);
    Target target = to != null ? to : from == Target.pyproject ? Target.environment : Target.pyproject;
    if (target == from) {
      throw EnvxException.input("`" + input + "` is already a " + from + " file", null,
          "use `--to " + (from == Target.pyproject ? "environment" : "pyproject") + "`");
    }
    String text = OutputFiles.read(input);
    boolean stdout = "-".equals(output);
    Path out = stdout ? null : output != null ? Path.of(output)
        : input.toAbsolutePath().resolveSibling(target == Target.pyproject ? "pyproject.toml" : "environment.yml");
    OutputFiles.requireNotInput(out, input);
    boolean exists = out != null && Files.exists(out);
    if (exists && !force && !update && !dryRun) {
      throw EnvxException.input("`" + out + "` exists", null,
          target == Target.pyproject ? "use `--update` to change only envx's entries, or `--force` to overwrite it"
              : "use `--update` to change it in place (comments and order kept), or `--force` to overwrite it");
    }
    ToolStyles.Style st = switch (style) {
      case "envx" -> ToolStyles.Style.envx;
      case "pixi" -> ToolStyles.Style.pixi;
      case "conda-lock", "conda_lock" -> ToolStyles.Style.conda_lock;
      default -> throw EnvxException.input("unknown style `" + style + "`", null, "use envx, pixi or conda-lock");
    };
    if (st != ToolStyles.Style.envx && (update || target != Target.pyproject)) {
      throw EnvxException.input("`--style " + style + "` writes new pyproject.toml files only", null,
          "drop `--update`, or use `--force` to replace the file");
    }
    Mappers.Loading mapping = Mappers.startLoading(cli);
    Convert.Output result;
    String existing = update && exists ? OutputFiles.read(out) : null;
    if (target == Target.pyproject) {
      result = Convert.environmentToPyproject(text, input.toString(), mapping.withProject(Map.of(), null), existing,
          st);
    } else {
      PyProjectReader.Result read = PyProjectReader.parseWithWarnings(text, input.toString()); // parsed once
      result = Convert.pyprojectToEnvironment(read, mapping.withProject(read.mappingTable(), input),
          selection.options(null), existing, out == null ? null : out.toString());
    }
    return Mappers.finish(cli, result, out, dryRun || stdout, input.toString());
  }

  static Target kindOf(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".toml")) {
      return Target.pyproject;
    }
    if (n.endsWith(".yml") || n.endsWith(".yaml")) {
      return Target.environment;
    }
    throw EnvxException.input("cannot tell the kind of `" + p + "`", null,
        "name it `*.yml`/`*.yaml` (environment) or `*.toml` (pyproject), or pass `--to`");
  }

  static Map<String, Object> json(String input, Path out, boolean written, Convert.Output r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ok", true);
    m.put("input", input);
    m.put("output", out == null ? "-" : out.toString());
    m.put("written", written);
    m.put("diagnostics", r.diagnostics().stream().map(DiagnosticRenderer::toMap).toList());
    m.put("content", r.text());
    return m;
  }
}
