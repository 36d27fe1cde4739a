package dev.envx.model.wheel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.envx.model.conda.Platform;
import dev.envx.model.conda.VirtualPackage;
import dev.envx.testing.Python3;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CompatibleTagsTest {
  private static final String SCRIPT = "/dev/envx/model/wheel/packaging_tags.py";

  private static List<String> envx(WheelTarget t) {
    return CompatibleTags.of(t).tags().stream().map(WheelTag::toString).toList();
  }

  private static List<String> packaging(String... args) {
    Python3.requireModule("packaging|pip._vendor.packaging");
    Python3.Result r = Python3.script(SCRIPT, List.of(args), null);
    assertThat(r.exit()).as("packaging_tags.py %s: %s", Arrays.toString(args), r.err()).isZero();
    return r.out().lines().toList();
  }

  static Stream<Arguments> targets() {
    WheelTarget linux311 = WheelTarget.of(Platform.LINUX_64, "3.11");
    return Stream.of(
        Arguments.of(linux311, new String[] {"3.11", "cp311", "manylinux", "x86_64", "2.17"}),
        Arguments.of(WheelTarget.of(Platform.LINUX_64, "3.12").withLibc(glibc(2, 28)),
            new String[] {"3.12", "cp312", "manylinux", "x86_64", "2.28"}),
        Arguments.of(WheelTarget.of(Platform.LINUX_AARCH64, "3.10").withLibc(glibc(2, 17)),
            new String[] {"3.10", "cp310", "manylinux", "aarch64", "2.17"}),
        Arguments.of(WheelTarget.of(Platform.LINUX_PPC64LE, "3.9").withLibc(glibc(2, 34)),
            new String[] {"3.9", "cp39", "manylinux", "ppc64le", "2.34"}),
        Arguments.of(WheelTarget.of(Platform.LINUX_32, "3.8").withLibc(glibc(2, 12)),
            new String[] {"3.8", "cp38", "manylinux", "i686", "2.12"}),
        Arguments.of(WheelTarget.of(Platform.LINUX_64, "3.11").withLibc(
            new WheelTarget.Libc(WheelTarget.Libc.Kind.MUSL, 1, 2)),
            new String[] {"3.11", "cp311", "musllinux", "x86_64", "1.2"}),
        Arguments.of(WheelTarget.of(Platform.LINUX_64, "3.11").withLibc(null),
            new String[] {"3.11", "cp311", "linux", "x86_64"}),
        Arguments.of(WheelTarget.of(Platform.OSX_ARM64, "3.12"), new String[] {"3.12", "cp312", "macos", "arm64",
            "11.0"}),
        Arguments.of(WheelTarget.of(Platform.OSX_ARM64, "3.13").withMacos(new WheelTarget.MacVersion(14, 2)),
            new String[] {"3.13", "cp313", "macos", "arm64", "14.2"}),
        Arguments.of(WheelTarget.of(Platform.OSX_64, "3.10"), new String[] {"3.10", "cp310", "macos", "x86_64",
            "10.13"}),
        Arguments.of(WheelTarget.of(Platform.OSX_64, "3.12").withMacos(new WheelTarget.MacVersion(12, 0)),
            new String[] {"3.12", "cp312", "macos", "x86_64", "12.0"}),
        Arguments.of(WheelTarget.of(Platform.WIN_64, "3.13"), new String[] {"3.13", "cp313", "windows",
            "win_amd64"}),
        Arguments.of(WheelTarget.of(Platform.WIN_32, "3.11"), new String[] {"3.11", "cp311", "windows", "win32"}),
        Arguments.of(WheelTarget.of(Platform.WIN_ARM64, "3.12"), new String[] {"3.12", "cp312", "windows",
            "win_arm64"}),
        Arguments.of(WheelTarget.of(Platform.EMSCRIPTEN_WASM32, "3.12"), new String[] {"3.12", "cp312", "none",
            "-"}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void sameListAsPackaging(WheelTarget target, String[] args) {
    assertThat(envx(target)).containsExactlyElementsOf(packaging(args));
  }

  @Test
  void freeThreadedMatchesPackagingWhenItKnowsAbi3t() {
    Python3.requireModule("packaging|pip._vendor.packaging");
    Python3.Result probe = Python3.run(List.of("-c", "from packaging import tags; tags._abi3t_applies"), null);
    assumeTrue(probe.exit() == 0, "skipped: this packaging has no abi3t (PEP 803) support");
    WheelTarget t = WheelTarget.of(Platform.LINUX_64, "3.14").withFreeThreaded(true);
    assertThat(envx(t)).containsExactlyElementsOf(packaging("3.14", "cp314t", "manylinux", "x86_64", "2.17"));
    assertThat(envx(t)).doesNotContain("cp314-abi3-manylinux_2_17_x86_64").contains("cp313-abi3t-linux_x86_64");
  }

  /** The running interpreter's real {@code sys_tags()} against envx's list for the same machine. */
  @Test
  void sameListAsThisMachinesSysTags() {
    assumeTrue(Platform.current().orElse(null) == Platform.LINUX_64, "skipped: needs a linux-64 machine");
    List<String> lines = packaging("sys");
    String[] head = lines.get(0).split(" ");
    String[] glibc = head[1].split("\\.");
    assumeTrue(!head[1].startsWith("-1"), "skipped: python3 is not linked against glibc");
    WheelTarget t = WheelTarget.of(Platform.LINUX_64, head[0]).withLibc(glibc(Integer.parseInt(glibc[0]),
        Integer.parseInt(glibc[1])));
    List<String> sys = lines.subList(1, lines.size());
    assumeTrue(sys.get(0).startsWith("cp" + head[0].replace(".", "") + "-cp"),
        "skipped: not a plain CPython build: " + sys.get(0));
    assertThat(envx(t)).containsExactlyElementsOf(sys);
  }

  @Test
  void linux311Glibc217StartsAndEndsAsPipDoes() {
    List<String> tags = envx(WheelTarget.of(Platform.LINUX_64, "3.11"));
    assertThat(tags.subList(0, 3)).containsExactly("cp311-cp311-manylinux_2_17_x86_64",
        "cp311-cp311-manylinux2014_x86_64", "cp311-cp311-manylinux_2_16_x86_64");
    assertThat(tags.get(tags.size() - 1)).isEqualTo("py30-none-any");
    assertThat(tags).doesNotContain("cp311-cp311-manylinux_2_28_x86_64", "cp311-cp311-manylinux_2_4_x86_64");
  }

  @Test
  void virtualPackagesSetGlibcAndDeploymentTarget() {
    WheelTarget linux = WheelTarget.of(Platform.LINUX_64, "3.12.4",
        List.of(VirtualPackage.of("__glibc", "2.28"), VirtualPackage.of("__unix", "0")));
    assertThat(linux.libc()).isEqualTo(glibc(2, 28));
    assertThat(linux.pythonVersion()).isEqualTo("3.12");
    WheelTarget mac = WheelTarget.of(Platform.OSX_ARM64, "3.12", List.of(VirtualPackage.of("__osx", "13.4.1")));
    assertThat(mac.macos()).isEqualTo(new WheelTarget.MacVersion(13, 4));
    assertThat(envx(mac)).startsWith("cp312-cp312-macosx_13_0_arm64", "cp312-cp312-macosx_13_0_universal2");
    assertThat(WheelTarget.of(Platform.LINUX_64, "3.12", List.of()).libc()).isEqualTo(WheelTarget.DEFAULT_GLIBC);
    assertThatThrownBy(() -> WheelTarget.of(Platform.LINUX_64, "3.12", List.of(VirtualPackage.of("__glibc", "x"))))
        .hasMessageContaining("expected a glibc version like `2.17` in `__glibc=x=0`");
  }

  @Test
  void rankPrefersTheBestTagOfACompressedSet() {
    CompatibleTags c = CompatibleTags.of(WheelTarget.of(Platform.LINUX_64, "3.11"));
    WheelFilename numpy = WheelFilename.parse(
        "numpy-2.3.1-cp311-cp311-manylinux_2_27_x86_64.manylinux_2_17_x86_64.manylinux2014_x86_64.whl");
    WheelFilename pure = WheelFilename.parse("six-1.17.0-py2.py3-none-any.whl");
    WheelFilename abi3 = WheelFilename.parse("cryptography-45.0.5-cp37-abi3-manylinux_2_17_x86_64.whl");
    WheelFilename tooNew = WheelFilename.parse("x-1.0-cp311-cp311-manylinux_2_28_x86_64.whl");
    WheelFilename mac = WheelFilename.parse("x-1.0-cp311-cp311-macosx_11_0_arm64.whl");
    WheelFilename otherPython = WheelFilename.parse("x-1.0-cp312-cp312-manylinux_2_17_x86_64.whl");
    assertThat(c.rank(numpy)).hasValue(0);
    assertThat(c.rank(abi3).getAsInt()).isGreaterThan(0).isLessThan(c.rank(pure).getAsInt());
    assertThat(c.rank(pure)).hasValue(c.tags().indexOf(new WheelTag("py3", "none", "any")));
    assertThat(c.rank(tooNew)).isEmpty();
    assertThat(c.rank(mac)).isEmpty();
    assertThat(c.rank(otherPython)).isEmpty();
    assertThat(c.best(List.of(pure, tooNew, abi3, numpy))).isEqualTo(numpy);
    assertThat(c.best(List.of(tooNew, mac))).isNull();
  }

  @Test
  void buildTagBreaksTiesHigherFirst() {
    CompatibleTags c = CompatibleTags.of(WheelTarget.of(Platform.WIN_64, "3.12"));
    WheelFilename none = WheelFilename.parse("x-1.0-py3-none-any.whl");
    WheelFilename b1 = WheelFilename.parse("x-1.0-1-py3-none-any.whl");
    WheelFilename b2 = WheelFilename.parse("x-1.0-2a-py3-none-any.whl");
    WheelFilename win = WheelFilename.parse("x-1.0-cp312-cp312-win_amd64.whl");
    assertThat(Stream.of(none, b1, b2, win).sorted(c.preference()).toList()).containsExactly(win, b2, b1, none);
  }

  @Test
  void platformsWithoutWheelTagsAcceptOnlyPureWheels() {
    CompatibleTags c = CompatibleTags.of(WheelTarget.of(Platform.FREEBSD_64, "3.11"));
    assertThat(c.tags()).allMatch(t -> t.platform().equals("any"));
    assertThat(c.tags().get(0)).hasToString("cp311-none-any");
  }

  @Test
  void targetsAreValidated() {
    assertThatThrownBy(() -> WheelTarget.of(Platform.LINUX_64, "three"))
        .hasMessage("expected a Python version like `3.12`, got `three`");
    assertThatThrownBy(() -> WheelTarget.of(Platform.LINUX_64, "2.7")).hasMessageContaining("CPython 3.x");
    assertThatThrownBy(() -> WheelTarget.of(Platform.LINUX_64, "3.12").withFreeThreaded(false)
        .withMacos(new WheelTarget.MacVersion(11, 0))).hasMessageContaining("macOS targets");
    assertThatThrownBy(() -> WheelTarget.of(Platform.LINUX_64, "3.12").withFreeThreaded(true))
        .hasMessage("free-threaded CPython starts at 3.13, not 3.12");
  }

  private static WheelTarget.Libc glibc(int major, int minor) {
    return new WheelTarget.Libc(WheelTarget.Libc.Kind.GLIBC, major, minor);
  }
}
