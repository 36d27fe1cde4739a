package dev.envx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.testing.CliRun;
import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void versionPrintsVersionAndExitsZero() {
    CliRun r = CliRun.run("--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("envx ");
  }

  @Test
  void helpListsCommands() {
    CliRun r = CliRun.run("--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Usage: envx").contains("completion", "convert", "export", "solve", "spec",
        "mapping");
    assertThat(CliRun.run("--json").out()).contains("convert", "solve");
  }

  @Test
  void unknownSubcommandIsUsageError() {
    CliRun r = CliRun.run("frobnicate");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: ").contains("hint: see `envx --help`");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void completionBashAndZsh() {
    CliRun bash = CliRun.run("completion", "bash");
    assertThat(bash.exitCode()).isZero();
    assertThat(bash.out()).contains("complete -F").contains("envx");
    // the script lists every command, even though a named command alone is built for other runs
    assertThat(bash.out()).contains("convert", "export", "solve", "spec", "mapping");
    CliRun zsh = CliRun.run("completion", "zsh");
    assertThat(zsh.out()).startsWith("#compdef envx").contains("bashcompinit");
    assertThat(CliRun.run("completion", "fish").exitCode()).isEqualTo(2);
  }

  @Test
  void everySubcommandHasHelp() {
    for (String[] args : new String[][] {{"spec", "--help"}, {"spec", "conda", "-h"}, {"mapping", "--help"},
        {"completion", "--help"}}) {
      CliRun r = CliRun.run(args);
      assertThat(r.exitCode()).as(String.join(" ", args)).isZero();
      assertThat(r.out()).as(String.join(" ", args)).contains("Usage: envx");
    }
  }

  /** An injected stdout that fails like a full disk: exit 1 and the OS's reason, never exit 0. */
  @Test
  void aFailedWriteToStandardOutputExitsOneWithTheReason() {
    java.io.OutputStream full = failing("No space left on device");
    for (String[] args : java.util.List.of(new String[] {"spec", "conda", "numpy>=1"},
        new String[] {"convert", "testdata/convert/basic/environment.yml", "-o", "-"},
        new String[] {"spec", "sort", "--pypi", "1.0", "2.0"}, new String[] {"--help"})) {
      java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
      int code = Main.forStreams(full, err, java.io.InputStream.nullInputStream(),
          java.util.Map.of("NO_COLOR", "1")).run(args);
      assertThat(code).as(String.join(" ", args)).isEqualTo(1);
      assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
          .endsWith("error: cannot write to standard output: no space left on device\n");
    }
  }

  @Test
  void aClosedPipeExitsOneQuietly() {
    java.io.OutputStream closed = failing("Broken pipe");
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int code = Main.forStreams(closed, err, java.io.InputStream.nullInputStream(), java.util.Map.of())
        .run("spec", "conda", "numpy");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
  }

  /** A stream whose every write fails with an {@link java.io.IOException} of this message, as the OS words it. */
  private static java.io.OutputStream failing(String reason) {
    return new java.io.OutputStream() {
      @Override
      public void write(int b) throws java.io.IOException {
        throw new java.io.IOException(reason);
      }

      @Override
      public void write(byte[] b, int off, int len) throws java.io.IOException {
        throw new java.io.IOException(reason);
      }
    };
  }

  @Test
  void completionOffersTheValuesOfEveryFixedValueOption() {
    String script = CliRun.run("completion", "bash").out();
    assertThat(script).contains("(\"envx\" \"pixi\" \"conda-lock\") # --style values")
        .contains("(\"strict\" \"flexible\" \"disabled\") # --channel-priority values")
        .containsPattern("\\([^)]*\"linux-64\" [^)]*\"win-64\"[^)]*\\) # --platform values");
    assertThat(CliRun.run("completion", "--help").out()).contains("\"${fpath[1]}/_envx\"").doesNotContain("null");
  }

  /** main() returns instead of System.exit(0) only when no other thread would keep the JVM alive. */
  @Test
  void aLiveNonDaemonThreadIsNoticedAndADaemonOneIsNot() throws Exception {
    ThreadGroup group = new ThreadGroup("main-test");
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    boolean[] seen = new boolean[3];
    Thread self = new Thread(group, () -> {
      seen[0] = Main.nonDaemonThreadsBesides(Thread.currentThread());
      Thread daemon = new Thread(group, () -> awaitQuietly(release));
      daemon.setDaemon(true);
      daemon.start();
      seen[1] = Main.nonDaemonThreadsBesides(Thread.currentThread());
      Thread worker = new Thread(group, () -> awaitQuietly(release));
      worker.setDaemon(false);
      worker.start();
      seen[2] = Main.nonDaemonThreadsBesides(Thread.currentThread());
      release.countDown();
    });
    self.start();
    self.join();
    assertThat(seen).containsExactly(false, false, true);
  }

  private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
