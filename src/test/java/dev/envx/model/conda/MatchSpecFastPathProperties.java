package dev.envx.model.conda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.NotBlank;
import net.jqwik.api.constraints.StringLength;

/**
 * The parser skips conda's version/build pattern when the text after the name has no blank and no {@code =}:
 * then the pattern's version group is the whole text; and it splits the rest by hand
 * ({@link MatchSpec#versionPlusBuild}). Checked here against the pattern itself, so the shortcuts cannot drift
 * from it.
 */
class MatchSpecFastPathProperties {
  @Property(tries = 3000)
  void withoutBlankOrEqualsTheWholeTextIsTheVersion(
      @ForAll @NotBlank @StringLength(min = 1, max = 24)
      @CharRange(from = 'a', to = 'z') @CharRange(from = '0', to = '9')
      @Chars({'.', '*', '<', '>', '!', '~', ',', '|', '_', '+', '-', '(', ')', '@'}) String rest) {
    Matcher m = MatchSpec.Patterns.VERSION_PLUS_BUILD.matcher(rest);
    assertTrue(m.find());
    assertEquals(rest, m.group(1));
    assertEquals(null, m.group(2));
  }

  @Property(tries = 20000)
  void theHandWrittenSplitFindsWhatThePatternFinds(
      @ForAll @StringLength(min = 0, max = 16) @CharRange(from = '0', to = '3') @CharRange(from = 'a', to = 'c')
      @Chars({'=', ' ', '<', '>', '!', '~', ',', '|', '-', '.', '*', '_', '\t', '(', '@'}) String rest) {
    assertSameSplit(rest);
  }

  @Property(tries = 3000)
  void theHandWrittenSplitFindsWhatThePatternFindsBeyondAscii(
      @ForAll @StringLength(min = 0, max = 10) @CharRange(from = '0', to = '1')
      @Chars({'=', ' ', '<', '!', ',', '|', '-', 'a', '\n', '\r', '\u0085', '\u2028', '\u00e9', '\ud83d', '\ude00'})
      String rest) {
    assertSameSplit(rest);
  }

  @Example
  void theHandWrittenSplitOfTypicalSpecs() {
    for (String rest : List.of("=1.7.3=py3.8_h28a55e0_0_cuda11.3", "=3.8.16=h7a1cb2a_3", "1.2 py38_0", "=1.2",
        ">=1.2,<2", "1.2.*", "==1.0", "=1.0 =build", "1.0=", "=", " ", "a=b=c=d", "1.0|1.2 *gpu*", "\u00e9=1")) {
      assertSameSplit(rest);
    }
  }

  private static void assertSameSplit(String rest) {
    Matcher m = MatchSpec.Patterns.VERSION_PLUS_BUILD.matcher(rest);
    String[] expected = m.find() ? new String[] {m.group(1), m.group(2)} : null;
    String[] actual = MatchSpec.versionPlusBuild(rest);
    assertEquals(expected == null ? null : List.of(java.util.Arrays.asList(expected)),
        actual == null ? null : List.of(java.util.Arrays.asList(actual)), () -> "split of `" + rest + "`");
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
