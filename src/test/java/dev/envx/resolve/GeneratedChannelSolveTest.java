package dev.envx.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envx.index.RepodataClient;
import dev.envx.index.RepodataIndex;
import dev.envx.index.RepodataSettings;
import dev.envx.model.conda.Channel;
import dev.envx.model.conda.Platform;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark generator {@code scripts/gen-repodata} makes a solvable universe: a 2k-record channel
 * (linux-64 + noarch) is generated, most sampled python packages solve alone, and the requests
 * {@link GeneratedRequests} picks (largest packages together, with {@code python=3.11} / {@code python=3.9})
 * solve; every solution is checked by {@link dev.envx.solve.SolutionChecker} and {@link IndependentChecker}.
 * Skips when {@code python3} is not available.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedChannelSolveTest {
  private Path dir;
  private RepodataIndex index;

  static void generate(Path channel, int n, int seed) throws IOException, InterruptedException {
    Files.createDirectories(channel.resolve("linux-64"));
    Files.createDirectories(channel.resolve("noarch"));
    Process p;
    try {
      p = new ProcessBuilder("python3", SharedData.projectRoot().resolve("scripts/gen-repodata").toString(),
          Integer.toString(n), channel.resolve("linux-64/repodata.json").toString(), "--seed",
          Integer.toString(seed), "--noarch-out", channel.resolve("noarch/repodata.json").toString())
          .redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeTrue(false, "python3 is not available: " + e.getMessage());
      return;
    }
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  @BeforeAll
  void load(@TempDir Path tmp) throws Exception {
    dir = tmp;
    generate(dir.resolve("gen"), 2000, 7);
    index = new RepodataClient(RepodataSettings.of(dir.resolve("cache")).withOffline(true))
        .loadIndex(List.of(Channel.parse(dir.resolve("gen").toAbsolutePath().toString())), Platform.LINUX_64);
  }

  @Test
  void hasTheRequestedRecordCountAndPythonBuilds() throws IOException {
    int records = 0;
    for (String sub : List.of("linux-64", "noarch")) {
      JsonNode doc = new ObjectMapper().readTree(dir.resolve("gen").resolve(sub).resolve("repodata.json").toFile());
      assertThat(doc.path("info").path("subdir").asText()).isEqualTo(sub);
      records += doc.path("packages").size() + doc.path("packages.conda").size();
    }
    assertThat(records).isEqualTo(2000);
    // a .tar.bz2 beside its .conda twin is one record of the index
    assertThat(index.size()).isBetween(1800, 2000);
    assertThat(index.records("python_abi")).extracting(r -> r.build()).contains("4_cp311", "4_cp39");
    assertThat(index.names()).filteredOn(n -> GeneratedRequests.isPythonPackage(index, n)).hasSizeGreaterThan(20);
    assertThat(index.names().stream().flatMap(n -> index.records(n).stream())
        .filter(r -> r.build().startsWith("py311")).toList())
        .allSatisfy(r -> assertThat(r.depends()).contains("python >=3.11,<3.12.0a0", "python_abi 3.11.* *_cp311"));
  }

  @Test
  void mostPythonPackagesSolveAloneAndTheChosenRequestsSolve() {
    GeneratedRequests.Choice c = GeneratedRequests.choose(index, Platform.LINUX_64, 60);
    assertThat(c.probes()).hasSizeGreaterThan(20);
    assertThat(c.solvable()).as("solvable of %s", c.probes()).isGreaterThanOrEqualTo(c.probes().size() * 8L / 10);
    assertThat(c.requests()).hasSizeGreaterThanOrEqualTo(4);
    for (List<String> specs : c.requests()) {
      Resolution.Solved s = Solving.solved(index, GeneratedRequests.request(Platform.LINUX_64, specs));
      assertThat(s.packages().size()).isGreaterThan(specs.size());
      if (specs.get(0).equals("python=3.11")) {
        assertThat(s.get("python").orElseThrow().versionText()).startsWith("3.11.");
      }
    }
    // the three largest together need at least as many packages as the largest alone
    assertThat(c.requests().get(1)).hasSize(3);
  }

  @Test
  void isDeterministic() throws Exception {
    generate(dir.resolve("again"), 2000, 7);
    assertThat(Files.mismatch(dir.resolve("again/linux-64/repodata.json"), dir.resolve("gen/linux-64/repodata.json")))
        .isEqualTo(-1L);
    assertThat(Files.mismatch(dir.resolve("again/noarch/repodata.json"), dir.resolve("gen/noarch/repodata.json")))
        .isEqualTo(-1L);
  }
}
