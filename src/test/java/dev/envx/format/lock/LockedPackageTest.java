package dev.envx.format.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envx.model.conda.CondaVersion;
import dev.envx.model.conda.Platform;
import dev.envx.model.pep440.Pep440Version;
import dev.envx.model.pep508.PyPiName;
import dev.envx.model.pep508.Requirement;
import java.util.List;
import org.junit.jupiter.api.Test;

class LockedPackageTest {
  private static final String SHA = "a".repeat(64);

  @Test
  void condaPackageKeepsTheRecordsText() {
    var p = new LockedPackage.Conda("numpy", CondaVersion.parse("2.2.6"), "py313h17eae1a_0", 0, "conda-forge",
        Platform.LINUX_64, "https://conda.anaconda.org/conda-forge/linux-64/numpy-2.2.6-py313h17eae1a_0.conda",
        "numpy-2.2.6-py313h17eae1a_0.conda", new Hashes("B".repeat(32), SHA), 100, List.of("python >=3.13,<3.14.0a0"),
        null, null, null, null, null);
    assertThat(p.ecosystem().label()).isEqualTo("conda");
    assertThat(p.hashes().md5()).isEqualTo("b".repeat(32));
    assertThat(p.depends()).containsExactly("python >=3.13,<3.14.0a0");
    assertThat(p).hasToString("conda-forge/linux-64::numpy-2.2.6-py313h17eae1a_0");
  }

  @Test
  void pypiPackageIsTyped() {
    var p = new LockedPackage.Pypi(PyPiName.of("Requests"), Pep440Version.parse("2.32.3"),
        "https://files.example/requests-2.32.3-py3-none-any.whl", "requests-2.32.3-py3-none-any.whl",
        Hashes.sha256(SHA), 10, List.of(Requirement.parse("idna<4,>=2.5")), null, List.of("socks", "socks"));
    assertThat(p.isWheel()).isTrue();
    assertThat(p.extras()).containsExactly("socks");
    assertThat(p.displayName()).isEqualTo("Requests");
  }

  @Test
  void refusesBadDigestsAndCredentials() {
    assertThatThrownBy(() -> Hashes.sha256("xyz")).hasMessageContaining("64 hex digits");
    assertThatThrownBy(() -> new LockedPackage.Pypi(PyPiName.of("a"), Pep440Version.parse("1"),
        "https://user:secret@host/a-1-py3-none-any.whl", "a-1-py3-none-any.whl", null, -1, null, null, null))
        .hasMessageContaining("credentials").hasMessageNotContaining("secret");
    assertThat(Credentials.present("https://conda.anaconda.org/t/abc-123/conda-forge")).isTrue();
    assertThat(Credentials.present("https://conda.anaconda.org/conda-forge/linux-64/x.conda")).isFalse();
  }
}
