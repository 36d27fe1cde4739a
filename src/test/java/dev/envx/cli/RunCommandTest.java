package dev.envx.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.envx.testing.ChildJvm;
import dev.envx.testing.CliRun;
import dev.envx.testing.LocalChannelLock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code envx run} and {@code envx shell-hook} as whole processes (a child JVM), over an environment installed
 * from the real local conda-forge channel: its binaries run by name, activate.d scripts and the manifest's
 * variables take effect, exit statuses and signals pass through.
 */
class RunCommandTest {
  @TempDir static Path tmp;
  static Path project;
  static Path prefix;

  /** Installs the channel's native packages into {@code project/.envx/envs/default} beside an environment.yml. */
  @BeforeAll
  static void install() throws Exception {
    assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "skipped: linux-64 binaries");
    String lock = LocalChannelLock.natives();
    project = Files.createDirectories(tmp.resolve("project"));
    Files.writeString(project.resolve("environment.yml"), "name: demo\nchannels: [conda-forge]\n"
        + "dependencies: [openssl, xz]\nvariables:\n  ENVX_FROM_MANIFEST: \"it's set\"\n");
    Path lockFile = Files.writeString(project.resolve("env.txt"), lock);
    prefix = project.resolve(".envx/envs/default");
    CliRun run = CliRun.runWithInput("", Map.of("ENVX_CACHE_DIR", tmp.resolve("cache").toString()), "install",
        lockFile.toString(), "-p", prefix.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    Path d = Files.createDirectories(prefix.resolve("etc/conda/activate.d"));
    Files.writeString(d.resolve("envx-test.sh"), "export ENVX_FROM_SCRIPT=\"script saw $CONDA_PREFIX\"\n");
  }

  private record Ran(int code, String out, String err) {}

  private static Ran envx(String... args) throws Exception {
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    Process p = ChildJvm.envx(Files.createDirectories(project.resolve("sub")), Map.of(), List.of(args))
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Ran(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void binariesRunByNameInTheDefaultPrefixFoundFromASubdirectory() throws Exception {
    Ran openssl = envx("run", "--", "openssl", "version");
    assertThat(openssl.code()).as(openssl.err()).isZero();
    assertThat(openssl.out()).startsWith("OpenSSL 3.3.1");
    Ran xz = envx("run", "xz", "--version"); // no `--`: the command's options stay its own
    assertThat(xz.code()).as(xz.err()).isZero();
    assertThat(xz.out()).contains("xz (XZ Utils) 5.2.6");
  }

  @Test
  void activationScriptsAndManifestVariablesTakeEffect() throws Exception {
    Ran r = envx("run", "--", "sh", "-c",
        "echo \"$ENVX_FROM_SCRIPT|$ENVX_FROM_MANIFEST|$CONDA_PREFIX|$CONDA_DEFAULT_ENV|${PATH%%:*}\"");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().strip()).isEqualTo("script saw " + prefix + "|it's set|" + prefix + "|default|"
        + prefix.resolve("bin"));
  }

  @Test
  void theCommandsExitStatusIsEnvxs() throws Exception {
    assertThat(envx("run", "--", "sh", "-c", "exit 7").code()).isEqualTo(7);
    assertThat(envx("run", "--", "sh", "-c", "kill -9 $$").code()).isEqualTo(128 + 9);
    Ran missing = envx("run", "-p", prefix.toString(), "--", "no-such-command-envx");
    assertThat(missing.code()).isEqualTo(127);
    assertThat(missing.err()).contains("no-such-command-envx");
    Ran noEnv = envx("run", "-p", tmp.resolve("nowhere").toString(), "--", "true");
    assertThat(noEnv.code()).isEqualTo(1);
    assertThat(noEnv.err()).contains("is not an installed environment", "hint: install it first");
  }

  @Test
  void termAndIntSentToEnvxReachTheCommand() throws Exception {
    for (String sig : List.of("TERM", "INT")) {
      Process p = ChildJvm.envx(project, Map.of(), List.of("run", "--", "sh", "-c",
          "trap 'echo got " + sig + "; exit 42' " + sig + "; echo ready; while :; do sleep 0.05; done"))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("ready");
      Process kill = new ProcessBuilder("kill", "-s", sig, Long.toString(p.pid())).start();
      assertThat(kill.waitFor()).isZero();
      assertThat(out.readLine()).isEqualTo("got " + sig);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(sig).isEqualTo(42);
    }
  }

  @Test
  void shellHookEvaluatedByBashActivatesTheEnvironment() throws Exception {
    Ran hook = envx("shell-hook", "--shell", "bash");
    assertThat(hook.code()).as(hook.err()).isZero();
    Path f = Files.writeString(tmp.resolve("hook.sh"), hook.out());
    ProcessBuilder pb = new ProcessBuilder("bash", "--norc", "--noprofile", "-c",
        "eval \"$(cat '" + f + "')\" && echo \"$ENVX_FROM_SCRIPT|$ENVX_FROM_MANIFEST\" && openssl version");
    Process p = pb.redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(hook.out()).isZero();
    assertThat(out).startsWith("script saw " + prefix + "|it's set\nOpenSSL 3.3.1");
    Ran json = envx("--json", "shell-hook", "--shell", "fish");
    assertThat(json.out()).contains("\"CONDA_PREFIX\" : \"" + prefix + "\"", "\"scripts\" : [ ]");
    Ran bad = envx("shell-hook", "--shell", "tcsh");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("unknown shell `tcsh`", "bash, zsh, fish, powershell");
  }

}
