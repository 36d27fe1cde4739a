package dev.envx.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.envx.model.pep508.PyPiName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * Measures a {@link NameMapping} against the mapping snapshot in {@code ../shared/data/mapping} (the truth)
 * and the package names of {@code ../shared/data/corpus}. Test code: the snapshot is never read by envx.
 *
 * <p>Truth for a PyPI name {@code p}: every conda package parselmouth says carries {@code p}, plus the
 * conda names grayskull's and cf-scripts' curated tables give for {@code p}. A PyPI-to-conda answer is
 * correct when its preferred name is in that set. Truth for a conda name {@code c}: parselmouth's value
 * ({@code null} = not a Python distribution). Names the snapshot does not know are not judged.
 */
final class MappingAccuracy {
  final Map<String, String> condaToPypi = new TreeMap<>(); // value "" = null
  final Map<String, Set<String>> pypiTruth = new TreeMap<>();
  /** The curated (grayskull, cf-scripts) answer for a PyPI name, the stricter truth where it exists. */
  final Map<String, Set<String>> curated = new TreeMap<>();

  MappingAccuracy(Path mappingDir) throws IOException {
    JsonNode pm = new ObjectMapper().readTree(mappingDir.resolve("parselmouth/compressed_mapping.json").toFile());
    for (Iterator<Map.Entry<String, JsonNode>> it = pm.fields(); it.hasNext(); ) {
      var e = it.next();
      String v = e.getValue().isNull() ? "" : PyPiName.normalize(e.getValue().asText());
      condaToPypi.put(e.getKey(), v);
      if (!v.isEmpty()) {
        pypiTruth.computeIfAbsent(v, k -> new TreeSet<>()).add(e.getKey());
      }
    }
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    JsonNode gs = yaml.readTree(mappingDir.resolve("grayskull/strategy_config.yaml").toFile());
    gs.fields().forEachRemaining(e -> {
      if (e.getValue().hasNonNull("conda_forge")) {
        String c = e.getValue().get("conda_forge").asText().toLowerCase(Locale.ROOT);
        pypiTruth.computeIfAbsent(PyPiName.normalize(e.getKey()), k -> new TreeSet<>()).add(c);
        curated.computeIfAbsent(PyPiName.normalize(e.getKey()), k -> new TreeSet<>()).add(c);
      }
    });
    for (JsonNode row : yaml.readTree(mappingDir.resolve("cf-scripts/pypi_name_mapping_static.yaml").toFile())) {
      String c = row.get("conda_name").asText().toLowerCase(Locale.ROOT);
      pypiTruth.computeIfAbsent(PyPiName.normalize(row.get("pypi_name").asText()), k -> new TreeSet<>()).add(c);
      curated.computeIfAbsent(PyPiName.normalize(row.get("pypi_name").asText()), k -> new TreeSet<>()).add(c);
    }
  }

  /** A share with its misses. */
  record Score(String what, int judged, int correct, List<String> misses, int unjudged) {
    double percent() {
      return judged == 0 ? 0 : 100.0 * correct / judged;
    }

    String line() {
      return String.format(Locale.ROOT, "%-58s %6d/%-6d = %6.2f%%%s", what, correct, judged, percent(),
          unjudged > 0 ? "  (" + unjudged + " not in the snapshot, not judged)" : "");
    }
  }

  boolean pypiCorrect(NameMapping m, String p) {
    return m.toConda(PyPiName.of(p)).preferred().map(pypiTruth.get(p)::contains).orElse(false);
  }

  boolean condaCorrect(NameMapping m, String c) {
    return m.toPypi(c).preferred().orElse("").equals(condaToPypi.get(c));
  }

  /** A PyPI name whose conda package(s) all have a different name. */
  boolean differs(String p) {
    return !pypiTruth.get(p).contains(p);
  }

  Score pypi(NameMapping m, String what, Iterable<String> names) {
    return score(what, names, raw -> pypiTruth.containsKey(PyPiName.normalize(raw)), raw -> {
      String p = PyPiName.normalize(raw);
      return pypiCorrect(m, p) ? null : "pypi " + p + " -> "
          + m.toConda(PyPiName.of(p)).preferred().orElse("(none)") + "; snapshot: " + pypiTruth.get(p);
    });
  }

