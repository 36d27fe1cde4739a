package dev.envx.model.conda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envx.diag.ParseError;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionSpecTest {

  private static CondaVersion v(String s) {
    return CondaVersion.parse(s);
  }

  @Test
  void treeForTranslators() {
    VersionSpec s = VersionSpec.parse("1.5.*|>1.7,<1.8");
    assertThat(s).isInstanceOf(VersionSpec.Or.class);
    VersionSpec.Or or = (VersionSpec.Or) s;
    assertThat(or.specs().get(0)).isEqualTo(new VersionSpec.StartsWith(v("1.5")));
    assertThat(or.specs().get(1)).isEqualTo(new VersionSpec.And(List.of(
        new VersionSpec.Relational(VersionSpec.Op.GT, v("1.7")),
        new VersionSpec.Relational(VersionSpec.Op.LT, v("1.8")))));
    assertThat(s.toString()).isEqualTo("1.5.*|>1.7,<1.8");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '#', value = {
      "1.2#1.2#Relational",
      "=1.2#=1.2#StartsWith",
      "1.2*#1.2.*#StartsWith",
      "1.2.*#1.2.*#StartsWith",
      "!=1.2.*#!=1.2.*#StartsWith",
      ">=1.2.*#>=1.2.*#Relational",
      "~=1.2.3#~=1.2.3#Compatible",
      "^1\\.2.*$#^1\\.2.*$#Regex",
      "1.*.3#1.*.3#Glob",
      "*#*#Any",
      "'  >= 1.7 , <2 '#>=1.7,<2#And",
      "(1.2|1.3),>1#(1.2|1.3),>1#And",
      "((1.5|((1.6|1.7), 1.8), 1.9 |2.0))|2.1#1.5|(1.6|1.7),1.8,1.9|2.0|2.1#Or"})
  void parseAndPrint(String input, String printed, String kind) {
    VersionSpec s = VersionSpec.parse(input);
    assertThat(s.getClass().getSimpleName()).isEqualTo(kind);
    assertThat(s.toString()).isEqualTo(printed);
    assertThat(VersionSpec.parse(printed)).isEqualTo(s);
  }

  @Test
  void semanticEqualityOfSpellings() {
    assertThat(VersionSpec.parse("1.2.*")).isEqualTo(VersionSpec.parse("=1.2"));
    assertThat(VersionSpec.parse("1.2")).isEqualTo(VersionSpec.parse("==1.2"));
    assertThat(VersionSpec.parse("1.2")).isNotEqualTo(VersionSpec.parse("1.2.*"));
    assertThat(VersionSpec.parse("1.2.*")).isNotEqualTo(VersionSpec.parse("1.2.0.*"));
    assertThat(VersionSpec.parse("1.2").isExact()).isTrue();
    assertThat(VersionSpec.parse("==1.2").isExact()).isTrue();
    assertThat(VersionSpec.parse(">=1.2").isExact()).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "~=1.2.3|1.2.5|true",
      "~=1.2.3|1.3|false",
      "~=1.2|1.9|true",
      "~=1|7.0|true",
      "~=1|0.9|false",
      "!=1.2.*|1.2.0.1|false",
      "=1.2|1.2.3|true",
      "=1.2|1.20|false",
      "1.2|1.2.0|true"})
  void matching(String spec, String version, boolean expected) {
    assertThat(VersionSpec.parse(spec).matches(v(version))).isEqualTo(expected);
  }

  /** Error fixtures: message and offset. */
  @ParameterizedTest
  @CsvSource(delimiter = '#', value = {
      "(1.5#unbalanced `(`#0",
      "1.5)#unbalanced `)`#3",
      "^1.5#a regex version spec must start with `^` and end with `$`#0",
      ">=1.5,#expected a version constraint at the end#6",
      "|1.5#expected a version constraint before `|`#0",
      "><1.5#invalid operator `><`#0",
      "~#invalid operator `~`#0",
      "==#expected a version after `==`#2",
      ">=1.2,<1&3#invalid character `&` in version#8",
      "~=1.2.*#`~=` cannot be combined with `.*`#0"})
  void errors(String input, String message, int offset) {
    assertThatThrownBy(() -> VersionSpec.parse(input))
        .isInstanceOfSatisfying(ParseError.class, e -> {
          assertThat(e.getMessage()).isEqualTo(message);
          assertThat(e.offset()).isEqualTo(offset);
        });
  }

  @Provide
  Arbitrary<String> specs() {
    Arbitrary<String> version = Arbitraries.of("1", "1.2", "1.2.3", "2.0a1", "1!3.1", "1.0.post1", "1.1_", "3.4+abc");
    Arbitrary<String> op = Arbitraries.of("", "==", "!=", "<", "<=", ">", ">=", "=", "~=");
    Arbitrary<String> star = Arbitraries.of("", "", ".*");
    Arbitrary<String> leaf = net.jqwik.api.Combinators.combine(op, version, star)
        .as((o, v, s) -> o.equals("~=") && !s.isEmpty() ? o + v : o + v + s);
    Arbitrary<String> and = leaf.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(",", l));
    Arbitrary<String> or = and.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("|", l));
    return Arbitraries.oneOf(or, or.map(o -> "(" + o + "),>0"), Arbitraries.just("*"));
  }

  @Property(tries = 500)
  void roundTrip(@ForAll("specs") String s) {
    VersionSpec spec = VersionSpec.parse(s);
    VersionSpec again = VersionSpec.parse(spec.toString());
    assertThat(again).isEqualTo(spec);
    assertThat(again.toString()).isEqualTo(spec.toString());
    for (String probe : List.of("0.9", "1", "1.2", "1.2.3", "1.2.4", "2.0", "1!3.1", "3.4+abc", "1.1_")) {
      assertThat(again.matches(v(probe))).isEqualTo(spec.matches(v(probe)));
    }
  }
}
