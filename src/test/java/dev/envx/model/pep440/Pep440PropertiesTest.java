package dev.envx.model.pep440;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class Pep440PropertiesTest {
  @Provide
  Arbitrary<String> versionTexts() {
    Arbitrary<String> epoch = Arbitraries.of("", "1!", "0!", "2!");
    Arbitrary<String> release =
        Arbitraries.integers().between(0, 12).list().ofMinSize(1).ofMaxSize(4)
            .map(l -> String.join(".", l.stream().map(String::valueOf).toList()));
    Arbitrary<String> pre = Arbitraries.of("", "a1", "b", "rc0", ".alpha2", "-beta.3", "c4", "pre5", "preview", "_RC1");
    Arbitrary<String> post = Arbitraries.of("", ".post1", "-2", "post", ".rev3", "r0", "-post_4");
    Arbitrary<String> dev = Arbitraries.of("", ".dev0", "dev", "-dev3", ".DEV_1");
    Arbitrary<String> local = Arbitraries.of("", "+ubuntu.1", "+abc", "+1.2", "+deadbeef-2_x");
    return Combinators.combine(epoch, release, pre, post, dev, local)
        .as((e, r, p, po, d, l) -> e + r + p + po + d + l);
  }

  @Provide
  Arbitrary<Pep440Version> versions() {
    return versionTexts().map(Pep440Version::parse);
  }

  @Property
  void normalizedFormRoundTrips(@ForAll("versionTexts") String text) {
    Pep440Version v = Pep440Version.parse(text);
    Pep440Version again = Pep440Version.parse(v.toString());
    assertThat(again).isEqualTo(v);
    assertThat(again.toString()).isEqualTo(v.toString());
    assertThat(again.hashCode()).isEqualTo(v.hashCode());
  }

  @Property
  void orderingIsATotalOrderConsistentWithEquals(
      @ForAll("versions") Pep440Version a, @ForAll("versions") Pep440Version b, @ForAll("versions") Pep440Version c) {
    assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
    assertThat(a.compareTo(b) == 0).isEqualTo(a.equals(b));
    if (a.equals(b)) {
      assertThat(a.hashCode()).isEqualTo(b.hashCode());
    }
    if (a.compareTo(b) <= 0 && b.compareTo(c) <= 0) {
      assertThat(a.compareTo(c)).isLessThanOrEqualTo(0);
    }
  }

  @Property
  void publicAndBaseVersionsDropTheirParts(@ForAll("versions") Pep440Version v) {
    assertThat(v.publicVersion().hasLocal()).isFalse();
    assertThat(v.publicVersion().compareTo(v)).isLessThanOrEqualTo(0);
    assertThat(v.baseVersion().toString()).doesNotContain("a", "b", "rc", "post", "dev", "+");
  }

  @Provide
  Arbitrary<String> specifierTexts() {
    Arbitrary<String> plain = Combinators.combine(
            Arbitraries.of("==", "!=", "<=", ">=", "<", ">", "~=", "==="), Arbitraries.of("", " "), versionTexts())
        .as((op, ws, v) -> op + ws + v)
        .filter(s -> Specifier.token().matcher(s.replace(" ", "")).matches());
    Arbitrary<String> wildcard = Combinators.combine(Arbitraries.of("==", "!="),
            Arbitraries.integers().between(0, 9).list().ofMinSize(1).ofMaxSize(3))
        .as((op, l) -> op + String.join(".", l.stream().map(String::valueOf).toList()) + ".*");
    return Arbitraries.oneOf(plain, wildcard);
  }

  @Property
  void specifiersRoundTrip(@ForAll("specifierTexts") String text) {
    Specifier s = Specifier.parse(text);
    assertThat(Specifier.parse(s.toString())).isEqualTo(s);
    assertThat(Specifier.parse(s.toString()).toString()).isEqualTo(s.toString());
  }

  @Property
  void specifierSetsRoundTripAndIgnoreOrder(@ForAll("specifierSetLists") List<String> specs) {
    SpecifierSet set = SpecifierSet.parse(String.join(", ", specs));
    assertThat(SpecifierSet.parse(set.toString())).isEqualTo(set);
    List<String> reversed = new java.util.ArrayList<>(specs);
    java.util.Collections.reverse(reversed);
    SpecifierSet other = SpecifierSet.parse(String.join(",", reversed));
    assertThat(other).isEqualTo(set);
    assertThat(other.hashCode()).isEqualTo(set.hashCode());
    assertThat(other.toString()).isEqualTo(set.toString());
  }

  @Provide
  Arbitrary<List<String>> specifierSetLists() {
    return specifierTexts().list().ofMaxSize(4);
  }

  @Property
  void setContainsIsTheConjunctionWhenPrereleasesAreExplicit(
      @ForAll("specifierSetLists") List<String> specs, @ForAll("versions") Pep440Version v) {
    SpecifierSet set = SpecifierSet.parse(String.join(",", specs));
    boolean all = set.specifiers().stream().allMatch(s -> s.contains(v.toString(), true));
    assertThat(set.contains(v.toString(), true)).isEqualTo(all);
  }

  @Property
  void unsatisfiableSetsAdmitNothing(
      @ForAll("specifierSetLists") List<String> specs, @ForAll("versions") Pep440Version v) {
    SpecifierSet set = SpecifierSet.parse(String.join(",", specs));
    if (set.isUnsatisfiable()) {
      assertThat(set.contains(v.toString(), true)).isFalse();
    }
  }

  @Property
  void subsetsAdmitOnlyWhatTheSupersetAdmits(
      @ForAll("rangeSpecLists") List<String> a, @ForAll("rangeSpecLists") List<String> b,
      @ForAll("versions") Pep440Version v) {
    SpecifierSet left = SpecifierSet.parse(String.join(",", a));
    SpecifierSet right = SpecifierSet.parse(String.join(",", b));
    if (left.isSubsetOf(right) && left.contains(v.toString(), true)) {
      assertThat(right.contains(v.toString(), true)).isTrue();
    }
    if (left.isDisjointFrom(right)) {
      assertThat(left.contains(v.toString(), true) && right.contains(v.toString(), true)).isFalse();
    }
    assertThat(left.isSupersetOf(right)).isEqualTo(right.isSubsetOf(left));
  }

  @Provide
  Arbitrary<List<String>> rangeSpecLists() {
    return specifierTexts().filter(s -> !s.startsWith("===")).list().ofMaxSize(3);
  }

  @Property
  void theSimpleSpecifierScanAgreesWithTheGrammar(@ForAll("specifierLike") String s) {
    int end = Specifier.simpleEnd(s, 0);
    if (end >= 0) {
      java.util.regex.Matcher m = Specifier.token().matcher(s);
      assertThat(m.lookingAt()).isTrue();
      assertThat(m.end()).isEqualTo(end);
    }
  }

  @Provide
  Arbitrary<String> specifierLike() {
    return Arbitraries.strings().withChars("=!<>~ \t0123456789.*,;)a").ofMinLength(1).ofMaxLength(12);
  }
}
