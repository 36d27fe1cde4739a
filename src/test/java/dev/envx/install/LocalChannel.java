package dev.envx.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envx.format.lock.Hashes;
import dev.envx.format.lock.LockedPackage;
import dev.envx.model.conda.CondaVersion;
import dev.envx.model.conda.Platform;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Locked packages built from the records of ../shared/data/packages/conda-forge-local-channel/linux-64. */
final class LocalChannel {
  private LocalChannel() {}

  static Path dir() {
    return SharedData.require("packages/conda-forge-local-channel/linux-64");
  }

  /** Every record whose file is present, by name. */
  static Map<String, LockedPackage.Conda> packages() throws IOException {
    Path dir = dir();
    JsonNode repodata = new ObjectMapper().readTree(dir.resolve("repodata.json").toFile());
    Map<String, LockedPackage.Conda> out = new TreeMap<>();
    for (String section : List.of("packages", "packages.conda")) {
      Iterator<Map.Entry<String, JsonNode>> it = repodata.path(section).fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (Files.exists(dir.resolve(e.getKey()))) {
          LockedPackage.Conda c = record(dir, e.getKey(), e.getValue());
          out.put(c.name(), c);
        }
      }
    }
    return out;
  }

  static LockedPackage.Conda record(Path dir, String fileName, JsonNode r) {
    List<String> depends = new ArrayList<>();
    r.path("depends").forEach(d -> depends.add(d.asText()));
    return new LockedPackage.Conda(r.get("name").asText(), CondaVersion.parse(r.get("version").asText()),
        r.get("build").asText(), r.get("build_number").asLong(), "conda-forge",
        Platform.parse(r.get("subdir").asText()), dir.resolve(fileName).toUri().toString(), fileName,
        new Hashes(r.path("md5").asText(null), r.path("sha256").asText(null)), r.path("size").asLong(-1), depends,
        List.of(), r.path("timestamp").asLong(), r.path("license").asText(null),
        r.hasNonNull("noarch") ? r.get("noarch").asText() : null, List.of());
  }

  /** The same package at another location, with other digests. */
  static LockedPackage.Conda relocated(LockedPackage.Conda c, Path file, Hashes hashes) {
    return new LockedPackage.Conda(c.name(), c.version(), c.build(), c.buildNumber(), c.channel(), c.subdir(),
        file.toUri().toString(), c.fileName(), hashes, c.size(), c.depends(), c.constrains(), c.timestampMillis(),
        c.license(), c.noarch(), c.trackFeatures());
  }
}
