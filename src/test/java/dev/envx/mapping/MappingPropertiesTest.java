package dev.envx.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.model.pep508.PyPiName;
import dev.envx.settings.Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class MappingPropertiesTest {
  static final NameMapping EMBEDDED = NameMapping.of(List.of(EmbeddedMapping.load()));

  @Provide
  Arbitrary<String> spellings() {
    List<String> known = List.copyOf(EmbeddedMapping.load().pypiToConda().keySet());
    Arbitrary<String> base = Arbitraries.oneOf(Arbitraries.of(known),
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12));
    return base.flatMap(name -> Arbitraries.integers().between(0, 1 << 10).map(seed -> respell(name, seed)));
  }

  /** Another spelling of the same PEP 503 name: case changes and `-`/`_`/`.` swapped. */
  static String respell(String name, int seed) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      int bit = (seed >> (i % 10)) & 1;
      if (c == '-') {
        s.append(bit == 0 ? '_' : '.');
      } else {
        s.append(bit == 0 ? Character.toUpperCase(c) : c);
      }
    }
    return s.toString();
  }

  @Property(tries = 300)
  void answerDoesNotDependOnSpelling(@ForAll("spellings") String spelling) {
    String normalized = PyPiName.normalize(spelling);
    MappingAnswer a = EMBEDDED.toConda(PyPiName.of(spelling));
    MappingAnswer b = EMBEDDED.toConda(PyPiName.of(normalized));
    assertThat(a.preferred()).isEqualTo(b.preferred());
    assertThat(a.allNames()).isEqualTo(b.allNames());
    assertThat(a.query()).isEqualTo(spelling);
  }

  @Property(tries = 200)
  void everyAnswerNamesItsSource(@ForAll("spellings") String spelling) {
    MappingAnswer a = EMBEDDED.toConda(PyPiName.of(spelling));
    assertThat(a.reason()).isNotBlank();
    assertThat(a.preferred().isPresent() || !a.reason().isEmpty()).isTrue();
    assertThat(a.alternatives()).extracting(Alternative::name).doesNotContainNull()
        .doesNotContain(a.preferred().orElse("\0"));
  }

  @Test
  void embeddedReverseRoundTrips() {
    // every conda name the embedded table maps to maps back to a PyPI name that lists it (or is conda-only)
    MappingLayer e = EmbeddedMapping.load();
    e.pypiToConda().forEach((pypi, targets) -> targets.forEach(t -> {
      MappingAnswer back = EMBEDDED.toPypi(t.name());
      if (!back.noCounterpart()) {
        String p = back.preferred().orElseThrow();
        assertThat(EMBEDDED.toConda(PyPiName.of(p)).allNames()).as("%s -> %s -> %s", pypi, t.name(), p)
            .contains(t.name());
      }
    }));
  }

  @Test
  void settingsFollowPlatformConventions() {
    var linux = MappingSettings.of(Settings.fromEnvironment(Map.of("HOME", "/h"), "Linux", Path.of("/u"), 2, false));
    assertThat(linux.cacheDir()).isEqualTo(Path.of("/h/.cache/envx"));
    assertThat(linux.userFile()).isEqualTo(Path.of("/h/.config/envx/mapping.toml"));
    assertThat(linux.offline()).isFalse();
    var xdg = MappingSettings.of(Settings.fromEnvironment(Map.of("HOME", "/h", "XDG_CACHE_HOME", "/c", "XDG_CONFIG_HOME", "/k", "ENVX_OFFLINE", "1"), "Linux", Path.of("/u"), 2, false));
    assertThat(xdg.mappingCache()).isEqualTo(Path.of("/c/envx/mapping"));
    assertThat(xdg.userFile()).isEqualTo(Path.of("/k/envx/mapping.toml"));
    assertThat(xdg.offline()).isTrue();
    var mac = MappingSettings.of(Settings.fromEnvironment(Map.of("HOME", "/Users/u"), "Mac OS X", Path.of("/u"), 2, false));
    assertThat(mac.cacheDir()).isEqualTo(Path.of("/Users/u/Library/Caches/envx"));
    var explicit = MappingSettings.of(Settings.fromEnvironment(Map.of("HOME", "/h", "ENVX_CACHE_DIR", "/x"), "Linux", Path.of("/u"), 2, true));
    assertThat(explicit.cacheDir()).isEqualTo(Path.of("/x"));
    assertThat(explicit.offline()).isTrue();
    assertThat(explicit.sources()).isEqualTo(UpstreamSource.DEFAULTS);
  }
}
