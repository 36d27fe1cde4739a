package dev.envx.install;

import dev.envx.format.lock.Hashes;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code conda-meta/.envx-prefix-state}: what {@link PrefixState} reads from the {@code conda-meta/*.json}
 * records, in one small text file that envx writes with each install (inside the staged environment, so it is
 * swapped in with it), so that a no-op reinstall reads one file instead of parsing every record. It is used
 * only while it matches the records exactly: the same file names, each with the size and modification time
 * it had when the state was written; anything else (conda or another tool changed the environment, a damaged or
 * truncated file, another version) makes the reader fall back to the records. conda and micromamba read only
 * {@code *.json} in conda-meta and ignore it.
 *
 * <p>Format (UTF-8, tab-separated fields, {@code \t \n \\} escaped, {@code \N} for an absent value):
 * {@code envx prefix state 1}, then per record {@code R record size mtime-ns name version build fn url md5 sha256
 * noarch file-count} and one {@code F path} line per file, then {@code end}.
 */
final class PrefixStateFile {
  static final String NAME = ".envx-prefix-state";
  private static final String HEADER = "envx prefix state 1";
  private static final String NULL = "\\N";

  private PrefixStateFile() {}

  /** Writes the state of {@code records}, which were read from {@code meta}'s records as they are now. */
  static void write(Path meta, List<Installed.Conda> records) throws IOException {
    Map<String, BasicFileAttributes> attrs = attributes(meta);
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    for (Installed.Conda c : records) {
      BasicFileAttributes a = attrs.get(c.record());
      if (a == null) {
        throw new IOException("no record `" + c.record() + "` in " + meta);
      }
      sb.append('R');
      for (String f : new String[] {c.record(), Long.toString(a.size()),
          Long.toString(a.lastModifiedTime().to(TimeUnit.NANOSECONDS)), c.name(), c.version(), c.build(),
          c.fileName(), c.url(), c.hashes().md5(), c.hashes().sha256(), c.noarch(),
          Integer.toString(c.files().size())}) {
        sb.append('\t').append(escape(f));
      }
      sb.append('\n');
      for (String f : c.files()) {
        sb.append("F\t").append(escape(f)).append('\n');
      }
    }
    sb.append("end\n");
    Path file = meta.resolve(NAME);
    Path tmp = meta.resolve(NAME + ".tmp");
    Files.writeString(tmp, sb, StandardCharsets.UTF_8);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** The records, when the state file is there and matches them exactly; else empty. */
  static Optional<List<Installed.Conda>> read(Path meta) {
    Path file = meta.resolve(NAME);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      if (!HEADER.equals(r.readLine())) {
        return Optional.empty();
      }
      Map<String, BasicFileAttributes> attrs = attributes(meta);
      List<Installed.Conda> out = new ArrayList<>();
      String line;
      while ((line = r.readLine()) != null) {
        if (line.equals("end")) {
          return out.size() == attrs.size() && r.readLine() == null ? Optional.of(out) : Optional.empty();
        }
        String[] f = line.split("\t", -1);
        if (f.length != 13 || !f[0].equals("R")) {
          return Optional.empty();
        }
        String record = unescape(f[1]);
        BasicFileAttributes a = attrs.get(record);
        if (a == null || a.size() != Long.parseLong(f[2])
            || a.lastModifiedTime().to(TimeUnit.NANOSECONDS) != Long.parseLong(f[3])) {
          return Optional.empty(); // a record changed, went or is another one: the state is stale
        }
        int n = Integer.parseInt(f[12]);
        List<String> files = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          String fl = r.readLine();
          if (fl == null || !fl.startsWith("F\t")) {
            return Optional.empty();
          }
          files.add(unescape(fl.substring(2)));
        }
        String name = unescape(f[4]);
        String version = unescape(f[5]);
        String build = unescape(f[6]);
        if (name == null || version == null || build == null) {
          return Optional.empty();
        }
        out.add(new Installed.Conda(name, version, build, unescape(f[7]), unescape(f[8]),
            new Hashes(unescape(f[9]), unescape(f[10])), unescape(f[11]), files, record));
      }
      return Optional.empty(); // no `end`: truncated
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // unreadable or damaged: the records themselves are the truth
    }
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
    if (s == null) {
      return NULL;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\t' -> sb.append("\\t");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  static String unescape(String s) {
    if (s.equals(NULL)) {
      return null;
    }
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (++i == s.length()) {
        throw new IllegalArgumentException("a lone backslash");
      }
      sb.append(switch (s.charAt(i)) {
        case '\\' -> '\\';
        case 't' -> '\t';
        case 'n' -> '\n';
        case 'r' -> '\r';
        default -> throw new IllegalArgumentException("unknown escape");
      });
    }
    return sb.toString();
  }
}
