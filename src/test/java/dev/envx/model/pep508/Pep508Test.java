package dev.envx.model.pep508;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envx.model.pep440.Operator;
import dev.envx.model.pep440.SpecifierSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class Pep508Test {
  @Test
  void parsesAllParts() {
    Requirement r = Requirement.parse("Requests [tests, Security] (>= 2.8.1, == 2.8.*) ; python_version < '2.7'");
    assertThat(r.name().normalized()).isEqualTo("requests");
    assertThat(r.extras()).containsExactly("Security", "tests");
    assertThat(r.specifier().toString()).isEqualTo("==2.8.*,>=2.8.1");
    assertThat(r.specifier().specifiers()).extracting(s -> s.operator()).containsExactly(
        Operator.GREATER_EQUAL, Operator.EQUAL);
    assertThat(r.url()).isNull();
    assertThat(r.marker().toString()).isEqualTo("python_version < \"2.7\"");
    assertThat(r.toString()).isEqualTo("Requests[Security,tests]==2.8.*,>=2.8.1; python_version < \"2.7\"");
  }

  @Test
  void urlRequirements() {
    Requirement r = Requirement.parse("pip @ https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee ; os_name=='nt'");
    assertThat(r.url()).isEqualTo("https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee");
    assertThat(r.specifier()).isEqualTo(SpecifierSet.EMPTY);
    assertThat(r.toString()).isEqualTo("pip @ https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee ; os_name == \"nt\"");
  }

  @Test
  void markersPerCondaPlatform() {
    Marker m = Marker.parse("sys_platform == 'win32' or platform_machine == 'arm64' and python_version >= '3.10'");
    assertThat(m.evaluate(MarkerEnvironment.forCondaPlatform("win-64", "3.8"))).isTrue();
    assertThat(m.evaluate(MarkerEnvironment.forCondaPlatform("osx-arm64", "3.12.4"))).isTrue();
    assertThat(m.evaluate(MarkerEnvironment.forCondaPlatform("osx-arm64", "3.9"))).isFalse();
    assertThat(m.evaluate(MarkerEnvironment.forCondaPlatform("linux-aarch64", "3.12"))).isFalse();
    assertThat(MarkerEnvironment.forCondaPlatform("osx-64", "3.11").pythonFullVersion()).isEqualTo("3.11.0");
    assertThat(MarkerEnvironment.DEFAULT.osName()).isEqualTo("posix");
    assertThat(MarkerEnvironment.DEFAULT.with("python_version", "3.9").pythonVersion()).isEqualTo("3.9");
    assertThat(MarkerEnvironment.DEFAULT.with("extra", "Foo_Bar").extra()).isEqualTo("foo-bar");
    assertThatThrownBy(() -> MarkerEnvironment.DEFAULT.with("pyhton_version", "3.9"))
        .hasMessageContaining("not a PEP 508 marker variable");
    assertThatThrownBy(() -> MarkerEnvironment.forCondaPlatform("noarch", "3.12"))
        .hasMessageContaining("no marker environment for conda platform `noarch`");
  }

  @Test
  void versionComparisonsUsePep440WhereBothSidesParse() {
    MarkerEnvironment env = MarkerEnvironment.DEFAULT.with("python_full_version", "3.12.0rc1");
    assertThat(Marker.parse("python_full_version >= '3.12'").evaluate(env)).isFalse();
    // PEP 440: `<3.12` excludes the pre-releases of 3.12 itself
    assertThat(Marker.parse("python_full_version < '3.12'").evaluate(env)).isFalse();
    assertThat(Marker.parse("python_full_version < '3.12.0rc2'").evaluate(env)).isTrue();
    assertThat(Marker.parse("python_version > '3.9'").evaluate(MarkerEnvironment.DEFAULT)).isTrue();
    // not a version on the right: string semantics
    assertThat(Marker.parse("platform_release == 'x'").evaluate(MarkerEnvironment.DEFAULT.with("platform_release", "x")))
        .isTrue();
    assertThat(Marker.parse("'linux' in sys_platform").evaluate(MarkerEnvironment.DEFAULT)).isTrue();
  }

  @Test
  void extrasAreNormalizedAtEveryDepth() {
    Marker m = Marker.parse("os_name == 'posix' and (extra == 'A_b' or extra == 'c')");
    assertThat(m.toString()).isEqualTo("os_name == \"posix\" and (extra == \"a-b\" or extra == \"c\")");
    assertThat(m.evaluate(MarkerEnvironment.DEFAULT.with("extra", "a.B"))).isTrue();
  }

  @Test
  void nestedGroupsKeepTheirMeaning() {
    Marker m = Marker.parse("((os_name == 'a' or os_name == 'b')) and os_name == 'c'");
    assertThat(m.toString()).isEqualTo("(os_name == \"a\" or os_name == \"b\") and os_name == \"c\"");
    assertThat(m.evaluate(MarkerEnvironment.DEFAULT.with("os_name", "a"))).isFalse();
    assertThat(Marker.parse(m.toString())).isEqualTo(m);
  }

  @Provide
  Arbitrary<String> markers() {
    Arbitrary<String> item = Combinators.combine(
            Arbitraries.of("python_version", "os.name", "sys_platform", "extra", "platform_machine"),
            Arbitraries.of("==", "!=", ">=", "<", "in", "not in", "~="),
            Arbitraries.of("'3.9'", "\"posix\"", "'Foo_Bar'", "'a\"b'", "''"),
            Arbitraries.of(true, false))
        .as((v, op, lit, flip) -> flip ? lit + " " + op + " " + v : v + (op.contains("in") ? " " + op + " " : op) + lit);
    return item.list().ofMinSize(1).ofMaxSize(4).flatMap(items -> Arbitraries.of("and", "or")
        .list().ofSize(items.size() - 1)
        .map(ops -> {
          StringBuilder sb = new StringBuilder(items.get(0));
          for (int i = 1; i < items.size(); i++) {
            sb.append(' ').append(ops.get(i - 1)).append(' ');
            sb.append(i % 2 == 0 ? "(" + items.get(i) + ")" : items.get(i));
          }
          return items.size() > 2 ? "(" + sb + ")" : sb.toString();
        }));
  }

  @Property
  void markersRoundTrip(@ForAll("markers") String text) {
    Marker m = Marker.parse(text);
    Marker again = Marker.parse(m.toString());
    assertThat(again).isEqualTo(m);
    assertThat(again.toString()).isEqualTo(m.toString());
    for (String p : MarkerEnvironment.CONDA_PLATFORMS) {
      MarkerEnvironment env = MarkerEnvironment.forCondaPlatform(p, "3.11").with("extra", "foo-bar");
      boolean undefined = text.contains("~=");
      if (!undefined) {
        assertThat(again.evaluate(env)).isEqualTo(m.evaluate(env));
      }
    }
  }

  @Provide
  Arbitrary<String> requirements() {
    Arbitrary<String> name = Arbitraries.of("requests", "Foo.Bar_baz", "a", "zope.interface");
    Arbitrary<String> extras = Arbitraries.of("", "[security]", "[b,a]", "[ tests , Docs ]", "[]");
    Arbitrary<String> spec = Arbitraries.of("", ">=1.0", " (>=1.0, <2)", "==2.8.*,!=2.8.1", "~=1.4.2", "===foo",
        " @ https://example.com/x.whl", "@ file:///tmp/x");
    Arbitrary<String> marker = Arbitraries.oneOf(Arbitraries.just(""), markers().map(m -> "; " + m));
    return Combinators.combine(name, extras, spec, marker).as((n, e, s, m) ->
        n + e + s + (s.contains("@") && !m.isEmpty() ? " " : "") + m);
  }

  @Property
  void requirementsRoundTrip(@ForAll("requirements") String text) {
    Requirement r = Requirement.parse(text);
    Requirement again = Requirement.parse(r.toString());
    assertThat(again).isEqualTo(r);
    assertThat(again.hashCode()).isEqualTo(r.hashCode());
    assertThat(again.toString()).isEqualTo(r.toString());
  }

  @Test
  void equalityUsesNormalizedNamesAndExtras() {
    assertThat(Requirement.parse("Fish_Tank[ALL-blue]>=1.0")).isEqualTo(Requirement.parse("fish.tank[all_blue]>=1.0.0"));
    assertThat(Requirement.parse("x; extra == 'A'").marker().evaluate(MarkerEnvironment.DEFAULT.with("extra", "a")))
        .isTrue();
    assertThat(Set.copyOf(List.of(Requirement.parse("a>=1,<2"), Requirement.parse("A <2, >=1")))).hasSize(1);
  }
}
