package dev.envx.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envx.testing.CliRun;
import dev.envx.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every real file of {@code ../shared/data/corpus/legacy} and {@code .../environment}, migrated in one batch (each
 * file on its own: nothing is written but the report): at least 95% must give a pyproject.toml that reads back
 * with every dependency, and each failure must say why. Prints the summary and the failures.
 */
class CorpusMigrateTest {
  @TempDir Path tmp;

  @Test
  void theCorpusMigratesInBatch() throws Exception {
    List<String> items = new ArrayList<>();
    for (String folder : List.of("corpus/legacy", "corpus/environment")) {
      try (Stream<Path> s = Files.list(SharedData.require(folder))) {
        s.filter(p -> !p.getFileName().toString().equals("README.md")).sorted().forEach(p -> items.add(p.toString()));
      }
    }
    Path list = tmp.resolve("list.txt");
    Files.writeString(list, String.join("\n", items) + "\n");
    Path report = tmp.resolve("report.json");
    CliRun run = CliRun.runWithInput("", Map.of("ENVX_CACHE_DIR", tmp.resolve("c").toString(), "ENVX_CONFIG_DIR",
        tmp.resolve("d").toString()), "migrate", "--batch", list.toString(), "--report", report.toString(), "--jobs", "2");
    System.out.print("migrate corpus: " + run.out());
    JsonNode doc = new ObjectMapper().readTree(report.toFile());
    for (JsonNode i : doc.get("items")) {
      if (i.get("status").asText().equals("failed")) {
        System.out.println("  " + Path.of(i.get("item").asText()).getFileName() + ": " + i.get("cause").asText() + ": "
            + i.path("errors") + i.path("missing"));
        assertThat(i.path("errors").size() + i.path("missing").size()).as("a failure says why").isPositive();
      } else {
        assertThat(i.get("missing")).as("%s keeps every dependency", i.get("item")).isEmpty();
      }
    }
    assertThat(doc.get("items")).hasSize(items.size());
    assertThat(doc.get("summary").get("success-rate").asDouble()).isGreaterThanOrEqualTo(0.95);
  }
}
