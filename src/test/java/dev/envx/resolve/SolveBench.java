package dev.envx.resolve;

import dev.envx.index.RepodataClient;
import dev.envx.index.RepodataIndex;
import dev.envx.index.RepodataSettings;
import dev.envx.index.VirtualPackageSettings;
import dev.envx.index.VirtualPackages;
import dev.envx.model.conda.Channel;
import dev.envx.model.conda.ChannelPriority;
import dev.envx.model.conda.Platform;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Solve benchmark, run by {@code scripts/bench solve} (never by the test suite).
 *
 * <ul>
 *   <li>{@code real CHANNEL_DIR}: the realistic requests of {@link RealChannelSolveTest} over the shared
 *       conda-forge records: load time per platform, first solve in this JVM, warm median of repeated solves.
 *   <li>{@code scale CHANNEL_DIR [N]}: a large channel (scripts/bench solve builds it from {@code gen-repodata}
 *       records plus the real conda-forge records, in one subdir, so the generated higher versions of numpy,
 *       python ... compete with the real ones): load (read + parse) time, heap after load; then {@code N}
 *       single-name requests (sorted names, sampled evenly) are solved to count the solvable ones (random pins
 *       make generated names unsolvable); the five largest solvable ones, the realistic linux-64 requests and
 *       the largest unsolvable one are timed (first and warm median); then the JVM's peak heap.
 * </ul>
 */
public final class SolveBench {
  private SolveBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 2 && args[0].equals("real")) {
      real(Path.of(args[1]));
    } else if (args.length >= 2 && args[0].equals("scale")) {
      scale(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 3000);
    } else {
      System.err.println("usage: SolveBench real CHANNEL_DIR | scale CHANNEL_DIR [SAMPLE]");
      System.exit(2);
    }
  }

  static RepodataIndex load(Path channelDir, Platform p) throws Exception {
    Path cache = Files.createTempDirectory("envx-bench");
    return new RepodataClient(RepodataSettings.of(cache).withOffline(true))
        .loadIndex(List.of(Channel.parse(channelDir.toAbsolutePath().toString())), p);
  }

  static CondaRequest request(Platform p, List<String> specs) {
    return new CondaRequest(specs, List.of(), ChannelPriority.STRICT,
        VirtualPackages.forPlatform(p, VirtualPackageSettings.defaults(), Map.of()), Set.of());
  }

  /** Milliseconds of one resolve. */
  static double time(RepodataIndex idx, Platform p, CondaRequest r) {
    long t0 = System.nanoTime();
    CondaResolver.resolve(idx, p, r);
    return (System.nanoTime() - t0) / 1e6;
  }

  static double median(RepodataIndex idx, Platform p, CondaRequest r, int n) {
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
      CondaRequest r = request(p, specs);
      double first = time(idx, p, r);
      CondaResolver.Outcome o = CondaResolver.solve(idx, p, r);
      Resolution res = CondaResolver.resolve(idx, p, r);
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

  static void scale(Path dir, int sample) throws Exception {
    Platform p = Platform.LINUX_64;
    long t0 = System.nanoTime();
    RepodataIndex idx = load(dir, p);
    double loadMs = (System.nanoTime() - t0) / 1e6;
    System.gc();
    Runtime rt = Runtime.getRuntime();
    long retained = rt.totalMemory() - rt.freeMemory();
    List<String> names = new ArrayList<>(idx.names());
    System.out.printf(Locale.ROOT, "channel %s: %d records, %d names; load (read + parse) %.0f ms; heap after load "
        + "%.0f MiB (max heap %.0f MiB)%n", dir.getFileName(), idx.size(), names.size(), loadMs,
        retained / 1048576.0, rt.maxMemory() / 1048576.0);
    record Found(String name, int size, double ms, boolean solved) {}
    List<Found> found = new ArrayList<>();
    int step = Math.max(1, names.size() / sample);
    long s0 = System.nanoTime();
    int tried = 0;
    for (int i = 0; i < names.size(); i += step) {
      String n = names.get(i);
      tried++;
      long a = System.nanoTime();
      Resolution r = CondaResolver.resolve(idx, p, request(p, List.of(n)));
      double ms = (System.nanoTime() - a) / 1e6;
      found.add(new Found(n, r instanceof Resolution.Solved s ? s.packages().size() : r.stats().namesLoaded(), ms,
          r instanceof Resolution.Solved));
    }
    double scanMs = (System.nanoTime() - s0) / 1e6;
    long solvable = found.stream().filter(Found::solved).count();
    System.out.printf(Locale.ROOT, "scan: %d single-name requests in %.0f ms (mean %.2f ms): %d solvable, %d "
        + "unsolvable%n", tried, scanMs, scanMs / tried, solvable, tried - solvable);
    List<Found> top = found.stream().filter(Found::solved)
        .sorted(Comparator.comparingInt(Found::size).reversed()).limit(5).toList();
    List<String> timed = new ArrayList<>();
    top.forEach(f -> timed.add(f.name()));
    for (Arguments a : RealChannelSolveTest.requests().toList()) {
      if (a.get()[0].equals("linux-64")) {
        timed.add((String) a.get()[1]);
      }
    }
    found.stream().filter(f -> !f.solved()).max(Comparator.comparingInt(Found::size))
        .ifPresent(f -> timed.add(f.name()));
    System.out.printf(Locale.ROOT, "%-40s %6s %6s %9s %9s %s%n", "request", "pkgs", "solves", "first ms", "warm ms",
        "stats (of the last solver run)");
    for (String t : timed) {
      List<String> specs = RealChannelSolveTest.specs(t);
      CondaRequest r = request(p, specs);
      double first = time(idx, p, r);
      double warm = median(idx, p, r, 5);
      CondaResolver.Outcome o = CondaResolver.solve(idx, p, r);
      Resolution res = CondaResolver.resolve(idx, p, r);
      System.out.printf(Locale.ROOT, "%-40s %6s %6d %9.1f %9.1f %s%n", t,
          res instanceof Resolution.Solved s ? Integer.toString(s.packages().size()) : "unsat", o.solves(), first,
          warm, res.stats());
    }
    System.out.printf(Locale.ROOT, "peak heap (sum of heap pool peaks): %.0f MiB%n", peakHeap() / 1048576.0);
  }
}
