package dev.envx.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.model.conda.MatchSpec;
import dev.envx.model.pep440.SpecifierSet;
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
      "numpy >=1.2.*; >=1.2; true",
      "openssl 1.1.1k; ''; false",
      "pyproj=2.6.1.post1; ==2.6.1.post1; false",
      "numpy ~=1; >=1; true",
      "numpy >=1,1.*.3; >=1; false",
      "numpy 1.*.3; ''; false",
      "numpy >=1.2,<2,!=1.5.*; >=1.2,<2,!=1.5.*; true",
  })
  void condaToPep440(String conda, String pep, boolean exact) {
    VersionTranslation.ToPep r = VersionTranslation.toPep440(MatchSpec.parse(conda).version());
    assertThat(VersionTranslation.written(r.set())).isEqualTo(pep);
    assertThat(r.exact()).isEqualTo(exact);
    if (!exact) {
      assertThat(r.reason()).isNotBlank();
    }
  }

  @Test
  void pep440ToConda() {
    assertThat(toConda("==1.2.*")).isEqualTo("numpy=1.2");
    assertThat(toConda(">=1.2,<2")).isEqualTo("numpy>=1.2,<2");
    assertThat(toConda("==1.2")).isEqualTo("numpy==1.2");
    assertThat(toConda("~=1.4")).isEqualTo("numpy~=1.4");
    assertThat(toConda("!=1.5.*,>=1")).isEqualTo("numpy!=1.5.*,>=1");
    assertThat(toConda("")).isEqualTo("numpy");
    VersionTranslation.ToConda arbitrary = VersionTranslation.toConda(SpecifierSet.parse("===1.0"));
    assertThat(arbitrary.exact()).isFalse();
    assertThat(arbitrary.spec()).hasToString("==1.0");
    assertThat(VersionTranslation.toConda(SpecifierSet.parse(">=3.10, <4")).spec()).hasToString(">=3.10,<4");
    // PEP 440 spellings conda cannot read are written in PEP 440's normal form
    assertThat(toConda("==1.0-1")).isEqualTo("numpy==1.0.post1");
  }

  private static String toConda(String pep) {
    VersionTranslation.ToConda r = VersionTranslation.toConda(SpecifierSet.parse(pep));
    assertThat(r.exact()).as(r.reason()).isTrue();
    return VersionTranslation.render("numpy", r.spec());
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
