package dev.envx.cli;

import dev.envx.testing.Golden;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.testing.CliRun;
import dev.envx.testing.MirrorServer;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * End-to-end snapshots of the CLI: each {@code testdata/cli/cases/NAME.args} (one argument per line, optional
 * {@code NAME.stdin}, optional {@code NAME.serve}: a folder served over HTTP while it runs, {@code {server}} in the
 * arguments) is run in-process from the project root and its exit code, stdout and stderr are compared with
 * {@code NAME.expected}. Regenerate with {@code -Denvx.update-golden=true} and review the diff.
 */
class CliSnapshotTest {
  private static final Path CASES = SharedData.projectRoot().resolve("testdata/cli/cases");

  @TempDir static Path home;

  static Stream<String> cases() throws IOException {
    try (Stream<Path> s = Files.list(CASES)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".args"))
          .map(n -> n.substring(0, n.length() - ".args".length())).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesSnapshot(String name) throws IOException {
    List<String> args = Files.readAllLines(CASES.resolve(name + ".args"), StandardCharsets.UTF_8);
    Path stdinFile = CASES.resolve(name + ".stdin");
    String stdin = Files.exists(stdinFile) ? Files.readString(stdinFile) : "";
    // no user cache or config leaks into the answers; no colors
    Map<String, String> env = Map.of("ENVX_CACHE_DIR", home.resolve("cache").toString(),
        "ENVX_CONFIG_DIR", home.resolve("config").toString(), "NO_COLOR", "1");
    // NAME.serve: a folder served over HTTP by mockwebserver (MirrorServer) while the case runs, `{server}` in
    // the arguments being its base URL
    Path serveFile = CASES.resolve(name + ".serve");
    MirrorServer server = Files.exists(serveFile)
        ? new MirrorServer(SharedData.projectRoot().resolve(Files.readString(serveFile).strip()).normalize()) : null;
    String base = server == null ? null : server.indexUrl(null).replaceFirst("/simple/$", "");
    CliRun r;
    try {
      r = CliRun.runWithInput(stdin, env, args.stream().map(a -> base == null ? a : a.replace("{server}", base))
          .toArray(String[]::new));
    } finally {
      if (server != null) {
        server.close();
      }
    }
    String actual = ("exit: " + r.exitCode() + "\n--- stdout\n" + r.out() + "--- stderr\n" + r.err())
        .replace(base == null ? "{server}" : base, "http://<server>")
        .replace(SharedData.root().toUri().toString(), "file://<shared>/")
        .replace("file:" + SharedData.root() + "/", "file://<shared>/")
        .replace(SharedData.projectRoot().toString(), "<root>"); // absolute paths differ between clones
    Path expected = CASES.resolve(name + ".expected");
    Golden.check(expected, actual);
  }
}
