package dev.envx.model.pep440;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envx.diag.ParseError;
import dev.envx.model.pep508.Requirement;
import org.junit.jupiter.api.Test;

/**
 * packaging's grammar puts no bound on a release number, envx's versions hold a {@code long}: a larger number is a
 * located parse error when the specifier is read, never an accepted specifier that fails when matched or written.
 */
class SpecifierLimitsTest {
  private static final String HUGE = "1.99999999999999999999";

  @Test
  void aNumberAboveLongIsRejectedWhereTheSpecifierIsRead() {
    for (String s : new String[] {">=" + HUGE, "==" + HUGE + ".*", "~=" + HUGE, "!=" + HUGE}) {
      assertThatThrownBy(() -> Specifier.parse(s)).as(s).isInstanceOf(ParseError.class)
          .hasMessageStartingWith("version number too large in `" + s + "`");
    }
    assertThat(Specifier.parse("===" + HUGE).version()).isEqualTo(HUGE); // arbitrary equality compares text
    assertThat(Specifier.parse(">=" + Long.MAX_VALUE).parsedVersion()).isNotNull();
  }

  @Test
  void inASetAndARequirementTheErrorPointsAtTheVersion() {
    ParseError e = (ParseError) org.assertj.core.api.Assertions.catchThrowable(
        () -> SpecifierSet.parse("<2, >=" + HUGE));
    assertThat(e.getMessage()).startsWith("version number too large in `>=" + HUGE + "`");
    assertThat(e.offset()).isEqualTo("<2, >=".length());
    assertThatThrownBy(() -> Requirement.parse("numpy>=" + HUGE)).hasMessageContaining("version number too large");
  }
}
