package dev.envx.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.envx.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every real package in ../shared/data/packages extracts to the same tree as Debian's {@code cph} gives. */
class PackageExtractorTest {
  @TempDir Path tmp;

  static Stream<Path> packages() throws IOException {
    Path dir = SharedData.root().resolve("packages");
    if (!Files.isDirectory(dir)) {
      return Stream.of(Path.of("missing: ../shared/data/packages"));
    }
    List<Path> out;
    try (Stream<Path> s = Files.walk(dir)) {
      out = s.filter(p -> {
        String n = p.getFileName().toString();
        return (n.endsWith(".conda") || n.endsWith(".tar.bz2")) && !p.toString().contains("/rezipped/")
            && !n.startsWith("info-only-"); // cph refuses a .conda without a pkg- member (infoOnlyPackage below)
      }).sorted().toList();
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("packages")
  void sameFilesAsCph(Path pkg) throws Exception {
    assumeTrue(Files.exists(pkg), () -> "skipped: shared data not found (" + pkg + ")");
    assumeTrue(Trees.onPath("cph"), "skipped: `cph` not found (apt-get install conda-package-handling)");
    Path ours = tmp.resolve("envx");
    Path theirs = tmp.resolve("cph");
    PackageExtractor.extract(pkg, pkg.getFileName().toString(), ours);
    Trees.run(tmp, Map.of(), "cph", "x", pkg.toString(), "--dest", theirs.toString());
    Map<String, String> expected = Trees.describe(theirs);
    assertThat(expected).as("cph extracted something").isNotEmpty();
    assertThat(Trees.describe(ours)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void infoOnlyPackage() throws Exception {
    Path pkg = SharedData.require("packages/synthetic-edge-cases/rattler-sparse").resolve("info-only-1.0.0-0.conda");
    PackageExtractor.extract(pkg, pkg.getFileName().toString(), tmp.resolve("x"));
    assertThat(Trees.describe(tmp.resolve("x"))).containsKey("info/index.json")
        .allSatisfy((path, kind) -> assertThat(path).startsWith("info"));
  }

  @org.junit.jupiter.api.Test
  void rezippedPackageIsRefused() throws Exception {
    Path pkg = SharedData.require("packages/synthetic-edge-cases/rezipped")
        .resolve("ca-certificates-2024.7.4-hbcca054_0.conda");
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> PackageExtractor.extract(pkg, pkg.getFileName().toString(), tmp.resolve("x")))
        .hasMessageContaining("has no top-level `info-*.tar.zst`");
  }
}
