package dev.envx.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Python 3 helper script from the test resources as an independent reference (packaging, pip).
 * A test that needs it calls {@link #requireModule(String)}, which skips with a message when python3 or the
 * module is missing.
 */
public final class Python3 {
  private Python3() {}

  /** The result of one run. */
  public record Result(int exit, String out, String err) {}

  /** {@code python3} from PATH, else Debian's {@code /usr/bin/python3}. */
  public static String executable() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "python3"))) {
        return Path.of(dir, "python3").toString();
      }
    }
    return "/usr/bin/python3";
  }

  /** Skips the test unless {@code python3 -c "import <module>"} works (a fallback {@code a|b} tries both). */
  public static void requireModule(String modules) {
    boolean ok = false;
    for (String m : modules.split("\\|")) {
      ok |= run(List.of("-c", "import " + m), null).exit == 0;
    }
    boolean found = ok;
    assumeTrue(found, () -> "skipped: `" + executable() + "` with the Python module `" + modules
        + "` is needed (apt-get install python3-packaging or python3-pip)");
  }

  /** Runs {@code python3 ARGS...}, with {@code stdin} (may be null); stdout and stderr as UTF-8. */
  public static Result run(List<String> args, String stdin) {
    List<String> cmd = new ArrayList<>();
    cmd.add(executable());
    cmd.addAll(args);
    try {
      Process p = new ProcessBuilder(cmd).start();
      if (stdin != null) {
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      p.getOutputStream().close();
      var out = readAsync(p.getInputStream());
      var err = readAsync(p.getErrorStream());
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, "", "timed out");
      }
      return new Result(p.exitValue(), out.get(), err.get());
    } catch (IOException e) {
      return new Result(-1, "", String.valueOf(e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "", "interrupted");
    } catch (java.util.concurrent.ExecutionException e) {
      return new Result(-1, "", String.valueOf(e.getCause()));
    }
  }

  /** Runs a script from the test class path ({@code /dev/envx/...py}) with arguments. */
  public static Result script(String resource, List<String> args, String stdin) {
    try (InputStream in = Python3.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + resource);
      }
      String code = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String> a = new ArrayList<>();
      a.add("-c");
      a.add(code);
      a.addAll(args);
      return run(a, stdin);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static java.util.concurrent.Future<String> readAsync(InputStream in) {
    var f = new java.util.concurrent.FutureTask<>(() -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
    Thread t = new Thread(f, "python3-reader");
    t.setDaemon(true);
    t.start();
    return f;
  }
}
