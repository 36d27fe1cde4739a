package dev.envx.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.diag.EnvxException;
import dev.envx.format.Located;
import dev.envx.format.envyml.EnvYmlReader;
import dev.envx.format.envyml.EnvironmentYml;
import dev.envx.format.pyproject.PyProject;
import dev.envx.format.pyproject.PyProjectReader;
import dev.envx.model.pep508.Requirement;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every real pyproject.toml of {@code ../shared/data/corpus/pyproject} reads without error, and its dependency
 * content survives pyproject → environment.yml → pyproject: the same requirement names and specifiers (extras
 * and markers may only change where a warning said so), the same {@code requires-python}, and the environment
 * produced from the result is semantically equal to the first one.
 */
class CorpusPyprojectTest {
  static NameMapper mapper;
  /** The mapping the CLI uses when no `envx mapping update` has run: embedded table and naming rules. */
  static final NameMapper EMBEDDED = new MappingNames(dev.envx.mapping.NameMapping.embedded());

  @BeforeAll
  static void mapping() {
    mapper = TableMapper.parselmouth(SharedData.require("mapping").resolve("parselmouth/compressed_mapping.json"));
  }

  @Test
  void pyprojectFilesRoundTripWithParselmouthTable() throws IOException {
    check(mapper, "parselmouth table");
  }

  @Test
  void pyprojectFilesRoundTripWithEmbeddedMapping() throws IOException {
    check(EMBEDDED, "embedded mapping");
  }

  void check(NameMapper mapper, String label) throws IOException {
    List<Path> files = CorpusRoundTripTest.corpusFiles("corpus/pyproject", ".*\\.toml");
    Map<String, String> failures = new TreeMap<>();
    int pass = 0;
    for (Path f : files) {
      String name = f.getFileName().toString();
      String reason;
      try {
        reason = roundTrip(Files.readString(f, StandardCharsets.UTF_8), name, mapper);
      } catch (EnvxException e) {
        // a file of tool settings only (no [project], no [tool.envx]) has no environment: an error, as it should
        reason = e.first().message().equals("no `[project]` table") ? null : "rejected: " + e.first().oneLine();
      } catch (RuntimeException e) {
        reason = "crash: " + e;
      }
      if (reason == null) {
        pass++;
      } else {
        failures.put(name, reason);
      }
    }
    System.out.printf("corpus pyproject round trip (%s): %d/%d pass (%.1f%%)%n", label, pass, files.size(),
        100.0 * pass / files.size());
    failures.forEach((k, v) -> System.out.println("  FAIL " + k + ": " + v));
    assertThat(files).hasSizeGreaterThan(10);
    assertThat(failures).isEmpty();
  }

  static String roundTrip(String text, String name, NameMapper mapper) {
    PyProject p = PyProjectReader.parse(text, name);
    Convert.Output e1 = Convert.pyprojectToEnvironment(text, name, mapper, PyprojectToEnv.Options.DEFAULT);
    Convert.Output p2 = Convert.environmentToPyproject(e1.text(), "environment.yml", mapper, null);
    Convert.Output e2 = Convert.pyprojectToEnvironment(p2.text(), "pyproject.toml", mapper,
        PyprojectToEnv.Options.DEFAULT);
    EnvironmentYml env1 = EnvYmlReader.parse(e1.text(), "1.yml");
    EnvironmentYml env2 = EnvYmlReader.parse(e2.text(), "2.yml");
    List<String> diff = new ArrayList<>(EnvSemantics.diff(env1, env2));
    PyProject back = PyProjectReader.parse(p2.text(), "back.toml");
    if (p.project() != null) {
      String rp1 = p.project().requiresPython() == null ? null
          : p.project().requiresPython().value().replace(" ", "");
      String rp2 = back.project().requiresPython() == null ? null : back.project().requiresPython().value();
      if (rp1 != null && !rp1.equals(rp2)) {
        diff.add("requires-python " + rp1 + " became " + rp2);
      }
      List<Located<String>> deps1 = p.project().dependencies();
      List<Located<String>> deps2 = back.project().dependencies();
      TreeSet<String> after = new TreeSet<>();
      TreeSet<String> afterRelaxed = new TreeSet<>();
      for (Located<String> d : deps2) {
        after.add(key(d.value(), false));
        afterRelaxed.add(key(d.value(), true));
      }
      for (Located<String> d : deps1) {
        boolean warned = e1.diagnostics().stream().anyMatch(w -> d.span().equals(w.span()));
        boolean decidedFalse = e1.diagnostics().stream()
            .anyMatch(w -> d.span().equals(w.span()) && w.message().contains("is false for"));
        if (decidedFalse) {
          continue; // its marker is false for every environment the manifest allows: not part of it, reported
        }
        if (!after.contains(key(d.value(), false))
            && !(warned && (afterRelaxed.contains(key(d.value(), true)) || d.value().strip().equals("pip")
                || names(deps2).contains(Requirement.parse(d.value()).name().normalized())))) {
          diff.add("dependency `" + d.value() + "` did not survive" + (warned ? " (warned)" : ""));
        }
      }
    }
    return diff.isEmpty() ? null : String.join("; ", diff);
  }

  static java.util.Set<String> names(List<Located<String>> deps) {
    java.util.Set<String> out = new java.util.HashSet<>();
    deps.forEach(d -> out.add(Requirement.parse(d.value()).name().normalized()));
    return out;
  }

  /** name, sorted specifiers, then (unless relaxed) extras and marker. */
  static String key(String requirement, boolean relaxed) {
    Requirement r = Requirement.parse(requirement);
    List<String> specs = new ArrayList<>(r.specifier().specifiers().stream().map(Object::toString).toList());
    specs.sort(null);
    String k = r.name().normalized() + String.join(",", specs) + (r.url() == null ? "" : " @ " + r.url());
    if (!relaxed) {
      k += r.extras() + (r.marker() == null ? "" : "; " + r.marker().toString().replace('\'', '"').replace(" ", ""));
    }
    return k;
  }
}
