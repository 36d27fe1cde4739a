package dev.envx.model.wheel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envx.diag.ParseError;
import dev.envx.model.pep508.PyPiName;
import dev.envx.testing.Python3;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class DistributionFilenameTest {
  @Test
  void parsesAWheelWithACompressedPlatformSet() {
    WheelFilename w = WheelFilename.parse(
        "numpy-2.3.1-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");
    assertThat(w.name().normalized()).isEqualTo("numpy");
    assertThat(w.version()).hasToString("2.3.1");
    assertThat(w.buildTag()).isEmpty();
    assertThat(w.platformTag()).isEqualTo("manylinux_2_17_x86_64.manylinux2014_x86_64");
    assertThat(w.tags()).extracting(WheelTag::toString).containsExactly(
        "cp311-cp311-manylinux_2_17_x86_64", "cp311-cp311-manylinux2014_x86_64");
    assertThat(w.isPure()).isFalse();
    assertThat(w).hasToString("numpy-2.3.1-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");
  }

  @Test
  void parsesBuildTagsAndCompressedPythonTags() {
    WheelFilename w = WheelFilename.parse("Foo_Bar-1.0.post1-12cuda-py2.py3-none-any.whl");
    assertThat(w.name().normalized()).isEqualTo("foo-bar");
    assertThat(w.name().original()).isEqualTo("Foo_Bar");
    assertThat(w.build()).isEqualTo(new BuildTag(12, "cuda"));
    assertThat(w.tags()).extracting(WheelTag::toString).containsExactly("py2-none-any", "py3-none-any");
    assertThat(w.isPure()).isTrue();
  }

  @Test
  void wheelErrorsPointAtTheBadPart() {
    assertError("foo-1.0-py3-none-any.zip", "a wheel file name ends with `.whl`: `foo-1.0-py3-none-any.zip`", 20);
    assertError("foo-1.0-none-any.whl", "a wheel file name has 5 or 6 parts separated by `-`, "
        + "`foo-1.0-none-any.whl` has 4", 0);
    assertError("foo-1.0-a-b-py3-none-any.whl", "a wheel file name has 5 or 6 parts separated by `-`, "
        + "`foo-1.0-a-b-py3-none-any.whl` has 7", 0);
    assertError("foo-one-py3-none-any.whl", "invalid version `one` in wheel file name", 4);
    assertError("foo-1.0-x1-py3-none-any.whl", "invalid build tag `x1`: it starts with a digit", 8);
    assertError("foo__bar-1.0-py3-none-any.whl", "invalid project name `foo__bar` in wheel file name", 0);
    assertError("foo-1.0-py3-no!ne-any.whl", "invalid abi tag `no!ne` in wheel file name", 12);
    assertError("foo-1.0-py3.-none-any.whl", "invalid interpreter tag `` in wheel file name", 12);
  }

  private static void assertError(String name, String message, int offset) {
    assertThatThrownBy(() -> WheelFilename.parse(name)).isInstanceOfSatisfying(ParseError.class, e -> {
      assertThat(e.getMessage()).isEqualTo(message);
      assertThat(e.offset()).as("offset of %s", name).isEqualTo(offset);
    });
  }

  @Test
  void parsesSdists() {
    SdistFilename s = SdistFilename.parse("requests-2.32.3.tar.gz");
    assertThat(s.name().normalized()).isEqualTo("requests");
    assertThat(s.version()).hasToString("2.32.3");
    assertThat(s.isLegacyFormat()).isFalse();
    assertThat(SdistFilename.parse("zope.interface-7.0.zip").name().normalized()).isEqualTo("zope-interface");
    assertThat(SdistFilename.parse("pkg-1.0.tar.bz2").isLegacyFormat()).isTrue();
    // the project's name disambiguates a dash inside the name
    SdistFilename dashed = SdistFilename.parse("foo-bar-1.0.tar.gz", PyPiName.of("Foo_Bar"));
    assertThat(dashed.name().original()).isEqualTo("foo-bar");
    assertThat(dashed.version()).hasToString("1.0");
    assertThatThrownBy(() -> SdistFilename.parse("foo.tar.gz"))
        .hasMessage("an sdist file name is `{name}-{version}.tar.gz`: `foo.tar.gz`");
    assertThatThrownBy(() -> SdistFilename.parse("foo-1.0.exe"))
        .hasMessageStartingWith("not a distribution file name");
    assertThatThrownBy(() -> SdistFilename.parse("foo-bar.tar.gz"))
        .hasMessage("invalid version `bar` in sdist file name");
  }

  @Test
  void dispatchesOnTheExtension() {
    PyPiName p = PyPiName.of("six");
    assertThat(DistributionFilename.parse("six-1.17.0-py2.py3-none-any.whl", p)).isInstanceOf(WheelFilename.class);
    assertThat(DistributionFilename.parse("six-1.17.0.tar.gz", p)).isInstanceOf(SdistFilename.class);
    assertThat(DistributionFilename.tryParse("six-1.17.0.win32.exe", p)).isEmpty();
    assertThat(DistributionFilename.tryParse("six-1.17.0-py2.7.egg", p)).isEmpty();
  }

  /** Names packaging accepts and envx rejects on purpose, with the reason. */
  static final java.util.Map<String, String> STRICTER = java.util.Map.of(
      "-1.0-py3-none-any.whl", "an empty project name names no project",
      "foo-1.0--none-any.whl", "an empty interpreter tag matches no interpreter",
      "naïve-1.0-py3-none-any.whl", "core metadata names are ASCII letters, digits, `.`, `_`, `-`");

  /** Every wheel of the shared mirror plus tricky names, read as packaging reads them. */
  @Test
  void agreesWithPackaging() throws IOException {
    List<String> names = new ArrayList<>(List.of("foo-1.0-py3-none-any.whl", "Foo.Bar-1.0-1-py3-none-any.whl",
        "foo-1.0-01x-py3-none-any.whl", "foo-1.0-py3-none-any.zip", "foo-01.0-py3-none-any.whl",
        "foo-v1.0-py3-none-any.whl", "foo-1.0-py3-none-any", "foo-1.0-py3-none-any-extra.whl",
        "foo_bar-1.0-CP311-CP311-Win_AMD64.whl", "foo-1.0.tar.gz", "foo-bar-1.0.zip", "foo1.0.tar.gz",
        "foo-1.0-1.tar.gz", "foo-1.0.tgz", "foo-1!2.0rc1.post3.dev4+local.7.tar.gz", "-1.0-py3-none-any.whl",
        "foo-1.0--none-any.whl", "naïve-1.0-py3-none-any.whl"));
    Path files = SharedData.root().resolve("pypi/files");
    if (Files.isDirectory(files)) {
      try (Stream<Path> s = Files.list(files)) {
        // every wheel has its `.metadata` file; only the small ones have their body
        s.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".whl.metadata"))
            .map(n -> n.substring(0, n.length() - ".metadata".length())).sorted().forEach(names::add);
      }
    }
    Python3.requireModule("packaging|pip._vendor.packaging");
    Python3.Result r = Python3.script("/dev/envx/model/wheel/packaging_filenames.py", List.of(),
        String.join("\n", names) + "\n");
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> expected = r.out().lines().toList();
    assertThat(expected).hasSameSizeAs(names);
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String got = envx(names.get(i));
      if (STRICTER.containsKey(names.get(i))) {
        assertThat(got).as("%s (%s)", names.get(i), STRICTER.get(names.get(i))).isEqualTo("invalid");
        assertThat(expected.get(i)).as("packaging still accepts %s", names.get(i)).isNotEqualTo("invalid");
      } else if (!got.equals(expected.get(i))) {
        problems.add(names.get(i) + ": packaging `" + expected.get(i) + "`, envx `" + got + "`");
      }
    }
    System.out.println("DistributionFilenameTest: " + names.size() + " file names compared with packaging");
    assertThat(problems).isEmpty();
  }

  private static String envx(String name) {
    try {
      if (name.endsWith(".whl")) {
        WheelFilename w = WheelFilename.parse(name);
        return "wheel\t" + w.name().normalized() + "\t" + w.version() + "\t"
            + w.buildTag().map(BuildTag::toString).orElse("") + "\t"
            + w.tags().stream().map(WheelTag::toString).sorted().collect(Collectors.joining(" "));
      }
      Optional<SdistFilename> s = SdistFilename.tryParse(name);
      if (s.isEmpty() || s.get().isLegacyFormat()) {
        return "invalid";
      }
      return "sdist\t" + s.get().name().normalized() + "\t" + s.get().version();
    } catch (ParseError e) {
      return "invalid";
    }
  }

  @Property
  void wheelNamesRoundTrip(@ForAll("wheels") String name) {
    WheelFilename w = WheelFilename.parse(name);
    assertThat(w.filename()).isEqualTo(name);
    WheelFilename again = new WheelFilename(w.filename(), w.name(), w.version(), w.build(), w.pythonTag(),
        w.abiTag(), w.platformTag());
    assertThat(again).isEqualTo(w);
    assertThat(w.tags()).isNotEmpty().allMatch(t -> name.contains(t.platform()));
  }

  @Property
  void garbageNeverThrowsAnythingButParseError(@ForAll("garbage") String name) {
    try {
      WheelFilename.parse(name);
    } catch (ParseError e) {
      assertThat(e.getMessage()).isNotBlank();
      assertThat(e.offset()).isBetween(0, name.length());
    }
  }

  @Provide
  Arbitrary<String> wheels() {
    Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8)
        .list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("_", l));
    Arbitrary<String> version = Arbitraries.integers().between(0, 30).list().ofMinSize(1).ofMaxSize(4)
        .map(l -> l.stream().map(String::valueOf).collect(Collectors.joining(".")));
    Arbitrary<String> build = Arbitraries.of("", "-1", "-2b", "-10_x");
    Arbitrary<String> py = Arbitraries.of("py3", "py2.py3", "cp311", "cp39.cp310");
    Arbitrary<String> abi = Arbitraries.of("none", "abi3", "cp311", "cp313t");
    Arbitrary<String> plat = Arbitraries.of("any", "win_amd64", "manylinux_2_17_x86_64.manylinux2014_x86_64",
        "macosx_11_0_arm64", "musllinux_1_2_aarch64");
    return Combinators.combine(name, version, build, py, abi, plat)
        .as((n, v, b, p, a, pl) -> n + "-" + v + b + "-" + p + "-" + a + "-" + pl + ".whl");
  }

  @Provide
  Arbitrary<String> garbage() {
    return Arbitraries.strings().withChars("ab1-._!").ofMaxLength(30).map(s -> s + ".whl");
  }
}
