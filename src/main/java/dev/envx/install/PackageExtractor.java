package dev.envx.install;

import com.github.luben.zstd.ZstdInputStream;
import dev.envx.diag.EnvxException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Enumeration;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * Extracts a conda package ({@code .conda}: a zip holding {@code info-*.tar.zst} and {@code pkg-*.tar.zst};
 * or {@code .tar.bz2}) into a directory. Entries with absolute paths, {@code ..}, links leaving the directory,
 * devices and fifos are refused with an error naming the package and the entry; a damaged archive is an error,
 * never a partial success.
 */
final class PackageExtractor {
  private PackageExtractor() {}

  /** Extracts {@code archive} (named {@code fileName}, which decides the format) into the empty dir {@code dest}. */
  static void extract(Path archive, String fileName, Path dest) throws IOException {
    Files.createDirectories(dest);
    SafePaths.Root root = new SafePaths.Root(dest);
    try {
      if (fileName.endsWith(".conda")) {
        extractConda(archive, fileName, root);
      } else if (fileName.endsWith(".tar.bz2")) {
        try (InputStream in = new BZip2CompressorInputStream(
            new BufferedInputStream(Files.newInputStream(archive), 1 << 16), false)) {
          untar(in, fileName, root);
        }
      } else {
        throw EnvxException.failure("`" + fileName + "` is neither a `.conda` nor a `.tar.bz2` package");
      }
    } catch (EOFException e) {
      throw damaged(fileName, "it ends early (truncated)");
    } catch (ZipException e) {
      throw damaged(fileName, "not a valid zip: " + e.getMessage());
    } catch (IOException e) {
      if (e.getClass().getName().startsWith("com.github.luben.zstd") || isDecodeError(e)) {
        throw damaged(fileName, String.valueOf(e.getMessage()));
      }
      throw e;
    }
  }

  private static boolean isDecodeError(IOException e) {
    String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
    return m.contains("truncated") || m.contains("unexpected end") || m.contains("stream") || m.contains("crc")
        || m.contains("corrupt") || m.contains("header") || m.contains("eof");
  }

  private static EnvxException damaged(String fileName, String why) {
    return EnvxException.failure("cannot extract `" + fileName + "`: " + why,
        "the download is damaged; delete it and run the install again");
  }

  private static void extractConda(Path archive, String fileName, SafePaths.Root root) throws IOException {
    boolean info = false;
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        String name = e.getName();
        if (name.contains("/") || !name.endsWith(".tar.zst")) {
          continue; // metadata.json; a nested member is not part of the format
        }
        if (!name.startsWith("info-") && !name.startsWith("pkg-")) {
          continue;
        }
        info |= name.startsWith("info-");
        try (InputStream in = new ZstdInputStream(new BufferedInputStream(zip.getInputStream(e), 1 << 16))) {
          untar(in, fileName, root);
        }
      }
    }
    if (!info) {
      throw EnvxException.failure("`" + fileName + "` is not a conda package: it has no top-level `info-*.tar.zst`",
          "a `.conda` file is a zip of `info-*.tar.zst` and `pkg-*.tar.zst` at its top level");
    }
  }

  private static void untar(InputStream raw, String pkg, SafePaths.Root root) throws IOException {
    TarArchiveInputStream tar = new TarArchiveInputStream(raw);
    for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
      String name = SafePaths.entry(pkg, e.getName());
      if (name.isEmpty()) {
        continue;
      }
      Path target = root.resolve(pkg, name);
      if (e.isDirectory()) {
        Files.createDirectories(target);
      } else if (e.isSymbolicLink()) {
        target = root.symlink(pkg, name, e.getLinkName());
        Files.deleteIfExists(target);
        Files.createSymbolicLink(target, Path.of(e.getLinkName()));
        root.linked(target);
      } else if (e.isLink()) {
        String from = SafePaths.entry(pkg, e.getLinkName());
        Path source = root.resolve(pkg, from);
        if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
          throw SafePaths.refused(pkg, name, "a hard link to `" + e.getLinkName() + "`, which is no earlier file");
        }
        Files.createDirectories(target.getParent());
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
      } else if (e.isFile()) {
        Files.createDirectories(target.getParent());
        Files.deleteIfExists(target);
        try (OutputStream out = Files.newOutputStream(target)) {
          tar.transferTo(out);
        }
        if (e.getSize() != Files.size(target)) {
          throw new EOFException();
        }
        Files.setPosixFilePermissions(target, permissions(e.getMode()));
      } else {
        throw SafePaths.refused(pkg, name, "a device, fifo or other special file");
      }
    }
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> p = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE, high bit first
    for (int i = 0; i < 9; i++) {
      if ((mode & (1 << (8 - i))) != 0) {
        p.add(bits[i]);
      }
    }
    return p;
  }
}
