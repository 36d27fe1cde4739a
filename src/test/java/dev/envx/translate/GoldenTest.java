package dev.envx.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envx.diag.DiagnosticRenderer;
import dev.envx.diag.EnvxException;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files under {@code testdata/convert/}: each case folder holds an input ({@code environment.yml} or
 * {@code pyproject.toml}, plus {@code existing.pyproject.toml} for an in-place update) beside the expected
 * output ({@code *.expected}) and the expected diagnostics ({@code diagnostics.expected}). Converting the
 * output again must change nothing, byte for byte. {@code fail/} holds inputs that must be rejected (exit 2)
 * with the expected error text. Regenerate with {@code -Denvx.update-golden=true} and review the diff.
 */
class GoldenTest {
  static final boolean UPDATE = Boolean.getBoolean("envx.update-golden");
  static final Path ROOT = SharedData.projectRoot().resolve("testdata/convert");

  /**
   * The mapping envx ships (embedded snapshot under default.toml, no cache, no user file), so that a golden file
   * shows what {@code scripts/envx convert} prints for the same input.
   */
  static final NameMapper MAPPER = new MappingNames(dev.envx.mapping.NameMapping.embedded());

  static Stream<String> cases() throws IOException {
    try (Stream<Path> s = Files.list(ROOT)) {
      return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.equals("fail"))
          .sorted().toList().stream();
    }
  }

  static Stream<String> failures() throws IOException {
    try (Stream<Path> s = Files.list(ROOT.resolve("fail"))) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".expected")).sorted().toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void convertsAsExpected(String name) throws IOException {
    Path dir = ROOT.resolve(name);
    Path env = dir.resolve("environment.yml");
    Path py = dir.resolve("pyproject.toml");
    if (Files.exists(dir.resolve("style"))) {
      ToolStyles.Style style = read(dir.resolve("style")).strip().equals("pixi") ? ToolStyles.Style.pixi
          : ToolStyles.Style.conda_lock;
      Convert.Output out = Convert.environmentToPyproject(read(env), "environment.yml", MAPPER, null, style);
      check(dir.resolve("pyproject.toml.expected"), out.text());
      check(dir.resolve("diagnostics.expected"), render(out));
      // what envx reads back from the other tool's tables is the same environment, minus what was reported
      Convert.Output back = Convert.pyprojectToEnvironment(out.text(), "pyproject.toml", MAPPER,
          PyprojectToEnv.Options.DEFAULT);
      check(dir.resolve("environment.yml.back.expected"), back.text());
    } else if (Files.exists(env)) {
      Path existing = dir.resolve("existing.pyproject.toml");
      Convert.Output out = Convert.environmentToPyproject(read(env), "environment.yml", MAPPER,
          Files.exists(existing) ? read(existing) : null);
      check(dir.resolve("pyproject.toml.expected"), out.text());
      check(dir.resolve("diagnostics.expected"), render(out));
      // idempotent: pyproject -> environment -> pyproject gives the same bytes
      Convert.Output back = Convert.pyprojectToEnvironment(out.text(), "pyproject.toml", MAPPER,
          PyprojectToEnv.Options.DEFAULT);
      Convert.Output again = Convert.environmentToPyproject(back.text(), "environment.yml", MAPPER,
          Files.exists(existing) ? out.text() : null);
      assertThat(again.text()).as("converting the output again").isEqualTo(out.text());
      Convert.Output back2 = Convert.pyprojectToEnvironment(again.text(), "pyproject.toml", MAPPER,
          PyprojectToEnv.Options.DEFAULT);
      assertThat(back2.text()).isEqualTo(back.text());
      assertThat(EnvSemantics.diff(dev.envx.format.envyml.EnvYmlReader.parse(read(env), "a"),
          dev.envx.format.envyml.EnvYmlReader.parse(back.text(), "b"))).as("semantic round trip").isEmpty();
    } else if (Files.exists(dir.resolve("existing.environment.yml"))) {
      Convert.Output out = Convert.pyprojectToEnvironment(read(py), "pyproject.toml", MAPPER,
          PyprojectToEnv.Options.DEFAULT, read(dir.resolve("existing.environment.yml")), "environment.yml");
      check(dir.resolve("environment.yml.expected"), out.text());
      check(dir.resolve("diagnostics.expected"), render(out));
      Convert.Output again = Convert.pyprojectToEnvironment(read(py), "pyproject.toml", MAPPER,
          PyprojectToEnv.Options.DEFAULT, out.text(), "environment.yml");
      assertThat(again.text()).as("updating again").isEqualTo(out.text());
      Convert.Output fresh = Convert.pyprojectToEnvironment(read(py), "pyproject.toml", MAPPER,
          PyprojectToEnv.Options.DEFAULT);
      assertThat(EnvSemantics.diff(dev.envx.format.envyml.EnvYmlReader.parse(fresh.text(), "a"),
          dev.envx.format.envyml.EnvYmlReader.parse(out.text(), "b"))).as("same content as a fresh file").isEmpty();
    } else {
      Convert.Output out = Convert.pyprojectToEnvironment(read(py), "pyproject.toml", MAPPER,
          PyprojectToEnv.Options.DEFAULT);
      check(dir.resolve("environment.yml.expected"), out.text());
      check(dir.resolve("diagnostics.expected"), render(out));
      Convert.Output py2 = Convert.environmentToPyproject(out.text(), "environment.yml", MAPPER, null);
      Convert.Output env2 = Convert.pyprojectToEnvironment(py2.text(), "pyproject.toml", MAPPER,
          PyprojectToEnv.Options.DEFAULT);
      assertThat(env2.text()).as("converting the output again").isEqualTo(out.text());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void rejectsWithExpectedError(String file) throws IOException {
    Path in = ROOT.resolve("fail").resolve(file);
    String text = read(in);
    assertThatThrownBy(() -> {
      if (file.endsWith(".toml")) {
        Convert.pyprojectToEnvironment(text, file, MAPPER, PyprojectToEnv.Options.DEFAULT);
      } else {
        Convert.environmentToPyproject(text, file, MAPPER, null);
      }
    }).isInstanceOfSatisfying(EnvxException.class, e -> {
      assertThat(e.exitCode()).isEqualTo(2);
      try {
        check(ROOT.resolve("fail").resolve(file.replaceAll("\\.[a-z]+$", "") + ".expected"),
            new DiagnosticRenderer(false).renderAll(e.diagnostics()));
      } catch (IOException io) {
        throw new IllegalStateException(io);
      }
    });
  }

  static String render(Convert.Output out) {
    return new DiagnosticRenderer(false).renderAll(out.diagnostics());
  }

  static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  static void check(Path expected, String actual) throws IOException {
    if (UPDATE || !Files.exists(expected)) {
      if (!UPDATE && !actual.isEmpty()) {
        Files.writeString(expected, actual, StandardCharsets.UTF_8);
        throw new AssertionError("wrote missing golden file " + expected + "; review it and run again");
      }
      if (UPDATE) {
        if (actual.isEmpty() && expected.getFileName().toString().equals("diagnostics.expected")) {
          Files.deleteIfExists(expected);
        } else {
          Files.writeString(expected, actual, StandardCharsets.UTF_8);
        }
      }
      return;
    }
    assertThat(actual).as(expected.toString()).isEqualTo(read(expected));
  }

  static List<String> lines(String s) {
    return new ArrayList<>(List.of(s.split("\n", -1)));
  }
}
