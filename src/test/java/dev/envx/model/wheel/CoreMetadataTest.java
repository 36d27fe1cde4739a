package dev.envx.model.wheel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envx.diag.DiagnosticRenderer;
import dev.envx.diag.EnvxException;
import dev.envx.model.pep508.MarkerEnvironment;
import dev.envx.model.pep508.Requirement;
import dev.envx.testing.Python3;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CoreMetadataTest {
  private static final String SAMPLE = """
      Metadata-Version: 2.4\r
      Name: Example_Pkg\r
      Version: 1.02.post1\r
      Summary: An example\r
      Requires-Python: >=3.9, !=3.10.*\r
      Requires-Dist: requests >=2.8\r
      Requires-Dist: numpy<2; python_version < "3.12"\r
      Requires-Dist: pytest; extra == "Test"\r
      Requires-Dist: colorama; sys_platform == "win32"\r
      Provides-Extra: Test\r
      Provides-Extra: test\r
      Dynamic: License-File\r
      Classifier: Programming Language :: Python\r
      Description: line one\r
              line two\r
      \r
      The long description, with a colon: here.\r
      """;

  @Test
  void parsesTheResolverFieldsAndKeepsTheRest() {
    CoreMetadata m = CoreMetadata.parse(SAMPLE, "example.metadata");
    assertThat(m.metadataVersion()).isEqualTo("2.4");
    assertThat(m.name().normalized()).isEqualTo("example-pkg");
    assertThat(m.name().original()).isEqualTo("Example_Pkg");
    assertThat(m.version()).hasToString("1.2.post1");
    assertThat(m.summary()).isEqualTo("An example");
    assertThat(m.requiresPython()).hasToString("!=3.10.*,>=3.9");
    assertThat(m.requiresDist()).extracting(Requirement::toString).containsExactly("requests>=2.8",
        "numpy<2; python_version < \"3.12\"", "pytest; extra == \"test\"", "colorama; sys_platform == \"win32\"");
    assertThat(m.providesExtra()).containsExactly("test");
    assertThat(m.dynamic()).containsExactly("license-file");
    assertThat(m.values("classifier")).containsExactly("Programming Language :: Python");
    assertThat(m.value("Description")).hasValue("line one        line two");
    assertThat(m.description()).isEqualTo("The long description, with a colon: here.\r\n");
    assertThat(m.fields()).hasSize(14);
    assertThat(m.fields().get(5)).isEqualTo(new CoreMetadata.Field("Requires-Dist", "requests >=2.8", 6));
    assertThat(m.hasStaticDependencies()).isTrue();
  }

  @Test
  void requirementsFollowMarkersAndExtras() {
    CoreMetadata m = CoreMetadata.parse(SAMPLE, "example.metadata");
    MarkerEnvironment linux311 = MarkerEnvironment.forCondaPlatform("linux-64", "3.11");
    MarkerEnvironment win312 = MarkerEnvironment.forCondaPlatform("win-64", "3.12");
    assertThat(names(m.requirements(linux311, Set.of()))).containsExactly("requests", "numpy");
    assertThat(names(m.requirements(linux311, Set.of("TEST")))).containsExactly("requests", "numpy", "pytest");
    assertThat(names(m.requirements(win312, Set.of()))).containsExactly("requests", "colorama");
  }

  private static List<String> names(List<Requirement> rs) {
    return rs.stream().map(r -> r.name().normalized()).toList();
  }

  @Test
  void staticDependenciesFollowPep643() {
    String base = "Metadata-Version: %s\nName: a\nVersion: 1\n%s";
    assertThat(CoreMetadata.parse(base.formatted("2.1", ""), "x").hasStaticDependencies()).isFalse();
    assertThat(CoreMetadata.parse(base.formatted("2.2", ""), "x").hasStaticDependencies()).isTrue();
    assertThat(CoreMetadata.parse(base.formatted("2.2", "Dynamic: Requires-Dist\n"), "x").hasStaticDependencies())
        .isFalse();
    assertThat(CoreMetadata.parse(base.formatted("2.3", "Dynamic: requires-python\n"), "x")
        .hasStaticDependencies()).isFalse();
  }

  @Test
  void errorsPointAtTheValue() {
    assertError("Metadata-Version: 2.1\nName: a\nVersion: 1\nRequires-Dist: foo >=\n",
        "a.metadata:4:22: error: invalid `Requires-Dist`: expected a version after `>=`");
    assertError("Metadata-Version: 2.1\nName: a\nVersion: 1\nRequires-Python: >=3.x\n",
        "a.metadata:4:21: error: invalid `Requires-Python`: invalid specifier: '>=3.x'");
    assertError("Metadata-Version: 2.1\nName: a\nVersion: one\n",
        "a.metadata:3:10: error: invalid version: ");
    assertError("Metadata-Version: 2.1\nName: -a\nVersion: 1\n",
        "a.metadata:2:7: error: invalid project name `-a`");
    assertError("Metadata-Version: 3.0\nName: a\nVersion: 1\n",
        "a.metadata:1:19: error: metadata version 3.0 is not one envx reads (1.0 to 2.5)");
    assertError("Metadata-Version: 2.1\nName: a\nVersion: 1\nthis is not a header\n",
        "a.metadata:4:1: error: expected a header `Field: value`, found `this is not a header`");
    assertError("Metadata-Version: 2.1\nName: a\nName: b\nVersion: 1\n",
        "a.metadata:3:1: error: field `Name` appears twice");
    assertError("Metadata-Version: 2.2\nName: a\nVersion: 1\nDynamic: Version\n",
        "a.metadata:4:10: error: `Version` cannot be dynamic");
    assertError("Metadata-Version: 2.1\nName: a\nVersion: 1\nProvides-Extra: -x\n",
        "a.metadata:4:17: error: invalid extra name `-x`");
    assertError("Name: a\nVersion: 1\n", "a.metadata:1:1: error: missing `Metadata-Version` field");
    assertError("Metadata-Version: 2.1\nVersion: 1\n", "a.metadata:1:1: error: missing `Name` field");
    assertError(" Name: a\n", "a.metadata:1:1: error: metadata starts with an indented line");
  }

  @Test
  void renderedErrorShowsTheLineAndACaret() {
    EnvxException e = catchEnvx("Metadata-Version: 2.1\nName: a\nVersion: 1\nRequires-Dist: foo >=\n");
    assertThat(e.exitCode()).isEqualTo(EnvxException.FAILURE);
    assertThat(new DiagnosticRenderer(false).render(e.first()))
        .contains("  4 | Requires-Dist: foo >=\n    |                      ^\n");
  }

  @Test
  void rejectsBytesThatAreNotUtf8() {
    byte[] bad = "Metadata-Version: 2.1\nName: a\nVersion: 1\nSummary: \u00ff\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> CoreMetadata.parse(bad, "x.metadata"))
        .hasMessageContaining("metadata `x.metadata` is not UTF-8 text");
    byte[] bom = "\uFEFFMetadata-Version: 2.1\nName: a\nVersion: 1\n".getBytes(StandardCharsets.UTF_8);
    assertThat(CoreMetadata.parse(bom, "x").name().normalized()).isEqualTo("a");
  }

  private static void assertError(String text, String expectedStart) {
    assertThat(catchEnvx(text).first().oneLine()).startsWith(expectedStart);
  }

  private static EnvxException catchEnvx(String text) {
    try {
      CoreMetadata.parse(text, "a.metadata");
    } catch (EnvxException e) {
      return e;
    }
    throw new AssertionError("expected an error for:\n" + text);
  }

  /** Every {@code .metadata} file of the shared mirror parses, and reads as packaging reads it. */
  @Test
  void everyMirrorMetadataFileParsesAsPackagingReadsIt() throws IOException {
    Path files = SharedData.require("pypi/files");
    List<Path> all;
    try (Stream<Path> s = Files.list(files)) {
      all = s.filter(p -> p.toString().endsWith(".metadata")).sorted().toList();
    }
    List<String> failures = new ArrayList<>();
    List<CoreMetadata> parsed = new ArrayList<>();
    int requirements = 0;
    for (Path p : all) {
      try {
        CoreMetadata m = CoreMetadata.parse(Files.readAllBytes(p), p.getFileName().toString());
        parsed.add(m);
        requirements += m.requiresDist().size();
      } catch (EnvxException e) {
        failures.add(e.first().oneLine());
        parsed.add(null);
      }
    }
    System.out.println("CoreMetadataTest: " + (all.size() - failures.size()) + " of " + all.size()
        + " metadata files parse, " + requirements + " Requires-Dist");
    assertThat(failures).as("metadata files that do not parse").isEmpty();
    assertThat(all).hasSizeGreaterThan(800);

    Python3.requireModule("packaging.metadata|pip._vendor.packaging.metadata");
    StringBuilder paths = new StringBuilder();
    all.forEach(p -> paths.append(p).append('\n'));
    Python3.Result r = Python3.script("/dev/envx/model/wheel/packaging_metadata.py", List.of(), paths.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSameSizeAs(all);
    ObjectMapper json = new ObjectMapper();
    List<String> differences = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      JsonNode exp = json.readTree(lines.get(i));
      CoreMetadata m = parsed.get(i);
      String file = all.get(i).getFileName().toString();
      if (exp.has("error")) {
        differences.add(file + ": packaging fails: " + exp.get("error").asText());
        continue;
      }
      compare(differences, file, "name", exp.get("name").asText(), m.name().normalized());
      compare(differences, file, "version", exp.get("version").asText(), m.version().toString());
      compare(differences, file, "metadata_version", exp.get("metadata_version").asText(), m.metadataVersion());
      compare(differences, file, "requires_python", exp.get("requires_python").asText(),
          m.requiresPython().toString());
      compare(differences, file, "requires_dist", strings(exp.get("requires_dist")),
          m.requiresDist().stream().map(Requirement::toString).toList());
      compare(differences, file, "provides_extra", strings(exp.get("provides_extra")), m.providesExtra());
      compare(differences, file, "dynamic", strings(exp.get("dynamic")), m.dynamic());
    }
    System.out.println("CoreMetadataTest: " + all.size() + " metadata files compared with packaging");
    assertThat(differences).isEmpty();
  }

  private static void compare(List<String> out, String file, String field, Object expected, Object actual) {
    if (!expected.equals(actual)) {
      out.add(file + ": " + field + ": packaging " + expected + ", envx " + actual);
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Property
  void arbitraryTextFailsOnlyWithADiagnostic(@ForAll("texts") String text) {
    try {
      CoreMetadata.parse(text, "fuzz");
    } catch (EnvxException e) {
      assertThat(e.first().message()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> line = Arbitraries.oneOf(
        Arbitraries.of("Metadata-Version: 2.1", "Name: a", "Version: 1.0", "Requires-Dist: b>=1", "", " folded",
            "Requires-Python: >=3", "Dynamic: requires-dist", "Provides-Extra: x"),
        Arbitraries.strings().withChars("ab: ;>=<\"\r\t-").ofMaxLength(20));
    return line.list().ofMaxSize(8).map(l -> String.join("\n", l));
  }
}
