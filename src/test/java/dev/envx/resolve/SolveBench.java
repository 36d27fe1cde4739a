package dev.envx.resolve;

import dev.envx.resolve.conda.CondaResolver;
import dev.envx.index.RepodataClient;
import dev.envx.index.RepodataIndex;
import dev.envx.index.RepodataSettings;
import dev.envx.model.conda.Channel;
import dev.envx.model.conda.Platform;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Solve benchmark, run by {@code scripts/bench solve} (never by the test suite).
 *
 * <ul>
 *   <li>{@code real CHANNEL_DIR}: the realistic requests of {@link RealChannelSolveTest} over the shared
 *       conda-forge records: load time per platform, first solve in this JVM, warm median of repeated solves.
 *   <li>{@code generated CHANNEL_DIR [SAMPLE]}: a channel made only by {@code scripts/gen-repodata} (linux-64 +
 *       noarch): file size, load (read + parse) time, heap after load; {@link GeneratedRequests} solves up to
 *       {@code SAMPLE} python packages alone (how many solve, how many back off from their newest version) and
 *       picks the requests, each timed on its first solve in this JVM and as the warm median of 5; then the
 *       JVM's peak heap.
 * </ul>
 */
public final class SolveBench {
  private SolveBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 2 && args[0].equals("real")) {
      real(Path.of(args[1]));
    } else if (args.length >= 2 && args[0].equals("generated")) {
      generated(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 200);
    } else {
      System.err.println("usage: SolveBench real CHANNEL_DIR | generated CHANNEL_DIR [SAMPLE]");
      System.exit(2);
    }
  }

  static RepodataIndex load(Path channelDir, Platform p) throws Exception {
    Path cache = Files.createTempDirectory("envx-bench");
    return new RepodataClient(RepodataSettings.of(cache).withOffline(true))
        .loadIndex(List.of(Channel.parse(channelDir.toAbsolutePath().toString())), p);
  }

  static Request request(Platform p, List<String> specs) {
    return GeneratedRequests.request(p, specs);
  }

  /** Milliseconds of one resolve. */
  static double time(RepodataIndex idx, Platform p, Request r) {
    long t0 = System.nanoTime();
    Resolver.resolve(idx, p, r);
    return (System.nanoTime() - t0) / 1e6;
  }

  static double median(RepodataIndex idx, Platform p, Request r, int n) {
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = time(idx, p, r);
    }
    Arrays.sort(t);
    return t[n / 2];
  }

  static void real(Path dir) throws Exception {
    System.out.printf(Locale.ROOT, "%-10s %-38s %5s %6s %9s %9s %s%n", "platform", "request", "pkgs", "solves",
        "first ms", "warm ms", "result");
    Map<String, RepodataIndex> loaded = new java.util.HashMap<>();
    for (Arguments a : RealChannelSolveTest.requests().toList()) {
      String which = (String) a.get()[0];
      if (which.equals("defaults-2018")) {
        continue;
      }
      Platform p = Platform.parse(which);
      RepodataIndex idx = loaded.get(which);
      if (idx == null) {
        long t0 = System.nanoTime();
        idx = load(dir, p);
        System.out.printf(Locale.ROOT, "%-10s load %d records: %.0f ms%n", which, idx.size(),
            (System.nanoTime() - t0) / 1e6);
        loaded.put(which, idx);
      }
      List<String> specs = RealChannelSolveTest.specs((String) a.get()[1]);
      Request r = request(p, specs);
      double first = time(idx, p, r);
      CondaResolver.Outcome o = Resolver.solve(idx, p, r);
      Resolution res = Resolver.resolve(idx, p, r);
      double warm = median(idx, p, r, 15);
      String result = res instanceof Resolution.Solved s
          ? specs.stream().map(sp -> s.get(dev.envx.model.conda.MatchSpec.parse(sp).exactName())
              .map(x -> x.name() + " " + x.version()).orElse("?")).toList().toString()
          : "unsolvable";
      int pkgs = res instanceof Resolution.Solved s ? s.packages().size() : 0;
      System.out.printf(Locale.ROOT, "%-10s %-38s %5d %6d %9.1f %9.1f %s%n", which, String.join(" ", specs), pkgs,
          o.solves(), first, warm, result);
    }
  }

  static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  static void generated(Path dir, int sample) throws Exception {
    Platform p = Platform.LINUX_64;
    long bytes = 0;
    for (String sub : List.of("linux-64", "noarch")) {
      bytes += Files.size(dir.resolve(sub).resolve("repodata.json"));
    }
    long t0 = System.nanoTime();
    RepodataIndex idx = load(dir, p);
    double loadMs = (System.nanoTime() - t0) / 1e6;
    System.gc();
    Runtime rt = Runtime.getRuntime();
    long retained = rt.totalMemory() - rt.freeMemory();
    System.out.printf(Locale.ROOT, "channel %s: %d records in the index, %d names, %.1f MB of repodata.json "
        + "(linux-64 + noarch); load (read + parse) %.0f ms; heap after load and GC %.0f MiB (max heap %.0f MiB)%n",
        dir.getFileName(), idx.size(), idx.names().size(), bytes / 1e6, loadMs, retained / 1048576.0,
        rt.maxMemory() / 1048576.0);
    long s0 = System.nanoTime();
    GeneratedRequests.Choice choice = GeneratedRequests.choose(idx, p, sample);
    double scanMs = (System.nanoTime() - s0) / 1e6;
    List<GeneratedRequests.Probe> probes = choice.probes();
    System.out.printf(Locale.ROOT, "scan: %d python packages alone (sampled evenly from the sorted names) in %.0f ms "
        + "(mean %.1f ms, max %.1f ms): %d solvable, %d backed off from their newest version, mean %.0f packages%n",
        probes.size(), scanMs, scanMs / probes.size(),
        probes.stream().mapToDouble(GeneratedRequests.Probe::millis).max().orElse(0), choice.solvable(),
        probes.stream().filter(GeneratedRequests.Probe::backedOff).count(),
        probes.stream().filter(GeneratedRequests.Probe::solved).mapToInt(GeneratedRequests.Probe::packages)
            .average().orElse(0));
    GeneratedRequests.Probe cold = probes.get(0);
    System.out.printf(Locale.ROOT, "cold: the first solve in this JVM (%s, %d packages) took %.0f ms; the requests "
        + "below run after the scan (JIT warm)%n", cold.name(), cold.packages(), cold.millis());
    System.out.printf(Locale.ROOT, "%-72s %6s %6s %9s %9s %s%n", "request", "pkgs", "solves", "first ms", "warm ms",
        "stats (of the last solver run)");
    for (List<String> specs : choice.requests()) {
      Request r = GeneratedRequests.request(p, specs);
      double first = time(idx, p, r);
      double warm = median(idx, p, r, 5);
      CondaResolver.Outcome o = Resolver.solve(idx, p, r);
      Resolution res = Resolver.resolve(idx, p, r);
      System.out.printf(Locale.ROOT, "%-72s %6s %6d %9.1f %9.1f %s%n", String.join(" ", specs),
          res instanceof Resolution.Solved s ? Integer.toString(s.packages().size()) : "unsat", o.solves(), first,
          warm, res.stats());
    }
    System.out.printf(Locale.ROOT, "peak heap (sum of heap pool peaks): %.0f MiB%n", peakHeap() / 1048576.0);
    // the first request as the end-to-end line of scripts/bench uses it
    System.out.println("e2e-request: " + String.join(" ", choice.requests().get(2)));
  }
}
