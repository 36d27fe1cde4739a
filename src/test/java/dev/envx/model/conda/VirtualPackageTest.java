package dev.envx.model.conda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VirtualPackageTest {
  @Test
  void parsesAndPrints() {
    assertThat(VirtualPackage.parse("__glibc=2.28=0")).isEqualTo(new VirtualPackage("__glibc", "2.28", "0"));
    assertThat(VirtualPackage.parse("__unix").toString()).isEqualTo("__unix=0=0");
    assertThat(VirtualPackage.parse("__archspec=1=x86_64_v3").build()).isEqualTo("x86_64_v3");
  }

  @Test
  void validates() {
    assertThatThrownBy(() -> VirtualPackage.of("glibc", "2.17")).hasMessageContaining("must start with `__`");
    assertThatThrownBy(() -> VirtualPackage.of("__glibc", "2 17")).hasMessageContaining("invalid version");
    assertThatThrownBy(() -> VirtualPackage.parse("__a=1=2=3")).hasMessageContaining("name=version=build");
  }
}
