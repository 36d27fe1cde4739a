package dev.envx.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.diag.Diagnostic;
import org.junit.jupiter.api.Test;

/** Markers on export: evaluated where the manifest decides them, never a silent move to {@code pip:}. */
class MarkerExportTest {
  static final NameMapper MAPPER = GoldenTest.MAPPER;

  static Convert.Output export(String requiresPython, String platform, String... deps) {
    StringBuilder py = new StringBuilder("[project]\nname = \"m\"\nversion = \"0\"\n");
    if (requiresPython != null) {
      py.append("requires-python = \"").append(requiresPython).append("\"\n");
    }
    py.append("dependencies = [\n");
    for (String d : deps) {
      py.append("  '").append(d).append("',\n");
    }
    py.append("]\n");
    return Convert.pyprojectToEnvironment(py.toString(), "pyproject.toml", MAPPER,
        new PyprojectToEnv.Options(platform, "conda-forge"));
  }

  @Test
  void pythonVersionMarkerDecidedByRequiresPythonStaysConda() {
    Convert.Output o = export(">=3.10", null, "numpy; python_version >= \"3.9\"", "tomli>=2; python_version < \"3.10\"");
    assertThat(o.text()).contains("  - numpy\n").doesNotContain("pip:").doesNotContain("tomli");
    assertThat(o.diagnostics()).extracting(Diagnostic::message)
        .anySatisfy(m -> assertThat(m).contains("`tomli`").contains("is false for"));
  }

  @Test
  void undecidedPythonMarkerStaysCondaWithTheConditionAndAWarning() {
    Convert.Output o = export(null, null, "numpy; python_version >= \"3.9\"");
    assertThat(o.text()).contains("  - numpy  # envx: only where python_version >= \"3.9\"\n").doesNotContain("pip:");
    assertThat(o.diagnostics()).anySatisfy(d -> {
      assertThat(d.severity()).isEqualTo(dev.envx.diag.Severity.WARNING);
      assertThat(d.message()).contains("`numpy` stays a conda package");
    });
  }

  @Test
  void platformMarkersAreEvaluatedForThePlatformAndBecomeSelectorsWithout() {
    Convert.Output win = export(null, "win-64", "uvloop; platform_system != \"Windows\"", "colorama; sys_platform == \"win32\"");
    assertThat(win.text()).doesNotContain("uvloop").contains("  - colorama\n").doesNotContain("pip:");
    Convert.Output linux = export(null, "linux-64", "uvloop; platform_system != \"Windows\"");
    assertThat(linux.text()).contains("  - uvloop\n");
    Convert.Output any = export(null, null, "uvloop; platform_system != \"Windows\"");
    assertThat(any.text()).contains("  - uvloop  # [unix]\n").doesNotContain("pip:");
  }

  @Test
  void markerCommentSurvivesReadingTheEnvironmentBack() {
    Convert.Output o = export(null, null, "numpy; python_version >= \"3.9\"");
    dev.envx.format.envyml.EnvironmentYml env = dev.envx.format.envyml.EnvYmlReader.parse(o.text(), "environment.yml");
    assertThat(env.conda()).anySatisfy(c -> {
      assertThat(c.spec()).isEqualTo("numpy");
      assertThat(c.selector()).isNull();
    });
  }
}
