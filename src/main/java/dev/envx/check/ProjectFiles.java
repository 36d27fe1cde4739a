package dev.envx.check;

import dev.envx.diag.EnvxException;
import dev.envx.io.TextFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The files of a project that {@code envx check} compares, read once: its pyproject.toml, its environment file and
 * its lockfiles. Null parts are absent.
 *
 * @param dir the project folder
 * @param pyproject pyproject.toml, or null
 * @param environment the environment file (environment.yml/.yaml, or the declared mirror), or null
 * @param lockfiles the lockfiles found beside the manifests, sorted by name
 */
public record ProjectFiles(Path dir, Text pyproject, Text environment, List<Text> lockfiles) {
  /** A file and its text. */
  public record Text(Path path, String text) {
    public Text {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(text, "text");
    }

    public String name() {
      return path.toString();
    }
  }

  public ProjectFiles {
    Objects.requireNonNull(dir, "dir");
    lockfiles = List.copyOf(lockfiles);
  }

  /** The environment file names looked for in a project folder, in order. */
  static final List<String> ENVIRONMENT_NAMES = List.of("environment.yml", "environment.yaml");

  /**
   * Reads the project in folder {@code dir}: pyproject.toml, the environment file and the lockfiles.
   *
   * @param mirrorOf the environment file the pyproject.toml declares as its mirror, relative to its folder, or
   *     null (then environment.yml/.yaml is looked for)
   */
  public static ProjectFiles read(Path dir, java.util.function.Function<Text, String> mirrorOf) {
    Text py = readIfFile(at(dir, "pyproject.toml"));
    String mirror = py == null ? null : mirrorOf.apply(py);
    Text env = null;
    if (mirror != null) {
      env = readIfFile(at(dir, mirror));
    } else {
      for (String n : ENVIRONMENT_NAMES) {
        env = readIfFile(at(dir, n));
        if (env != null) {
          break;
        }
      }
    }
    return new ProjectFiles(dir, py, env, lockfiles(dir));
  }

  /** {@code dir/name} as users read it: {@code pyproject.toml} for the current folder, not {@code ./pyproject.toml}. */
  static Path at(Path dir, String name) {
    return dir.resolve(name).normalize();
  }

  /** The folder a check of {@code path} looks at: the path itself, or the folder of a file. */
  public static Path folderOf(Path path) {
    if (Files.isDirectory(path)) {
      return path;
    }
    if (!Files.exists(path)) {
      throw EnvxException.input("`" + path + "` does not exist", null,
          "pass a project folder, its pyproject.toml or its environment.yml");
    }
    Path parent = path.getParent();
    return parent == null ? Path.of(".") : parent;
  }

  /** Whether a file name is one of the lockfiles envx reads. */
  static boolean isLockfile(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    return n.equals("conda-lock.yml") || n.endsWith(".conda-lock.yml") || n.equals("pixi.lock")
        || (n.startsWith("pylock") && n.endsWith(".toml"))
        || (n.startsWith("conda-") && n.endsWith(".lock"));
  }

  private static List<Text> lockfiles(Path dir) {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        if (isLockfile(p.getFileName().toString()) && Files.isRegularFile(p)) {
          found.add(p.normalize());
        }
      }
    } catch (IOException e) {
      throw EnvxException.cannotRead(dir, e);
    }
    found.sort(null);
    List<Text> out = new ArrayList<>();
    for (Path p : found) {
      out.add(readIfFile(p));
    }
    return out;
  }

  private static Text readIfFile(Path p) {
    if (!Files.isRegularFile(p)) {
      return null;
    }
    try {
      return new Text(p, TextFiles.readUtf8(p));
    } catch (IOException e) {
      throw EnvxException.cannotRead(p, e);
    }
  }
}
