package dev.envx.install;

import dev.envx.io.TabEscapes;
import dev.envx.format.lock.Hashes;
import dev.envx.model.pep508.PyPiName;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code conda-meta/.envx-prefix-state}: what {@link PrefixState} reads from the {@code conda-meta/*.json}
 * records and the PyPI {@code *.dist-info} directories, in one small text file that envx writes with each
 * install (inside the staged environment, so it is swapped in with it), so that a no-op reinstall reads one file
 * instead of parsing every record, {@code METADATA} and {@code RECORD}. It is used only while it matches the
 * prefix exactly: the same conda record names, each with the size and modification time it had when the state
 * was written, and the same {@code *.dist-info} directories that no conda package owns, each with the size and
 * modification time (or absence) of its {@code METADATA}, {@code RECORD} and {@code INSTALLER}; anything else
 * (conda, pip or another tool changed the environment, a damaged or truncated file, another version) makes the
 * reader fall back to the records. Checking costs a directory listing and a few {@code stat}s, no file reads.
 * conda and micromamba read only {@code *.json} in conda-meta and ignore it.
 *
 * <p>Format (UTF-8, tab-separated fields, {@code \t \n \\} escaped, {@code \N} for an absent value):
 * {@code envx prefix state 2}, then per conda record {@code R record size mtime-ns name version build fn url md5
 * sha256 noarch file-count}, per dist-info {@code W dist-info metadata-stamp record-stamp installer-stamp name
 * version installer file-count} (a stamp is {@code size:mtime-ns}, {@code -} when the file is absent, {@code d}
 * when it is not a regular file; name and version are {@code \N} for a dist-info envx does not read as a
 * distribution), each followed by one {@code F path} line per file, then {@code end}.
 */
final class PrefixStateFile {
  static final String NAME = ".envx-prefix-state";
  private static final String HEADER = "envx prefix state 2";
  private static final String NULL = "\\N";
  private static final String[] WHEEL_FILES = {"METADATA", "RECORD", "INSTALLER"};

  private PrefixStateFile() {}

  /** Writes {@code state}, which was read from the records of its prefix as they are now. */
  static void write(PrefixState state) throws IOException {
    Path prefix = state.prefix();
    Path meta = prefix.resolve("conda-meta");
    Map<String, BasicFileAttributes> attrs = attributes(meta);
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    for (Installed.Conda c : state.conda()) {
      BasicFileAttributes a = attrs.get(c.record());
      if (a == null) {
        throw new IOException("no record `" + c.record() + "` in " + meta);
      }
      line(sb, "R", c.record(), Long.toString(a.size()), Long.toString(a.lastModifiedTime().to(TimeUnit.NANOSECONDS)),
          c.name(), c.version(), c.build(), c.fileName(), c.url(), c.hashes().md5(), c.hashes().sha256(), c.noarch(),
          Integer.toString(c.files().size()));
      files(sb, c.files());
    }
    Map<String, Installed.Wheel> wheels = new HashMap<>();
    state.wheels().forEach(w -> wheels.put(w.distInfo(), w));
    for (Path d : PrefixState.pypiDistInfos(prefix, PrefixState.owned(state.conda()))) {
      String rel = prefix.relativize(d).toString();
      Installed.Wheel w = wheels.get(rel);
      String[] stamps = stamps(d);
      line(sb, "W", rel, stamps[0], stamps[1], stamps[2], w == null ? null : w.name().original(),
          w == null ? null : w.version(), w == null ? null : w.installer(),
          Integer.toString(w == null ? 0 : w.files().size()));
      files(sb, w == null ? List.of() : w.files());
    }
    sb.append("end\n");
    Path file = meta.resolve(NAME);
    Path tmp = meta.resolve(NAME + ".tmp");
    Files.writeString(tmp, sb, StandardCharsets.UTF_8);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static void line(StringBuilder sb, String kind, String... fields) {
    sb.append(kind);
    for (String f : fields) {
      sb.append('\t').append(escape(f));
    }
    sb.append('\n');
  }

  private static void files(StringBuilder sb, List<String> files) {
    for (String f : files) {
      sb.append("F\t").append(escape(f)).append('\n');
    }
  }

  /** The prefix's state, when the state file is there and matches the prefix exactly; else empty. */
  static Optional<PrefixState> read(Path prefix) {
    Path meta = prefix.resolve("conda-meta");
    Path file = meta.resolve(NAME);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      if (!HEADER.equals(r.readLine())) {
        return Optional.empty();
      }
      Map<String, BasicFileAttributes> attrs = attributes(meta);
      List<Installed.Conda> conda = new ArrayList<>();
      Map<String, String[]> distInfos = new HashMap<>(); // dist-info -> its W line's fields
      List<Installed.Wheel> wheels = new ArrayList<>();
      String line;
      while ((line = r.readLine()) != null) {
        if (line.equals("end")) {
          return r.readLine() == null && conda.size() == attrs.size()
              && matches(prefix, PrefixState.owned(conda), distInfos)
              ? Optional.of(new PrefixState(prefix, conda, wheels)) : Optional.empty();
        }
        String[] f = line.split("\t", -1);
        if (f.length == 13 && f[0].equals("R")) {
          String record = unescape(f[1]);
          BasicFileAttributes a = attrs.get(record);
          if (a == null || a.size() != Long.parseLong(f[2])
              || a.lastModifiedTime().to(TimeUnit.NANOSECONDS) != Long.parseLong(f[3])) {
            return Optional.empty(); // a record changed, went or is another one: the state is stale
          }
          List<String> files = readFiles(r, Integer.parseInt(f[12]));
          String name = unescape(f[4]);
          String version = unescape(f[5]);
          String build = unescape(f[6]);
          if (files == null || name == null || version == null || build == null) {
            return Optional.empty();
          }
          conda.add(new Installed.Conda(name, version, build, unescape(f[7]), unescape(f[8]),
              new Hashes(unescape(f[9]), unescape(f[10])), unescape(f[11]), files, record));
        } else if (f.length == 9 && f[0].equals("W")) {
          String distInfo = unescape(f[1]);
          List<String> files = readFiles(r, Integer.parseInt(f[8]));
          if (distInfo == null || files == null || distInfos.put(distInfo, f) != null) {
            return Optional.empty();
          }
          String name = unescape(f[5]);
          String version = unescape(f[6]);
          if (name != null && version != null) {
            String installer = unescape(f[7]);
            wheels.add(new Installed.Wheel(PyPiName.of(name), version, distInfo, installer == null ? "" : installer,
                files));
          }
        } else {
          return Optional.empty();
        }
      }
      return Optional.empty(); // no `end`: truncated
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // unreadable or damaged: the records themselves are the truth
    }
  }

  private static List<String> readFiles(BufferedReader r, int n) throws IOException {
    List<String> files = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String fl = r.readLine();
      if (fl == null || !fl.startsWith("F\t")) {
        return null;
      }
      files.add(unescape(fl.substring(2)));
    }
    return files;
  }

  /** Whether the prefix's PyPI dist-info directories are exactly those of the state, with the same stamps. */
  private static boolean matches(Path prefix, Set<String> owned, Map<String, String[]> distInfos)
      throws IOException {
    List<Path> now = PrefixState.pypiDistInfos(prefix, owned);
    if (now.size() != distInfos.size()) {
      return false;
    }
    for (Path d : now) {
      String[] f = distInfos.get(prefix.relativize(d).toString());
      if (f == null || !Arrays.equals(stamps(d), new String[] {f[2], f[3], f[4]})) {
        return false;
      }
    }
    return true;
  }

  /** The stamps of a dist-info's METADATA, RECORD and INSTALLER: {@code size:mtime-ns}, {@code -} or {@code d}. */
  private static String[] stamps(Path distInfo) throws IOException {
    String[] out = new String[WHEEL_FILES.length];
    for (int i = 0; i < out.length; i++) {
      BasicFileAttributes a;
      try {
        a = Files.readAttributes(distInfo.resolve(WHEEL_FILES[i]), BasicFileAttributes.class);
      } catch (java.nio.file.NoSuchFileException e) {
        out[i] = "-";
        continue;
      }
      out[i] = a.isRegularFile() ? a.size() + ":" + a.lastModifiedTime().to(TimeUnit.NANOSECONDS) : "d";
    }
    return out;
  }

  /** The {@code *.json} records of {@code meta} with their attributes, by file name. */
  private static Map<String, BasicFileAttributes> attributes(Path meta) throws IOException {
    Map<String, BasicFileAttributes> out = new HashMap<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(meta, "*.json")) {
      for (Path p : ds) {
        out.put(p.getFileName().toString(), Files.readAttributes(p, BasicFileAttributes.class,
            java.nio.file.LinkOption.NOFOLLOW_LINKS));
      }
    }
    return out;
  }

  static String escape(String s) {
    return s == null ? NULL : TabEscapes.escape(s);
  }

  static String unescape(String s) {
    return s.equals(NULL) ? null : TabEscapes.unescape(s);
  }
}
