package dev.envx.model.conda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envx.diag.ParseError;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatchSpecTest {

  @Test
  void fields() {
    MatchSpec m = MatchSpec.parse("conda-forge/linux-64::numpy >=1.20,<2 py39*[build_number='>=2',md5=abc]");
    assertThat(m.channel()).isEqualTo("conda-forge");
    assertThat(m.subdir()).isEqualTo("linux-64");
    assertThat(m.exactName()).isEqualTo("numpy");
    assertThat(m.version()).isEqualTo(VersionSpec.parse(">=1.20,<2"));
    assertThat(m.build()).isInstanceOf(StringMatcher.Glob.class);
    assertThat(m.buildNumber()).isEqualTo(BuildNumberSpec.parse(">=2"));
    assertThat(m.md5()).isEqualTo("abc");
    assertThat(m.toString())
        .isEqualTo("conda-forge/linux-64::numpy[version='>=1.20,<2',build=py39*,build_number='>=2',md5=abc]");
  }

  @Test
  void matchesRecords() {
    PackageRecordRef rec = new PackageRecordRef.Simple("numpy", CondaVersion.parse("1.26.4"), "py39h1234_0", 0,
        "conda-forge", "linux-64", null, null);
    assertThat(MatchSpec.parse("numpy >=1.20,<2 py39*").matches(rec)).isTrue();
    assertThat(MatchSpec.parse("conda-forge::numpy=1.26").matches(rec)).isTrue();
    assertThat(MatchSpec.parse("defaults::numpy").matches(rec)).isFalse();
    assertThat(MatchSpec.parse("numpy[build_number='>=1']").matches(rec)).isFalse();
    assertThat(MatchSpec.parse("num*").matches(rec)).isTrue();
    assertThat(MatchSpec.parse("*[subdir=linux-64]").matches(rec)).isTrue();
  }

  @Test
  void packageUrl() {
    MatchSpec m = MatchSpec.parse("https://conda.anaconda.org/conda-forge/linux-64/numpy-1.26.4-py39h_0.conda");
    assertThat(m.toString()).isEqualTo("conda-forge/linux-64::numpy==1.26.4=py39h_0");
    assertThat(m.fn()).isEqualTo("numpy-1.26.4-py39h_0.conda");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '~', value = {
      "python>=3.8~python[version='>=3.8']",
      "python 3.8.*~python=3.8",
      "python=3.9~python=3.9",
      "numpy==1.7~numpy==1.7",
      "pytorch=*=cuda*~pytorch[build=cuda*]",
      "numpy=1.10=py38_0~numpy==1.10=py38_0",
      "numpy >=1.8 , < 2.0 py34_0~numpy[version='>=1.8,<2.0',build=py34_0]",
      "xtensor >= 0.12.3~xtensor[version='>=0.12.3']",
      "conda-forge::numpy[version='1.7|1.8']~conda-forge::numpy[version='1.7|1.8']",
      "numpy # a comment~numpy",
      "*[md5=abc]~*[md5=abc]",
      "mkl@~*[track_features=mkl]"})
  void canonicalForms(String input, String expected) {
    assertThat(MatchSpec.parse(input).toString()).isEqualTo(expected);
    assertThat(MatchSpec.parse(expected)).isEqualTo(MatchSpec.parse(input));
  }

  /** Error fixtures: message and offset. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "blas [optional|unbalanced `[` in spec|5",
      "blas [test=1]|unknown key `test` in brackets|6",
      "blas[version=]|empty value for `version` in brackets|13",
      "-pkg|invalid package name `-pkg`|0",
      "pack@ge|invalid characters in package name `pack@ge`|4",
      "!xyz 1.3|no package name found|0",
      "numpy >=1.2,<1&3|invalid character `&` in version|14",
      "numpy[version='>=1.2,<1&3']|invalid character `&` in version|23"})
  void errors(String input, String message, int offset) {
    assertThatThrownBy(() -> MatchSpec.parse(input))
        .isInstanceOfSatisfying(ParseError.class, e -> {
          assertThat(e.getMessage()).isEqualTo(message);
          assertThat(e.offset()).isEqualTo(offset);
        });
  }

  @Provide
  Arbitrary<String> specs() {
    Arbitrary<String> channel = Arbitraries.of("", "conda-forge::", "conda-forge/linux-64::", "defaults::");
    Arbitrary<String> name = Arbitraries.of("numpy", "python-dateutil", "_libgcc_mutex", "r-base", "*");
    Arbitrary<String> version = Arbitraries.of("", " 1.2", " >=1.2", "=1.2", "==1.2.3", " >=1,<2", " 1.2.*",
        " !=1.5", " ~=1.2.3", " 1.2|1.3", "[version='>=1.2']");
    Arbitrary<String> build = Arbitraries.of("", "", " py39_0", " py3*", "[build_number=2]", "[md5=abc]");
    return Combinators.combine(channel, name, version, build).as((c, n, v, b) -> {
      if (v.startsWith("[") && b.startsWith(" ")) {
        b = "";
      }
      String spec = c + n + v;
      if (b.startsWith(" ") && v.isEmpty()) {
        spec += " *";
      }
      if (b.startsWith("[") && spec.endsWith("]")) {
        return spec.substring(0, spec.length() - 1) + "," + b.substring(1);
      }
      return spec + b;
    });
  }

  @Property(tries = 500)
  void roundTrip(@ForAll("specs") String s) {
    MatchSpec m = MatchSpec.parse(s);
    MatchSpec again = MatchSpec.parse(m.toString());
    assertThat(again).isEqualTo(m);
    assertThat(again.toString()).isEqualTo(m.toString());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''|empty spec: no package name found", "'   '|empty spec: no package name found",
      "foo=|expected a version after `=`", "'foo= '|expected a version after `=`",
      "pkg..name|invalid package name `pkg..name`: `..`", "pkg--name >=1|invalid package name `pkg--name`: `--`",
      "python[when='package[build=]']|invalid condition `package[build=]` in `when`"})
  void rejectsWhatConda25Rejects(String spec, String message) {
    assertThatThrownBy(() -> MatchSpec.parse(spec)).isInstanceOf(ParseError.class).hasMessageStartingWith(message);
  }

  @Test
  void lenientModeReadsOldFiles() {
    assertThat(MatchSpec.parse("", MatchSpec.Mode.LENIENT).toString()).isEqualTo("*");
    assertThat(MatchSpec.parse("foo=", MatchSpec.Mode.LENIENT).toString()).isEqualTo("foo");
    assertThat(MatchSpec.parse("pkg..name", MatchSpec.Mode.LENIENT).exactName()).isEqualTo("pkg..name");
    assertThatThrownBy(() -> MatchSpec.parse("pack@ge", MatchSpec.Mode.LENIENT)).isInstanceOf(ParseError.class);
    assertThat(MatchSpec.parse("pkg[when='(__unix and python[version=\">=3.10\"]) or __osx']").when())
        .isEqualTo("(__unix and python[version=\">=3.10\"]) or __osx");
  }

  @ParameterizedTest
  @CsvSource({
      "https://repo.anaconda.com/pkgs/main/linux-64/_license-1.1-py27_1.tar.bz2",
      "https://conda.anaconda.org/conda-forge/noarch/six-1.16.0-pyh6c4a22f_0.conda",
      "file:///tmp/channel/linux-64/foo-1.0-0.tar.bz2",
      "https://example.com/files/foo-1.0-0.tar.bz2"})
  void urlSpecsAreWrittenBackAsTheirUrl(String url) {
    MatchSpec m = MatchSpec.parse(url);
    assertThat(m.spelling()).isEqualTo(url);
    assertThat(MatchSpec.parse(m.spelling())).isEqualTo(m);
  }

  @Test
  void urlKeyBesideAChannelIsKept() {
    MatchSpec m = MatchSpec.parse("conda-forge::numpy[url=https://x.org/conda-forge/linux-64/numpy-1-0.conda]");
    assertThat(m.toString()).isEqualTo("conda-forge::numpy");
    assertThat(m.spelling()).isEqualTo("conda-forge::numpy[url=https://x.org/conda-forge/linux-64/numpy-1-0.conda]");
    assertThat(MatchSpec.parse(m.spelling())).isEqualTo(m);
    assertThat(MatchSpec.parse("numpy >=1").spelling()).isEqualTo("numpy[version='>=1']");
  }

  @Test
  void condaName() {
    assertThat(CondaName.parse("NumPy")).isEqualTo(CondaName.parse("numpy"));
    assertThat(CondaName.parse("NumPy").original()).isEqualTo("NumPy");
    assertThat(CondaName.isValid("_libgcc_mutex")).isTrue();
    assertThat(CondaName.isValid("__unix")).isTrue();
    assertThat(CondaName.isValid("-pkg")).isFalse();
    assertThat(CondaName.isValid("pkg*")).isFalse();
    assertThat(CondaName.isValid("")).isFalse();
  }
}
