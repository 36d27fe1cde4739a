package dev.envx.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.envx.diag.EnvxException;
import dev.envx.format.envyml.EnvYmlReader;
import dev.envx.format.pyproject.PyProjectReader;
import dev.envx.index.RepodataParser;
import dev.envx.model.pep508.Marker;
import dev.envx.diag.ParseError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every reproduction of issue 9's "unbounded work": a diagnostic with a place, exit 2, never a stack overflow. */
class InputLimitsTest {
  private static EnvxException fails(Runnable r) {
    Throwable t = catchThrowable(r::run);
    assertThat(t).isInstanceOf(EnvxException.class);
    return (EnvxException) t;
  }

  @Test
  void yamlFlowNestingOf2000Levels() {
    String yml = "dependencies: " + "[".repeat(2000) + "]".repeat(2000) + "\n";
    EnvxException e = fails(() -> EnvYmlReader.parse(yml, "environment.yml"));
    assertThat(e.exitCode()).isEqualTo(2);
    assertThat(e.first().message()).isEqualTo("mappings and lists nested deeper than 64 levels");
    assertThat(e.first().span().location()).isEqualTo("environment.yml:1:78");
  }

  @Test
  void yamlBlockNestingOf5000Levels() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      sb.append(" ".repeat(i)).append("k").append(i).append(":\n");
    }
    EnvxException e = fails(() -> EnvYmlReader.parse(sb.toString(), "environment.yml"));
    assertThat(e.first().message()).contains("nested deeper than 64");
    assertThat(e.first().span().line()).isEqualTo(65); // the root mapping is level 1
  }

  @Test
  void yamlAliasesOfAScalarAreCountedAndTheirExpansionBounded() {
    String big = "x".repeat(60_000);
    StringBuilder sb = new StringBuilder("name: &a " + big + "\ndependencies:\n");
    for (int i = 0; i < 20; i++) {
      sb.append("  - *a\n");
    }
    EnvxException e = fails(() -> EnvYmlReader.parse(sb.toString(), "environment.yml"));
    assertThat(e.first().message()).isEqualTo("aliases expand to more than 1,048,576 characters");
    assertThat(e.first().span().line()).isEqualTo(20); // the 18th alias: 18 x 60,000 > 1 Mi
    StringBuilder many = new StringBuilder("name: &a x\ndependencies:\n");
    for (int i = 0; i < 101; i++) {
      many.append("  - *a\n");
    }
    assertThat(fails(() -> EnvYmlReader.parse(many.toString(), "e.yml")).first().message())
        .isEqualTo("more than 100 aliases");
  }

  @Test
  void longLinesAndKeys() {
    String line = "name: " + "x".repeat(70_000) + "\n";
    EnvxException e = fails(() -> EnvYmlReader.parse(line, "environment.yml"));
    assertThat(e.first().message()).isEqualTo("line 1 is too long: 70,006 characters, the limit is 65,536");
    String key = "? " + "k".repeat(2000) + "\n: 1\n"; // implicit keys stop at 1024 in YAML itself
    assertThat(fails(() -> EnvYmlReader.parse(key, "e.yml")).first().message()).startsWith("key of 2,000");
  }

  @Test
  void tomlNestingOf1000Levels() {
    String toml = "[project]\nname = \"x\"\ndependencies = " + "[".repeat(1000) + "]".repeat(1000) + "\n";
    EnvxException e = fails(() -> PyProjectReader.parse(toml, "pyproject.toml"));
    assertThat(e.exitCode()).isEqualTo(2);
    assertThat(e.first().message()).isEqualTo("arrays and tables nested deeper than 64 levels");
    assertThat(e.first().span().location()).isEqualTo("pyproject.toml:3:80");
    // brackets in strings and comments do not count
    String fine = "[project]\nname = \"" + "[".repeat(100) + "\" # " + "{".repeat(100) + "\n";
    assertThat(catchThrowable(() -> PyProjectReader.parse(fine, "pyproject.toml")))
        .satisfies(t -> assertThat(t == null || !t.getMessage().contains("nested")).isTrue());
  }

  @Test
  void markerWith50000NestedParentheses() {
    String m = "(".repeat(50_000) + "python_version > '3'" + ")".repeat(50_000);
    Throwable t = catchThrowable(() -> Marker.parse(m));
    assertThat(t).isInstanceOf(ParseError.class).hasMessage("marker nested deeper than 32 parentheses");
    assertThat(((ParseError) t).offset()).isEqualTo(32);
    assertThat(Marker.parse("(".repeat(32) + "python_version > '3'" + ")".repeat(32))).isNotNull();
  }

  @Test
  void jsonNestingAndBinaryGarbageInRepodata() {
    byte[] deep = ("{\"info\": " + "[".repeat(5000) + "]".repeat(5000) + "}").getBytes(StandardCharsets.UTF_8);
    EnvxException e = fails(() -> new RepodataParser().parse(deep, null, "linux-64", "ch/linux-64/repodata.json"));
    assertThat(e.first().message()).contains("nesting depth").doesNotContain("StreamReadConstraints")
        .doesNotContain("getMaxNestingDepth");
    byte[] junk = {'{', '"', 'a', '"', ':', 1, 2, (byte) 0x9b, 27, '[', '2', 'J'};
    EnvxException j = fails(() -> new RepodataParser().parse(junk, null, "linux-64", "ch/linux-64/repodata.json"));
    assertThat(j.first().message()).doesNotContain("\u001b").doesNotContain("\u0001");
    assertThat(j.first().hints()).noneMatch(h -> h.contains("cached"));
  }
}
