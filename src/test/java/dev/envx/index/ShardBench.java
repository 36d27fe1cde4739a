package dev.envx.index;

import dev.envx.model.conda.Channel;
import dev.envx.model.conda.ChannelConfig;
import dev.envx.model.conda.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Sharded vs plain repodata, run by hand (never by the test suite):
 * {@code java -cp ... dev.envx.index.ShardBench CHANNEL_DIR OUT_DIR ROOT...}. Writes CHANNEL_DIR's linux-64 and
 * noarch {@code repodata.json} as CEP-16 shards under OUT_DIR (with {@link ShardWriter}), then, in fresh
 * processes' worth of state each round (new client, new index), times: plain = {@code loadIndex} + the records
 * of the dependency closure of the roots; sharded = {@code loadIndex} + {@code prefetchDependencies(roots)} + the
 * same records. Prints names and bytes touched. Median of 15 rounds after 5 warm-up rounds.
 */
public final class ShardBench {
  private ShardBench() {
  }

  public static void main(String[] args) throws Exception {
    Path src = Path.of(args[0]).toAbsolutePath();
    Path out = Path.of(args[1]).toAbsolutePath();
    List<String> roots = List.of(args).subList(2, args.length);
    int shards = ShardWriter.write(src.resolve("linux-64/repodata.json"), "linux-64", out)
        + ShardWriter.write(src.resolve("noarch/repodata.json"), "noarch", out);
    Channel plain = Channel.parse(src.toString(), ChannelConfig.standard());
    Channel sharded = Channel.parse(out.toString(), ChannelConfig.standard());
    Path cache = Files.createTempDirectory("envx-shard-bench");
    RepodataClient client = new RepodataClient(RepodataSettings.of(cache).withOffline(true));
    Set<String> closure = null;
    double[] tp = new double[15];
    double[] ts = new double[15];
    for (int round = -5; round < 15; round++) {
      long t0 = System.nanoTime();
      RepodataIndex p = client.loadIndex(List.of(plain), Platform.LINUX_64);
      Set<String> names = closure(p, roots);
      long t1 = System.nanoTime();
      RepodataIndex s = client.loadIndex(List.of(sharded), Platform.LINUX_64);
      Set<String> visited = s.prefetchDependencies(roots);
      int recs = 0;
      for (String n : visited) {
        recs += s.records(n).size();
      }
      long t2 = System.nanoTime();
      if (!visited.equals(names) || recs != s.size()) {
        throw new IllegalStateException("closures differ: " + names.size() + " vs " + visited.size());
      }
      closure = visited;
      if (round >= 0) {
        tp[round] = (t1 - t0) / 1e6;
        ts[round] = (t2 - t1) / 1e6;
      }
    }
    java.util.Arrays.sort(tp);
    java.util.Arrays.sort(ts);
    long jsonBytes = Files.size(src.resolve("linux-64/repodata.json")) + Files.size(src.resolve("noarch/repodata.json"));
    long shardBytes = 0;
    long touched = 0;
    RepodataIndex s = client.loadIndex(List.of(sharded), Platform.LINUX_64);
    for (String sub : List.of("linux-64", "noarch")) {
      try (Stream<Path> files = Files.list(out.resolve(sub).resolve("shards"))) {
        for (Path f : files.toList()) {
          shardBytes += Files.size(f);
        }
      }
    }
    ShardReader.Index li = ShardReader.index(Files.readAllBytes(out.resolve("linux-64/" + RepodataClient.SHARD_INDEX)), "");
    ShardReader.Index ni = ShardReader.index(Files.readAllBytes(out.resolve("noarch/" + RepodataClient.SHARD_INDEX)), "");
    for (String n : closure) {
      for (ShardReader.Index ix : List.of(li, ni)) {
        String h = ix.shards().get(n);
        if (h != null) {
          Path f = out.resolve(ix == li ? "linux-64" : "noarch").resolve("shards").resolve(h + ".msgpack.zst");
          touched += Files.size(f);
        }
      }
    }
    System.out.printf(Locale.ROOT, "roots %s: closure %d of %d names (%d shards written), %d records of %d%n",
        roots, closure.size(), s.names().size(), shards, count(client, sharded, closure),
        client.loadIndex(List.of(plain), Platform.LINUX_64).size());
    System.out.printf(Locale.ROOT, "bytes: repodata.json %d; all shards %d (zstd); closure's shards %d%n",
        jsonBytes, shardBytes, touched);
    System.out.printf(Locale.ROOT, "median ms (15 rounds): plain load+closure %.1f; sharded load+prefetch+closure %.1f%n",
        tp[7], ts[7]);
  }

  private static int count(RepodataClient client, Channel sharded, Set<String> names) {
    RepodataIndex s = client.loadIndex(List.of(sharded), Platform.LINUX_64);
    return names.stream().mapToInt(n -> s.records(n).size()).sum();
  }

  /** The dependency closure of the roots by plain lookups. */
  static Set<String> closure(RepodataIndex index, List<String> roots) {
    Set<String> seen = new java.util.TreeSet<>(roots);
    java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(roots);
    while (!todo.isEmpty()) {
      for (PackageRecord r : index.records(todo.poll())) {
        for (String d : r.depends()) {
          String n = RepodataIndex.dependencyName(d);
          if (!n.isEmpty() && seen.add(n)) {
            todo.add(n);
          }
        }
      }
    }
    return seen;
  }

}
