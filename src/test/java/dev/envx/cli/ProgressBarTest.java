package dev.envx.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.envx.testing.ChildJvm;
import dev.envx.testing.SharedData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The install progress bar: its line, and that it shows on a terminal (a pty from script(1)) and nowhere else. */
class ProgressBarTest {
  @TempDir Path tmp;

  @Test
  void theLineFitsTheWidthAndTheBarFillsWithTheCount() {
    StringWriter sw = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(sw), 50);
    bar.phase("link", 4);
    bar.done("a");
    assertThat(bar.line("libzlib-1.3.1-h4ab18f5_1")).isEqualTo("link  [#####...............] 1/4 libzlib-1.3.1-h\u2026")
        .hasSize(49);
    bar.done("b");
    bar.done("c");
    bar.done("d");
    assertThat(bar.line("d")).isEqualTo("link  [####################] 4/4 d");
    bar.finish();
    assertThat(sw.toString()).startsWith("\rlink  [....................] 0/4 \u001b[K").endsWith("\r\u001b[K");
  }

  @Test
  void whileDownloadingTheLineShowsBytesAndRate() {
    StringWriter sw = new StringWriter();
    AtomicLong now = new AtomicLong();
    ProgressBar bar = new ProgressBar(new PrintWriter(sw), 80, now::get);
    bar.phase("fetch", 3);
    bar.downloading(2_500_000);
    assertThat(bar.line("a")).isEqualTo("fetch [....................] 0/3 a");
    bar.transferred("a", 0, 1_500_000);
    assertThat(bar.line("a")).isEqualTo("fetch [....................] 0/3 0.0/2.5 MB a");
    now.addAndGet(1_000_000_000L);
    bar.transferred("a", 1_000_000, 1_500_000);
    assertThat(bar.line("a")).isEqualTo("fetch [....................] 0/3 1.0/2.5 MB 1.0 MB/s a");
    // a resumed download: what the file already had counts as done, not towards the rate
    bar.transferred("b", 800_000, 1_000_000);
    now.addAndGet(1_000_000_000L);
    bar.transferred("b", 1_000_000, 1_000_000);
    bar.transferred("a", 1_500_000, 1_500_000);
    bar.done("a");
    assertThat(bar.line("b")).isEqualTo("fetch [######..............] 1/3 2.5/2.5 MB 850.0 kB/s b");
    // more than the lock's sizes said (a download whose size the lock did not give)
    bar.transferred("c", 900_000, 1_000_000);
    assertThat(bar.line("c")).startsWith("fetch [######..............] 1/3 3.4/3.5 MB ");
    bar.phase("link", 3);
    assertThat(bar.line("a")).isEqualTo("link  [....................] 0/3 a");
    bar.finish();
    // the completed files were drawn at once, whatever the throttle
    assertThat(sw.toString()).contains("2.0/2.5 MB 600.0 kB/s b\u001b[K", "2.5/2.5 MB 850.0 kB/s a\u001b[K");
  }

  @Test
  void sizesInDecimalUnits() {
    assertThat(ProgressBar.unit(999)).isEqualTo("B");
    assertThat(ProgressBar.amount(999, "B")).isEqualTo("999");
    assertThat(ProgressBar.unit(1000)).isEqualTo("kB");
    assertThat(ProgressBar.amount(1000, "kB")).isEqualTo("1.0");
    assertThat(ProgressBar.amount(999_949, ProgressBar.unit(999_949))).isEqualTo("999.9");
    assertThat(ProgressBar.unit(999_950)).isEqualTo("MB");
    assertThat(ProgressBar.amount(3_318_875, "MB")).isEqualTo("3.3");
    assertThat(ProgressBar.unit(Long.MAX_VALUE)).isEqualTo("TB");
  }

  @Test
  void aDownloadShowsItsBytesOnATerminalOnly() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "skipped: no script(1) to make a terminal");
    Path dir = SharedData.require("packages/conda-forge-local-channel/linux-64");
    List<String> files = List.of("libzlib-1.3.1-h4ab18f5_1.conda", "xz-5.2.6-h166bdaf_0.tar.bz2");
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          String name = request.getPath().substring(request.getPath().lastIndexOf('/') + 1);
          if (!files.contains(name)) {
            return new MockResponse().setResponseCode(404);
          }
          try {
            // slow enough (about half a second for xz) that the rate shows
            return new MockResponse().setBody(new Buffer().write(Files.readAllBytes(dir.resolve(name))))
                .throttleBody(64 * 1024, 80, TimeUnit.MILLISECONDS);
          } catch (java.io.IOException e) {
            return new MockResponse().setResponseCode(500);
          }
        }
      });
      server.start();
      StringBuilder lock = new StringBuilder("# platform: linux-64\n@EXPLICIT\n");
      for (String f : files) {
        lock.append(server.url("/linux-64/" + f)).append('\n');
      }
      Path lockFile = Files.writeString(tmp.resolve("remote.txt"), lock);
      String tty = inPty(List.of("install", lockFile.toString(), "-p", tmp.resolve("a").toString()));
      assertThat(tty).containsPattern("\rfetch \\[[#.]{20}\\] [0-2]/2 [0-9.]+/[0-9.]+ kB [0-9.]+ [kM]?B/s ")
          .contains(tmp.resolve("a") + ": installed;");
      for (String quiet : List.of("--quiet", "--json")) {
        assertThat(inPty(List.of(quiet, "install", lockFile.toString(), "-p", tmp.resolve(quiet).toString())))
            .doesNotContain("fetch [", " kB");
      }
      assertNothingOnStderrOffATerminal(lockFile);
      assertThat(server.getRequestCount()).isEqualTo(8); // each install into its own empty cache
    }
  }

  @Test
  void onATerminalOnlyAndNeverWithQuietOrJson() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "skipped: no script(1) to make a terminal");
    Path dir = SharedData.require("packages/conda-forge-local-channel/linux-64");
    Path lock = Files.writeString(tmp.resolve("env.txt"), "# platform: linux-64\n@EXPLICIT\n"
        + dir.resolve("libzlib-1.3.1-h4ab18f5_1.conda").toUri() + "\n"
        + dir.resolve("xz-5.2.6-h166bdaf_0.tar.bz2").toUri() + "\n");
    String tty = inPty(List.of("install", lock.toString(), "-p", tmp.resolve("a").toString()));
    assertThat(tty).contains("\rfetch [", "\rlink  [", "] 2/2 ", "\r\u001b[K", tmp.resolve("a") + ": installed;");
    assertThat(inPty(List.of("--quiet", "install", lock.toString(), "-p", tmp.resolve("b").toString())))
        .doesNotContain("fetch [", "link  [");
    assertThat(inPty(List.of("--json", "install", lock.toString(), "-p", tmp.resolve("c").toString())))
        .doesNotContain("fetch [", "link  [");
    assertNothingOnStderrOffATerminal(lock);
  }

  /** Not a terminal: an install prints nothing on stderr. */
  private void assertNothingOnStderrOffATerminal(Path lock) throws Exception {
    Process p = ChildJvm.envx(tmp, env(), List.of("install", lock.toString(), "-p", tmp.resolve("d").toString()))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isZero();
    assertThat(err).isEmpty();
  }

  private Map<String, String> env() {
    return Map.of("ENVX_CACHE_DIR", tmp.resolve("cache-" + System.nanoTime()).toString(), "TERM", "xterm",
        "no_proxy", "*");
  }

  /** Runs envx with a pseudo-terminal as its stdout and stderr; returns what the terminal got. */
  private String inPty(List<String> args) throws Exception {
    List<String> cmd = ChildJvm.envx(tmp, Map.of(), args).command();
    String line = cmd.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of("/usr/bin/script", "-q", "-e", "-c", line,
        "/dev/null"))).directory(tmp.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).redirectErrorStream(true);
    pb.environment().putAll(env());
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
