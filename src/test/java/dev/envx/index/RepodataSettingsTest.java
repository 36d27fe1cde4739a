package dev.envx.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepodataSettingsTest {
  private static final Path HOME = Path.of("/home/u");

  @Test
  void backoffDoublesUpToTheCap() {
    RepodataSettings s = RepodataSettings.of(Path.of("/c")).withRetries(6, Duration.ofMillis(500), Duration.ofSeconds(3));
    assertThat(s.backoff(1)).isEqualTo(Duration.ofMillis(500));
    assertThat(s.backoff(2)).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.backoff(3)).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.backoff(4)).isEqualTo(Duration.ofSeconds(3));
    assertThat(s.backoff(30)).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void validates() {
    assertThatThrownBy(() -> RepodataSettings.of(Path.of("/c")).withRetries(0, Duration.ZERO, Duration.ZERO))
        .hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> RepodataSettings.of(Path.of("/c")).withRetries(2, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("backoff");
  }
}
