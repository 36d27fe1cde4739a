package dev.envx.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envx.model.conda.Channel;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every repodata file in {@code ../shared/data/channels}, parsed by the streaming parser, compared record by
 * record with an independent reading through Jackson's tree model.
 */
class RepodataConformanceTest {
  private static final ObjectMapper TREE = new ObjectMapper();

  static Stream<Path> files() throws IOException {
    Path root = SharedData.require("channels");
    try (Stream<Path> s = Files.walk(root)) {
      List<Path> out = s.filter(p -> {
        String n = p.getFileName().toString();
        return n.endsWith(".json") && (n.startsWith("repodata") || n.startsWith("current_repodata")
            || n.matches("index\\d*\\.json"));
      }).sorted().toList();
      return out.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void matchesTreeReading(Path file) throws IOException {
    String hint = file.getParent().getFileName().toString();
    Channel channel = Channel.parse("https://example.com/chan");
    SubdirRepodata parsed = new RepodataParser().parse(file, channel, hint);
    Map<String, JsonNode> expected = expectedRecords(TREE.readTree(file.toFile()));
    Map<String, PackageRecord> actual = new LinkedHashMap<>();
    for (PackageRecord r : parsed.all()) {
      actual.put(r.fileName(), r);
    }
    assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    JsonNode root = TREE.readTree(file.toFile());
    String infoSubdir = root.path("info").path("subdir").asText(null);
    for (Map.Entry<String, JsonNode> e : expected.entrySet()) {
      PackageRecord r = actual.get(e.getKey());
      JsonNode j = e.getValue();
      String[] fromName = RepodataParser.splitFileName(e.getKey());
      assertThat(r.name()).isEqualTo(j.path("name").asText(fromName[0]));
      assertThat(r.version()).isEqualTo(j.path("version").asText(fromName[1]));
      assertThat(r.build()).isEqualTo(j.path("build").asText(fromName[2]));
      assertThat(r.buildNumber()).isEqualTo(j.path("build_number").asInt(0));
      assertThat(r.depends()).isEqualTo(strings(j.path("depends")));
      assertThat(r.constrains()).isEqualTo(strings(j.path("constrains")));
      assertThat(r.md5().orElse(null)).isEqualTo(j.hasNonNull("md5") ? j.get("md5").asText() : null);
      assertThat(r.sha256().orElse(null)).isEqualTo(j.hasNonNull("sha256") ? j.get("sha256").asText() : null);
      assertThat(r.size()).isEqualTo(j.hasNonNull("size") ? j.get("size").asLong() : -1);
      assertThat(r.timestampMillis().orElse(0L))
          .isEqualTo(RepodataParser.toMillis(j.path("timestamp").asLong(0)));
      assertThat(r.subdir()).isEqualTo(j.hasNonNull("subdir") ? j.get("subdir").asText()
          : infoSubdir != null ? infoSubdir : hint);
      assertThat(r.license().orElse(null)).isEqualTo(j.hasNonNull("license") ? j.get("license").asText() : null);
      assertThat(r.licenseFamily().orElse(null))
          .isEqualTo(j.hasNonNull("license_family") ? j.get("license_family").asText() : null);
      assertThat(r.url()).isPresent();
    }
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.forEach(x -> out.add(x.asText()));
    return out;
  }

  /** packages + packages.conda (+ the bare map form), minus .tar.bz2 twins of .conda records. */
  private static Map<String, JsonNode> expectedRecords(JsonNode root) {
    Map<String, JsonNode> all = new LinkedHashMap<>();
    for (String section : List.of("packages", "packages.conda")) {
      root.path(section).fields().forEachRemaining(e -> all.put(e.getKey(), e.getValue()));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if ((e.getKey().endsWith(".tar.bz2") || e.getKey().endsWith(".conda")) && e.getValue().isObject()
          && !e.getKey().equals("packages.conda")) {
        all.put(e.getKey(), e.getValue());
      }
    }
    Set<String> twins = new HashSet<>();
    for (String fn : all.keySet()) {
      if (fn.endsWith(".conda")) {
        twins.add(fn.substring(0, fn.length() - 6) + ".tar.bz2");
      }
    }
    all.keySet().removeIf(twins::contains);
    return all;
  }
}
