package dev.envx.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.diag.EnvxException;
import dev.envx.translate.Convert;
import dev.envx.translate.PyprojectToEnv;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every real environment file of {@code ../shared/data/corpus/environment}, converted by envx into a pyproject.toml
 * declared its mirror ({@code mirror-of}) and exported back into an environment file declared the pyproject's
 * mirror ({@code mirror}): {@code envx check} must pass on both (no false alarm on a fresh conversion), and must
 * fail, naming the entry, once the source loses its first dependency.
 */
class CorpusCheckTest {
  @TempDir Path tmp;

  @Test
  void freshConversionsAgreeAndADroppedDependencyIsNamed() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(SharedData.require("corpus/environment"))) {
      files = s.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
    }
    Map<String, String> failures = new TreeMap<>();
    int checked = 0;
    int skipped = 0;
    for (Path f : files) {
      String name = f.getFileName().toString();
      String env = Files.readString(f, StandardCharsets.UTF_8);
      String py;
      try {
        py = Convert.environmentToPyproject(env, "environment.yml", CheckerTest.EMBEDDED, null).text();
      } catch (EnvxException e) {
        skipped++; // not convertible (the round-trip corpus test says why): nothing to check
        continue;
      }
      Path a = Files.createDirectory(tmp.resolve("a-" + checked));
      Files.writeString(a.resolve("environment.yml"), env);
      Files.writeString(a.resolve("pyproject.toml"), py.replace("format = 1\n", "format = 1\nmirror-of = \"environment.yml\"\n"));
      String reason = expectOk(a);
      Path b = Files.createDirectory(tmp.resolve("b-" + checked));
      String pyB = py.replace("format = 1\n", "format = 1\nmirror = \"environment.yml\"\n");
      Files.writeString(b.resolve("pyproject.toml"), pyB);
      Files.writeString(b.resolve("environment.yml"), Convert.pyprojectToEnvironment(pyB, "pyproject.toml",
          CheckerTest.EMBEDDED, PyprojectToEnv.Options.DEFAULT).text());
      reason = reason != null ? reason : expectOk(b);
      // drop the first conda dependency of the source environment file: the pyproject mirror must go stale
      String first = env.lines().filter(l -> l.matches("\\s+- [A-Za-z_].*") && !l.contains("pip:")).findFirst()
          .orElse(null);
      if (reason == null && first != null) {
        Files.writeString(a.resolve("environment.yml"), env.replaceFirst(java.util.regex.Pattern.quote(first + "\n"), ""));
        Checker.Report r = Checker.check(a, () -> CheckerTest.EMBEDDED);
        if (r.ok()) {
          reason = "dropping `" + first.strip() + "` went unnoticed";
        }
      }
      checked++;
      if (reason != null) {
        failures.put(name, reason);
      }
    }
    System.out.printf("check corpus: %d environment files, %d converted and checked both ways, %d false alarms,"
        + " %d not convertible%n", files.size(), checked, failures.size(), skipped);
    failures.forEach((n, r) -> System.out.println("  " + n + ": " + r));
    assertThat(checked).isGreaterThan(50);
    assertThat(failures).isEmpty();
  }

  private static String expectOk(Path dir) {
    try {
      Checker.Report r = Checker.check(dir, () -> CheckerTest.EMBEDDED);
      return r.ok() ? null : ReportText.render(r);
    } catch (EnvxException e) {
      return "rejected: " + e.first().oneLine();
    }
  }
}
