package dev.envx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.testing.CliRun;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecCommandTest {
  /** Issue 9: one message per kind of mistake, whichever command reads the bad requirement. */
  @Test
  void aBadRequirementIsWordedAlikeBySpecAndConvert(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    CliRun spec = CliRun.run("spec", "pypi", "numpy>=");
    java.nio.file.Path env = dir.resolve("environment.yml");
    java.nio.file.Files.writeString(env, "dependencies:\n  - pip\n  - pip:\n    - numpy>=\n");
    CliRun convert = CliRun.run("convert", env.toString(), "-o", "-");
    assertThat(spec.exitCode()).isEqualTo(2);
    assertThat(convert.exitCode()).isEqualTo(2);
    assertThat(words(spec.err())).isEqualTo(words(convert.err()));
    assertThat(String.join("\n", words(spec.err()))).contains("error: invalid requirement: ")
        .contains("hint: requirements look like");
  }

  /** The message and hint lines, without the location and the source excerpt. */
  private static java.util.List<String> words(String err) {
    return err.lines().filter(l -> l.contains("error:") || l.strip().startsWith("hint:"))
        .map(l -> l.contains("error:") ? l.substring(l.indexOf("error:")) : l.strip()).toList();
  }

  @Test
  void condaCanonicalForm() {
    CliRun r = CliRun.run("spec", "conda", "numpy >=1.20,<2 py39*");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo("numpy[version='>=1.20,<2',build=py39*]\n");
  }

  @Test
  void condaJsonFields() {
    CliRun r = CliRun.run("--json", "spec", "conda", "conda-forge/linux-64::numpy=1.21=py39_0");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("\"name\" : \"numpy\"", "\"channel\" : \"conda-forge\"",
        "\"subdir\" : \"linux-64\"", "\"build\" : \"py39_0\"", "\"version\" : \"1.21\"");
  }

  @Test
  void pypiCanonicalFormAndJson() {
    CliRun r = CliRun.run("spec", "pypi", "Requests [socks] >= 2 ; python_version<'3.8'");
    assertThat(r.out()).isEqualTo("Requests[socks]>=2; python_version < \"3.8\"\n");
    CliRun j = CliRun.run("spec", "pypi", "--json", "requests[socks]>=2");
    assertThat(j.out()).contains("\"name\" : \"requests\"", "\"extras\" : [ \"socks\" ]", "\"specifier\" : \">=2\"");
  }

  @Test
  void compareBothEcosystems() {
    assertThat(CliRun.run("spec", "compare", "--conda", "1.0", "1.0.0").out()).isEqualTo("==\n");
    assertThat(CliRun.run("spec", "compare", "--conda", "1.0dev", "1.0a").out()).isEqualTo("<\n");
    assertThat(CliRun.run("spec", "compare", "--pypi", "1.0.post1", "1.0").out()).isEqualTo(">\n");
    CliRun neither = CliRun.run("spec", "compare", "1.0", "1.0");
    assertThat(neither.exitCode()).isEqualTo(2);
    // picocli's own "Error: " prefix is not doubled by envx's
    assertThat(neither.err()).startsWith("error: missing required argument").doesNotContain("error: error");
  }

  @Test
  void matchPrintsEachVersion() {
    CliRun r = CliRun.run("spec", "match", "--conda", "1.2.*", "1.2.3", "1.3");
    assertThat(r.out()).isEqualTo("1.2.3\ttrue\n1.3\tfalse\n");
    CliRun p = CliRun.run("spec", "match", "--pypi", "~=1.4", "1.4.5", "2.0");
    assertThat(p.out()).isEqualTo("1.4.5\ttrue\n2.0\tfalse\n");
  }

  @Test
  void markerWithDefaultAndOverriddenEnvironment() {
    assertThat(CliRun.run("spec", "marker", "python_version < \"3.8\" and sys_platform == \"linux\"").out())
        .isEqualTo("false\n");
    assertThat(CliRun.run("spec", "marker", "python_version < \"3.8\"", "--env", "python_version=3.7").out())
        .isEqualTo("true\n");
    assertThat(CliRun.run("spec", "marker", "sys_platform == \"win32\"", "--platform", "win-64").out())
        .isEqualTo("true\n");
  }

  @Test
  void sortAscending() {
    assertThat(CliRun.run("spec", "sort", "--conda", "1.0", "1.0a", "1.0.post1", "1.0dev", "0.9").out())
        .isEqualTo("0.9\n1.0dev\n1.0a\n1.0\n1.0.post1\n");
    assertThat(CliRun.run("spec", "sort", "--pypi", "1.0", "1.0a1", "1.0.dev0").out())
        .isEqualTo("1.0.dev0\n1.0a1\n1.0\n");
  }

  @Test
  void batchModeAnswersEveryLineAndGoesOnAfterInvalidOnes() {
    CliRun r = CliRun.runWithInput("1.0\t1.0.0\n1.0\tx y\nbad\n2\t1\n", Map.of(), "spec", "compare", "--conda", "-");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().lines().toList()).hasSize(4);
    assertThat(r.out().lines().toList().get(0)).isEqualTo("==");
    assertThat(r.out().lines().toList().get(1)).startsWith("invalid: ");
    assertThat(r.out().lines().toList().get(2)).startsWith("invalid: expected 2 tab-separated fields");
    assertThat(r.out().lines().toList().get(3)).isEqualTo(">");

    CliRun m = CliRun.runWithInput(">=1.2\t1.3\n>=1.2\t1.1\n", Map.of(), "spec", "match", "--pypi", "-");
    assertThat(m.out()).isEqualTo("true\nfalse\n");
    CliRun s = CliRun.runWithInput("2\t1\t3\n", Map.of(), "spec", "sort", "--conda", "-");
    assertThat(s.out()).isEqualTo("1\t2\t3\n");
  }

  @Test
  void invalidArgumentExitsTwoWithCaretAtColumn() {
    CliRun r = CliRun.run("--no-color", "spec", "conda", "numpy >=1.2,,<3");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("<argument 1>:1:13: error: ").contains("numpy >=1.2,,<3")
        .contains("            ^").doesNotContain("Exception");
    CliRun p = CliRun.run("spec", "pypi", "requests >= ");
    assertThat(p.exitCode()).isEqualTo(2);
    assertThat(p.err()).startsWith("<argument 1>:1:").contains("error: invalid requirement: expected").doesNotContain("\tat ");
  }

  @Test
  void badMarkerVariableIsUsageError() {
    CliRun r = CliRun.run("spec", "marker", "os_name == 'posix'", "--env", "nonsense=1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("error:");
  }
}
