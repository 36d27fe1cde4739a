package dev.envx.arch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the package table of DESIGN.md true: dependencies point down only, nothing imports {@code cli}.
 * Scans the import lines of every main source file.
 */
class LayeringTest {
  /** package (relative to dev.envx, first one or two segments) -> packages it may import. */
  private static final Map<String, List<String>> ALLOWED = Map.ofEntries(
      Map.entry("diag", List.of()),
      Map.entry("io", List.of("diag")),
      Map.entry("model.pep440", List.of("diag")),
      Map.entry("model.pep508", List.of("model.pep440", "diag")),
      Map.entry("model.conda", List.of("diag")),
      Map.entry("model.wheel", List.of("model.conda", "model.pep440", "model.pep508", "diag")),
      Map.entry("mapping", List.of("model", "io", "diag")),
      Map.entry("format", List.of("format", "model", "io", "diag")),
      Map.entry("translate", List.of("format", "mapping", "model", "diag")),
      Map.entry("solve", List.of("diag")),
      Map.entry("index", List.of("model", "io", "diag")),
      Map.entry("index.pypi", List.of("model", "io", "diag")),
      Map.entry("resolve", List.of("solve", "index", "mapping", "model", "format.lock", "io", "diag")),
      Map.entry("install", List.of("format.lock", "model", "index", "io", "diag")),
      Map.entry("cli", List.of("")));

  private static final Pattern IMPORT =
      Pattern.compile("^import\\s+(?:static\\s+)?dev\\.envx\\.([a-z0-9_.]+)\\.[A-Z*][\\w.*]*;", Pattern.MULTILINE);

  @Test
  void dependenciesPointDownOnly() throws IOException {
    Path src = SharedData.projectRoot().resolve("src/main/java/dev/envx");
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(src)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String pkg = src.relativize(f.getParent()).toString().replace('/', '.');
        String rule = ruleFor(pkg);
        assertThat(rule).as("package %s of %s has no rule in LayeringTest", pkg, f).isNotNull();
        Matcher m = IMPORT.matcher(Files.readString(f));
        while (m.find()) {
          String target = m.group(1);
          if (target.equals(pkg) || target.startsWith(pkg + ".") || allowed(rule, target)) {
            continue;
          }
          violations.add(src.relativize(f) + " imports dev.envx." + target);
        }
      }
    }
    assertThat(violations).as("imports that break the layering of DESIGN.md").isEmpty();
  }

  private static String ruleFor(String pkg) {
    String best = null;
    for (String k : ALLOWED.keySet()) {
      if ((pkg.equals(k) || pkg.startsWith(k + ".")) && (best == null || k.length() > best.length())) {
        best = k;
      }
    }
    return best;
  }

  private static boolean allowed(String rule, String target) {
    if (target.startsWith("cli")) {
      return false;
    }
    for (String a : ALLOWED.get(rule)) {
      if (a.isEmpty() || target.equals(a) || target.startsWith(a + ".")) {
        return true;
      }
    }
    return false;
  }
}
