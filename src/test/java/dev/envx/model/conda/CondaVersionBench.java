package dev.envx.model.conda;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Speed of {@link CondaVersion#parse} and {@link CondaVersion#compareTo} over the real version corpus
 * (run by {@code scripts/bench/conda-version.sh}; not a test).
 */
public final class CondaVersionBench {
  private CondaVersionBench() {}

  /** CPU time of this thread: other processes on a shared machine do not inflate it the way wall time is. */
  private static long cpu() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  public static void main(String[] args) throws Exception {
    String json = Files.readString(Path.of(args[0]));
    List<String> inputs = new ArrayList<>();
    Matcher m = Pattern.compile("\"input\": \"([^\"]*)\"").matcher(json);
    while (m.find()) {
      inputs.add(m.group(1));
    }
    int rounds = 25; // ~500k parses per measurement
    CondaVersion[] parsed = new CondaVersion[inputs.size()];
    for (int warm = 0; warm < 3; warm++) {
      long t0 = cpu();
      for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < parsed.length; i++) {
          parsed[i] = CondaVersion.parse(inputs.get(i));
        }
      }
      long t1 = cpu();
      CondaVersion[] sorted = parsed.clone();
      long comparisons = 0;
      long t2 = cpu();
      for (int r = 0; r < 5; r++) {
        sorted = parsed.clone();
        Arrays.sort(sorted);
        comparisons += (long) (sorted.length * (Math.log(sorted.length) / Math.log(2)));
      }
      long t3 = cpu();
      System.out.printf("round %d (thread CPU time): parse %d versions in %d ms (%.0f ns/version); 5 sorts of %d in %d ms "
              + "(~%.0f ns/comparison)%n", warm, rounds * parsed.length, (t1 - t0) / 1_000_000,
          (t1 - t0) / (double) (rounds * parsed.length), sorted.length, (t3 - t2) / 1_000_000,
          (t3 - t2) / (double) comparisons);
    }
  }
}
