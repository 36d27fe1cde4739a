package dev.envx.format.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class InputHashTest {
  private static InputHash of(List<String> deps, List<String> platforms, List<String> channels, String mapping) {
    return new InputHash(deps, platforms, channels, List.of("https://pypi.org/simple"), mapping);
  }

  @Test
  void sameInputsSameHashInTheFormTheLockHolds() {
    String h = of(List.of("numpy >=2", "python 3.12.*"), List.of("linux-64", "osx-arm64"), List.of("conda-forge"),
        "2025.1").value();
    assertThat(h).matches("sha256:[0-9a-f]{64}");
    assertThat(new LockMetadata(null, h, null, null, null, null).inputHash()).isEqualTo(h);
    assertThat(of(List.of("python 3.12.*", "numpy >=2"), List.of("osx-arm64", "linux-64"), List.of("conda-forge"),
        "2025.1").value()).as("dependency and platform order do not matter").isEqualTo(h);
  }

  @Test
  void everyInputChangesIt() {
    InputHash base = of(List.of("numpy >=2"), List.of("linux-64"), List.of("conda-forge", "bioconda"), "1");
    assertThat(List.of(
        of(List.of("numpy >=2.1"), List.of("linux-64"), List.of("conda-forge", "bioconda"), "1"),
        of(List.of("numpy >=2"), List.of("linux-64", "win-64"), List.of("conda-forge", "bioconda"), "1"),
        of(List.of("numpy >=2"), List.of("linux-64"), List.of("bioconda", "conda-forge"), "1"),
        of(List.of("numpy >=2"), List.of("linux-64"), List.of("conda-forge", "bioconda"), "2"),
        new InputHash(List.of("numpy >=2"), List.of("linux-64"), List.of("conda-forge", "bioconda"), List.of(), "1"),
        of(List.of("numpy", ">=2"), List.of("linux-64"), List.of("conda-forge", "bioconda"), "1")))
        .extracting(InputHash::value).doesNotContain(base.value()).doesNotHaveDuplicates();
  }

  @Test
  void refusesSecretsInUrls() {
    assertThatThrownBy(() -> of(List.of(), List.of(), List.of("https://u:p@example.com/c"), "1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(of(List.of(), List.of(), List.of("https://example.com/t/${ENVX_TOKEN}/c"), "1").value()).isNotNull();
  }
}
