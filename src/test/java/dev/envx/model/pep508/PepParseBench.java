package dev.envx.model.pep508;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envx.model.pep440.Pep440Version;
import dev.envx.model.pep440.SpecifierSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Parsing throughput over the conformance vectors (run by {@code scripts/bench/pep-parse.sh}; tests never
 * time anything). Prints, per input kind, the number of inputs and the mean time per parse after warm-up.
 */
public final class PepParseBench {
  private PepParseBench() {}

  public static void main(String[] args) throws Exception {
    Path vectors = Path.of(args.length > 0 ? args[0] : "../shared/data/vectors");
    ObjectMapper json = new ObjectMapper();
    List<String> versions = new ArrayList<>();
    for (JsonNode c : json.readTree(vectors.resolve("pep440_version_order.json").toFile()).get("cases")) {
      versions.add(c.get("left").asText());
    }
    List<String> specs = new ArrayList<>();
    for (JsonNode c : json.readTree(vectors.resolve("pep440_specifiers.json").toFile()).get("cases")) {
      String kind = c.get("kind").asText();
      if (c.has("specifier") && !kind.equals("specifier_valid")) {
        specs.add(c.get("specifier").asText());
      }
    }
    List<String> reqs = new ArrayList<>();
    List<String> markers = new ArrayList<>();
    for (JsonNode c : json.readTree(vectors.resolve("pep508_requirements.json").toFile()).get("cases")) {
      if (c.get("kind").asText().equals("parse")) {
        reqs.add(c.get("input").asText());
      }
    }
    for (JsonNode c : json.readTree(vectors.resolve("pep508_markers.json").toFile()).get("cases")) {
      if (c.get("kind").asText().equals("valid") && c.get("expected").asBoolean()) {
        markers.add(c.get("input").asText());
      }
    }
    time("Pep440Version.parse", versions, Pep440Version::parse);
    time("SpecifierSet.parse", specs, SpecifierSet::parse);
    time("Requirement.parse", reqs, Requirement::parse);
    time("Marker.parse", markers, Marker::parse);
    List<Pep440Version> parsed = versions.stream().map(Pep440Version::parse).toList();
    time("Pep440Version sort of all inputs", List.of("x"), x -> new ArrayList<>(parsed).sort(null));
  }

  private static void time(String what, List<String> inputs, Consumer<String> parse) {
    for (int warm = 0; warm < 5; warm++) {
      inputs.forEach(parse);
    }
    int rounds = 10;
    long start = System.nanoTime();
    for (int r = 0; r < rounds; r++) {
      inputs.forEach(parse);
    }
    double perItemUs = (System.nanoTime() - start) / 1000.0 / rounds / inputs.size();
    System.out.printf("%-36s %7d inputs  %8.2f us each%n", what, inputs.size(), perItemUs);
  }
}
