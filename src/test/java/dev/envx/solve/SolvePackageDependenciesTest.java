package dev.envx.solve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The solver core is ecosystem-free: it may use only the JDK and {@code dev.envx.diag}. */
class SolvePackageDependenciesTest {
  @Test
  void importsOnlyTheJdkAndDiag() throws IOException {
    Path dir = SharedData.projectRoot().resolve("src/main/java/dev/envx/solve");
    List<String> bad = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        for (String line : Files.readAllLines(f)) {
          String l = line.strip();
          boolean allowed = l.startsWith("import java.") || l.startsWith("import static java.")
              || l.startsWith("import dev.envx.diag.") || l.startsWith("import dev.envx.solve.");
          if (l.startsWith("import ") && !allowed) {
            bad.add(f.getFileName() + ": " + l);
          }
          if (l.matches(".*\\bdev\\.envx\\.(?!diag\\b|solve\\b)\\w+.*") && !l.startsWith("*") && !l.startsWith("//")) {
            bad.add(f.getFileName() + ": " + l);
          }
        }
      }
    }
    assertThat(bad).isEmpty();
  }
}
