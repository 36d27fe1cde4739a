package dev.envx.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.diag.EnvxException;
import dev.envx.format.envyml.EnvYmlReader;
import dev.envx.format.envyml.EnvironmentYml;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every real environment file of {@code ../shared/data/corpus/environment}: environment.yml → pyproject.toml →
 * environment.yml must be semantically equal to the input, and converting the output again must change
 * nothing. Files that are invalid on purpose (conda's own invalid-keys fixture, a symlink stored as its
 * target path) must be rejected with a diagnostic. Prints the pass rate and every failure's reason.
 */
class CorpusRoundTripTest {
  static NameMapper mapper;
  /** The mapping the CLI uses when no `envx mapping update` has run: embedded table and naming rules. */
  static final NameMapper EMBEDDED = new MappingNames(dev.envx.mapping.NameMapping.embedded());

  /** Inputs that are not valid environment files, and why. */
  static final Map<String, String> INVALID = Map.of(
      "conda__conda__tests_env_support_invalid_keys.yml", "misspelled keys on purpose (conda's own fixture)",
      "AMIGA-IAA__hcg-16__binder_environment.yml", "a git symlink stored as its target path `conda/env.yml`");

  @BeforeAll
  static void mapping() {
    mapper = TableMapper.parselmouth(SharedData.require("mapping").resolve("parselmouth/compressed_mapping.json"));
  }

  @Test
  void environmentFilesRoundTripWithParselmouthTable() throws IOException {
    check(mapper, "parselmouth table");
  }

  @Test
  void environmentFilesRoundTripWithEmbeddedMapping() throws IOException {
    check(EMBEDDED, "embedded mapping");
  }

