package dev.envx.index;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parse-throughput benchmark, run by {@code scripts/bench repodata [FILE...]} (never by the test suite).
 * Reads each file into memory, parses it repeatedly (warm-up, then timed rounds) and prints MB/s and records/s
 * of the best and median round (wall clock), MB/s over the parsing thread's CPU time (stable when other
 * processes share the machine), and the retained heap per kept record. Records/s counts every parsed record,
 * including {@code .tar.bz2} twins that are then dropped. {@code -Dbench.stream=true} times
 * {@code parse(Path)} instead (file read included).
 */
public final class RepodataBench {
  private static final boolean STREAM = Boolean.getBoolean("bench.stream");

  private RepodataBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = Integer.getInteger("bench.rounds", 7);
    int warmup = Integer.getInteger("bench.warmup", 3);
    List<Path> files = new ArrayList<>();
    for (String a : args) {
      files.add(Path.of(a));
    }
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    System.out.printf(Locale.ROOT, "%-60s %7s %8s %7s %9s %11s %8s %9s %8s%n", "file", "MB", "records", "names",
        "best MB/s", "best rec/s", "med MB/s", "cpu MB/s", "B/record");
    for (Path f : files) {
      byte[] data = Files.readAllBytes(f);
      double mb = data.length / 1e6;
      int records = 0;
      int names = 0;
      long budget = Math.max(warmup, (long) Math.ceil(200 / Math.max(mb, 1)));
      for (long i = 0; i < Math.min(budget, warmup * 20L); i++) {
        SubdirRepodata r = new RepodataParser().parse(data, null, "linux-64", f.toString());
        records = r.size();
        names = r.names().size();
      }
      int n = mb < 20 ? rounds * 5 : rounds;
      double[] secs = new double[n];
      double[] cpu = new double[n];
      int parsed = 0;
      for (int i = 0; i < n; i++) {
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        SubdirRepodata r = STREAM ? new RepodataParser().parse(f, null, "linux-64")
            : new RepodataParser().parse(data, null, "linux-64", f.toString());
        secs[i] = (System.nanoTime() - t0) / 1e9;
        cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
        records = r.size();
        parsed = r.parsedCount();
      }
      // retained heap of one parsed index, per kept record
      Runtime rt = Runtime.getRuntime();
      System.gc();
      long before = rt.totalMemory() - rt.freeMemory();
      SubdirRepodata keep = new RepodataParser().parse(data, null, "linux-64", f.toString());
      System.gc();
      long retained = rt.totalMemory() - rt.freeMemory() - before;
      if (keep.size() < 0) {
        throw new AssertionError();
      }
      java.util.Arrays.sort(cpu);
      java.util.Arrays.sort(secs);
      double best = secs[0];
      double med = secs[n / 2];
      String name = f.toString();
      if (name.length() > 60) {
        name = "..." + name.substring(name.length() - 57);
      }
      System.out.printf(Locale.ROOT, "%-60s %7.1f %8d %7d %9.0f %11.0f %8.0f %9.0f %8d%n", name, mb, parsed, names,
          mb / best, parsed / best, mb / med, mb / cpu[0], retained / Math.max(1, records));
    }
  }
}
