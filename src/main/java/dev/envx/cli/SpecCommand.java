package dev.envx.cli;

import dev.envx.diag.Diagnostic;
import dev.envx.diag.EnvxException;
import dev.envx.diag.ParseError;
import dev.envx.translate.SpecErrors;
import dev.envx.model.conda.CondaVersion;
import dev.envx.model.conda.MatchSpec;
import dev.envx.model.conda.VersionSpec;
import dev.envx.model.pep440.Pep440Version;
import dev.envx.model.pep440.SpecifierSet;
import dev.envx.model.pep508.Marker;
import dev.envx.model.pep508.MarkerEnvironment;
import dev.envx.model.pep508.Requirement;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code envx spec}: check conda and PyPI versions, specs and markers from a shell. Every subcommand also
 * has a batch mode: with {@code -} as the only argument it reads one case per line from stdin (fields
 * separated by tabs; a one-field case such as a requirement is the whole line, tabs included) and prints one
 * answer line per input line (with {@code --json} one compact JSON object per line: JSON Lines); a case that
 * does not parse prints {@code invalid: <message>} and the rest goes on.
 */
@Command(name = "spec", description = "Parse, compare and match conda and PyPI versions and specs.",
    subcommands = {SpecCommand.CondaCmd.class, SpecCommand.PypiSpec.class, SpecCommand.Compare.class,
        SpecCommand.Match.class, SpecCommand.MarkerCmd.class, SpecCommand.Sort.class},
    footer = {"", "Batch mode: pass `-` as the only argument and give one case per line on stdin,",
        "fields separated by tabs (compare: A<TAB>B, match: SPEC<TAB>VERSION, sort: V<TAB>V...);",
        "conda, pypi and marker read the whole line. Each line gets one answer line (with --json one",
        "compact JSON object per line: JSON Lines); a bad line prints `invalid: <message>`."})
final class SpecCommand implements Callable<Integer> {
  private final Cli cli;

  SpecCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    throw EnvxException.input(Diagnostic.error("missing subcommand", null,
        "use one of `conda`, `pypi`, `compare`, `match`, `marker`, `sort`; see `envx spec --help`"));
  }

  /** conda or PyPI semantics, chosen with a required flag. */
  static final class Ecosystem {
    @Option(names = "--conda", required = true, description = "conda semantics (VersionOrder, MatchSpec).")
    boolean conda;

    @Option(names = "--pypi", required = true, description = "PyPI semantics (PEP 440).")
    boolean pypi;
  }

  /** Evaluates one case: the fields of one line (or the arguments); returns the answer lines. */
  interface Case {
    List<String> answer(List<String> fields);
  }

  /** Runs a case on arguments, or in batch mode on stdin when the only argument is {@code -}. */
  static int run(Cli cli, List<String> args, int minFields, int maxFields, Case c,
      Function<List<String>, Object> json) {
    return run(cli, args, minFields, maxFields, c, json, null);
  }

  /** @param what the kind of spec in messages ({@link SpecErrors}), null for plain parse errors */
  static int run(Cli cli, List<String> args, int minFields, int maxFields, Case c,
      Function<List<String>, Object> json, String what) {
    if (args.size() == 1 && args.get(0).equals("-")) {
      return batch(cli, minFields, maxFields, c, json);
    }
    try {
      Object j = json == null ? null : json.apply(args);
      if (cli.json() && j != null) {
        cli.printJson(j);
      } else {
        for (String line : c.answer(args)) {
          cli.out().println(line);
        }
      }
      cli.out().flush();
      return 0;
    } catch (ArgError e) {
      ParseError pe = e.error;
      String name = "<argument " + (e.index + 1) + ">";
      throw EnvxException.input(what == null ? pe.toDiagnostic(name) : SpecErrors.ofArgument(pe, name, what));
    }
  }


  private static int batch(Cli cli, int minFields, int maxFields, Case c, Function<List<String>, Object> json) {
    BufferedReader in = cli.stdin();
    try {
      String line;
      while ((line = in.readLine()) != null) {
        // a one-field case (a spec, a requirement, a marker) is the whole line: PEP 508 allows tabs in it
        List<String> fields = maxFields == 1 ? List.of(line) : List.of(line.split("\t", -1));
        String answer;
        if (fields.size() < minFields || fields.size() > maxFields) {
          answer = invalid(cli, line, "expected " + (minFields == maxFields ? minFields : minFields + " or more")
              + " tab-separated fields, got " + fields.size(), null);
        } else {
          try {
            answer = cli.json() && json != null ? jsonLine(json.apply(fields)) : String.join("\t", c.answer(fields));
          } catch (ArgError e) {
            answer = invalid(cli, line, e.error.getMessage(), e);
          }
        }
        cli.out().println(answer);
      }
      cli.out().flush();
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String jsonLine(Object value) {
    try {
      return Cli.jsonLines().writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The answer for a line that does not parse: {@code invalid: <message> (field F, column C)}, or with
   * {@code --json} an object {@code {"input", "invalid", "field", "column"}} on one line.
   */
  private static String invalid(Cli cli, String line, String message, ArgError at) {
    if (cli.json()) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("input", line);
      j.put("invalid", message);
      if (at != null) {
        j.put("field", at.index + 1);
        j.put("column", at.error.offset() + 1);
      }
      return jsonLine(j);
    }
    return "invalid: " + message + (at == null ? ""
        : " (field " + (at.index + 1) + ", column " + (at.error.offset() + 1) + ")");
  }

  /** A parse error in argument/field number {@code index}. */
  static final class ArgError extends RuntimeException {
    final int index;
    final transient ParseError error;

    ArgError(int index, ParseError error) {
      super(error.getMessage());
      this.index = index;
      this.error = error;
    }
  }

  static <T> T parse(List<String> fields, int index, Function<String, T> parser) {
    try {
      return parser.apply(fields.get(index));
    } catch (ParseError e) {
      throw new ArgError(index, e);
    } catch (IllegalArgumentException e) {
      throw new ArgError(index, new ParseError(Diagnostic.lowerFirst(e.getMessage(), "invalid input"),
          fields.get(index), 0, fields.get(index).length()));
    }
  }


  /** A version of either ecosystem, compared by that ecosystem's rules. */
  static Comparable<Object> version(boolean conda, List<String> fields, int i) {
    @SuppressWarnings("unchecked")
    Comparable<Object> v = conda
        ? (Comparable<Object>) (Comparable<?>) parse(fields, i, CondaVersion::parse)
        : (Comparable<Object>) (Comparable<?>) parse(fields, i, Pep440Version::parse);
    return v;
  }

  static Object condaFields(MatchSpec m) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("canonical", m.spelling());
    if (!m.spelling().equals(m.toString())) {
      j.put("conda_str", m.toString()); // a URL spec: conda's str() drops the file, `canonical` keeps the URL
    }
    j.put("name", m.name() == null ? "*" : m.name().toString());
    j.put("version", m.version() == null ? null : m.version().toString());
    j.put("build", m.build() == null ? null : m.build().toString());
    j.put("build_number", m.buildNumber() == null ? null : m.buildNumber().toString());
    j.put("channel", m.channel());
    j.put("subdir", m.subdir());
    j.put("namespace", m.namespace());
    Map<String, Object> keys = new LinkedHashMap<>();
    putIf(keys, "track_features", m.trackFeatures().isEmpty() ? null : List.copyOf(m.trackFeatures()));
    putIf(keys, "features", m.features().isEmpty() ? null : List.copyOf(m.features()));
    putIf(keys, "url", m.url());
    putIf(keys, "md5", m.md5());
    putIf(keys, "sha256", m.sha256());
    putIf(keys, "license", m.license());
    putIf(keys, "license_family", m.licenseFamily());
    putIf(keys, "fn", m.fn());
    putIf(keys, "when", m.when());
    putIf(keys, "extras", m.extras());
    putIf(keys, "flags", m.flags());
    j.put("keys", keys);
    return j;
  }

  private static void putIf(Map<String, Object> m, String k, Object v) {
    if (v != null) {
      m.put(k, v);
    }
  }

  static Object pypiFields(Requirement r) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("canonical", r.toString());
    j.put("name", r.name().normalized());
    j.put("original_name", r.name().original());
    j.put("extras", r.extras());
    j.put("specifier", r.specifier().toString());
    j.put("url", r.url());
    j.put("marker", r.marker() == null ? null : r.marker().toString());
    return j;
  }

  /** Prints the canonical form of one spec (or, with {@code --json}, its fields). */
  static <T> int canonical(Cli cli, String spec, String what, Function<String, T> parser,
      Function<T, String> text, Function<T, Object> fields) {
    return run(cli, List.of(spec), 1, 1, f -> List.of(text.apply(parse(f, 0, parser))),
        f -> fields.apply(parse(f, 0, parser)), what);
  }

  @Command(name = "conda", description = {"Parse a conda MatchSpec and print its canonical form.",
      "A package URL or file prints as its URL (`--json` gives conda's str() as `conda_str`)."})
  static final class CondaCmd implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand SpecCommand parent;

    @Parameters(arity = "1", paramLabel = "SPEC", description = "e.g. 'numpy >=1.20,<2 py39*', or - for batch")
    String spec;

    @Option(names = "--lenient", description = {"Read as conda's _parse_spec_str does, for old files: `\"\"` matches",
        "every package, `foo=` is `foo`, a doubled `.`/`-` in a name is kept."})
    boolean lenient;

    @Override
    public Integer call() {
      MatchSpec.Mode mode = lenient ? MatchSpec.Mode.LENIENT : MatchSpec.Mode.STRICT;
      return canonical(parent.cli, spec, SpecErrors.CONDA_SPEC, s -> MatchSpec.parse(s, mode),
          MatchSpec::spelling,
          SpecCommand::condaFields);
    }
  }

  @Command(name = "pypi", description = "Parse a PEP 508 requirement and print its canonical form.")
  static final class PypiSpec implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand SpecCommand parent;

    @Parameters(arity = "1", paramLabel = "REQUIREMENT",
        description = "e.g. 'requests[socks]>=2; python_version<\"3.8\"', or - for batch")
    String spec;

    @Override
    public Integer call() {
      return canonical(parent.cli, spec, SpecErrors.REQUIREMENT, Requirement::parse, Requirement::toString,
          SpecCommand::pypiFields);
    }
  }

  @Command(name = "compare", description = "Compare two versions: prints <, == or >.")
  static final class Compare implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand SpecCommand parent;
    @ArgGroup(exclusive = true, multiplicity = "1") Ecosystem eco;

    @Parameters(arity = "1..2", paramLabel = "VERSION", description = "A B, or - for batch")
    List<String> args;

    @Override
    public Integer call() {
      if (args.size() == 1 && !args.get(0).equals("-")) {
        throw EnvxException.input(Diagnostic.error("`compare` takes two versions", null,
            "e.g. `envx spec compare --conda 1.0 1.0.0`"));
      }
      Case c = f -> {
        int r = version(eco.conda, f, 0).compareTo(version(eco.conda, f, 1));
        return List.of(r < 0 ? "<" : r == 0 ? "==" : ">");
      };
      return run(parent.cli, args, 2, 2, c,
          f -> Map.of("left", f.get(0), "right", f.get(1), "result", c.answer(f).get(0)));
    }
  }

  @Command(name = "match", description = "Does each version match the spec? Prints VERSION<TAB>true|false.")
  static final class Match implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand SpecCommand parent;
    @ArgGroup(exclusive = true, multiplicity = "1") Ecosystem eco;

    @Parameters(arity = "1..*", paramLabel = "SPEC VERSION", description = "SPEC V..., or - for batch")
    List<String> args;

    private boolean matches(List<String> f, int i) {
      if (eco.conda) {
        VersionSpec spec = parse(f, 0, VersionSpec::parse);
        return spec.matches(parse(f, i, CondaVersion::parse));
      }
      SpecifierSet set = parse(f, 0, SpecifierSet::parse);
      return set.contains(parse(f, i, Pep440Version::parse), null);
    }

    @Override
    public Integer call() {
      boolean batch = args.size() == 1 && args.get(0).equals("-");
      if (!batch && args.size() < 2) {
        throw EnvxException.input(Diagnostic.error("`match` needs a spec and at least one version", null,
            "e.g. `envx spec match --conda '1.2.*' 1.2.3 1.3`"));
      }
      if (batch) {
        return run(parent.cli, args, 2, 2, f -> List.of(Boolean.toString(matches(f, 1))),
            f -> Map.of("spec", f.get(0), "version", f.get(1), "matches", matches(f, 1)));
      }
      Case c = f -> {
        List<String> out = new ArrayList<>();
        for (int i = 1; i < f.size(); i++) {
          out.add(f.get(i) + "\t" + matches(f, i));
        }
        return out;
      };
      return run(parent.cli, args, 2, Integer.MAX_VALUE, c, f -> {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 1; i < f.size(); i++) {
          out.add(Map.of("version", f.get(i), "matches", matches(f, i)));
        }
        return Map.of("spec", f.get(0), "results", out);
      });
    }
  }

  @Command(name = "marker", description = "Evaluate a PEP 508 marker: prints true or false.",
      footer = {"", "Default environment: CPython 3.12.0 on Linux x86_64 (linux-64); override keys with --env,",
          "or pick another conda platform with --platform."})
  static final class MarkerCmd implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand SpecCommand parent;

    @Parameters(arity = "1", paramLabel = "MARKER", description = "e.g. 'python_version < \"3.8\"', or -")
    String marker;

    @Option(names = "--env", paramLabel = "KEY=VALUE", description = "Override one marker variable.")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--platform", paramLabel = "PLATFORM",
        description = "Start from this conda platform's environment (default linux-64).")
    String platform = "linux-64";

    @Option(names = "--python", paramLabel = "X.Y.Z", description = "Python version (default 3.12.0).")
    String python = "3.12.0";

    private MarkerEnvironment environment() {
      MarkerEnvironment e;
      try {
        e = MarkerEnvironment.forCondaPlatform(platform, python);
        for (var kv : env.entrySet()) {
          e = e.with(kv.getKey(), kv.getValue());
        }
      } catch (IllegalArgumentException ex) {
        throw EnvxException.input(Diagnostic.error(Diagnostic.lowerFirst(ex.getMessage(), "invalid input"), null,
            "known variables: " + String.join(", ", MarkerEnvironment.KEYS)));
      }
      return e;
    }

    @Override
    public Integer call() {
      MarkerEnvironment e = environment();
      return run(parent.cli, List.of(marker), 1, 1,
          f -> List.of(Boolean.toString(parse(f, 0, Marker::parse).evaluate(e))),
          f -> {
            Marker m = parse(f, 0, Marker::parse);
            return Map.of("marker", m.toString(), "result", m.evaluate(e));
          });
    }
  }

  @Command(name = "sort", description = "Sort versions in ascending order, one per line.")
  static final class Sort implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand SpecCommand parent;
    @ArgGroup(exclusive = true, multiplicity = "1") Ecosystem eco;

    @Parameters(arity = "1..*", paramLabel = "VERSION", description = "versions, or - for batch")
    List<String> args;

    private List<String> sorted(List<String> f) {
      List<Map.Entry<Comparable<Object>, String>> vs = new ArrayList<>();
      for (int i = 0; i < f.size(); i++) {
        vs.add(Map.entry(version(eco.conda, f, i), f.get(i)));
      }
      vs.sort(Comparator.comparing(Map.Entry::getKey));
      return vs.stream().map(Map.Entry::getValue).toList();
    }

    @Override
    public Integer call() {
      boolean batch = args.size() == 1 && args.get(0).equals("-");
      if (batch) {
        return run(parent.cli, args, 1, Integer.MAX_VALUE, f -> List.of(String.join("\t", sorted(f))),
            f -> sorted(f));
      }
      return run(parent.cli, args, 1, Integer.MAX_VALUE, this::sorted, this::sorted);
    }
  }
}
