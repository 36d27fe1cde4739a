package dev.envx.model.conda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envx.diag.ParseError;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class PlatformTest {
  @Test
  void parsesSubdirNames() {
    assertThat(Platform.parse("linux-64")).isEqualTo(Platform.LINUX_64);
    assertThat(Platform.parse(" OSX-ARM64 ")).isEqualTo(Platform.OSX_ARM64);
    assertThat(Platform.parse("noarch").isNoarch()).isTrue();
    assertThat(Platform.parse("win-arm64").isWindows()).isTrue();
    assertThat(Platform.LINUX_PPC64LE.toString()).isEqualTo("linux-ppc64le");
    assertThat(Platform.LINUX_AARCH64.arch()).contains("aarch64");
    assertThat(Platform.NOARCH.arch()).isEmpty();
  }

  @Test
  void unknownPlatformListsValidValues() {
    assertThatThrownBy(() -> Platform.parse("  linux-65"))
        .isInstanceOfSatisfying(ParseError.class, e -> {
          assertThat(e.getMessage()).isEqualTo("unknown platform `linux-65`");
          assertThat(e.offset()).isEqualTo(2);
          assertThat(e.length()).isEqualTo(8);
          assertThat(e.hint()).startsWith("valid platforms: noarch, linux-32, linux-64, linux-aarch64")
              .contains("osx-arm64", "win-64", "win-arm64");
        });
  }

  @Test
  void unixAndOsFamilies() {
    assertThat(Platform.LINUX_64.isUnix()).isTrue();
    assertThat(Platform.OSX_64.isUnix()).isTrue();
    assertThat(Platform.WIN_64.isUnix()).isFalse();
    assertThat(Platform.NOARCH.isUnix()).isFalse();
    assertThat(Platform.EMSCRIPTEN_WASM32.isUnix()).isFalse();
  }

  @Test
  void detectsCurrentPlatformFromJavaProperties() {
    assertThat(Platform.current("Linux", "amd64")).contains(Platform.LINUX_64);
    assertThat(Platform.current("Linux", "aarch64")).contains(Platform.LINUX_AARCH64);
    assertThat(Platform.current("Linux", "ppc64le")).contains(Platform.LINUX_PPC64LE);
    assertThat(Platform.current("Mac OS X", "x86_64")).contains(Platform.OSX_64);
    assertThat(Platform.current("Mac OS X", "aarch64")).contains(Platform.OSX_ARM64);
    assertThat(Platform.current("Windows 11", "amd64")).contains(Platform.WIN_64);
    assertThat(Platform.current("Windows 11", "aarch64")).contains(Platform.WIN_ARM64);
    assertThat(Platform.current("SunOS", "sparcv9")).isEmpty();
  }

  @Property
  void everyPlatformRoundTrips(@ForAll Platform p) {
    assertThat(Platform.parse(p.toString())).isEqualTo(p);
    assertThat(Platform.fromSubdir(p.subdir())).contains(p);
  }
}
