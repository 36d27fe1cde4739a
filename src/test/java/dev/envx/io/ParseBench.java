package dev.envx.io;

import dev.envx.format.envyml.EnvYmlReader;
import dev.envx.format.envyml.EnvironmentYml;

/**
 * {@code scripts/bench parse [N...]}: reading generated environment.yml files of N entries (default 10k, 100k,
 * 1M), to show that reading is linear in the file's size (the line-offset table of diag.SourceFile, the limit
 * pass over YAML events). Prints the best of three runs per size; never run by tests.
 */
public final class ParseBench {
  private ParseBench() {}

  static String environment(int n) {
    StringBuilder sb = new StringBuilder(n * 24 + 64).append("name: bench\nchannels:\n  - conda-forge\n")
        .append("dependencies:\n");
    for (int i = 0; i < n; i++) {
      sb.append("  - pkg").append(i).append(" >=1.").append(i % 100).append('\n');
    }
    return sb.toString();
  }

  public static void main(String[] args) {
    int[] sizes = args.length == 0 ? new int[] {10_000, 100_000, 1_000_000}
        : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    EnvYmlReader.parse(environment(20_000), "warm-up.yml"); // JIT
    System.out.printf("%10s %10s %10s %12s %10s%n", "entries", "MB", "best s", "us/entry", "MB/s");
    for (int n : sizes) {
      String text = environment(n);
      double best = Double.MAX_VALUE;
      int read = 0;
      for (int run = 0; run < 3; run++) {
        long t0 = System.nanoTime();
        EnvironmentYml e = EnvYmlReader.parse(text, "environment.yml");
        best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        read = e.dependencies().size();
      }
      if (read != n) {
        throw new IllegalStateException("read " + read + " of " + n + " entries");
      }
      double mb = text.length() / 1e6;
      System.out.printf("%10d %10.1f %10.3f %12.2f %10.1f%n", n, mb, best, best * 1e6 / n, mb / best);
    }
  }
}
