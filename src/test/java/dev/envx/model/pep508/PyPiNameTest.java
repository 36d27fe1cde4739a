package dev.envx.model.pep508;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class PyPiNameTest {
  @Test
  void normalizesLikePep503() {
    assertThat(PyPiName.of("Friendly-Bard").normalized()).isEqualTo("friendly-bard");
    assertThat(PyPiName.of("FRIENDLY-BARD")).isEqualTo(PyPiName.of("friendly.bard"));
    assertThat(PyPiName.of("friendly__bard").toString()).isEqualTo("friendly-bard");
    assertThat(PyPiName.of("Friendly._-Bard").original()).isEqualTo("Friendly._-Bard");
  }

  @Test
  void rejectsInvalidNames() {
    assertThatThrownBy(() -> PyPiName.of("-bad")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PyPiName.of("bad name")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PyPiName.of("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Property
  void normalizationIsIdempotent(@ForAll("names") String name) {
    String n = PyPiName.normalize(name);
    assertThat(PyPiName.normalize(n)).isEqualTo(n);
    assertThat(PyPiName.of(n)).isEqualTo(PyPiName.of(name));
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> names() {
    return net.jqwik.api.Arbitraries.strings().withChars("aZ09._-").ofMinLength(1).ofMaxLength(12)
        .filter(PyPiName::isValid);
  }
}
