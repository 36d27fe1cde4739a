package dev.envx.index.pypi;

import dev.envx.diag.EnvxException;
import dev.envx.model.pep508.PyPiName;
import dev.envx.model.wheel.DistributionFilename;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A {@code --find-links} directory: a flat folder of wheels and sdists (pip's "flat" index). Files are
 * matched to projects by their names; no hashes are known, metadata is read from the wheels themselves.
 */
public final class FindLinks {
  private final Path dir;

  public FindLinks(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(this.dir)) {
      throw EnvxException.input("`--find-links` directory `" + dir + "` does not exist", null,
          "give a directory of wheel and sdist files");
    }
  }

  public Path dir() {
    return dir;
  }

  /** The files of {@code name} in the directory, sorted by file name. */
  public List<DistributionFile> files(PyPiName name) {
    List<DistributionFile> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.sorted().toList()) {
        String fn = p.getFileName().toString();
        if (!Files.isRegularFile(p)) {
          continue;
        }
        DistributionFilename parsed = DistributionFilename.tryParse(fn, name).orElse(null);
        if (parsed != null && parsed.name().equals(name)) {
          out.add(new DistributionFile(fn, p.toUri(), Map.of(), null, null, null, null, Files.size(p), parsed));
        }
      }
    } catch (IOException e) {
      throw EnvxException.cannotRead(dir, e);
    }
    return out;
  }

  /**
   * The projects the directory seems to hold, by file name ({@code NAME-VERSION-...whl}, {@code NAME-VERSION.tar.gz},
   * {@code .zip}), PEP 503-normalized; for hints only.
   */
  public List<String> projects() {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.sorted().toList()) {
        java.util.regex.Matcher m = PROJECT.matcher(p.getFileName().toString());
        if (m.matches() && PyPiName.isValid(m.group(1))) {
          String n = PyPiName.normalize(m.group(1));
          if (!out.contains(n)) {
            out.add(n);
          }
        }
      }
    } catch (IOException e) {
      throw EnvxException.cannotRead(dir, e);
    }
    return out;
  }

  private static final java.util.regex.Pattern PROJECT =
      java.util.regex.Pattern.compile("(.+?)-\\d[^-]*(?:-.*\\.whl|\\.tar\\.gz|\\.zip)");

  @Override
  public String toString() {
    return dir.toString();
  }
}
