package dev.envx.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.envx.format.envyml.EnvYmlReader;
import dev.envx.format.envyml.EnvironmentYml;
import dev.envx.format.envyml.PipLine;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds what envx writes to real clients: every pyproject.toml (golden outputs, and conversions of the shared
 * corpus when present) to Python's {@code tomllib} and Debian's {@code pyproject_metadata} (PEP 621
 * validation); every pip section to {@code pip install --dry-run --no-index -r}, which may fail only for
 * missing packages, never for syntax. Skips with a message when the clients are not installed
 * ({@code scripts/ci-deps} installs them).
 */
class RealClientsTest {
  static final Pattern SYNTAX_ERROR = Pattern.compile(
      "Invalid requirement|no such option|Invalid URL|Invalid wheel filename|Invalid marker|InvalidMarker"
          + "|could not be parsed|Expected end or semicolon|Invalid specifier|invalid version",
      Pattern.CASE_INSENSITIVE);
  static String python;
  static boolean breakSystemPackages;

  @BeforeAll
  static void clients() {
    python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
  }

  @Test
  void pyprojectsLoadInTomllibAndPassPep621Validation(@TempDir Path tmp) throws Exception {
    assumeTrue(run(tmp, python, "-c", "import tomllib, pyproject_metadata").exit == 0,
        "skipped: `" + python + " -c 'import pyproject_metadata'` fails; run scripts/ci-deps "
            + "(apt-get install python3-pyproject-metadata)");
    List<Path> files = new ArrayList<>();
    int i = 0;
    for (String text : writtenPyprojects()) {
      Path f = tmp.resolve("p" + (i++) + ".toml");
      Files.writeString(f, text, StandardCharsets.UTF_8);
      files.add(f);
    }
    Path script = resource(tmp, "check_pyprojects.py");
    List<String> cmd = new ArrayList<>(List.of(python, script.toString()));
    files.forEach(f -> cmd.add(f.toString()));
    Result r = run(tmp, cmd.toArray(String[]::new));
    List<String> failures = r.out.lines().filter(l -> !l.startsWith("ok ")).toList();
    System.out.println("real clients: " + files.size() + " pyproject.toml files checked with tomllib and "
        + "pyproject_metadata, " + failures.size() + " failures");
    failures.forEach(f -> System.out.println("  " + f));
    assertThat(r.exit).as(r.err).isZero();
    assertThat(failures).isEmpty();
    assertThat(files).hasSizeGreaterThan(5);
  }

  @Test
  void pipSectionsParseInPip(@TempDir Path tmp) throws Exception {
    assumeTrue(run(tmp, python, "-m", "pip", "--version").exit == 0,
        "skipped: `" + python + " -m pip` is not installed; run scripts/ci-deps (apt-get install python3-pip)");
    Result help = run(tmp, python, "-m", "pip", "install", "--help");
    assumeTrue(help.out.contains("--dry-run"), "skipped: this pip has no `install --dry-run` (pip >= 22.2 needed)");
    breakSystemPackages = help.out.contains("--break-system-packages");
    List<List<PipLine>> sections = new ArrayList<>();
    List<Boolean> golden = new ArrayList<>();
    for (String[] env : writtenEnvironmentsTagged()) {
      EnvironmentYml e = EnvYmlReader.parse(env[0], "environment.yml");
      if (!e.pip().isEmpty()) {
        sections.add(e.pip());
        golden.add(env[1] != null);
      }
    }
    // 1. every section through pip's requirement-file parser (one process, no network)
    List<String> cmd = new ArrayList<>(List.of(python, resource(tmp, "check_requirements.py").toString()));
    for (List<PipLine> section : sections) {
      cmd.add(requirementsFile(tmp, section).toString());
    }
    Result parsed = run(tmp, cmd.toArray(String[]::new));
    List<String> problems = new ArrayList<>(parsed.out.lines().filter(l -> !l.startsWith("ok ")).toList());
    // 2. the golden outputs through `pip install --dry-run --no-index -r` as a user would run it
    int dryRuns = 0;
    for (int i = 0; i < sections.size(); i++) {
      if (golden.get(i)) {
        dryRuns++;
        String err = pipSyntaxError(tmp, sections.get(i));
        if (err != null) {
          problems.add(err);
        }
      }
    }
    int checked = sections.size();
    System.out.println("real clients: " + checked + " pip sections parsed by pip's requirement parser, " + dryRuns
        + " of them also through `pip install --dry-run --no-index -r`; " + problems.size() + " problems");
    problems.forEach(p -> System.out.println("  " + p));
    assertThat(parsed.exit).as(parsed.err).isZero();
    assertThat(problems).isEmpty();
    assertThat(checked).isGreaterThan(1);
  }

  static Path resource(Path tmp, String name) throws IOException {
    Path script = tmp.resolve(name);
    if (!Files.exists(script)) {
      try (InputStream in = RealClientsTest.class.getResourceAsStream(name)) {
        Files.copy(in, script);
      }
    }
    return script;
  }

