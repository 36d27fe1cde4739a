package dev.envx.model.conda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.NotBlank;
import net.jqwik.api.constraints.StringLength;

/**
 * The parser skips conda's version/build pattern when the text after the name has no blank and no {@code =}:
 * then the pattern's version group is the whole text. Checked here on the pattern itself, so the shortcut cannot
 * drift from it.
 */
class MatchSpecFastPathProperties {
  @Property(tries = 3000)
  void withoutBlankOrEqualsTheWholeTextIsTheVersion(
      @ForAll @NotBlank @StringLength(min = 1, max = 24)
      @CharRange(from = 'a', to = 'z') @CharRange(from = '0', to = '9')
      @Chars({'.', '*', '<', '>', '!', '~', ',', '|', '_', '+', '-', '(', ')', '@'}) String rest) {
    Matcher m = MatchSpec.VERSION_PLUS_BUILD.matcher(rest);
    assertTrue(m.find());
    assertEquals(rest, m.group(1));
    assertEquals(null, m.group(2));
  }

  @Property(tries = 1000)
  void specsParseTheSameWithBlanksAddedAroundOperators(
      @ForAll @CharRange(from = '0', to = '9') @StringLength(min = 1, max = 3) String major,
      @ForAll @CharRange(from = '0', to = '9') @StringLength(min = 1, max = 3) String minor) {
    // `>=1.2,<2` and `>= 1.2 , < 2` are the same spec (the fast path takes the first, the pattern the second)
    MatchSpec plain = MatchSpec.parse("numpy>=" + major + "." + minor + ",<" + major + "1");
    MatchSpec blanks = MatchSpec.parse("numpy >= " + major + "." + minor + " , < " + major + "1");
    assertEquals(plain.toString(), blanks.toString());
  }
}
