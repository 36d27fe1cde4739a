package dev.envx.activate;

import dev.envx.diag.Diagnostic;
import dev.envx.diag.EnvxException;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a command in an activated environment, as {@code micromamba run} does: when the environment has
 * activation scripts, through {@code bash} (else {@code /bin/sh}) that sources them and then {@code exec}s the
 * command; without scripts the command is started directly, found on the activated {@code PATH}. The
 * command's exit status is the result (128 + N when a signal N ended it). While it runs, {@code SIGTERM},
 * {@code SIGHUP}, {@code SIGINT} and {@code SIGQUIT} sent to envx are passed on to it; a terminal's
 * {@code Ctrl-C} reaches the command directly (it is in envx's foreground process group), so envx then waits
 * for it instead of passing the signal on a second time.
 */
public final class Runner {
  /** What the command's standard streams are connected to. */
  public record Streams(Redirect in, Redirect out, Redirect err) {
    public static final Streams INHERIT = new Streams(Redirect.INHERIT, Redirect.INHERIT, Redirect.INHERIT);

    public Streams {
      Objects.requireNonNull(in, "in");
      Objects.requireNonNull(out, "out");
      Objects.requireNonNull(err, "err");
    }
  }

  /** The exit status shells give a command they cannot find. */
  public static final int NOT_FOUND = 127;

  private static final List<String> FORWARDED = List.of("TERM", "HUP", "INT", "QUIT");

  private Runner() {}

  /**
   * The process to start: the program and its arguments, with the environment it gets.
   *
   * @param base the environment envx runs in
   */
  public static ProcessBuilder builder(Activation activation, List<String> command, Map<String, String> base) {
    return builder(activation, command, base, null);
  }

  /**
   * As {@link #builder(Activation, List, Map)}; on Windows with {@code .bat} activation scripts the command
   * runs as {@code cmd.exe /d /c BATCH} where {@code batch} is to hold {@link #batch}'s text (the caller writes
   * it), else that case is an error.
   */
  static ProcessBuilder builder(Activation activation, List<String> command, Map<String, String> base,
      Path batch) {
    if (command.isEmpty()) {
      throw EnvxException.input("no command to run", null, "put it after `--`: `envx run -- python -V`");
    }
    Map<String, String> env = activation.environment(base);
    List<Path> scripts = activation.scripts(Shell.BASH);
    List<String> argv = new ArrayList<>();
    if (activation.windows() && !batScripts(activation).isEmpty()) {
      if (batch == null) {
        throw new IllegalArgumentException("a batch file is needed for the .bat activation scripts");
      }
      argv.add(cmdExe(env));
      argv.addAll(List.of("/d", "/c", batch.toString()));
      ProcessBuilder pb = new ProcessBuilder(argv);
      pb.environment().clear();
      pb.environment().putAll(env);
      return pb;
    } else if (activation.windows()) {
      argv.add(resolve(command.get(0), env, true));
    } else if (scripts.isEmpty()) {
      argv.add(resolve(command.get(0), env, false));
    } else {
      String shell = find("bash", env.get("PATH"), false);
      argv.add(shell != null ? shell : "/bin/sh");
      argv.add("-c");
      StringBuilder sb = new StringBuilder();
      for (Path s : scripts) {
        sb.append(Shell.BASH.source(s.toString())).append('\n');
      }
      sb.append("exec \"$@\"\n");
      argv.add(sb.toString());
      argv.add(command.get(0)); // $0
      argv.add(command.get(0));
    }
    argv.addAll(command.subList(1, command.size()));
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().clear();
    pb.environment().putAll(env);
    return pb;
  }

  /** The {@code etc/conda/activate.d} scripts cmd.exe runs ({@code *.bat}), in file-name order. */
  static List<Path> batScripts(Activation activation) {
    return activation.scripts().stream()
        .filter(f -> f.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".bat")).toList();
  }

  /** The batch file that activates with the {@code .bat} scripts and runs the command ({@link CmdScript}). */
  public static String batch(Activation activation, List<String> command, Map<String, String> base) {
    Map<String, String> env = activation.environment(base);
    return CmdScript.of(batScripts(activation), resolve(command.get(0), env, true),
        command.subList(1, command.size()));
  }

  /** {@code %ComSpec%} (cmd.exe's path, whatever the case of the name), else {@code cmd.exe} on the PATH. */
  private static String cmdExe(Map<String, String> env) {
    return env.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("ComSpec")).map(Map.Entry::getValue)
        .filter(v -> !v.isBlank()).findFirst().orElse("cmd.exe");
  }

  /** Runs the command and returns its exit status. */
  public static int run(Activation activation, List<String> command, Map<String, String> base, Streams streams) {
    Path batch = null;
    if (activation.windows() && !command.isEmpty() && !batScripts(activation).isEmpty()) {
      try {
        batch = Files.createTempFile("envx-run-", ".bat");
        Files.writeString(batch, batch(activation, command, base), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw EnvxException.failure("cannot write the activation batch file: " + e.getMessage());
      }
    }
    try {
      return run(builder(activation, command, base, batch), command, streams);
    } finally {
      if (batch != null) {
        try {
          Files.deleteIfExists(batch);
        } catch (IOException e) {
          // a temporary file left behind; the system's temp cleaner takes it
        }
      }
    }
  }

  private static int run(ProcessBuilder builder, List<String> command, Streams streams) {
    ProcessBuilder pb = builder.redirectInput(streams.in())
        .redirectOutput(streams.out()).redirectError(streams.err());
    Forwarder forwarder = new Forwarder();
    List<Runnable> restore = forwardSignals(forwarder); // before the start: no signal falls between the two
    boolean interrupted = false;
    try {
      Process p;
      try {
        p = pb.start();
      } catch (IOException e) {
        throw new EnvxException(NOT_FOUND, Diagnostic.error("cannot run `" + command.get(0) + "`: "
            + reason(e), null));
      }
      forwarder.started(p);
      while (true) {
        try {
          return p.waitFor();
        } catch (InterruptedException e) {
          interrupted = true; // keep waiting: the command decides when it ends
        }
      }
    } finally {
      restore.forEach(Runnable::run);
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Signals for a process that may not be started yet: those are passed on as soon as it is. */
  private static final class Forwarder {
    private Process process;
    private final List<String> pending = new ArrayList<>();

    synchronized void started(Process p) {
      process = p;
      pending.forEach(s -> forward(p, s));
      pending.clear();
    }

    synchronized void signal(String name) {
      if (process == null) {
        pending.add(name);
      } else {
        forward(process, name);
      }
    }
  }

  private static String reason(IOException e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    int i = m.indexOf("error=");
    return i >= 0 ? m.substring(i) : m;
  }

  /** {@code program} as the path the activated environment runs: a name is looked up on its {@code PATH}. */
  static String resolve(String program, Map<String, String> env, boolean windows) {
    if (program.contains("/") || (windows && program.contains("\\"))) {
      return program;
    }
    String path = env.get("PATH");
    if (path == null && windows) {
      path = env.get("Path");
    }
    String found = find(program, path, windows);
    if (found == null) {
      throw new EnvxException(NOT_FOUND, Diagnostic.error("command not found: `" + program + "`", null,
          "it is on neither the environment's PATH nor the one envx runs with"));
    }
    return found;
  }

  private static String find(String program, String path, boolean windows) {
    if (path == null) {
      return null;
    }
    List<String> exts = windows ? List.of("", ".exe", ".bat", ".cmd") : List.of("");
    for (String dir : path.split(windows ? ";" : ":")) {
      if (dir.isEmpty()) {
        continue; // an empty entry (the current directory) is not searched
      }
      for (String ext : exts) {
        Path f = Path.of(dir, program + ext);
        if (Files.isRegularFile(f) && Files.isExecutable(f)) {
          return f.toString();
        }
      }
    }
    return null;
  }

  /**
   * Passes the signals envx receives on to the command while it runs; returns what puts the previous handlers
   * back. A signal the platform does not have (Windows) is left alone.
   */
  @SuppressWarnings("removal")
  private static List<Runnable> forwardSignals(Forwarder p) {
    List<Runnable> restore = new ArrayList<>();
    for (String name : FORWARDED) {
      try {
        sun.misc.Signal sig = new sun.misc.Signal(name);
        sun.misc.SignalHandler previous = sun.misc.Signal.handle(sig, s -> p.signal(name));
        restore.add(() -> sun.misc.Signal.handle(sig, previous));
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        // no such signal here, or the VM keeps it (e.g. -Xrs): it is not forwarded
      }
    }
    return restore;
  }

  private static void forward(Process p, String signal) {
    if ((signal.equals("INT") || signal.equals("QUIT")) && inForegroundOfTerminal()) {
      return; // the terminal sent it to the whole process group, the command included
    }
    if (signal.equals("TERM")) {
      p.destroy(); // SIGTERM
      return;
    }
    try {
      new ProcessBuilder("kill", "-s", signal, Long.toString(p.pid())).redirectErrorStream(true)
          .redirectOutput(Redirect.DISCARD).start().waitFor();
    } catch (IOException e) {
      p.destroy(); // no kill(1): end it the one way Java can
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Whether envx's process group is its terminal's foreground group (Linux: {@code /proc/self/stat}'s
   * {@code pgrp} and {@code tpgid}); where that cannot be read, false, so signals are passed on.
   */
  static boolean inForegroundOfTerminal() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return f.length > 5 && !f[5].equals("-1") && f[2].equals(f[5]);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
