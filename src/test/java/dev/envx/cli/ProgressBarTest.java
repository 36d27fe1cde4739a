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
import java.util.stream.Collectors;
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
    // not a terminal: nothing on stderr
    Process p = ChildJvm.envx(tmp, env(), List.of("install", lock.toString(), "-p", tmp.resolve("d").toString()))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isZero();
    assertThat(err).isEmpty();
  }

  private Map<String, String> env() {
    return Map.of("ENVX_CACHE_DIR", tmp.resolve("cache-" + System.nanoTime()).toString(), "TERM", "xterm");
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
