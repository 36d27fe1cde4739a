package dev.envx.cli;

import dev.envx.diag.Diagnostic;
import dev.envx.diag.DiagnosticRenderer;
import dev.envx.diag.EnvxException;
import dev.envx.format.lock.LockFormat;
import dev.envx.format.lock.LockRead;
import dev.envx.format.lock.LockWrite;
import dev.envx.format.lock.Lockfiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code envx lock convert IN -o OUT}: a lockfile from one format to another. */
@Command(name = "lock", description = "Lockfiles: conda-lock.yml, pixi.lock, pylock.toml and @EXPLICIT files.",
    subcommands = {LockCommand.Convert.class})
final class LockCommand implements Callable<Integer> {
  private final Cli cli;

  LockCommand(Cli cli) {
    this.cli = cli;
  }

  static CommandLine command(Cli cli) {
    return new CommandLine(new LockCommand(cli), new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        return cls == Convert.class ? cls.cast(new Convert(cli)) : CommandLine.defaultFactory().create(cls);
      }
    });
  }

  @Override
  public Integer call() {
    throw EnvxException.input("`envx lock` needs a subcommand", null,
        "convert a lockfile: `envx lock convert conda-lock.yml -o pixi.lock`");
  }

  static LockFormat format(String name) {
    String formats = Lockfiles.formats().stream().map(LockFormat::label).collect(Collectors.joining(", "));
    return LockFormat.fromLabel(name).orElseThrow(() ->
        EnvxException.input("unknown lockfile format `" + name + "`", null, "formats: " + formats));
  }

  @Command(name = "convert", description = {
      "Convert a lockfile between conda-lock.yml (v1), pixi.lock (v6), pylock.toml and @EXPLICIT files.",
      "What the target format cannot hold is reported as a warning; credentials never reach the output."},
      footer = {"", "Examples:", "  envx lock convert conda-lock.yml -o pixi.lock",
          "  envx lock convert pixi.lock -o pylock.toml",
          "  envx lock convert pixi.lock -o 'conda-{platform}.lock' --format explicit",
          "  envx lock convert conda-lock.yml -o - --format explicit --platform linux-64"})
  static final class Convert implements Callable<Integer> {
    static final String PLATFORM_PLACEHOLDER = "{platform}";

    private final Cli cli;

    @Parameters(index = "0", paramLabel = "IN", description = "the lockfile to read (format from its content)")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true, description = "output file (`-` for "
        + "stdout); for @EXPLICIT with several platforms put `{platform}` in the name")
    String output;

    @Option(names = "--format", paramLabel = "F", description = "conda-lock, pixi, pylock or explicit "
        + "(default: from OUT's name: pixi.lock, pylock*.toml, *.yml, *.lock)")
    String format;

    @Option(names = "--from", paramLabel = "F", description = "the input's format, when its content does not tell")
    String from;

    @Option(names = "--platform", paramLabel = "P", description = "only this platform (repeatable)")
    List<String> platforms = new ArrayList<>();

    @Option(names = "--force", description = "overwrite existing output files")
    boolean force;

    Convert(Cli cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      boolean stdout = "-".equals(output);
      LockFormat target = format != null ? format(format) : stdout ? LockFormat.CONDA_LOCK
          : LockFormat.fromFileName(Path.of(output.replace(PLATFORM_PLACEHOLDER, "x")).getFileName().toString())
              .orElse(LockFormat.CONDA_LOCK);
      String text = OutputFiles.read(input);
      LockRead read = Lockfiles.parse(text, input.toString(), from == null ? null : format(from));
      for (String p : platforms) {
        if (!read.lock().platforms().contains(p)) {
          throw EnvxException.input("`" + input + "` has no platform `" + p + "`", null,
              "its platforms: " + String.join(", ", read.lock().platforms()));
        }
      }
      LockWrite written = Lockfiles.write(read.lock(), target, new LinkedHashSet<>(platforms));
      // every target is decided and checked before anything is written
      Map<Path, String> outputs = new LinkedHashMap<>();
      List<LockWrite.File> files = written.files();
      if (!stdout) {
        if (files.size() > 1 && !output.contains(PLATFORM_PLACEHOLDER)) {
          throw EnvxException.input("this lock has " + files.size() + " platforms and an @EXPLICIT file holds one",
              null, "put `{platform}` in the output name (`-o 'conda-{platform}.lock'`) or pass `--platform P`");
        }
        for (LockWrite.File f : files) {
          Path out = Path.of(f.platform() == null ? output : output.replace(PLATFORM_PLACEHOLDER, f.platform()));
          if (out.toAbsolutePath().normalize().equals(input.toAbsolutePath().normalize())) {
            throw EnvxException.input("`" + out + "` is the input file", null, "write the converted lock elsewhere");
          }
          if (Files.exists(out) && !force) {
            throw EnvxException.input("`" + out + "` exists", null, "use `--force` to overwrite it");
          }
          outputs.put(out, f.text());
        }
      }
      List<Diagnostic> diagnostics = new ArrayList<>(read.warnings());
      diagnostics.addAll(written.warnings());
      cli.report(diagnostics);
      outputs.forEach(OutputFiles::writeAtomically);
      if (cli.json()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", true);
        m.put("input", input.toString());
        m.put("from", read.format().label());
        m.put("format", target.label());
        m.put("outputs", stdout ? List.of("-") : outputs.keySet().stream().map(Path::toString).toList());
        m.put("diagnostics", diagnostics.stream().map(DiagnosticRenderer::toMap).toList());
        if (stdout) {
          m.put("content", files.stream().map(LockWrite.File::text).toList());
        }
        cli.printJson(m);
      } else if (stdout) {
        files.forEach(f -> cli.out().print(f.text()));
        cli.out().flush();
      } else if (!cli.quiet()) {
        outputs.keySet().forEach(p -> cli.err().println("wrote " + p + " (" + target.label() + ")"));
        cli.err().flush();
      }
      return 0;
    }
  }
}
