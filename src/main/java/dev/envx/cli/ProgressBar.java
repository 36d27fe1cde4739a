package dev.envx.cli;

import dev.envx.install.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on stderr, redrawn in place ({@code \r}, erase to the end of the line) and erased when
 * the work ends: {@code fetch [#######.............]  7/21 openssl-3.3.1-h4ab18f5_1}; while packages are
 * downloaded, the bytes so far of the whole download and the rate since it began come before the name:
 * {@code fetch [###.................]  3/21 1.2/8.5 MB 3.4 MB/s openssl-…}. Only on a terminal, and never with
 * {@code --quiet} or {@code --json} ({@link #forCli}).
 */
final class ProgressBar implements Progress {
  private static final long REDRAW_NANOS = 50_000_000L;

  private final PrintWriter err;
  private final int columns;
  private final LongSupplier clock;
  private String phase = "";
  private int total;
  private int done;
  private long lastDraw;
  private boolean drawn;
  private long expectedBytes;
  /** Per download being or been made in this phase: {bytes now, total (-1: unknown), bytes at its first report}. */
  private final Map<String, long[]> transfers = new HashMap<>();
  private long firstTransfer;

  ProgressBar(PrintWriter err, int columns) {
    this(err, columns, System::nanoTime);
  }

  /** With the clock the rate is computed by ({@link System#nanoTime} but in tests). */
  ProgressBar(PrintWriter err, int columns, LongSupplier clock) {
    this.err = err;
    this.columns = Math.max(40, columns);
    this.clock = clock;
  }

  /** A bar when stderr is a terminal and output is for a person, else {@link Progress#NONE}. */
  static Progress forCli(Cli cli) {
    if (cli.quiet() || cli.json() || "dumb".equals(cli.env().get("TERM")) || !stderrIsTerminal()) {
      return Progress.NONE;
    }
    return new ProgressBar(cli.err(), columns(cli.env()));
  }

  /** Linux: what descriptor 2 is open on ({@code /dev/pts/N}, {@code /dev/ttyN}); elsewhere the JVM's console. */
  static boolean stderrIsTerminal() {
    Path fd = Path.of("/proc/self/fd/2");
    if (Files.isSymbolicLink(fd)) {
      try {
        String target = Files.readSymbolicLink(fd).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      } catch (IOException e) {
        return false;
      }
    }
    return System.console() != null;
  }

  @Override
  public synchronized void phase(String name, int total) {
    this.phase = name;
    this.total = total;
    this.done = 0;
    this.expectedBytes = 0;
    transfers.clear();
    if (total > 0) {
      draw("", true);
    }
  }

  @Override
  public synchronized void done(String label) {
    done++;
    draw(label, done == total);
  }

  @Override
  public synchronized void downloading(long bytes) {
    expectedBytes = Math.max(0, bytes);
  }

  @Override
  public synchronized void transferred(String label, long bytes, long total) {
    if (transfers.isEmpty()) {
      firstTransfer = clock.getAsLong();
    }
    long[] t = transfers.computeIfAbsent(label, k -> new long[] {bytes, total, bytes});
    t[0] = bytes;
    t[1] = total;
    draw(label, bytes == total); // throttled, but a finished file always shows
  }

  @Override
  public synchronized void finish() {
    if (drawn) {
      err.print("\r\u001b[K");
      err.flush();
      drawn = false;
    }
  }

  /** The line for the current state (for tests: no terminal needed). */
  synchronized String line(String label) {
    String count = String.format("%" + Integer.toString(total).length() + "d/%d", done, total);
    int width = 20;
    int filled = total == 0 ? width : (int) ((long) done * width / total);
    String head = String.format("%-5s [%s%s] %s ", phase, "#".repeat(filled), ".".repeat(width - filled), count)
        + bytes();
    int room = columns - 1 - head.length();
    String tail = label.length() <= room ? label : room <= 1 ? "" : label.substring(0, room - 1) + "\u2026";
    return head + tail;
  }

  /** {@code 1.2/8.5 MB 3.4 MB/s } while downloading (the rate once a tenth of a second has passed), else empty. */
  private String bytes() {
    if (transfers.isEmpty()) {
      return "";
    }
    long got = 0;
    long known = 0;
    long fresh = 0;
    for (long[] t : transfers.values()) {
      got += t[0];
      known += Math.max(0, t[1]);
      fresh += t[0] - t[2];
    }
    long all = Math.max(expectedBytes, known);
    String unit = unit(Math.max(all, got));
    StringBuilder sb = new StringBuilder(amount(got, unit));
    if (all > 0) {
      sb.append('/').append(amount(all, unit));
    }
    sb.append(' ').append(unit).append(' ');
    long nanos = clock.getAsLong() - firstTransfer;
    if (nanos >= 100_000_000L) {
      long rate = (long) (fresh * 1e9 / nanos);
      String ru = unit(rate);
      sb.append(amount(rate, ru)).append(' ').append(ru).append("/s ");
    }
    return sb.toString();
  }

  private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB"};

  /** The decimal unit (as pip and conda print sizes) that shows {@code n} as 1 to 999.9. */
  static String unit(long n) {
    int i = 0;
    for (double v = n; v >= 999.95 && i < UNITS.length - 1; v /= 1000) {
      i++;
    }
    return UNITS[i];
  }

  /** {@code n} bytes in {@code unit}: whole bytes, else one decimal. */
  static String amount(long n, String unit) {
    int i = java.util.Arrays.asList(UNITS).indexOf(unit);
    return i == 0 ? Long.toString(n) : String.format(java.util.Locale.ROOT, "%.1f", n / Math.pow(1000, i));
  }

  private void draw(String label, boolean force) {
    long now = clock.getAsLong();
    if (!force && drawn && now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    drawn = true;
    err.print("\r" + line(label) + "\u001b[K");
    err.flush();
  }

  /** {@code COLUMNS}, else 80 (also when it is not a number). */
  static int columns(Map<String, String> env) {
    try {
      return Integer.parseInt(env.getOrDefault("COLUMNS", "80").strip());
    } catch (NumberFormatException e) {
      return 80;
    }
  }
}
