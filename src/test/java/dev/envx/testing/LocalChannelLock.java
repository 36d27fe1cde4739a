package dev.envx.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** @EXPLICIT locks over ../shared/data/packages/conda-forge-local-channel/linux-64 (skips when absent). */
public final class LocalChannelLock {
  private LocalChannelLock() {}

  /** Every package of the channel whose file is there, except the python-bound ones (no python in the channel). */
  public static String natives() throws IOException {
    Path dir = SharedData.require("packages/conda-forge-local-channel/linux-64");
    JsonNode repodata = new ObjectMapper().readTree(dir.resolve("repodata.json").toFile());
    StringBuilder lock = new StringBuilder("# platform: linux-64\n@EXPLICIT\n");
    for (String section : List.of("packages", "packages.conda")) {
      Iterator<Map.Entry<String, JsonNode>> it = repodata.path(section).fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String name = e.getValue().get("name").asText();
        if (Files.exists(dir.resolve(e.getKey()))
            && !List.of("python", "pip", "wheel", "setuptools").contains(name)) {
          lock.append(dir.resolve(e.getKey()).toUri()).append("#sha256:").append(e.getValue().get("sha256").asText())
              .append('\n');
        }
      }
    }
    return lock.toString();
  }
}