  /** Strict: the preferred answer must be the curated tables' choice (names without one are not judged). */
  Score curatedChoice(NameMapping m, String what, Iterable<String> names) {
    return score(what, names, raw -> curated.containsKey(PyPiName.normalize(raw)), raw -> {
      String p = PyPiName.normalize(raw);
      String got = m.toConda(PyPiName.of(p)).preferred().orElse("(none)");
      return curated.get(p).contains(got) ? null : "pypi " + p + " -> " + got + "; curated: " + curated.get(p);
    });
  }

  Score conda(NameMapping m, String what, Iterable<String> names) {
    return score(what, names, condaToPypi::containsKey, c -> {
      String truth = condaToPypi.get(c);
      return condaCorrect(m, c) ? null : "conda " + c + " -> " + m.toPypi(c).preferred().orElse("(none)")
          + "; snapshot: " + (truth.isEmpty() ? "(none)" : truth);
    });
  }

  /** Judges every known name; {@code miss} returns null when the answer is right, else the miss line. */
  private static Score score(String what, Iterable<String> names, java.util.function.Predicate<String> known,
      java.util.function.Function<String, String> miss) {
    int judged = 0;
    int unjudged = 0;
    List<String> misses = new ArrayList<>();
    for (String n : names) {
      if (!known.test(n)) {
        unjudged++;
        continue;
      }
      judged++;
      String m = miss.apply(n);
      if (m != null) {
        misses.add(m);
      }
    }
    return new Score(what, judged, judged - misses.size(), misses, unjudged);
  }

  Score combine(String what, Score a, Score b) {
    List<String> misses = new ArrayList<>(a.misses());
    misses.addAll(b.misses());
    return new Score(what, a.judged() + b.judged(), a.correct() + b.correct(), misses, a.unjudged() + b.unjudged());
  }

  // ------------------------------------------------------------------------------ corpus names

  /** Package names in the corpus: conda names in {@code dependencies:}, PyPI names in pip sections and pyproject files. */
  record CorpusNames(Set<String> conda, Set<String> pypi) {}

  private static final Pattern CONDA_SPEC = Pattern.compile("^\\s*(?:[^\\s:]+::)?([A-Za-z0-9_][A-Za-z0-9_.+-]*)");
  private static final Pattern PIP_SPEC = Pattern.compile("^\\s*([A-Za-z0-9][A-Za-z0-9._-]*)");

  static CorpusNames corpus(Path corpusDir) throws IOException {
    Set<String> conda = new TreeSet<>();
    Set<String> pypi = new TreeSet<>();
    try (Stream<Path> files = Files.list(corpusDir.resolve("environment"))) {
      for (Path f : files.filter(p -> p.toString().matches(".*\\.ya?ml$")).sorted().toList()) {
        Object doc;
        try {
          doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(f));
        } catch (RuntimeException e) {
          continue; // not YAML (some test fixtures are deliberately broken)
        }
        if (!(doc instanceof Map<?, ?> top) || !(top.get("dependencies") instanceof List<?> deps)) {
          continue;
        }
        for (Object d : deps) {
          if (d instanceof String s) {
            Matcher m = CONDA_SPEC.matcher(s);
            if (m.find()) {
              conda.add(m.group(1).toLowerCase(Locale.ROOT));
            }
          } else if (d instanceof Map<?, ?> sub && sub.get("pip") instanceof List<?> pips) {
            for (Object p : pips) {
              if (p instanceof String s) {
                addPip(pypi, s);
              }
            }
          }
        }
      }
    }
    try (Stream<Path> files = Files.list(corpusDir.resolve("pyproject"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".toml")).sorted().toList()) {
        TomlParseResult t = Toml.parse(f);
        addAll(pypi, t.getArray("project.dependencies"));
        addAll(pypi, t.getArray("build-system.requires"));
        for (String table : List.of("project.optional-dependencies", "dependency-groups")) {
          TomlTable opt = t.getTable(table);
          if (opt != null) {
            for (String k : opt.keySet()) {
              addAll(pypi, opt.getArray(List.of(k)));
            }
          }
        }
      }
    }
    return new CorpusNames(conda, pypi);
  }

  private static void addAll(Set<String> pypi, TomlArray a) {
    if (a == null) {
      return;
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i) instanceof String s) {
        addPip(pypi, s);
      }
    }
  }

  private static void addPip(Set<String> pypi, String s) {
    String t = s.strip();
    if (t.startsWith("-") || t.contains("://") || t.startsWith(".") || t.startsWith("/") || t.startsWith("git+")) {
      return;
    }
    Matcher m = PIP_SPEC.matcher(t);
    if (m.find() && PyPiName.isValid(m.group(1))) {
      pypi.add(PyPiName.normalize(m.group(1)));
    }
  }
}
