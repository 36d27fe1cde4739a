package dev.envx.cli;

import dev.envx.diag.Diagnostic;
import dev.envx.diag.EnvxException;
import dev.envx.diag.IoErrors;
import dev.envx.io.CheckedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Entry point. {@link #run} never exits the JVM, so tests call it directly with their own streams; only
 * {@link #main} calls {@code System.exit} (for 0 only when another thread would keep the JVM alive).
 */
public final class Main {
  private final PrintWriter out;
  private final PrintWriter err;
  private final InputStream in;
  private final Map<String, String> env;
  private final CheckedOutputStream stdout;
  private final CommandModel commands; // null: the build's descriptor (CommandModel.embedded())

  public Main(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env) {
    this(out, err, in, env, null, null);
  }

  /** envx building its command lines with {@code commands} (tests: the descriptor against the annotations). */
  Main(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env, CommandModel commands) {
    this(out, err, in, env, null, commands);
  }

  private Main(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env,
      CheckedOutputStream stdout, CommandModel commands) {
    this.out = out;
    this.err = err;
    this.in = in;
    this.env = env;
    this.stdout = stdout;
    this.commands = commands;
  }

  /**
   * envx on byte streams: a failed write or flush of {@code out} ends the run with exit 1 and "cannot write to
   * standard output: REASON" on {@code err} (a closed pipe, as in {@code envx … | head}, exits 1 quietly).
   */
  public static Main forStreams(OutputStream out, OutputStream err, InputStream in, Map<String, String> env) {
    CheckedOutputStream checked = new CheckedOutputStream(out);
    return new Main(new PrintWriter(new OutputStreamWriter(checked, StandardCharsets.UTF_8)),
        new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8)), in, env, checked, null);
  }

  public static void main(String[] args) {
    // the file descriptor itself: System.out is a PrintStream, which hides write errors
    int code = forStreams(new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err),
        System.in, System.getenv()).run(args);
    if (code != 0 || nonDaemonThreadsBesides(Thread.currentThread())) {
      System.exit(code);
    }
    // 0 and nothing else running: returning ends the JVM as System.exit(0) would (shutdown hooks included),
    // without Runtime.exit's logging (JDK 21+), whose logger lookup scans the class path's service files and so
    // opens the jar's 9,000-entry central directory (~10 ms of every run)
  }

  /** Whether a thread other than {@code self} would keep the JVM alive after {@code main} returns. */
  static boolean nonDaemonThreadsBesides(Thread self) {
    ThreadGroup group = self.getThreadGroup();
    Thread[] threads = new Thread[group.activeCount() + 16];
    int n = group.enumerate(threads, true);
    for (int i = 0; i < n; i++) {
      if (threads[i] != self && threads[i].isAlive() && !threads[i].isDaemon()) {
        return true;
      }
    }
    return n == threads.length; // more threads than room: do not guess
  }

  /** Runs envx with the given arguments and returns the exit code (0 ok, 1 failure, 2 usage). */
  public int run(String... args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      out.println(new VersionProvider().getVersion()[0]); // start-up: no command model to build
      out.flush();
      return 0;
    }
    EnvxCommand top = new EnvxCommand();
    CommandModel model = commands != null ? commands : CommandModel.embedded(); // start-up: no annotation read
    Cli cli = new Cli(out, err, in, env, top.global, model);
    String named = Subcommands.firstWord(args);
    if (named != null && Mappers.EARLY.contains(named)) {
      cli.mappingLoad(); // in parallel with building and parsing the command line
    }
    CommandLine cl = model.commandLine(top, CommandLine.defaultFactory());
    Subcommands.register(cl, cli, args);
    cl.registerConverter(Path.class, Main::path); // after the subcommands: picocli gives it to those added so far
    addHelpOptions(cl);
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler((ex, a) -> {
      CommandLine c = ex.getCommandLine();
      String hint = "see `" + c.getCommandSpec().qualifiedName() + " --help`";
      List<String> hints = new java.util.ArrayList<>();
      String raw = ex.getMessage();
      if (raw != null && raw.regionMatches(true, 0, "error: ", 0, 7)) {
        raw = raw.substring(7); // picocli's own prefix on some messages ("Error: Missing required argument ...")
      }
      String message = Diagnostic.lowerFirst(raw, "invalid usage");
      if (ex instanceof CommandLine.UnmatchedArgumentException u) {
        List<String> unmatched = u.getUnmatched();
        if (!c.getSubcommands().isEmpty() && !unmatched.isEmpty() && !unmatched.get(0).startsWith("-")) {
          message = "unknown command `" + unmatched.get(0) + "`";
        }
        if (!u.getSuggestions().isEmpty()) { // picocli's closest match first
          hints.add("did you mean `" + u.getSuggestions().get(0) + "`?");
        }
      }
      hints.add(hint);
      cli.report(List.of(Diagnostic.error(message, null, hints.toArray(String[]::new))));
      return EnvxException.USAGE;
    });
    cl.setExecutionExceptionHandler((ex, c, parsed) -> handle(ex, cli));
    int code = cl.execute(args);
    out.flush();
    if (stdout != null && stdout.failure() != null) {
      code = stdoutFailed(stdout.failure(), cli);
    } else if (out.checkError()) {
      cli.report(List.of(Diagnostic.error("cannot write to standard output", null)));
      code = EnvxException.FAILURE;
    }
    err.flush();
    return code;
  }

  private static int stdoutFailed(IOException e, Cli cli) {
    String reason = IoErrors.reason(e);
    if (!reason.equals("broken pipe")) { // the reader went away (`| head`): nothing to tell anyone
      cli.report(List.of(Diagnostic.error("cannot write to standard output: " + reason, null)));
    }
    return EnvxException.FAILURE;
  }

  /**
   * A path option's value, as picocli's built-in converter makes it ({@code Paths.get(value)}, failures in its
   * words), without its {@code Method.invoke}: the first reflective call spins a method accessor at run time.
   */
  static Path path(String value) {
    try {
      return Paths.get(value);
    } catch (RuntimeException e) {
      throw new CommandLine.TypeConversionException(String.format("cannot convert '%s' to %s (%s)", value,
          Path.class, e));
    }
  }

  /** Every subcommand understands {@code -h/--help}. */
  private static void addHelpOptions(CommandLine cl) {
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (sub.getCommandSpec().optionsMap().get("--help") == null) {
        sub.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder("-h", "--help")
            .usageHelp(true).description("Show this help message and exit.").build());
      }
      addHelpOptions(sub);
    }
  }

  private static int handle(Exception ex, Cli cli) {
    if (ex instanceof EnvxException e) {
      if (cli.json()) {
        cli.printJson(Map.of("ok", false, "diagnostics",
            e.diagnostics().stream().map(dev.envx.diag.DiagnosticRenderer::toMap).toList()));
      }
      cli.report(e.diagnostics());
      return e.exitCode();
    }
    String msg = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
    cli.report(List.of(Diagnostic.error("internal error: " + msg, null,
        "this is a bug in envx; please report it with the command you ran",
        cli.verbose() ? "stack trace follows" : "run again with `--verbose` for the stack trace")));
    if (cli.verbose()) {
      StringWriter sw = new StringWriter();
      ex.printStackTrace(new PrintWriter(sw));
      cli.err().print(sw);
      cli.err().flush();
    }
    return EnvxException.FAILURE;
  }

}
