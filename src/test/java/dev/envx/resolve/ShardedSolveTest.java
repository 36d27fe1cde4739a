package dev.envx.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.index.RepodataClient;
import dev.envx.index.RepodataIndex;
import dev.envx.index.RepodataSettings;
import dev.envx.index.ShardWriter;
import dev.envx.index.SubdirRepodata;
import dev.envx.model.conda.Channel;
import dev.envx.model.conda.ChannelConfig;
import dev.envx.model.conda.Platform;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The resolver over a sharded (CEP 16) channel: the shared conda-forge records written as shards must give the
 * same solutions as their repodata.json, while loading only the shards of the names the solve reaches.
 */
class ShardedSolveTest {
  @TempDir static Path work;

  private static RepodataIndex load(Path channel) {
    RepodataClient client = new RepodataClient(RepodataSettings.of(work.resolve("cache")).withOffline(true));
    return client.loadIndex(List.of(Channel.parse(channel.toString(), ChannelConfig.standard())),
        Platform.LINUX_64);
  }

  private static Path sharded() throws IOException {
    Path src = SharedData.require("channels").resolve("derived-from-pixi-lockfiles/conda-forge");
    Path chan = work.resolve("cf-sharded");
    if (!chan.resolve("linux-64").toFile().exists()) {
      ShardWriter.write(src.resolve("linux-64/repodata.json"), "linux-64", chan);
      ShardWriter.write(src.resolve("noarch/repodata.json"), "noarch", chan);
    }
    return chan;
  }

  private static List<String> solve(RepodataIndex index, String request) {
    Resolution r = Resolver.resolve(index, Platform.LINUX_64,
        RealChannelSolveTest.request("linux-64", List.of(request.split(" "))));
    assertThat(r).as(request).isInstanceOf(Resolution.Solved.class);
    return ((Resolution.Solved) r).conda().stream()
        .map(p -> p.name() + " " + p.versionText() + " " + p.build()).sorted().toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"numpy scipy pandas", "python=3.12 numpy", "matplotlib", "gdal"})
  void shardedChannelGivesTheSameSolutionAsRepodataJson(String request) throws IOException {
    Path plain = SharedData.require("channels").resolve("derived-from-pixi-lockfiles/conda-forge");
    assertThat(solve(load(sharded()), request)).isEqualTo(solve(load(plain), request)).isNotEmpty();
  }

  @Test
  void aSolveLoadsOnlyTheShardsItReaches() throws IOException {
    RepodataIndex plain = load(SharedData.require("channels").resolve("derived-from-pixi-lockfiles/conda-forge"));
    RepodataIndex shards = load(sharded());
    assertThat(shards.subdirs()).extracting(SubdirRepodata::isSharded).containsOnly(true);
    solve(shards, "numpy");
    int loaded = shards.subdirs().stream().mapToInt(SubdirRepodata::size).sum();
    int all = plain.subdirs().stream().mapToInt(SubdirRepodata::size).sum();
    assertThat(loaded).isPositive().isLessThan(all / 3);
  }
}
