package dev.envx.model.pep508;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envx.diag.ParseError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Error fixtures: message and span as packaging reports them ({@code span=(start, end)} becomes
 * {@code offset=start}, {@code length=end-start+1}, i.e. the {@code ~~~^} range).
 */
class Pep508ErrorsTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "``|Expected package name at the start of dependency specifier|0|0",
      "name[bar baz]|Expected comma between extra names|9|9",
      "name[a,]|Expected extra name after comma|7|7",
      "name (>= 1.0|Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after version specifier|5|12",
      "name >= 1.0 <= 2.0|Expected comma (within version specifier), semicolon (after version specifier) or end|5|12",
      "name>=1.0.*|.* suffix can only be used with `==` or `!=` operators|4|10",
      "name==1.2.3.post4.*|.* suffix cannot be used with pre-release, post-release, dev or local versions|4|18",
      "name>=1.0+local|Local version label can only be used with `==` or `!=` operators|4|9",
      "name; os_name == \"a\" and|Expected a marker variable or quoted string|24|24",
      "name; python_version >= \"3\" junk|Expected end of dependency specifier|28|28",
      "name; os_name not x|Expected 'in' after 'not'|18|18",
      "`name @ `|Expected URL after @|7|7",
      "demo===x,y|Invalid specifier: 'y'|9|9",
  })
  void requirementErrors(String input, String message, int start, int end) {
    assertThatThrownBy(() -> Requirement.parse(input))
        .isInstanceOfSatisfying(ParseError.class, e -> {
          assertThat(e.getMessage()).isEqualTo(message);
          assertThat(e.offset()).isEqualTo(start);
          assertThat(e.offset() + e.length() - 1).isEqualTo(end);
          assertThat(e.input()).isEqualTo(input);
        });
  }

  @Test
  void aNewlineAfterTheRequirementIsAnError() {
    assertThatThrownBy(() -> Requirement.parse("name; python_version >= \"3\"\n"))
        .isInstanceOfSatisfying(ParseError.class, e -> {
          assertThat(e.getMessage()).isEqualTo("Expected end of dependency specifier");
          assertThat(e.offset()).isEqualTo(27);
        });
  }

  @Test
  void markerErrors() {
    assertThatThrownBy(() -> Marker.parse("(python_version == \"2.7\""))
        .isInstanceOfSatisfying(ParseError.class, e -> {
          assertThat(e.getMessage())
              .isEqualTo("Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression");
          assertThat(e.offset()).isEqualTo(0);
        });
    assertThatThrownBy(() -> Marker.parse("python_version"))
        .isInstanceOfSatisfying(ParseError.class, e -> {
          assertThat(e.getMessage())
              .isEqualTo("Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in");
          assertThat(e.offset()).isEqualTo(14);
        });
    assertThatThrownBy(() -> Marker.parse("os_name == '\\x4'"))
        .isInstanceOfSatisfying(ParseError.class, e -> assertThat(e.offset()).isEqualTo(12));
  }

  @Test
  void undefinedComparisonsFailAtEvaluation() {
    Marker m = Marker.parse("os_name ~= 'posix'");
    assertThatThrownBy(() -> m.evaluate(MarkerEnvironment.DEFAULT))
        .isInstanceOf(MarkerEvaluationException.class)
        .hasMessage("undefined comparison `~=` on `posix` and `posix`");
    assertThatThrownBy(() -> Marker.parse("'a' in extras").evaluate(MarkerEnvironment.DEFAULT))
        .isInstanceOf(MarkerEvaluationException.class)
        .hasMessage("marker variable `extras` is not defined in this environment");
  }

  @Test
  void errorsRenderAsDiagnostics() {
    try {
      Requirement.parse("name >= 1.0 <= 2.0");
    } catch (ParseError e) {
      // envx diagnostics start lowercase; the ParseError keeps packaging's exact text
      assertThat(e.toDiagnostic("<requirement>").message())
          .startsWith("expected comma (within version specifier)");
      return;
    }
    throw new AssertionError("expected a parse error");
  }
}