  /**
   * A requirements file with the lines in a directory of its own, where the files and local projects the lines
   * refer to exist (so that pip gets past them), and conda's test placeholder replaced as conda's tests do.
   */
  static Path requirementsFile(Path tmp, List<PipLine> lines) throws IOException {
    Path dir = Files.createTempDirectory(tmp, "pip");
    StringBuilder req = new StringBuilder();
    for (PipLine l : lines) {
      String text = l.text().replace("{ARGH_PATH_PLACEHOLDER}", "https://github.com/neithere/argh.git");
      req.append(text).append('\n');
      Matcher m = Pattern.compile("^(?:-r|-c|--requirement|--constraint)[ =]\\s*(\\S+)").matcher(text);
      if (m.find()) {
        Path ref = dir.resolve(m.group(1));
        Files.createDirectories(ref.getParent());
        Files.writeString(ref, "");
      }
      Matcher path = Pattern.compile("^(?:-e\\s+|--editable[ =]\\s*)?(\\.{1,2}/\\S*)").matcher(text);
      if (path.find()) {
        Path project = Files.createDirectories(dir.resolve(path.group(1)));
        Files.writeString(project.resolve("pyproject.toml"), "[project]\nname = \"local\"\nversion = \"0\"\n");
      }
    }
    Path f = dir.resolve("requirements.txt");
    Files.writeString(f, req.toString());
    return f;
  }

  /** Runs pip's dry run over the lines; the requirements text and pip's error when it is a syntax error. */
  static String pipSyntaxError(Path tmp, List<PipLine> lines) throws IOException, InterruptedException {
    Path f = requirementsFile(tmp, lines);
    List<String> cmd = new ArrayList<>(List.of(python, "-m", "pip", "install"));
    if (breakSystemPackages) {
      cmd.add("--break-system-packages"); // PEP 668 refuses even dry runs on Debian's python otherwise
    }
    cmd.addAll(List.of("--dry-run", "--no-index", "--disable-pip-version-check", "-r", f.toString()));
    Result r = run(f.getParent(), cmd.toArray(String[]::new));
    return SYNTAX_ERROR.matcher(r.err + r.out).find() ? Files.readString(f) + "=> " + r.err.strip() : null;
  }

  /** pyproject.toml files envx writes in the tests: golden outputs, and corpus conversions when present. */
  static List<String> writtenPyprojects() throws IOException {
    List<String> out = new ArrayList<>();
    for (Path p : golden("pyproject.toml.expected")) {
      out.add(Files.readString(p));
    }
    for (String[] c : corpusConversions()) {
      out.add(c[0]);
    }
    return out;
  }

  /** {text, "golden" or null}: environment files envx writes in the tests. */
  static List<String[]> writtenEnvironmentsTagged() throws IOException {
    List<String[]> out = new ArrayList<>();
    for (Path p : golden("environment.yml.expected")) {
      out.add(new String[] {Files.readString(p), "golden"});
    }
    for (Path p : golden("environment.yml.back.expected")) {
      out.add(new String[] {Files.readString(p), "golden"});
    }
    for (String[] c : corpusConversions()) {
      out.add(new String[] {c[1], null});
    }
    return out;
  }

  static List<Path> golden(String name) throws IOException {
    try (Stream<Path> s = Files.list(GoldenTest.ROOT)) {
      return s.map(d -> d.resolve(name)).filter(Files::exists).sorted().toList();
    }
  }

  /** {pyproject, environment} for every corpus environment file envx accepts; empty without shared data. */
  static List<String[]> corpusConversions() throws IOException {
    Path dir = SharedData.root().resolve("corpus/environment");
    Path mapping = SharedData.root().resolve("mapping/parselmouth/compressed_mapping.json");
    List<String[]> out = new ArrayList<>();
    if (!Files.isDirectory(dir) || !Files.exists(mapping)) {
      return out;
    }
    List<NameMapper> mappers = List.of(TableMapper.parselmouth(mapping), CorpusRoundTripTest.EMBEDDED);
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().matches(".*\\.ya?ml")).sorted().toList();
    }
    for (NameMapper mapper : mappers) {
      for (Path f : files) {
        try {
          Convert.Output py = Convert.environmentToPyproject(Files.readString(f), f.toString(), mapper, null);
          Convert.Output env = Convert.pyprojectToEnvironment(py.text(), "pyproject.toml", mapper,
              PyprojectToEnv.Options.DEFAULT);
          out.add(new String[] {py.text(), env.text()});
        } catch (dev.envx.diag.EnvxException e) {
          // invalid inputs are the corpus round-trip test's business
        }
      }
    }
    return out;
  }

  record Result(int exit, String out, String err) {}

  static Result run(Path dir, String... cmd) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().put("GIT_TERMINAL_PROMPT", "0");
    pb.environment().put("PIP_NO_INPUT", "1");
    Path outF = Files.createTempFile("envx-out", ".txt");
    Path errF = Files.createTempFile("envx-err", ".txt");
    try {
      pb.redirectOutput(outF.toFile()).redirectError(errF.toFile());
      Process p;
      try {
        p = pb.start();
      } catch (IOException e) {
        return new Result(127, "", e.getMessage());
      }
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(124, "", "timeout");
      }
      return new Result(p.exitValue(), Files.readString(outF), Files.readString(errF));
    } finally {
      Files.deleteIfExists(outF);
      Files.deleteIfExists(errF);
    }
  }
}
