package dev.envx.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The build's digest of {@code default.toml} stands in for parsing it, and only when it was made from it. */
class EmbeddedMappingTest {
  private static byte[] shippedToml() throws IOException {
    try (InputStream in = EmbeddedMapping.class.getResourceAsStream(EmbeddedMapping.RESOURCE)) {
      assertThat(in).as("default.toml on the classpath").isNotNull();
      return in.readAllBytes();
    }
  }

  @Test
  void theBuildWritesADigestThatReadsBackAsTheParsedTable() throws IOException {
    byte[] toml = shippedToml();
    MappingLayer parsed = EmbeddedMapping.parse(toml);
    MappingLayer digested = EmbeddedMapping.fromDigest(toml).orElseThrow(() -> new AssertionError(
        "no usable " + EmbeddedMapping.DIGEST + " on the classpath: the build's process-classes step "
            + "(exec-maven-plugin, pom.xml) did not run or wrote a digest of another default.toml"));
    assertSameLayer(digested, parsed);
    assertSameLayer(EmbeddedMapping.load(), parsed);
    assertThat(parsed.pypiToConda()).isNotEmpty();
    assertThat(parsed.condaOnlyPatterns()).isNotEmpty();
  }

  @Test
  void theDigestIsDeterministic() throws IOException {
    byte[] toml = shippedToml();
    assertThat(EmbeddedMapping.digest(toml)).isEqualTo(EmbeddedMapping.digest(toml));
  }

  @Test
  void aDigestOfOtherBytesIsNotUsed() throws IOException {
    byte[] edited = (new String(shippedToml(), StandardCharsets.UTF_8)
        + "\n# an edit after the build\n").getBytes(StandardCharsets.UTF_8);
    assertThat(EmbeddedMapping.fromDigest(edited)).isEmpty();
    // an edit that keeps the length: one byte changed
    byte[] same = shippedToml();
    int at = new String(same, StandardCharsets.ISO_8859_1).indexOf('=');
    same[at + 2] = (byte) (same[at + 2] ^ 1);
    assertThat(EmbeddedMapping.fromDigest(same)).isEmpty();
    // and the edited table is still read (by parsing it)
    assertSameLayer(EmbeddedMapping.parse(edited), EmbeddedMapping.parse(shippedToml()));
  }

  private static void assertSameLayer(MappingLayer a, MappingLayer b) {
    assertThat(a.provenance()).isEqualTo(b.provenance());
    assertThat(a.pypiToConda()).isEqualTo(b.pypiToConda());
    assertThat(a.condaToPypi()).isEqualTo(b.condaToPypi());
    assertThat(a.condaOnlyPatterns().stream().map(EmbeddedMappingTest::pattern).toList())
        .isEqualTo(b.condaOnlyPatterns().stream().map(EmbeddedMappingTest::pattern).toList());
    assertThat(a.patternExceptions()).isEqualTo(b.patternExceptions());
    assertThat(a.knownConda()).isEqualTo(b.knownConda());
  }

  private static String pattern(Pattern p) {
    return p.flags() + "/" + p.pattern();
  }
}
