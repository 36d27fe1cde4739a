package dev.envx.model.conda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envx.diag.ParseError;
import org.junit.jupiter.api.Test;

class ChannelPriorityTest {
  @Test
  void parsesConfigValues() {
    assertThat(ChannelPriority.parse("strict")).isEqualTo(ChannelPriority.STRICT);
    assertThat(ChannelPriority.parse("Flexible")).isEqualTo(ChannelPriority.FLEXIBLE);
    assertThat(ChannelPriority.parse("disabled")).isEqualTo(ChannelPriority.DISABLED);
    assertThat(ChannelPriority.parse("true")).isEqualTo(ChannelPriority.FLEXIBLE);
    assertThat(ChannelPriority.parse("false")).isEqualTo(ChannelPriority.DISABLED);
    for (ChannelPriority p : ChannelPriority.values()) {
      assertThat(ChannelPriority.parse(p.toString())).isEqualTo(p);
    }
  }

  @Test
  void rejectsUnknownValues() {
    assertThatThrownBy(() -> ChannelPriority.parse("loose"))
        .isInstanceOfSatisfying(ParseError.class, e -> {
          assertThat(e.getMessage()).isEqualTo("unknown channel priority `loose`");
          assertThat(e.hint()).isEqualTo("valid values: strict, flexible, disabled");
        });
  }
}
