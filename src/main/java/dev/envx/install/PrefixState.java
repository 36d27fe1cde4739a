package dev.envx.install;

import dev.envx.diag.EnvxException;
import dev.envx.format.lock.Hashes;
import dev.envx.model.pep508.PyPiName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a prefix holds: its {@code conda-meta/*.json} records and the {@code *.dist-info} directories under
 * {@code lib/python*}/site-packages that no conda package owns (those are PyPI installs).
 *
 * @param prefix the prefix (absolute)
 * @param conda installed conda packages, sorted by name
 * @param wheels installed PyPI distributions, sorted by name
 */
public record PrefixState(Path prefix, List<Installed.Conda> conda, List<Installed.Wheel> wheels) {
  public PrefixState {
    prefix = prefix.toAbsolutePath().normalize();
    conda = List.copyOf(conda);
    wheels = List.copyOf(wheels);
  }

  public static PrefixState empty(Path prefix) {
    return new PrefixState(prefix, List.of(), List.of());
  }

  public boolean isEmpty() {
    return conda.isEmpty() && wheels.isEmpty();
  }

  /** The installed conda python's X.Y, if there is one. */
  public Optional<String> pythonVersion() {
    return conda.stream().filter(c -> c.name().equals("python")).findFirst()
        .map(c -> PythonTarget.majorMinor(c.version()));
  }

  /**
   * Reads a prefix; a missing prefix reads as empty. The state file envx wrote with the last install stands for
   * the records while it matches them ({@link PrefixStateFile}).
   */
  public static PrefixState read(Path prefix) {
    Path p = prefix.toAbsolutePath().normalize();
    if (Files.isDirectory(p.resolve("conda-meta"))) {
      Optional<PrefixState> fast = PrefixStateFile.read(p);
      if (fast.isPresent()) {
        return fast.get();
      }
    }
    return readRecords(p);
  }

  /** Reads a prefix from its records themselves: every conda-meta record, METADATA and RECORD. */
  static PrefixState readRecords(Path prefix) {
    Path p = prefix.toAbsolutePath().normalize();
    try {
      List<Installed.Conda> conda = readConda(p);
      return new PrefixState(p, conda, readWheels(p, owned(conda)));
    } catch (IOException e) {
      throw EnvxException.failure("cannot read the environment `" + p + "`: " + e.getMessage());
    }
  }

  /** The files the conda packages own. */
  static Set<String> owned(List<Installed.Conda> conda) {
    Set<String> owned = new HashSet<>();
    conda.forEach(c -> owned.addAll(c.files()));
    return owned;
  }

  /** The conda records of {@code prefix} from the {@code conda-meta/*.json} records themselves, sorted by name. */
  static List<Installed.Conda> readConda(Path prefix) throws IOException {
    Path meta = prefix.resolve("conda-meta");
    List<Installed.Conda> out = new ArrayList<>();
    if (!Files.isDirectory(meta)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(meta, "*.json")) {
      for (Path f : ds) {
        Map<String, Object> m;
        try {
          m = Json.read(f);
        } catch (IOException e) {
          throw EnvxException.failure("`" + f + "` is not a readable conda-meta record: " + e.getMessage(),
              "remove the environment and install it again");
        }
        List<String> files = new ArrayList<>();
        if (m.get("files") instanceof List<?> l) {
          l.forEach(x -> files.add(String.valueOf(x)));
        }
        out.add(new Installed.Conda(str(m, "name"), str(m, "version"), str(m, "build"), (String) m.get("fn"),
            (String) m.get("url"), hashes(m), (String) m.get("noarch"), files, f.getFileName().toString()));
      }
    }
    out.sort(java.util.Comparator.comparing(Installed.Conda::name));
    return out;
  }

  private static Hashes hashes(Map<String, Object> m) {
    try {
      return new Hashes((String) m.get("md5"), (String) m.get("sha256"));
    } catch (IllegalArgumentException e) {
      return Hashes.NONE;
    }
  }

  private static String str(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v == null ? "" : v.toString();
  }

  private static List<Installed.Wheel> readWheels(Path prefix, Set<String> owned) throws IOException {
    List<Installed.Wheel> out = new ArrayList<>();
    for (Path d : pypiDistInfos(prefix, owned)) {
      readWheel(prefix, d.getParent(), d).ifPresent(out::add);
    }
    out.sort(java.util.Comparator.comparing(w -> w.name().normalized()));
    return out;
  }

  /** The {@code lib/python*}/site-packages/*.dist-info directories of {@code prefix} that no conda package owns. */
  static List<Path> pypiDistInfos(Path prefix, Set<String> owned) throws IOException {
    List<Path> out = new ArrayList<>();
    Path lib = prefix.resolve("lib");
    if (!Files.isDirectory(lib)) {
      return out;
    }
    try (DirectoryStream<Path> pys = Files.newDirectoryStream(lib, "python*")) {
      for (Path py : pys) {
        Path sp = py.resolve("site-packages");
        if (!Files.isDirectory(sp)) {
          continue;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(sp, "*.dist-info")) {
          for (Path d : ds) {
            String rel = prefix.relativize(d).toString();
            if (!owned.contains(rel + "/RECORD") && !owned.contains(rel + "/METADATA")) { // else a conda package's
              out.add(d);
            }
          }
        }
      }
    }
    return out;
  }

  private static Optional<Installed.Wheel> readWheel(Path prefix, Path sp, Path distInfo) throws IOException {
    Path metadata = distInfo.resolve("METADATA");
    if (!Files.isRegularFile(metadata)) {
      return Optional.empty();
    }
    String name = null;
    String version = null;
    for (String line : Files.readAllLines(metadata, StandardCharsets.UTF_8)) {
      if (line.isEmpty()) {
        break;
      }
      if (line.startsWith("Name:") && name == null) {
        name = line.substring(5).strip();
      } else if (line.startsWith("Version:") && version == null) {
        version = line.substring(8).strip();
      }
    }
    if (name == null || version == null) {
      return Optional.empty();
    }
    Path installerFile = distInfo.resolve("INSTALLER");
    String installer = Files.isRegularFile(installerFile) ? Files.readString(installerFile).strip() : "";
    List<String> files = new ArrayList<>();
    Path record = distInfo.resolve("RECORD");
    if (Files.isRegularFile(record)) {
      for (String line : Files.readAllLines(record, StandardCharsets.UTF_8)) {
        String path = Wheels.recordPath(line);
        if (path.isEmpty()) {
          continue;
        }
        Path abs = sp.resolve(path).normalize();
        if (abs.startsWith(prefix)) { // never anything outside the prefix, whatever RECORD says
          files.add(prefix.relativize(abs).toString());
        }
      }
    }
    return Optional.of(new Installed.Wheel(PyPiName.of(name), version, prefix.relativize(distInfo).toString(),
        installer, files));
  }
}
