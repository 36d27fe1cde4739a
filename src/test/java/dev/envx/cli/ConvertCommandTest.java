package dev.envx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end through the CLI: exit codes, what is written and what is never touched. */
class ConvertCommandTest {
  static final String ENV = """
      name: demo
      channels:
        - conda-forge
      dependencies:
        - python=3.11
        - numpy>=1.26
        - pip:
          - requests
      """;

  @Test
  void convertsEnvironmentToPyprojectBesideIt(@TempDir Path dir) throws Exception {
    Path env = Files.writeString(dir.resolve("environment.yml"), ENV);
    CliRun r = CliRun.run("convert", env.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    String py = Files.readString(dir.resolve("pyproject.toml"));
    assertThat(py).contains("[project]", "requires-python = \"==3.11.*\"", "\"requests\"", "[tool.envx]");
    assertThat(r.err()).contains("wrote");
    // and back
    CliRun back = CliRun.run("convert", dir.resolve("pyproject.toml").toString(), "-o",
        dir.resolve("env2.yml").toString());
    assertThat(back.exitCode()).as(back.err()).isZero();
    assertThat(Files.readString(dir.resolve("env2.yml"))).contains("name: demo", "- python=3.11", "- requests");
  }

  @Test
  void theProjectsMappingTableFromTheOneParseIsTheTopLayer(@TempDir Path dir) throws Exception {
    Path py = Files.writeString(dir.resolve("pyproject.toml"), "[project]\nname = \"x\"\n"
        + "dependencies = [\"torch>=2\"]\n[tool.envx.mapping.pypi-to-conda]\ntorch = \"pytorch-gpu\"\n");
    CliRun r = CliRun.run("convert", py.toString(), "-o", "-");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("- pytorch-gpu>=2").doesNotContain("- pytorch>=2");
    CliRun e = CliRun.run("export", "--conda", "-p", py.toString());
    assertThat(e.exitCode()).as(e.err()).isZero();
    assertThat(e.out()).contains("- pytorch-gpu>=2");
    Files.writeString(py, "[project]\nname = \"x\"\n[tool.envx.mapping]\npypi-to-conda = 3\n");
    CliRun bad = CliRun.run("convert", py.toString(), "-o", "-");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("`tool.envx.mapping.pypi-to-conda`: expected a table");
  }

  @Test
  void neverOverwritesWithoutForceOrUpdate(@TempDir Path dir) throws Exception {
    Path env = Files.writeString(dir.resolve("environment.yml"), ENV);
    Path py = Files.writeString(dir.resolve("pyproject.toml"), "# mine\n[project]\nname = \"x\"\nversion = \"1\"\n");
    CliRun r = CliRun.run("convert", env.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("exists", "--update", "--force");
    assertThat(Files.readString(py)).isEqualTo("# mine\n[project]\nname = \"x\"\nversion = \"1\"\n");

    CliRun u = CliRun.run("convert", env.toString(), "--update");
    assertThat(u.exitCode()).as(u.err()).isZero();
    assertThat(Files.readString(py)).startsWith("# mine\n[project]\nname = \"x\"\nversion = \"1\"\n")
        .contains("[tool.envx]");
    CliRun f = CliRun.run("convert", env.toString(), "--force");
    assertThat(f.exitCode()).isZero();
    assertThat(Files.readString(py)).doesNotContain("# mine");
  }

  @Test
  void updatingEnvironmentYmlFromToolEnvxWithoutANameKeepsTheFilesName(@TempDir Path dir) throws Exception {
    Path env = Files.writeString(dir.resolve("environment.yml"),
        "name: analysis\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n");
    Path py = Files.writeString(dir.resolve("pyproject.toml"), "[project]\nname = \"x\"\nversion = \"1\"\n"
        + "requires-python = \"==3.11.*\"\ndependencies = [\"numpy\"]\n[tool.envx]\nchannels = [\"conda-forge\"]\n");
    CliRun u = CliRun.run("convert", py.toString(), "-o", env.toString(), "--update");
    assertThat(u.exitCode()).as(u.err()).isZero();
    assertThat(Files.readString(env)).startsWith("name: analysis\n").contains("numpy");
  }

  @Test
  void badInputIsExit2WithLocationAndTouchesNothing(@TempDir Path dir) throws Exception {
    Path env = Files.writeString(dir.resolve("environment.yml"), "name: x\ndependencies:\n  - numpy >=\n");
    CliRun r = CliRun.run("convert", env.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("environment.yml:3:").contains("error:").contains("^");
    assertThat(dir.resolve("pyproject.toml")).doesNotExist();
    try (var s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("environment.yml");
    }
  }

  @Test
  void dryRunAndJsonPrintInsteadOfWriting(@TempDir Path dir) throws Exception {
    Path env = Files.writeString(dir.resolve("environment.yml"), ENV);
    CliRun r = CliRun.run("convert", env.toString(), "--dry-run");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("[tool.envx]");
    assertThat(dir.resolve("pyproject.toml")).doesNotExist();
    CliRun j = CliRun.run("--json", "convert", env.toString(), "-o", "-");
    assertThat(j.exitCode()).isZero();
    assertThat(j.out()).contains("\"ok\" : true", "\"content\"", "\"written\" : false");
  }

  @Test
  void exportWritesCondaNamesAndPipForTheRest(@TempDir Path dir) throws Exception {
    Path py = Files.writeString(dir.resolve("pyproject.toml"), """
        [project]
        name = "p"
        version = "1"
        requires-python = ">=3.10"
        dependencies = ["numpy>=1.26", "pywin32; sys_platform == 'win32'", "x @ https://example.org/x.whl"]
        """);
    CliRun r = CliRun.run("export", "--conda", "-p", py.toString(), "--platform", "linux-64");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("- numpy>=1.26", "- python>=3.10", "- pip:", "x @ https://example.org/x.whl")
        .doesNotContain("pywin32").contains("platforms:\n  - linux-64");
    CliRun bad = CliRun.run("export", "--conda", "-p", py.toString(), "--platform", "linux-65");
    assertThat(bad.exitCode()).isEqualTo(2);
  }

  @Test
  void unknownKindIsAUsageError(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("deps.txt"), "numpy\n");
    CliRun r = CliRun.run("convert", f.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("cannot tell the kind");
  }

  @Test
  void exportIncludesChosenExtrasAndGroups(@TempDir Path dir) throws Exception {
    Path py = Files.writeString(dir.resolve("pyproject.toml"), """
        [project]
        name = "p"
        version = "1"
        dependencies = ["numpy"]
        [project.optional-dependencies]
        plot = ["matplotlib>=3.8"]
        [dependency-groups]
        test = ["pytest>=8", { include-group = "lint" }]
        lint = ["ruff"]
        """);
    CliRun r = CliRun.run("export", "--conda", "-p", py.toString(), "--extra", "plot", "--group", "test");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("- numpy", "- matplotlib-base>=3.8", "- pytest>=8", "- ruff");
    CliRun plain = CliRun.run("export", "--conda", "-p", py.toString());
    assertThat(plain.out()).doesNotContain("pytest", "matplotlib");
    assertThat(plain.err()).contains("--extra NAME", "--group NAME");
    CliRun bad = CliRun.run("export", "--conda", "-p", py.toString(), "--group", "docs");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("no dependency group `docs`", "known: `test`, `lint`");
  }
}
