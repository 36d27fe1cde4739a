package dev.envx.install;

import com.github.luben.zstd.ZstdOutputStream;
import dev.envx.format.lock.Hashes;
import dev.envx.format.lock.LockedPackage;
import dev.envx.model.conda.CondaVersion;
import dev.envx.model.conda.Platform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/** Builds small conda packages for tests, malicious ones included. */
final class Archives {
  private Archives() {}

  /** A tar member: a file (text), a symlink ({@code link} set) or, with {@code hard}, a hard link. */
  record Member(String name, String text, String link, boolean hard) {
    static Member file(String name, String text) {
      return new Member(name, text, null, false);
    }

    static Member symlink(String name, String target) {
      return new Member(name, null, target, false);
    }
  }

  static byte[] tar(List<Member> members) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Member m : members) {
        TarArchiveEntry e;
        if (m.link() != null) {
          e = new TarArchiveEntry(m.name(), m.hard() ? TarArchiveEntry.LF_LINK : TarArchiveEntry.LF_SYMLINK);
          e.setLinkName(m.link());
          tar.putArchiveEntry(e);
        } else {
          byte[] b = m.text().getBytes(StandardCharsets.UTF_8);
          e = new TarArchiveEntry(m.name(), true); // keep an absolute name as it is
          e.setSize(b.length);
          e.setMode(0100644);
          tar.putArchiveEntry(e);
          tar.write(b);
        }
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  static List<Member> info(String name) {
    return List.of(Member.file("info/index.json", "{\"name\": \"" + name + "\", \"version\": \"1.0\", \"build\": \"0\","
        + " \"build_number\": 0, \"subdir\": \"noarch\", \"depends\": []}"));
  }

  static Path tarBz2(Path dir, String name, List<Member> members) throws IOException {
    Path file = dir.resolve(name + "-1.0-0.tar.bz2");
    Files.createDirectories(dir);
    try (OutputStream out = new BZip2CompressorOutputStream(Files.newOutputStream(file))) {
      out.write(tar(concat(info(name), members)));
    }
    return file;
  }

  static Path conda(Path dir, String name, List<Member> members) throws IOException {
    Path file = dir.resolve(name + "-1.0-0.conda");
    Files.createDirectories(dir);
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      zip.putNextEntry(new ZipEntry("metadata.json"));
      zip.write("{\"conda_pkg_format_version\": 2}".getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("pkg-" + name + "-1.0-0.tar.zst"));
      zip.write(zstd(tar(members)));
      zip.putNextEntry(new ZipEntry("info-" + name + "-1.0-0.tar.zst"));
      zip.write(zstd(tar(info(name))));
    }
    return file;
  }

  private static byte[] zstd(byte[] raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZstdOutputStream z = new ZstdOutputStream(out)) {
      z.write(raw);
    }
    return out.toByteArray();
  }

  private static List<Member> concat(List<Member> a, List<Member> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  /**
   * A pure-Python wheel {@code NAME-VERSION-py3-none-any.whl} holding {@code NAME/__init__.py} and a
   * {@code NAME-VERSION.dist-info} (METADATA, WHEEL, RECORD without hashes), locked with its real sha256.
   */
  static LockedPackage.Pypi wheel(Path dir, String name, String version) throws IOException {
    Path file = dir.resolve(name + "-" + version + "-py3-none-any.whl");
    Files.createDirectories(dir);
    String di = name + "-" + version + ".dist-info/";
    java.util.Map<String, String> members = new java.util.LinkedHashMap<>();
    members.put(name + "/__init__.py", "VERSION = '" + version + "'\n");
    members.put(di + "METADATA", "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n\n");
    members.put(di + "WHEEL", "Wheel-Version: 1.0\nGenerator: envx-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
    members.put(di + "RECORD", String.join(",,\n", members.keySet()) + ",,\n" + di + "RECORD,,\n");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      for (var m : members.entrySet()) {
        zip.putNextEntry(new ZipEntry(m.getKey()));
        zip.write(m.getValue().getBytes(StandardCharsets.UTF_8));
      }
    }
    return new LockedPackage.Pypi(dev.envx.model.pep508.PyPiName.of(name),
        dev.envx.model.pep440.Pep440Version.parse(version), file.toUri().toString(), file.getFileName().toString(),
        Hashes.sha256(Digests.of(file).sha256()), Files.size(file), List.of(), null, List.of());
  }

  /** A locked package for a file, with the file's real digests (or none). */
  static LockedPackage.Conda locked(Path file, boolean withHashes) throws IOException {
    String fn = file.getFileName().toString();
    String name = fn.substring(0, fn.indexOf("-1.0-0"));
    return new LockedPackage.Conda(name, CondaVersion.parse("1.0"), "0", 0, "local", Platform.parse("noarch"),
        file.toUri().toString(), fn, withHashes ? Digests.of(file) : Hashes.NONE, Files.size(file), List.of(),
        List.of(), null, null, null, List.of());
  }
}
