package dev.envx.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * The start-up cache's training workload, used only by {@code scripts/envx}: runs several envx commands in one
 * JVM (arguments separated by {@code ---}), output discarded, so that one recording (an AppCDS archive with
 * {@code -XX:ArchiveClassesAtExit}, or a JDK 25 AOT cache with {@code -XX:AOTCacheOutput}) holds the classes and
 * profiles of all of them. Exits 1 when a command failed, so a broken training run is noticed. With
 * {@code -Denvx.verified-command-model=FILE} it also records the jar's command model as checked
 * ({@link CommandModel#writeVerified}).
 */
public final class TrainingRun {
  private TrainingRun() {}

  public static void main(String[] args) throws ClassNotFoundException {
    // picocli's interfaces are loaded but never linked by a run, and an unlinked class keeps JDK 25's AOT class
    // linking from archiving picocli at all (-Xlog:aot: "Unlinked class not supported by AOTClassLinking")
    Class.forName("picocli.CommandLine$IFactory", true, TrainingRun.class.getClassLoader());
    List<List<String>> commands = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String a : args) {
      if (a.equals("---")) {
        commands.add(current);
        current = new ArrayList<>();
      } else {
        current.add(a);
      }
    }
    commands.add(current);
    int failed = 0;
    for (List<String> c : commands) {
      PrintWriter none = new PrintWriter(Writer.nullWriter());
      int code = new Main(none, none, InputStream.nullInputStream(), System.getenv())
          .run(c.toArray(String[]::new));
      if (code != 0) {
        System.err.println("training: exit " + code + " from envx " + String.join(" ", c));
        failed++;
      }
    }
    // the command model checked once against this jar, so that later runs need not open it (CommandModel)
    String verified = System.getProperty(CommandModel.VERIFIED_PROPERTY);
    if (verified != null) {
      try {
        if (!CommandModel.writeVerified(java.nio.file.Path.of(verified))) {
          System.err.println("training: the jar's command model does not describe its classes; " + verified
              + " not written (every run checks them in the jar)");
        }
      } catch (java.io.IOException e) {
        System.err.println("training: could not write " + verified + ": " + e);
      }
    }
    System.exit(failed == 0 ? 0 : 1);
  }
}
