package dev.envx.resolve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envx.index.RepodataIndex;
import dev.envx.index.RepodataParser;
import dev.envx.index.SubdirRepodata;
import dev.envx.model.conda.Channel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tiny conda universes for tests: records written as one line each, turned into real repodata JSON and parsed
 * with the real {@link RepodataParser}.
 *
 * <pre>
 * numpy 2.0 py_1 bn=1 ts=100 tf=mkl -> python >=3.9, libblas !> foo <2
 * </pre>
 * {@code bn=} build number (default: the build string's trailing {@code _N}), {@code ts=} timestamp (seconds),
 * {@code tf=} track_features, {@code sub=} subdir (default: the block's), {@code ->} depends (comma-space
 * separated), {@code !>} constrains.
 */
final class TinyChannels {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, Map<String, List<String>>> channels = new LinkedHashMap<>();

  /** Adds records to {@code channel} / {@code subdir} (channels keep the order they were first named in). */
  TinyChannels add(String channel, String subdir, String lines) {
    List<String> l = channels.computeIfAbsent(channel, k -> new LinkedHashMap<>())
        .computeIfAbsent(subdir, k -> new ArrayList<>());
    for (String line : lines.split("\n")) {
      if (!line.isBlank()) {
        l.add(line.strip());
      }
    }
    return this;
  }

  static RepodataIndex of(String lines) {
    return new TinyChannels().add("conda-forge", "linux-64", lines).index();
  }

  RepodataIndex index() {
    RepodataParser parser = new RepodataParser();
    List<SubdirRepodata> subdirs = new ArrayList<>();
    for (var ch : channels.entrySet()) {
      Channel channel = Channel.parse(ch.getKey());
      for (String sd : List.of("linux-64", "noarch")) {
        String json = json(sd, ch.getValue().getOrDefault(sd, List.of()));
        subdirs.add(parser.parse(json.getBytes(StandardCharsets.UTF_8), channel, sd, ch.getKey() + "/" + sd));
      }
    }
    return RepodataIndex.of(subdirs);
  }

  static String json(String subdir, List<String> lines) {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("info").put("subdir", subdir);
    ObjectNode pkgs = root.putObject("packages.conda");
    for (String line : lines) {
      String deps = null;
      String cons = null;
      int bang = line.indexOf(" !> ");
      if (bang >= 0) {
        cons = line.substring(bang + 4);
        line = line.substring(0, bang);
      }
      int arrow = line.indexOf(" -> ");
      if (arrow >= 0) {
        deps = line.substring(arrow + 4);
        line = line.substring(0, arrow);
      }
      String[] f = line.split("\\s+");
      ObjectNode r = JSON.createObjectNode();
      r.put("name", f[0]).put("version", f[1]).put("build", f[2]);
      int us = f[2].lastIndexOf('_');
      r.put("build_number", us >= 0 && f[2].substring(us + 1).matches("\\d+")
          ? Integer.parseInt(f[2].substring(us + 1)) : 0);
      r.put("subdir", subdir);
      for (int i = 3; i < f.length; i++) {
        String[] kv = f[i].split("=", 2);
        switch (kv[0]) {
          case "bn" -> r.put("build_number", Integer.parseInt(kv[1]));
          case "ts" -> r.put("timestamp", Long.parseLong(kv[1]));
          case "tf" -> r.put("track_features", kv[1].replace(',', ' '));
          default -> throw new IllegalArgumentException("unknown key " + kv[0]);
        }
      }
      ArrayNode d = r.putArray("depends");
      if (deps != null) {
        for (String s : deps.split(", ")) {
          d.add(s.strip());
        }
      }
      if (cons != null) {
        ArrayNode c = r.putArray("constrains");
        for (String s : cons.split(", ")) {
          c.add(s.strip());
        }
      }
      r.put("md5", "0123456789abcdef0123456789abcdef").put("size", 1000).put("license", "MIT");
      pkgs.set(f[0] + "-" + f[1] + "-" + f[2] + ".conda", r);
    }
    return root.toString();
  }
}
