package dev.envx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envx.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingCommandTest {
  @TempDir Path tmp;

  Map<String, String> env() {
    return Map.of("HOME", tmp.toString(), "XDG_CACHE_HOME", tmp.resolve("cache").toString(),
        "XDG_CONFIG_HOME", tmp.resolve("config").toString(), "PWD", tmp.toString());
  }

  CliRun run(String... args) {
    return CliRun.runWithInput("", env(), args);
  }

  @Test
  void lookupTorchOfflineWithProvenance() throws Exception {
    CliRun r = run("mapping", "lookup", "torch", "--from", "pypi", "--offline");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("torch (pypi) -> pytorch (conda)\n")
        .contains("source: embedded default default.toml (mappings/default.toml)")
        .contains("alternatives:").contains("pytorch-cpu");

    CliRun j = run("mapping", "lookup", "torch", "--from", "pypi", "--json");
    JsonNode n = new ObjectMapper().readTree(j.out());
    assertThat(n.get("preferred").asText()).isEqualTo("pytorch");
    assertThat(n.get("source").get("layer").asText()).isEqualTo("embedded");
    assertThat(n.get("alternatives")).hasSize(2);
  }

  @Test
  void lookupCondaOnly() throws Exception {
    CliRun r = run("mapping", "lookup", "hdf5", "--from", "conda", "--json");
    JsonNode n = new ObjectMapper().readTree(r.out());
    assertThat(n.get("preferred").isNull()).isTrue();
    assertThat(n.get("no_counterpart").asBoolean()).isTrue();
    assertThat(run("mapping", "lookup", "python", "--from", "conda").out())
        .startsWith("python (conda) -> no pypi package");
  }

  @Test
  void updateFromFileThenLookupShowsUpstream() throws Exception {
    Path fixture = Path.of("testdata/mapping/grayskull-small.json").toAbsolutePath();
    CliRun u = run("mapping", "update", "--from", fixture.toString());
    assertThat(u.exitCode()).as(u.err()).isZero();
    assertThat(u.out()).contains("grayskull-small.json: updated (3 rows, grayskull)");
    assertThat(Files.list(tmp.resolve("cache/envx/mapping"))).isNotEmpty();
    CliRun l = run("mapping", "lookup", "tables", "--from", "pypi");
    assertThat(l.out()).contains("-> pytables").contains("source: upstream grayskull-small.json (file:")
        .contains("fetched ");
  }

  @Test
  void updateFailureKeepsEmbeddedAndExitsOne() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      for (int i = 0; i < 4; i++) { // the HTTP layer's 4 attempts
        server.enqueue(new MockResponse().setResponseCode(500));
      }
      server.start(java.net.InetAddress.getLoopbackAddress(), 0);
      CliRun u = run("mapping", "update", "--from", server.url("/m.json").toString());
      assertThat(u.exitCode()).isEqualTo(1);
      assertThat(server.getRequestCount()).as("5xx is retried").isEqualTo(4);
      assertThat(u.err()).contains("server answered 500").contains("error: some mapping tables could not be updated");
    }
    assertThat(run("mapping", "lookup", "torch", "--from", "pypi").out()).contains("-> pytorch");
  }

  @Test
  void updateTwiceRevalidatesWithEtag() throws Exception {
    byte[] body = Files.readAllBytes(Path.of("testdata/mapping/parselmouth-small.json"));
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse().setBody(new okio.Buffer().write(body)).setHeader("ETag", "\"abc\""));
      server.enqueue(new MockResponse().setResponseCode(304));
      server.start(java.net.InetAddress.getLoopbackAddress(), 0);
      String url = server.url("/compressed-v0/compressed_mapping.json").toString();
      CliRun first = run("mapping", "update", "--from", url);
      assertThat(first.exitCode()).as(first.err()).isZero();
      assertThat(first.out()).contains("compressed_mapping.json: updated (14 rows, parselmouth)");
      assertThat(server.takeRequest().getHeader("If-None-Match")).isNull();
      CliRun second = run("mapping", "update", "--from", url, "--json");
      assertThat(second.exitCode()).isZero();
      assertThat(new ObjectMapper().readTree(second.out()).get("sources").get(0).get("status").asText())
          .isEqualTo("not-modified");
      assertThat(server.takeRequest().getHeader("If-None-Match")).isEqualTo("\"abc\"");
    }
    CliRun l = run("mapping", "lookup", "psycopg", "--from", "conda");
    assertThat(l.out()).contains("-> psycopg (pypi)").contains("source: upstream compressed_mapping.json (http://");
  }

  @Test
  void updateOfflineTouchesNoNetwork() {
    CliRun u = run("mapping", "update", "--offline", "--json");
    assertThat(u.exitCode()).as(u.err()).isZero();
    assertThat(u.out()).contains("\"status\" : \"skipped-offline\"").contains("\"offline\" : true");
  }

  @Test
  void userAndProjectOverrides() throws Exception {
    Path cfg = tmp.resolve("config/envx");
    Files.createDirectories(cfg);
    Files.writeString(cfg.resolve("mapping.toml"), "[pypi-to-conda]\ntorch = \"pytorch-cpu\"\n");
    assertThat(run("mapping", "lookup", "torch", "--from", "pypi").out())
        .contains("-> pytorch-cpu").contains("source: user override mapping.toml");
    Files.writeString(tmp.resolve("pyproject.toml"),
        "[project]\nname = \"x\"\n[tool.envx.mapping.pypi-to-conda]\ntorch = \"pytorch-gpu\"\n");
    CliRun r = run("mapping", "lookup", "torch", "--from", "pypi");
    assertThat(r.out()).contains("-> pytorch-gpu").contains("source: project override tool.envx.mapping");
    Files.writeString(tmp.resolve("pyproject.toml"), "[tool.envx.mapping]\npypi-to-conda = 3\n");
    CliRun bad = run("mapping", "lookup", "torch", "--from", "pypi");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("`tool.envx.mapping.pypi-to-conda`: expected a table");
  }

  @Test
  void invalidNameIsUsageError() {
    CliRun r = run("mapping", "lookup", "bad_", "--from", "pypi");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("invalid PyPI name `bad_`");
  }
}
