package dev.envx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/envx} reads a JDK's feature release from its {@code release} file (bash builtins only) and picks
 * that JDK's start-up cache: an AOT cache from 25 on, an AppCDS archive before. Run on a copy of the launcher in a
 * scratch root with a stand-in jar and a stand-in {@code java} (given as {@code ENVX_JAVA}) that only records
 * how it was called.
 */
class LauncherTest {
  private static final Path LAUNCHER = Path.of(System.getProperty("envx.project", "."), "scripts", "envx");

  @TempDir Path tmp;

  /** The stand-in java's command lines, one per call, for a JDK whose release file has this version line. */
  private List<String> calls(String javaVersionLine) throws IOException, InterruptedException {
    Path root = tmp.resolve("root");
    Files.createDirectories(root.resolve("scripts"));
    Files.createDirectories(root.resolve("target"));
    Files.copy(LAUNCHER, root.resolve("scripts/envx"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.writeString(root.resolve("target/envx.jar"), "stand-in"); // no src/main here: nothing to rebuild
    Path jdk = tmp.resolve("jdk");
    Files.createDirectories(jdk.resolve("bin"));
    Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"test\"\n" + javaVersionLine + "\nOS_NAME=\"Linux\"");
    Path log = tmp.resolve("calls.log");
    Path java = jdk.resolve("bin/java");
    Files.writeString(java, "#!/bin/sh\necho \"$*\" >> '" + log + "'\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("scripts/envx").toString(), "--version")
        .redirectErrorStream(true).redirectOutput(tmp.resolve("out.txt").toFile()).directory(tmp.toFile());
    pb.environment().put("ENVX_JAVA", jdk.toString());
    pb.environment().put("HOME", tmp.toString());
    Process p = pb.start();
    p.getOutputStream().close();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("launcher finished").isTrue();
    return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
  }

  @Test
  void aJdk25ReleaseFileMeansAnAotCache() throws Exception {
    List<String> calls = calls("JAVA_VERSION=\"25.0.1\"");
    assertThat(calls).anyMatch(c -> c.contains("-XX:AOTCacheOutput=") && c.contains("dev.envx.cli.TrainingRun"));
    assertThat(calls.get(calls.size() - 1)).endsWith("-cp " + tmp.resolve("root/target/envx.jar") + " dev.envx.cli.Main --version");
  }

  @Test
  void aJdk17ReleaseFileMeansAnAppCdsArchive() throws Exception {
    List<String> calls = calls("JAVA_VERSION=\"17.0.13\"");
    assertThat(calls).anyMatch(c -> c.contains("-XX:ArchiveClassesAtExit=") && c.contains("dev.envx.cli.TrainingRun"))
        .noneMatch(c -> c.contains("AOTCache"));
  }

  @Test
  void anUnquotedEarlyAccessVersionIsRead() throws Exception {
    List<String> calls = calls("OTHER=1\nJAVA_VERSION=26-ea"); // and the release file has no final newline
    assertThat(calls).anyMatch(c -> c.contains("-XX:AOTCacheOutput="));
  }
}
