package dev.envx.cli;

import dev.envx.diag.EnvxException;
import dev.envx.http.Http;
import dev.envx.mapping.Alternative;
import dev.envx.mapping.MappingAnswer;
import dev.envx.mapping.MappingCache;
import dev.envx.mapping.MappingLoader;
import dev.envx.mapping.MappingSettings;
import dev.envx.mapping.MappingUpdater;
import dev.envx.mapping.Provenance;
import dev.envx.mapping.UpstreamSource;
import dev.envx.diag.ParseError;
import dev.envx.model.conda.CondaName;
import dev.envx.model.conda.MatchSpec;
import dev.envx.model.pep508.PyPiName;
import dev.envx.model.pep508.Requirement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code envx mapping lookup|update}: the PyPI/conda-forge name mapping. */
@Command(name = "mapping", description = "Look up and update the PyPI <-> conda-forge name mapping.",
    subcommands = {MappingCommand.Lookup.class, MappingCommand.Update.class})
final class MappingCommand implements Callable<Integer> {
  final Cli cli;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  MappingCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(cli.out());
    return 0;
  }

  static CommandLine command(Cli cli) {
    MappingCommand top = new MappingCommand(cli);
    CommandLine cl = cli.commands().commandLine(top, new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        if (cls == Lookup.class) {
          return cls.cast(new Lookup(cli));
        }
        if (cls == Update.class) {
          return cls.cast(new Update(cli));
        }
        return CommandLine.defaultFactory().create(cls);
      }
    });
    return cl;
  }

  static MappingSettings settings(Cli cli) {
    return MappingSettings.of(cli.settings());
  }

  static Path cwd(Cli cli) {
    String pwd = cli.env().get("PWD");
    return Path.of(pwd != null && !pwd.isBlank() ? pwd : System.getProperty("user.dir"));
  }

  enum Side { pypi, conda }

  @Command(name = "lookup", description = {"Map package names and show where each answer comes from.",
      "One NAME prints the answer with its provenance and alternatives; several NAMEs, or `-` (one name, or",
      "one requirement/spec whose name is taken, per line on stdin), print one answer line each",
      "(`NAME (from) -> ANSWER (to)`, or `invalid: <message>`); with --json one compact object per line."})
  static final class Lookup implements Callable<Integer> {
    private final Cli cli;

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "Package names to map, or - for stdin.")
    List<String> names;

    @Option(names = "--from", required = true, paramLabel = "pypi|conda",
        description = "The ecosystem NAME belongs to.")
    Side from;

    @Option(names = "--version", paramLabel = "VERSION",
        description = "Version of the package, for version-dependent renames (PyPI names only).")
    String version;

    @Option(names = "--project", paramLabel = "PYPROJECT",
        description = "pyproject.toml whose [tool.envx.mapping] table overrides (default: ./pyproject.toml if present).")
    Path project;


    Lookup(Cli cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      MappingSettings s = settings(cli);
      Path py = project != null ? cwd(cli).resolve(project) : cwd(cli).resolve("pyproject.toml");
      Map<String, Object> table = projectTable(py, project != null ? project : Path.of("pyproject.toml"),
          project != null);
      MappingLoader.Loaded loaded = MappingLoader.load(s, table, py);
      cli.report(loaded.warnings());
      if (names.size() == 1 && !names.get(0).equals("-")) {
        MappingAnswer a = lookup(loaded, names.get(0));
        if (cli.json()) {
          cli.printJson(json(a));
        } else {
          print(a);
        }
        return 0;
      }
      if (names.equals(List.of("-"))) {
        try {
          java.io.BufferedReader in = cli.stdin();
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            answerLine(loaded, line, true);
          }
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      } else {
        for (String n : names) {
          if (n.equals("-")) {
            throw EnvxException.input("`-` (read names from stdin) must be the only NAME", null);
          }
          answerLine(loaded, n, false);
        }
      }
      cli.out().flush();
      return 0;
    }

    private MappingAnswer lookup(MappingLoader.Loaded loaded, String name) {
      if (from == Side.pypi) {
        PyPiName n;
        try {
          n = PyPiName.of(name);
        } catch (IllegalArgumentException e) {
          throw EnvxException.input("invalid PyPI name `" + name + "`", null,
              "PyPI names are letters, digits and `-_.`, starting and ending with a letter or digit");
        }
        return loaded.mapping().toConda(n, version);
      }
      CondaName n;
      try {
        n = CondaName.parse(name);
      } catch (ParseError e) {
        throw EnvxException.input(e.toDiagnostic("<argument>"));
      }
      return loaded.mapping().toPypi(n.normalized());
    }

    /**
     * One answer line for one input: a name, or (on stdin) a requirement or conda spec whose name the
     * model's parser takes, so a whole requirements list can be piped in; a line that is neither answers
     * {@code invalid: <message>} and the rest goes on.
     */
    private void answerLine(MappingLoader.Loaded loaded, String line, boolean fromStdin) {
      String name = fromStdin ? nameOf(line.strip()) : line;
      String answer;
      try {
        if (name == null) {
          throw EnvxException.input("no " + from + " name in `" + line.strip() + "`", null);
        }
        MappingAnswer a = lookup(loaded, name);
        answer = cli.json() ? Cli.jsonLines().writeValueAsString(json(a)) : firstLine(a);
      } catch (EnvxException e) {
        String message = e.diagnostics().isEmpty() ? e.getMessage() : e.diagnostics().get(0).message();
        try {
          Map<String, Object> j = new LinkedHashMap<>();
          j.put("input", line);
          j.put("invalid", message);
          answer = cli.json() ? Cli.jsonLines().writeValueAsString(j) : "invalid: " + message;
        } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
          throw new IllegalStateException(x);
        }
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      cli.out().println(answer);
    }

    /** The name of a stdin line: the line itself when it is a name, else the parsed requirement's or spec's. */
    private String nameOf(String line) {
      if (from == Side.pypi) {
        if (PyPiName.isValid(line)) {
          return line;
        }
        return Requirement.tryParse(line).map(r -> r.name().original()).orElse(null);
      }
      try {
        return CondaName.parse(line).original();
      } catch (ParseError e) {
        try {
          return MatchSpec.parse(line).exactName();
        } catch (ParseError e2) {
          return null;
        }
      }
    }

    private static String firstLine(MappingAnswer a) {
      return a.query() + " (" + a.direction().from() + ") -> "
          + a.preferred().map(p -> p + " (" + a.direction().to() + ")").orElse("no " + a.direction().to() + " package");
    }

    private void print(MappingAnswer a) {
      var out = cli.out();
      out.println(firstLine(a));
      out.println("  source: " + a.provenance());
      out.println("  basis:  " + a.basis().name().toLowerCase(java.util.Locale.ROOT));
      out.println("  why:    " + a.reason());
      if (!a.alternatives().isEmpty()) {
        out.println("  alternatives:");
        for (Alternative alt : a.alternatives()) {
          out.println("    " + alt.name() + "  from " + alt.provenance() + (alt.note().isEmpty() ? "" : "; " + alt.note()));
        }
      }
      out.flush();
    }
  }


  static Map<String, Object> projectTable(Path pyproject, Path shown, boolean required) {
    if (!Files.isRegularFile(pyproject)) {
      if (required) {
        throw EnvxException.input("`" + pyproject + "` does not exist", null);
      }
      return Map.of();
    }
    String text;
    try {
      text = dev.envx.io.TextFiles.readUtf8(pyproject);
    } catch (java.io.IOException e) {
      throw EnvxException.cannotRead(pyproject, e);
    }
    // the same reader as convert's, so the same mistake gets the same message and place
    TomlParseResult toml = dev.envx.format.pyproject.PyProjectReader.parseToml(
        dev.envx.diag.SourceFile.of(shown.toString(), text));
    TomlTable t = toml.getTable("tool.envx.mapping");
    return t == null ? Map.of() : t.toMap();
  }

  static Map<String, Object> json(MappingAnswer a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("query", a.query());
    m.put("from", a.direction().from());
    m.put("to", a.direction().to());
    m.put("preferred", a.preferred().orElse(null));
    m.put("no_counterpart", a.noCounterpart());
    m.put("basis", a.basis().name().toLowerCase(java.util.Locale.ROOT));
    m.put("source", source(a.provenance()));
    m.put("reason", a.reason());
    List<Map<String, Object>> alts = new ArrayList<>();
    for (Alternative alt : a.alternatives()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("name", alt.name());
      x.put("source", source(alt.provenance()));
      x.put("note", alt.note());
      alts.add(x);
    }
    m.put("alternatives", alts);
    return m;
  }

  static Map<String, Object> source(Provenance p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("layer", p.layer().name().toLowerCase(java.util.Locale.ROOT));
    m.put("name", p.source());
    m.put("location", p.location());
    m.put("date", p.date().map(Object::toString).orElse(null));
    return m;
  }

  @Command(name = "update", description = {"Fetch the maintained upstream mappings into the user cache.",
      "Defaults: parselmouth (conda -> PyPI, from package contents) and the grayskull/cf-graph PyPI -> conda table."})
  static final class Update implements Callable<Integer> {
    private final Cli cli;

    @Option(names = "--from", paramLabel = "FILE|URL",
        description = "Fetch this table instead of the defaults (repeatable; format recognised by shape).")
    List<String> from = new ArrayList<>();


    Update(Cli cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() throws IOException {
      MappingSettings s = settings(cli);
      List<UpstreamSource> sources = from.isEmpty() ? s.sources()
          : from.stream().map(f -> UpstreamSource.from(f, cwd(cli))).toList();
      Http http = cli.http();
      List<MappingUpdater.Result> results = new MappingUpdater(http.with(http.options().withTimeouts(
          http.options().connectTimeout(), s.timeout())), new MappingCache(s.mappingCache()), Clock.systemUTC())
          .update(sources, s.offline());
      boolean ok = results.stream().allMatch(r -> r.ok() || r.status() == MappingUpdater.Status.SKIPPED_OFFLINE);
      if (cli.json()) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (MappingUpdater.Result r : results) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("source", r.source().label());
          m.put("url", r.source().uri().toString());
          m.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
          m.put("message", r.message());
          m.put("rows", r.rows());
          m.put("date", r.date().map(Object::toString).orElse(null));
          rows.add(m);
        }
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("ok", ok);
        top.put("offline", s.offline());
        top.put("cache", s.mappingCache().toString());
        top.put("sources", rows);
        cli.printJson(top);
        return ok ? 0 : EnvxException.FAILURE;
      } else {
        for (MappingUpdater.Result r : results) {
          (r.ok() ? cli.out() : cli.err()).println(r.source().label() + ": " + r.message());
        }
        cli.out().flush();
        cli.err().flush();
      }
      if (!ok) {
        throw EnvxException.failure("some mapping tables could not be updated",
            "the previous tables (or the embedded default) stay in use; run `envx mapping update` again later",
            "without network, `envx mapping update --from FILE` reads a downloaded table");
      }
      return 0;
    }
  }
}
