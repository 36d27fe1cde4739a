package dev.envx.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.diag.EnvxException;
import dev.envx.diag.ParseError;
import dev.envx.format.envyml.EnvYmlReader;
import dev.envx.format.pyproject.PyProjectReader;
import dev.envx.index.RepodataParser;
import dev.envx.io.TextFiles;
import dev.envx.model.conda.MatchSpec;
import dev.envx.model.pep508.Marker;
import dev.envx.model.pep508.Requirement;
import dev.envx.testing.CliRun;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of every reader (issue 9, item 6): random and mutated real inputs (the project's testdata)
 * give a result or an {@link EnvxException} / {@link ParseError}, never another exception, a stack overflow, a
 * stack trace, a write outside the output path or a changed input. Deterministic (fixed seeds), a few seconds.
 */
class ReadersFuzzTest {
  private static final Path ROOT = SharedData.projectRoot();
  /** Pieces that stress the grammars: nesting, quotes, anchors, markers, odd bytes. */
  private static final String[] PIECES = {"[", "]", "{", "}", "\"", "'", "\"\"\"", "&a ", "*a", "- ", ": ", "\n",
      "  ", "\t", "#", "=", ">=", "<", "!", "~=", ";", " and ", " or ", "(", ")", "python_version", "extra",
      "\\", "\u0000", "\uFFFD", "é", "@", "::", "[[", "]]", ".", ",", "*", "|", ">", "%", "${X}", "\r\n"};

  private static List<String> seeds(String glob) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(ROOT.resolve("testdata"))) {
      for (Path p : s.filter(f -> f.getFileName().toString().matches(glob) && Files.isRegularFile(f)).sorted()
          .toList()) {
        try {
          out.add(Files.readString(p, StandardCharsets.UTF_8));
        } catch (java.nio.charset.CharacterCodingException notText) {
          // a seed that is deliberately not UTF-8 (testdata/cli/inputs/latin1.yml)
        }
      }
    }
    assertThat(out).isNotEmpty();
    return out;
  }

  /** One random edit of {@code s}: insert pieces, delete or duplicate a range, repeat a piece, truncate. */
  static String mutate(String s, Random r) {
    StringBuilder sb = new StringBuilder(s);
    int edits = 1 + r.nextInt(4);
    for (int e = 0; e < edits; e++) {
      int at = sb.length() == 0 ? 0 : r.nextInt(sb.length() + 1);
      switch (r.nextInt(6)) {
        case 0 -> sb.insert(at, PIECES[r.nextInt(PIECES.length)]);
        case 1 -> sb.delete(at, Math.min(sb.length(), at + 1 + r.nextInt(20)));
        case 2 -> {
          int end = Math.min(sb.length(), at + r.nextInt(80));
          sb.insert(at, sb.substring(at, end));
        }
        case 3 -> sb.insert(at, PIECES[r.nextInt(PIECES.length)].repeat(1 + r.nextInt(300)));
        case 4 -> sb.setLength(at);
        default -> sb.insert(at, (char) r.nextInt(0x3000));
      }
    }
    return sb.toString();
  }

  /** Runs {@code reader} over mutated seeds: only envx's own errors may come out. */
  private static void fuzz(List<String> seeds, long seed, int runs, Consumer<String> reader) {
    Random r = new Random(seed);
    for (int i = 0; i < runs; i++) {
      String input = mutate(seeds.get(r.nextInt(seeds.size())), r);
      try {
        reader.accept(input);
      } catch (EnvxException | ParseError expected) {
        assertThat(expected.getMessage()).as("message of %s", input).isNotBlank();
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("run " + i + " (seed " + seed + "): " + e + " for input:\n" + input, e);
      }
    }
  }

  @Test
  void environmentYml() throws IOException {
    fuzz(seeds(".*\\.ya?ml"), 1, 400, t -> EnvYmlReader.parse(t, "environment.yml"));
  }

  @Test
  void pyprojectToml() throws IOException {
    fuzz(seeds(".*\\.toml(\\.expected)?"), 2, 400, t -> PyProjectReader.parse(t, "pyproject.toml"));
  }

  @Test
  void repodataJson() throws IOException {
    List<String> seeds = seeds("repodata\\.json|edge-cases\\.json");
    fuzz(seeds, 3, 400, t -> new RepodataParser().parse(t.getBytes(StandardCharsets.UTF_8), null, "linux-64", "r.json"));
    Random r = new Random(4); // and raw bytes
    for (int i = 0; i < 100; i++) {
      byte[] b = new byte[r.nextInt(200)];
      r.nextBytes(b);
      try {
        new RepodataParser().parse(b, null, "linux-64", "r.json");
      } catch (EnvxException expected) {
        assertThat(expected.getMessage()).doesNotContain("\u001b");
      }
    }
  }

  @Test
  void specsRequirementsAndMarkers() {
    List<String> specs = List.of("numpy >=1.20,<2 py39*", "conda-forge::python=3.12[build=*_cpython]",
        "pytorch[version='>=2', channel=pytorch]", "requests[security]>=2.8.1,==2.8.*; python_version < \"2.7\"",
        "name @ file:///x.whl ; extra == 'a' and (os_name == 'nt' or platform_machine != 'x86')",
        "python_version >= '3.8' and (sys_platform == 'linux' or implementation_name == 'cpython')");
    fuzz(specs, 5, 600, MatchSpec::parse);
    fuzz(specs, 6, 600, Requirement::parse);
    fuzz(specs, 7, 600, Marker::parse);
  }

  @Test
  void utf8Decoding() {
    Random r = new Random(8);
    for (int i = 0; i < 200; i++) {
      byte[] b = new byte[r.nextInt(100)];
      r.nextBytes(b);
      try {
        TextFiles.decode(b, "f");
      } catch (EnvxException expected) {
        assertThat(expected.first().span()).isNotNull();
      }
    }
  }

  /** The CLI's readers end to end: exit 0/1/2, no stack trace, the input unchanged, nothing but the output written. */
  @Test
  void cliConvertAndExport(@TempDir Path dir) throws IOException {
    List<String> yml = seeds("environment\\.yml");
    List<String> toml = seeds("pyproject\\.toml(\\.expected)?");
    Random r = new Random(9);
    Map<String, String> env = Map.of("ENVX_CACHE_DIR", dir.resolve(".cache").toString(),
        "ENVX_CONFIG_DIR", dir.resolve(".config").toString(), "NO_COLOR", "1");
    for (int i = 0; i < 40; i++) {
      Path work = Files.createDirectory(dir.resolve("run" + i));
      boolean fromYml = i % 2 == 0;
      String text = mutate((fromYml ? yml : toml).get(r.nextInt((fromYml ? yml : toml).size())), r);
      Path in = work.resolve(fromYml ? "environment.yml" : "pyproject.toml");
      Files.writeString(in, text);
      Path out = work.resolve(fromYml ? "out.toml" : "out.yml");
      String[] args = i % 4 == 3 ? new String[] {"export", "--conda", "-p", in.toString(), "-o", out.toString()}
          : new String[] {"convert", in.toString(), "-o", out.toString()};
      CliRun run = CliRun.runWithInput("", env, args);
      String what = String.join(" ", args) + " on\n" + text + "\n" + run.err();
      assertThat(run.exitCode()).as(what).isIn(0, 1, 2);
      assertThat(run.err()).as(what).doesNotContain("internal error").doesNotContain("\tat ")
          .doesNotContain("Exception");
      assertThat(Files.readString(in)).as(what).isEqualTo(text);
      try (Stream<Path> s = Files.list(work)) {
        List<Path> written = s.filter(p -> !p.equals(in)).toList();
        assertThat(written).as(what).isSubsetOf(List.of(out));
        assertThat(written.isEmpty()).as(what).isEqualTo(run.exitCode() != 0);
      }
    }
  }
}
