package dev.envx.lock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.format.lock.LockEntry;
import dev.envx.model.conda.Platform;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LockInputTest {
  private static LockInput input(List<String> indexUrls) {
    return new LockInput(List.of("environment.yml"), List.of(), List.of(Platform.LINUX_64), indexUrls, List.of(),
        Map.of(Platform.LINUX_64, Map.of(LockEntry.MAIN, List.of())), List.of(), "none", List.of(), null);
  }

  @Test
  void indexCredentialsNeverReachTheLockOrItsHash() {
    LockInput in = input(List.of("https://alice:s3cret@pypi.example/simple/", "https://TOKEN123@other.example/simple/",
        "file:///srv/pypi/simple"));
    assertThat(in.lockIndexUrls()).containsExactly("https://${ENVX_USER}:${ENVX_PASSWORD}@pypi.example/simple/",
        "https://${ENVX_USER}@other.example/simple/", "file:///srv/pypi/simple");
    LockInput other = input(List.of("https://bob:other@pypi.example/simple/", "https://X@other.example/simple/",
        "file:///srv/pypi/simple"));
    assertThat(in.inputHash()).as("the hash does not depend on the secrets").isEqualTo(other.inputHash());
    assertThat(in.inputHash()).isNotEqualTo(input(List.of("https://pypi.example/simple/")).inputHash());
  }

  @Test
  void findLinksAreInputs() {
    LockInput a = input(List.of());
    LockInput b = a.withPypiSources(List.of(), List.of("wheels"));
    assertThat(b.inputHash()).isNotEqualTo(a.inputHash());
    assertThat(b.withManifestHash("sha256:" + "0".repeat(64)).inputHash()).isEqualTo("sha256:" + "0".repeat(64));
  }
}
