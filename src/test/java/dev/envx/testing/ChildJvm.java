package dev.envx.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts {@code envx} (its {@code Main}) in a child JVM on the test's class path, for tests of a whole process. */
public final class ChildJvm {
  private ChildJvm() {}

  /** A builder for {@code java -cp <test class path> dev.envx.cli.Main ARGS} in {@code dir} with {@code env} added. */
  public static ProcessBuilder envx(Path dir, Map<String, String> env, List<String> args) {
    String java = ProcessHandle.current().info().command().orElse(
        Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> cmd = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), "dev.envx.cli.Main"));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().putAll(env);
    return pb;
  }
}
