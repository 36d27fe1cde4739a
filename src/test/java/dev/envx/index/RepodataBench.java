package dev.envx.index;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parse-throughput benchmark, run by {@code scripts/bench repodata [FILE...]} (never by the test suite).
 * Reads each file into memory, parses it repeatedly (warm-up, then timed rounds) and prints MB/s and records/s
 * of the best and median round.
 */
public final class RepodataBench {
  private RepodataBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = Integer.getInteger("bench.rounds", 7);
    int warmup = Integer.getInteger("bench.warmup", 3);
    List<Path> files = new ArrayList<>();
    for (String a : args) {
      files.add(Path.of(a));
    }
    System.out.printf(Locale.ROOT, "%-72s %9s %9s %8s %9s %12s %9s%n", "file", "MB", "records", "names",
        "best MB/s", "best rec/s", "med MB/s");
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
      for (int i = 0; i < n; i++) {
        long t0 = System.nanoTime();
        SubdirRepodata r = new RepodataParser().parse(data, null, "linux-64", f.toString());
        secs[i] = (System.nanoTime() - t0) / 1e9;
        records = r.size();
      }
      java.util.Arrays.sort(secs);
      double best = secs[0];
      double med = secs[n / 2];
      String name = f.toString();
      if (name.length() > 72) {
        name = "..." + name.substring(name.length() - 69);
      }
      System.out.printf(Locale.ROOT, "%-72s %9.1f %9d %8d %9.0f %12.0f %9.0f%n", name, mb, records, names,
          mb / best, records / best, mb / med);
    }
  }
}
