package dev.envx.model.pep440;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envx.diag.ParseError;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Pep440VersionTest {
  @Test
  void exposesAllParts() {
    Pep440Version v = Pep440Version.parse("v1!2.3.4-RC.5.post-6.DEV7+Ubuntu-1.8");
    assertThat(v.toString()).isEqualTo("1!2.3.4rc5.post6.dev7+ubuntu.1.8");
    assertThat(v.original()).isEqualTo("v1!2.3.4-RC.5.post-6.DEV7+Ubuntu-1.8");
    assertThat(v.epoch()).isEqualTo(1);
    assertThat(v.release()).containsExactly(2L, 3L, 4L);
    assertThat(v.pre()).contains(new Pep440Version.Pre(Pep440Version.PreKind.RC, 5));
    assertThat(v.post()).contains(6L);
    assertThat(v.dev()).contains(7L);
    assertThat(v.local()).contains("ubuntu.1.8");
    assertThat(v.major()).isEqualTo(2);
    assertThat(v.minor()).isEqualTo(3);
    assertThat(v.micro()).isEqualTo(4);
    assertThat(v.isPrerelease()).isTrue();
    assertThat(v.isPostrelease()).isTrue();
    assertThat(v.isDevrelease()).isTrue();
    assertThat(v.publicVersion().toString()).isEqualTo("1!2.3.4rc5.post6.dev7");
    assertThat(v.baseVersion().toString()).isEqualTo("1!2.3.4");
  }

  @Test
  void implicitPostAndTrailingZeros() {
    assertThat(Pep440Version.parse("1.0-1").toString()).isEqualTo("1.0.post1");
    assertThat(Pep440Version.parse("1.0")).isEqualTo(Pep440Version.parse("1.0.0"));
    assertThat(Pep440Version.parse("1.0").hashCode()).isEqualTo(Pep440Version.parse("1.0.0.0").hashCode());
    assertThat(Pep440Version.parse("1.0.0").canonical(true)).isEqualTo("1");
  }

  @Test
  void sortsPerPep440() {
    List<String> ordered = List.of("1.0.dev0", "1.0a1.dev1", "1.0a1", "1.0b2.post3", "1.0rc1", "1.0",
        "1.0+abc", "1.0+abc.5", "1.0+5", "1.0.post1.dev0", "1.0.post1", "1.1", "1!0.1");
    for (int i = 0; i + 1 < ordered.size(); i++) {
      assertThat(Pep440Version.parse(ordered.get(i))).isLessThan(Pep440Version.parse(ordered.get(i + 1)));
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1.0.foo|3", "|0", "'  x'|2", "1.0+|3", "1..0|1", "1.0 extra|3"})
  void errorsPointAtTheFirstBadCharacter(String input, int offset) {
    String text = input == null ? "" : input;
    assertThatThrownBy(() -> Pep440Version.parse(text))
        .isInstanceOfSatisfying(ParseError.class, e -> {
          assertThat(e.getMessage()).isEqualTo("invalid version `" + text + "`");
          assertThat(e.offset()).isEqualTo(offset);
          assertThat(e.hint()).contains("1.0rc1");
        });
  }

  @Test
  void numbersMustFitALong() {
    assertThat(Pep440Version.parse("1.9223372036854775807").minor()).isEqualTo(Long.MAX_VALUE);
    assertThatThrownBy(() -> Pep440Version.parse("1.99999999999999999999"))
        .isInstanceOf(ParseError.class)
        .hasMessage("version number too large in `1.99999999999999999999`");
  }

  @Test
  void specifierPartsForTranslators() {
    Specifier s = Specifier.parse(" == 1.2.* ");
    assertThat(s.operator()).isEqualTo(Operator.EQUAL);
    assertThat(s.version()).isEqualTo("1.2.*");
    assertThat(s.isWildcard()).isTrue();
    assertThat(s.parsedVersion()).isEqualTo(Pep440Version.parse("1.2"));
    assertThat(Specifier.parse("===foo").parsedVersion()).isNull();
    assertThatThrownBy(() -> Specifier.parse("~=1")).hasMessage("Invalid specifier: '~=1'");
    assertThatThrownBy(() -> Specifier.parse("<=1.0+local")).isInstanceOf(ParseError.class);
    assertThatThrownBy(() -> Specifier.parse(">=1.0.*")).isInstanceOf(ParseError.class);
    assertThat(SpecifierSet.parse(">=1.0, !=1.5, <2").filter(List.of("0.9", "1.0", "1.5", "1.9rc1", "2.0")))
        .containsExactly("1.0");
    // packaging 26: a lone pre-release is contained unless pre-releases are explicitly excluded;
    // the implicit exclusion applies when filtering candidates that include a final release
    assertThat(SpecifierSet.parse(">=1.0,<2").contains("1.9rc1", null)).isTrue();
    assertThat(SpecifierSet.parse(">=1.0,<2").contains("1.9rc1", false)).isFalse();
    assertThat(SpecifierSet.parse(">=1.0,<2").filter(List.of("1.8", "1.9rc1"))).containsExactly("1.8");
    assertThat(SpecifierSet.parse(">=1.0rc1,<2").contains("1.9rc1", null)).isTrue();
  }
}
