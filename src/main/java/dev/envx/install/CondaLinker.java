package dev.envx.install;

import dev.envx.diag.EnvxException;
import dev.envx.format.lock.LockedPackage;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Links one extracted conda package from the cache into a (staged) prefix: hardlinks, or copies where a file
 * holds a prefix placeholder, is marked no_link, or a hardlink fails; symlinks stay symlinks; noarch: python
 * files go to site-packages and {@code bin}, with entry points written as scripts. Returns the
 * {@code conda-meta} record.
 */
final class CondaLinker {
  private CondaLinker() {}

  /**
   * @param entry the package's cache directory
   * @param stage where files are written now
   * @param prefix where the environment will live (written into placeholders and shebangs)
   * @param python the target for noarch: python, or null
   */
  static Map<String, Object> link(Path entry, LockedPackage.Conda pkg, Path stage, Path prefix, PythonTarget python)
      throws IOException {
    String label = pkg.fileName();
    PackagePaths paths = PackagePaths.read(entry, label);
    boolean noarchPython = paths.isNoarchPython() || "python".equals(pkg.noarch());
    if (noarchPython && python == null) {
      throw EnvxException.failure("`" + pkg.dist() + "` is a noarch: python package and there is no python",
          "add python to the lock, or pass --python X.Y");
    }
    SafePaths.Root root = new SafePaths.Root(stage);
    String prefixText = prefix.toString();
    List<String> files = new ArrayList<>();
    List<Map<String, Object>> pathsData = new ArrayList<>();
    for (PackagePaths.Entry e : paths.entries()) {
      String target = noarchPython ? noarchTarget(e.path(), python) : e.path();
      Path source = entry.resolve(e.path());
      Path dest = root.resolve(label, target);
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("_path", target);
      if (e.type() == PackagePaths.Type.DIRECTORY) {
        Files.createDirectories(dest);
        data.put("path_type", "directory");
        pathsData.add(data);
        continue;
      }
      if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
        throw EnvxException.failure("`" + e.path() + "` is listed in the paths of `" + pkg.dist()
            + "` but the package has no such file", "the package is malformed; delete its cache entry");
      }
      Files.createDirectories(dest.getParent());
      clear(dest, label, target);
      if (Files.isSymbolicLink(source)) {
        Path linkTarget = Files.readSymbolicLink(source);
        dest = root.symlink(label, target, linkTarget.toString());
        Files.createSymbolicLink(dest, linkTarget);
        root.linked(dest);
        data.put("path_type", "softlink");
      } else if (e.placeholder() != null) {
        byte[] bytes = Placeholders.replace(Files.readAllBytes(source), e.placeholder(), prefixText, e.binary(),
            pkg.dist(), e.path());
        Files.write(dest, bytes);
        Files.setPosixFilePermissions(dest, Files.getPosixFilePermissions(source));
        data.put("path_type", "hardlink");
        data.put("prefix_placeholder", e.placeholder());
        data.put("file_mode", e.binary() ? "binary" : "text");
        data.put("sha256_in_prefix", Digests.hex(Digests.sha256().digest(bytes)));
      } else {
        if (e.noLink() || !hardlink(source, dest)) {
          Files.copy(source, dest, StandardCopyOption.COPY_ATTRIBUTES);
          if (e.noLink()) {
            data.put("no_link", true);
          }
        }
        data.put("path_type", "hardlink");
      }
      if (e.sha256() != null) {
        data.put("sha256", e.sha256());
      }
      if (e.size() >= 0) {
        data.put("size_in_bytes", e.size());
      }
      files.add(target);
      pathsData.add(data);
    }
    if (noarchPython) {
      for (String ep : paths.entryPoints()) {
        Scripts.EntryPoint p = Scripts.parse(ep);
        if (p == null) {
          throw EnvxException.failure("`" + pkg.dist() + "` has an entry point `" + ep
              + "` that is not `name = module:function`");
        }
        String target = "bin/" + p.name();
        Path dest = root.resolve(label, target);
        byte[] bytes = Scripts.write(dest, Scripts.wrapper(p, python.interpreter(prefix)));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("_path", target);
        data.put("path_type", "unix_python_entry_point");
        data.put("sha256", Digests.hex(Digests.sha256().digest(bytes)));
        data.put("size_in_bytes", (long) bytes.length);
        files.add(target);
        pathsData.add(data);
      }
    }
    Map<String, Object> record = new LinkedHashMap<>(Json.read(entry.resolve("info/repodata_record.json")));
    record.put("files", files);
    record.put("paths_data", Map.of("paths_version", 1, "paths", pathsData));
    record.put("link", Map.of("source", entry.toString(), "type", 1));
    record.put("extracted_package_dir", entry.toString());
    record.put("requested_spec", "");
    return record;
  }

  /** {@code site-packages/x} to {@code lib/pythonX.Y/site-packages/x}, {@code python-scripts/x} to {@code bin/x}. */
  static String noarchTarget(String path, PythonTarget python) {
    if (path.startsWith("site-packages/")) {
      return python.sitePackages() + path.substring("site-packages".length());
    }
    if (path.startsWith("python-scripts/")) {
      return "bin" + path.substring("python-scripts".length());
    }
    return path;
  }

  /** Removes what is at dest (a file or link another package left), never a directory. */
  private static void clear(Path dest, String pkg, String path) throws IOException {
    if (Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
      throw EnvxException.failure("`" + pkg + "` has a file `" + path + "` where the environment has a directory",
          "two packages in the lock clash; fix the lock");
    }
    Files.deleteIfExists(dest);
  }

  private static boolean hardlink(Path source, Path dest) {
    try {
      Files.createLink(dest, source);
      return true;
    } catch (FileSystemException | UnsupportedOperationException e) {
      return false; // another file system, or none that links: copy
    } catch (IOException e) {
      return false;
    }
  }
}
