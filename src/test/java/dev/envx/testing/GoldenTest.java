package dev.envx.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenTest {
  @TempDir Path dir;

  @Test
  void aMissingExpectedFileFailsAndIsNotWritten() {
    Path expected = dir.resolve("case.expected");
    assertThatThrownBy(() -> Golden.check(expected, "out\n", false))
        .isInstanceOf(AssertionError.class).hasMessageContaining("missing expected file")
        .hasMessageContaining("-Denvx.update-golden=true");
    assertThat(expected).doesNotExist();
  }

  @Test
  void aDifferentOutputFails() throws Exception {
    Path expected = dir.resolve("case.expected");
    Files.writeString(expected, "old\n");
    assertThatThrownBy(() -> Golden.check(expected, "new\n", false)).isInstanceOf(AssertionError.class);
    Golden.check(expected, "old\n", false);
  }

  @Test
  void updatingWritesTheFile() throws Exception {
    Path expected = dir.resolve("sub/case.expected");
    Golden.check(expected, "new\n", true);
    assertThat(expected).hasContent("new");
    Golden.check(expected, "new\n", false);
  }
}
