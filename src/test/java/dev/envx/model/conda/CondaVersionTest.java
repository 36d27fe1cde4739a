package dev.envx.model.conda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envx.diag.ParseError;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CondaVersionTest {

  @Test
  void keepsOriginalAndNormalizes() {
    CondaVersion v = CondaVersion.parse("  1!2.0-RC1  ");
    assertThat(v.original()).isEqualTo("  1!2.0-RC1  ");
    assertThat(v.toString()).isEqualTo("1!2.0_rc1");
    assertThat(v.epoch()).isEqualTo(1);
    assertThat(v.components()).isEqualTo(List.of(List.of(1L), List.of(2L), List.of(0L), List.of(0L, "rc", 1L)));
    assertThat(v.hasLocal()).isFalse();
  }

  @Test
  void localAndSpecialStrings() {
    CondaVersion v = CondaVersion.parse("1.0.dev1+abc.2");
    assertThat(v.components().get(3)).isEqualTo(List.of(0L, "DEV", 1L));
    assertThat(v.local()).isEqualTo(List.of(List.of(0L, "abc"), List.of(2L)));
    assertThat(CondaVersion.parse("1.post2").components().get(2)).isEqualTo(List.of(0L, Double.POSITIVE_INFINITY, 2L));
  }

  @Test
  void hugeNumbersCompareNumerically() {
    CondaVersion a = CondaVersion.parse("1.99999999999999999999");
    CondaVersion b = CondaVersion.parse("1.100000000000000000000");
    assertThat(a).isLessThan(b);
    assertThat(CondaVersion.parse("1.000000000000000000000000005")).isEqualTo(CondaVersion.parse("1.5"));
    assertThat(CondaVersion.parse("1.000000000000000000000000005").hashCode())
        .isEqualTo(CondaVersion.parse("1.5").hashCode());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1.0|1.0.0|0",
      "1.1a1|1.1|-1",
      "1.1dev1|1.1a1|-1",
      "1.1.post1|1.1post1|-1",
      "1.0.1_|1.0.1a|-1",
      "1.0.1|1.0.1post.a|-1",
      "1.2+abc|1.2+123|-1",
      "1996.07.12|1!0.1|-1",
      "1.0*|1.0|-1",
      "0.4.1.rc|0.4.1.RC|0"})
  void order(String a, String b, int sign) {
    assertThat(Integer.signum(CondaVersion.parse(a).compareTo(CondaVersion.parse(b)))).isEqualTo(sign);
    assertThat(Integer.signum(CondaVersion.parse(b).compareTo(CondaVersion.parse(a)))).isEqualTo(-sign);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1.2.3|1.2|true",
      "1.2|1.2.3|false",
      "1.2.3a|1.2.3|true",
      "1.2.4|1.2.3|false",
      "0.4.1p1|0.4.1p|true",
      "1.2.3+4.5|1.2.3+4|true",
      "1.20|1.2|false"})
  void startsWith(String v, String prefix, boolean expected) {
    assertThat(CondaVersion.parse(v).startsWith(CondaVersion.parse(prefix))).isEqualTo(expected);
  }

  /** Error fixtures: message, offset and length. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''|empty version|0",
      "1.2&3|invalid character `&` in version|3",
      "'  1.2@3'|invalid character `@` in version|5",
      "1-2_3|invalid character `-` in version|1",
      "1..2|empty version component|2",
      "a!1.0|epoch must be an integer|0",
      "1!2!3|duplicated epoch separator `!`|3",
      "+1.2|missing version before local version separator `+`|0",
      "1.2++|duplicated local version separator `+`|4",
      "1.2+|empty version component|3"})
  void errors(String input, String message, int offset) {
    assertThatThrownBy(() -> CondaVersion.parse(input))
        .isInstanceOfSatisfying(ParseError.class, e -> {
          assertThat(e.getMessage()).isEqualTo(message);
          assertThat(e.offset()).isEqualTo(offset);
          assertThat(e.input()).isEqualTo(input);
        });
  }

  // ---------------------------------------------------------------- properties

  @Provide
  Arbitrary<String> versions() {
    Arbitrary<String> atom = Arbitraries.oneOf(
        Arbitraries.integers().between(0, 30).map(String::valueOf),
        Arbitraries.of("a", "b", "rc", "dev", "post", "alpha", "g", "_"),
        Arbitraries.of("0", "00", "1"));
    Arbitrary<String> segment = atom.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("", l))
        .filter(s -> !s.startsWith("_") && !s.equals("_"));
    Arbitrary<String> version = segment.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(".", l));
    Arbitrary<String> epoch = Arbitraries.of("", "", "", "1!", "2!");
    Arbitrary<String> local = Arbitraries.oneOf(Arbitraries.just(""), version.map(v -> "+" + v));
    return Combinators.combine(epoch, version, local).as((e, v, l) -> e + v + l)
        .filter(s -> {
          try {
            CondaVersion.parse(s);
            return true;
          } catch (ParseError e) {
            return false;
          }
        });
  }

  @Property(tries = 500)
  void roundTrip(@ForAll("versions") String s) {
    CondaVersion v = CondaVersion.parse(s);
    CondaVersion again = CondaVersion.parse(v.toString());
    assertThat(again).isEqualTo(v);
    assertThat(again.components()).isEqualTo(v.components());
    assertThat(again.local()).isEqualTo(v.local());
  }

  @Property(tries = 1000)
  void totalOrderConsistentWithEquals(@ForAll("versions") String a, @ForAll("versions") String b,
      @ForAll("versions") String c) {
    CondaVersion x = CondaVersion.parse(a);
    CondaVersion y = CondaVersion.parse(b);
    CondaVersion z = CondaVersion.parse(c);
    assertThat(Integer.signum(x.compareTo(y))).isEqualTo(-Integer.signum(y.compareTo(x)));
    assertThat(x.compareTo(y) == 0).isEqualTo(x.equals(y));
    if (x.equals(y)) {
      assertThat(x.hashCode()).isEqualTo(y.hashCode());
    }
    if (x.compareTo(y) <= 0 && y.compareTo(z) <= 0) {
      assertThat(x.compareTo(z)).isLessThanOrEqualTo(0);
    }
  }

  @Property(tries = 300)
  void paddingWithZerosKeepsEquality(@ForAll("versions") String s) {
    CondaVersion v = CondaVersion.parse(s);
    if (!v.hasLocal() && !s.endsWith("_")) {
      CondaVersion padded = CondaVersion.parse(s + ".0");
      assertThat(padded).isEqualTo(v);
      assertThat(padded.hashCode()).isEqualTo(v.hashCode());
      assertThat(padded.startsWith(v)).isTrue();
    }
  }
}