  void check(NameMapper mapper, String label) throws IOException {
    List<Path> files = corpusFiles("corpus/environment", ".*\\.ya?ml");
    Map<String, String> failures = new TreeMap<>();
    int pass = 0;
    List<String> rejected = new ArrayList<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      String text = Files.readString(f, StandardCharsets.UTF_8);
      String reason;
      try {
        reason = roundTrip(text, name, mapper);
      } catch (EnvxException e) {
        if (INVALID.containsKey(name)) {
          rejected.add(name);
          continue;
        }
        reason = "rejected: " + e.first().oneLine();
      } catch (RuntimeException e) {
        reason = "crash: " + e;
      }
      if (INVALID.containsKey(name) && reason == null) {
        reason = "accepted although invalid: " + INVALID.get(name);
      }
      if (reason == null) {
        pass++;
      } else {
        failures.put(name, reason);
      }
    }
    int valid = files.size() - rejected.size();
    System.out.printf("corpus environment round trip (%s): %d/%d valid files pass (%.1f%%), %s%n", label, pass,
        valid, 100.0 * pass / valid, invalidSummary(files, rejected));
    failures.forEach((k, v) -> System.out.println("  FAIL " + k + ": " + v));
    assertThat(files).hasSizeGreaterThan(10);
    assertThat(failures).isEmpty();
  }

  /**
   * How many known-invalid files were rejected, naming them, and the known-invalid files this corpus does not
   * hold (the held-out part of the corpus has some): the count and the names always agree.
   */
  static String invalidSummary(List<Path> files, List<String> rejected) {
    List<String> present = files.stream().map(f -> f.getFileName().toString()).toList();
    List<String> absent = new TreeMap<>(INVALID).keySet().stream().filter(n -> !present.contains(n)).toList();
    return rejected.size() + " invalid files rejected " + rejected
        + (absent.isEmpty() ? "" : ", " + absent.size() + " known-invalid files not in this corpus " + absent);
  }

  @Test
  void invalidSummaryCountsWhatItNames() {
    String fixture = "conda__conda__tests_env_support_invalid_keys.yml";
    assertThat(invalidSummary(List.of(Path.of("a.yml"), Path.of(fixture)), List.of(fixture))).isEqualTo(
        "1 invalid files rejected [" + fixture + "], 1 known-invalid files not in this corpus "
            + "[AMIGA-IAA__hcg-16__binder_environment.yml]");
    assertThat(invalidSummary(List.of(Path.of(fixture), Path.of("AMIGA-IAA__hcg-16__binder_environment.yml")),
        List.of(fixture, "AMIGA-IAA__hcg-16__binder_environment.yml"))).startsWith("2 invalid files rejected [")
        .doesNotContain("not in this corpus");
  }

  /** Files whose round trip is not byte-identical, and why (the comments and the meaning still come back). */
  static final Map<String, String> NOT_BYTE_IDENTICAL = Map.of();

  /**
   * Issue 10.3: environment.yml → pyproject.toml → environment.yml gives the file back, byte for byte, with
   * every comment, blank line, the entry order and the layout; prints how many files do (byte-identical,
   * same comments, same meaning) and every exception with its reason.
   */
  @Test
  void losslessRoundTripWithShippedMapping() throws IOException {
    NameMapper shipped = new MappingNames(dev.envx.mapping.NameMapping.embedded());
    int valid = 0;
    int bytes = 0;
    int comments = 0;
    int meaning = 0;
    Map<String, String> notIdentical = new TreeMap<>();
    for (Path f : corpusFiles("corpus/environment", ".*\\.ya?ml")) {
      String name = f.getFileName().toString();
      if (INVALID.containsKey(name)) {
        continue;
      }
      String text = Files.readString(f, StandardCharsets.UTF_8);
      valid++;
      Convert.Output py = Convert.environmentToPyproject(text, name, shipped, null);
      String back = Convert.pyprojectToEnvironment(py.text(), "pyproject.toml", shipped,
          PyprojectToEnv.Options.DEFAULT).text();
      if (back.equals(text)) {
        bytes++;
      } else {
        notIdentical.put(name, NOT_BYTE_IDENTICAL.getOrDefault(name, "unexpected difference:\n" + back));
      }
      if (commentsOf(back).equals(commentsOf(text))) {
        comments++;
      }
      if (EnvSemantics.diff(EnvYmlReader.parse(text, name), EnvYmlReader.parse(back, "back.yml")).isEmpty()) {
        meaning++;
      }
    }
    System.out.printf("corpus lossless round trip (shipped mapping): %d valid files: %d byte-identical, %d with "
        + "the same comments, %d semantically equal%n", valid, bytes, comments, meaning);
    notIdentical.forEach((k, v) -> System.out.println("  not byte-identical: " + k + ": " + v));
    assertThat(notIdentical).isEqualTo(new TreeMap<>(NOT_BYTE_IDENTICAL));
    assertThat(comments).isEqualTo(valid);
    assertThat(meaning).isEqualTo(valid);
  }

  /** Every comment of a YAML text (also those after values), sorted. */
  static List<String> commentsOf(String yaml) {
    List<String> out = new ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)(^|\\s)(#.*)$").matcher(yaml);
    while (m.find()) {
      out.add(m.group(2).strip());
    }
    out.sort(null);
    return out;
  }

  /** Null when the round trip is exact, else the reason. */
  static String roundTrip(String text, String name, NameMapper mapper) {
    EnvironmentYml in = EnvYmlReader.parse(text, name);
    Convert.Output py1 = Convert.environmentToPyproject(text, name, mapper, null);
    Convert.Output env2 = Convert.pyprojectToEnvironment(py1.text(), "pyproject.toml", mapper,
        PyprojectToEnv.Options.DEFAULT);
    EnvironmentYml back = EnvYmlReader.parse(env2.text(), "environment.yml");
    List<String> diff = EnvSemantics.diff(in, back);
    if (!diff.isEmpty()) {
      return String.join("; ", diff);
    }
    Convert.Output py2 = Convert.environmentToPyproject(env2.text(), "environment.yml", mapper, null);
    if (!py2.text().equals(py1.text())) {
      return "not idempotent: pyproject differs after a second conversion:\n" + py1.text() + "\n---\n" + py2.text();
    }
    Convert.Output env3 = Convert.pyprojectToEnvironment(py2.text(), "pyproject.toml", mapper,
        PyprojectToEnv.Options.DEFAULT);
    if (!env3.text().equals(env2.text())) {
      return "not idempotent: environment.yml differs after a second conversion";
    }
    return null;
  }

  /** The files of a shared corpus folder whose names match, sorted (a skipped test without shared data). */
  static List<Path> corpusFiles(String folder, String regex) throws IOException {
    try (Stream<Path> s = Files.list(SharedData.require(folder))) {
      return s.filter(p -> p.getFileName().toString().matches(regex)).sorted().toList();
    }
  }

  static List<String> lines(String s) {
    return new ArrayList<>(List.of(s.split("\n")));
  }
}
