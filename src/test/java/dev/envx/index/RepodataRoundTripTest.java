package dev.envx.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envx.model.conda.Channel;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random records written with Jackson's tree model read back identically by the streaming parser. */
class RepodataRoundTripTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Rec(String name, String version, String build, int buildNumber, List<String> depends, long timestamp,
      byte[] sha256, boolean conda, String noise) {}

  @Property(tries = 150)
  void streamingParserReadsWhatWasWritten(@ForAll("records") List<Rec> recs) throws Exception {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("info").put("subdir", "linux-64");
    ObjectNode tar = root.putObject("packages");
    ObjectNode conda = root.putObject("packages.conda");
    java.util.Map<String, Rec> byFile = new java.util.LinkedHashMap<>();
    for (Rec r : recs) {
      String fn = r.name() + "-" + r.version() + "-" + r.build() + (r.conda() ? ".conda" : ".tar.bz2");
      if (byFile.containsKey(fn)) {
        continue;
      }
      byFile.put(fn, r);
      ObjectNode o = (r.conda() ? conda : tar).putObject(fn);
      o.put("zzz_unknown", r.noise());
      o.putArray("unknown_list").add(r.noise()).addObject().put("x", 1);
      o.put("name", r.name()).put("version", r.version()).put("build", r.build())
          .put("build_number", r.buildNumber()).put("timestamp", r.timestamp())
          .put("sha256", HexFormat.of().formatHex(r.sha256()));
      ArrayNode d = o.putArray("depends");
      r.depends().forEach(d::add);
    }
    byte[] bytes = JSON.writeValueAsBytes(root);
    SubdirRepodata parsed = new RepodataParser().parse(bytes, Channel.parse("c"), "linux-64", "<generated>");
    java.util.Set<String> condaStems = new java.util.HashSet<>();
    byFile.keySet().stream().filter(f -> f.endsWith(".conda")).forEach(f -> condaStems.add(f.substring(0, f.length() - 6)));
    long expected = byFile.keySet().stream()
        .filter(f -> f.endsWith(".conda") || !condaStems.contains(f.substring(0, f.length() - 8))).count();
    assertThat(parsed.size()).isEqualTo((int) expected);
    for (PackageRecord p : parsed.all()) {
      Rec r = byFile.get(p.fileName());
      assertThat(r).as(p.fileName()).isNotNull();
      assertThat(p.name()).isEqualTo(r.name());
      assertThat(p.version()).isEqualTo(r.version());
      assertThat(p.build()).isEqualTo(r.build());
      assertThat(p.buildNumber()).isEqualTo(r.buildNumber());
      assertThat(p.depends()).isEqualTo(r.depends());
      assertThat(p.timestampMillis().orElse(0L)).isEqualTo(RepodataParser.toMillis(r.timestamp()));
      assertThat(p.sha256()).contains(HexFormat.of().formatHex(r.sha256()));
      assertThat(p.url()).contains("https://conda.anaconda.org/c/linux-64/" + p.fileName());
    }
  }

  @Provide
  Arbitrary<List<Rec>> records() {
    Arbitrary<String> name = Arbitraries.of("numpy", "python", "libgcc-ng", "r-base", "py-lib", "zlib", "é-ü");
    Arbitrary<String> version = Arbitraries.of("1.0", "2.0.1", "1.26.4", "3.12.0rc1", "0.1.post1");
    Arbitrary<String> build = Arbitraries.strings().withChars("abcdefh0123456789_").ofMinLength(1).ofMaxLength(14);
    Arbitrary<List<String>> deps = Arbitraries.strings().withChars("abc >=<,.*|019 \"\\\\é").ofMaxLength(30)
        .list().ofMaxSize(8);
    Arbitrary<byte[]> sha = Arbitraries.bytes().array(byte[].class).ofSize(32);
    return Combinators.combine(name, version, build, Arbitraries.integers().between(0, 1000), deps,
        Arbitraries.longs().between(0, 2_000_000_000_000L), sha, Arbitraries.of(true, false))
        .as((n, v, b, bn, d, t, s, c) -> new Rec(n, v, b, bn, d, t, s, c, n + b)).list().ofMaxSize(40);
  }
}
