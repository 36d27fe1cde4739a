package dev.envx.translate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Examples of the conda ⇄ PEP 440 and selector ⇄ marker translations, lossy cases included. */
class VersionsAndSelectorsTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = ';', nullValues = "NULL", value = {
      "numpy=1.2; ==1.2.*; true",
      "numpy 1.2.*; ==1.2.*; true",
      "numpy 1.2*; ==1.2.*; true",
      "numpy==1.2; ==1.2; true",
      "numpy 1.2; ==1.2; true",
      "numpy ~=1.4; ~=1.4; true",
      "numpy !=1.3; !=1.3; true",
      "numpy !=1.3.*; !=1.3.*; true",
      "numpy >=1.2,<2; >=1.2,<2; true",
      "numpy >= 1.2, < 2; >=1.2,<2; true",
      "numpy; ''; true",
      "numpy *; ''; true",
      "numpy 1.2|1.4; ''; false",
      "numpy >=1.2.*; ''; false",
      "openssl 1.1.1k; ''; false",
      "pyproj=2.6.1.post1; ==2.6.1.post1; false",
      "numpy ~=1; ''; false",
  })
  void condaToPep440(String conda, String pep, boolean exact) {
    Versions.Result r = Versions.condaToPep440(CondaSpec.parse(conda).version());
    assertThat(r.spec()).isEqualTo(pep);
    assertThat(r.exact()).isEqualTo(exact);
    if (!exact) {
      assertThat(r.reason()).isNotBlank();
    }
  }

  @Test
  void pep440ToConda() {
    assertThat(Versions.pep440ToConda(List.of("==1.2.*")).spec()).isEqualTo("1.2.*");
    assertThat(CondaSpec.render("numpy", "1.2.*")).isEqualTo("numpy=1.2");
    assertThat(CondaSpec.render("numpy", ">=1.2,<2")).isEqualTo("numpy>=1.2,<2");
    assertThat(CondaSpec.render("numpy", "==1.2")).isEqualTo("numpy==1.2");
    assertThat(Versions.pep440ToConda(List.of("~=1.4")).spec()).isEqualTo("~=1.4");
    Versions.Result arbitrary = Versions.pep440ToConda(List.of("===1.0"));
    assertThat(arbitrary.exact()).isFalse();
    assertThat(arbitrary.spec()).isEqualTo("==1.0");
    assertThat(Versions.requiresPythonToConda(">=3.10, <4").spec()).isEqualTo(">=3.10,<4");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "linux                 | sys_platform == \"linux\"",
      "win                   | sys_platform == \"win32\"",
      "unix                  | sys_platform != \"win32\"",
      "linux64               | sys_platform == \"linux\" and platform_machine == \"x86_64\"",
      "osx and arm64         | sys_platform == \"darwin\" and platform_machine == \"arm64\"",
      "linux and not aarch64 | sys_platform == \"linux\" and (platform_machine != \"aarch64\")",
      "linux or osx          | sys_platform == \"linux\" or sys_platform == \"darwin\"",
      "py>=39                | python_version >= \"3.9\"",
      "py38                  | python_version == \"3.8\"",
      "not (linux or osx)    | NULL",
      "cuda                  | NULL",
  })
  void selectorToMarker(String selector, String marker) {
    assertThat(Selectors.toMarker(selector)).isEqualTo(marker);
  }

  @Test
  void markerToSelectorAndEvaluation() {
    assertThat(Selectors.fromMarker("sys_platform == 'win32'")).isEqualTo("win");
    assertThat(Selectors.fromMarker("platform_system == \"Darwin\"")).isEqualTo("osx");
    assertThat(Selectors.fromMarker("python_version < \"3.11\"")).isNull();
    assertThat(Selectors.holdsOn("linux64", "linux-64")).isTrue();
    assertThat(Selectors.holdsOn("linux64", "linux-aarch64")).isFalse();
    assertThat(Selectors.holdsOn("osx and arm64", "osx-arm64")).isTrue();
    assertThat(Selectors.holdsOn("not win", "win-64")).isFalse();
    assertThat(Selectors.holdsOn("unix or win", "win-64")).isTrue();
    assertThat(Selectors.holdsOn("py>=39", "linux-64")).isNull();
  }
}
