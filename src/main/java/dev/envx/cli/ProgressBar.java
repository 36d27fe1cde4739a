package dev.envx.cli;

import dev.envx.install.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A one-line progress bar on stderr, redrawn in place ({@code \r}, erase to the end of the line) and erased when
 * the work ends: {@code fetch [#######.............]  7/21 openssl-3.3.1-h4ab18f5_1}. Only on a terminal, and
 * never with {@code --quiet} or {@code --json} ({@link #forCli}).
 */
final class ProgressBar implements Progress {
  private static final long REDRAW_NANOS = 50_000_000L;

  private final PrintWriter err;
  private final int columns;
  private String phase = "";
  private int total;
  private int done;
  private long lastDraw;
  private boolean drawn;

  ProgressBar(PrintWriter err, int columns) {
    this.err = err;
    this.columns = Math.max(40, columns);
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
    String head = String.format("%-5s [%s%s] %s ", phase, "#".repeat(filled), ".".repeat(width - filled), count);
    int room = columns - 1 - head.length();
    String tail = label.length() <= room ? label : room <= 1 ? "" : label.substring(0, room - 1) + "\u2026";
    return head + tail;
  }

  private void draw(String label, boolean force) {
    long now = System.nanoTime();
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
