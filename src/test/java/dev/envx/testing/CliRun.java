package dev.envx.testing;

import dev.envx.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs the CLI in-process and captures exit code, stdout and stderr. */
public record CliRun(int exitCode, String out, String err) {
  public static CliRun run(String... args) {
    return runWithInput("", Map.of(), args);
  }

  public static CliRun runWithInput(String stdin, Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new Main(new PrintWriter(out), new PrintWriter(err),
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), env).run(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
