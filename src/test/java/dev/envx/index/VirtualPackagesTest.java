package dev.envx.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envx.diag.EnvxException;
import dev.envx.model.conda.Platform;
import dev.envx.model.conda.VirtualPackage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VirtualPackagesTest {
  private static List<String> vp(Platform p, VirtualPackageSettings s, Map<String, String> env) {
    return VirtualPackages.forPlatform(p, s, env).stream().map(VirtualPackage::toString).toList();
  }

  private static List<String> vp(Platform p) {
    return vp(p, VirtualPackageSettings.defaults(), Map.of());
  }

  @Test
  void platformDefaults() {
    assertThat(vp(Platform.LINUX_64))
        .containsExactly("__archspec=1=x86_64", "__glibc=2.17=0", "__linux=4.18=0", "__unix=0=0");
    assertThat(vp(Platform.LINUX_AARCH64)).contains("__archspec=1=aarch64", "__glibc=2.17=0");
    assertThat(vp(Platform.OSX_ARM64)).containsExactly("__archspec=1=m1", "__osx=11.0=0", "__unix=0=0");
    assertThat(vp(Platform.OSX_64)).containsExactly("__archspec=1=x86_64", "__osx=10.13=0", "__unix=0=0");
    assertThat(vp(Platform.WIN_64)).containsExactly("__archspec=1=x86_64", "__win=0=0");
    assertThat(vp(Platform.NOARCH)).isEmpty();
  }

  @Test
  void cudaOnlyWhenOverriddenOrConfigured() {
    assertThat(vp(Platform.LINUX_64)).noneMatch(s -> s.startsWith("__cuda"));
    assertThat(vp(Platform.LINUX_64, VirtualPackageSettings.defaults(), Map.of("CONDA_OVERRIDE_CUDA", "12.4")))
        .contains("__cuda=12.4=0");
    assertThat(vp(Platform.WIN_64, VirtualPackageSettings.defaults().withCuda("11.8"), Map.of()))
        .contains("__cuda=11.8=0");
  }

  @Test
  void environmentOverridesWinOverConfig() {
    VirtualPackageSettings cfg = VirtualPackageSettings.defaults().withGlibc("2.28").withCuda("12.0");
    assertThat(vp(Platform.LINUX_64, cfg, Map.of())).contains("__glibc=2.28=0", "__cuda=12.0=0");
    assertThat(vp(Platform.LINUX_64, cfg, Map.of("CONDA_OVERRIDE_GLIBC", "2.34", "CONDA_OVERRIDE_CUDA", "")))
        .contains("__glibc=2.34=0").noneMatch(s -> s.startsWith("__cuda"));
    assertThat(vp(Platform.OSX_64, VirtualPackageSettings.defaults().withOsx("12.3"),
        Map.of("CONDA_OVERRIDE_ARCHSPEC", "haswell"))).contains("__osx=12.3=0", "__archspec=1=haswell");
    assertThat(vp(Platform.LINUX_64, cfg, Map.of("CONDA_OVERRIDE_GLIBC", "")))
        .noneMatch(s -> s.startsWith("__glibc"));
    assertThat(vp(Platform.LINUX_64, cfg, Map.of("CONDA_OVERRIDE_LINUX", "6.1"))).contains("__linux=6.1=0");
  }

  @Test
  void invalidOverrideIsAnInputError() {
    assertThatThrownBy(() -> vp(Platform.LINUX_64, VirtualPackageSettings.defaults(),
        Map.of("CONDA_OVERRIDE_GLIBC", "2 17")))
        .isInstanceOfSatisfying(EnvxException.class, e -> {
          assertThat(e.exitCode()).isEqualTo(2);
          assertThat(e.first().hints()).containsExactly("check `CONDA_OVERRIDE_GLIBC` or the virtual package settings");
        });
  }

  @Test
  void asRecords() {
    List<PackageRecord> recs = VirtualPackages.asRecords(
        VirtualPackages.forPlatform(Platform.LINUX_64, VirtualPackageSettings.defaults(), Map.of()), Platform.LINUX_64);
    assertThat(recs).extracting(PackageRecord::dist)
        .containsExactly("__archspec-1-x86_64", "__glibc-2.17-0", "__linux-4.18-0", "__unix-0-0");
    assertThat(recs.get(1).subdir()).isEqualTo("linux-64");
    assertThat(recs.get(1).url()).isEmpty();
    assertThat(recs.get(1).channel()).isEmpty();
  }
}
