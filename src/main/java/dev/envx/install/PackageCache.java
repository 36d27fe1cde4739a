package dev.envx.install;

import dev.envx.diag.EnvxException;
import dev.envx.format.lock.Hashes;
import dev.envx.format.lock.LockedPackage;
import dev.envx.io.AtomicFiles;
import dev.envx.io.ProcessLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The package cache shared by environments and by concurrent envx processes: one extracted directory per
 * conda package ({@code <name>-<version>-<build>-<digest prefix>}) and, for wheels fetched over http, the
 * verified wheel file. An entry is built under a per-package file lock in a temporary directory and renamed into
 * place, so an entry that exists is complete, and a crash leaves only a temporary directory that the next
 * builder of that entry removes. Nothing is extracted from a file whose digest does not match the lock.
 */
public final class PackageCache {
  private final Path root;
  private final Transport transport;

  public PackageCache(Path root, Transport transport) {
    this.root = root.toAbsolutePath().normalize();
    this.transport = transport;
  }

  /** {@code pkgs} in envx's cache folder ({@code $ENVX_CACHE_DIR/pkgs}, {@code ~/.cache/envx/pkgs}, ...). */
  public static Path defaultDir(Path envxCacheDir) {
    return envxCacheDir.resolve("pkgs");
  }

  public Path root() {
    return root;
  }

  /** The entry's directory name: the file name without extension and a prefix of the lock's digest. */
  static String key(LockedPackage p) {
    String file = p.location().map(PackageCache::lastSegment).orElse(fileName(p));
    String stem = file.endsWith(".tar.bz2") ? file.substring(0, file.length() - 8)
        : file.endsWith(".conda") || file.endsWith(".whl") ? file.substring(0, file.lastIndexOf('.')) : file;
    Hashes h = p.hashes();
    String digest = h.sha256() != null ? h.sha256() : h.md5() != null ? h.md5()
        : Digests.hex(Digests.sha256().digest(p.location().orElse(file).getBytes(StandardCharsets.UTF_8)));
    return stem + "-" + digest.substring(0, 16);
  }

  private static String fileName(LockedPackage p) {
    return p instanceof LockedPackage.Conda c ? c.fileName() : ((LockedPackage.Pypi) p).fileName();
  }

  private static String lastSegment(String url) {
    String path = url.replaceAll("[?#].*$", "");
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** The complete cache entry of a conda package, when there is one. */
  public Optional<Path> lookup(LockedPackage.Conda pkg) {
    Path dir = root.resolve(key(pkg));
    return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
  }

  /** True when {@link #conda} or {@link #wheel} would not need to fetch or extract anything. */
  public boolean has(LockedPackage pkg) {
    if (pkg instanceof LockedPackage.Conda c) {
      return lookup(c).isPresent();
    }
    return isFileUrl(pkg) || Files.isRegularFile(wheelPath((LockedPackage.Pypi) pkg));
  }

  /**
   * The extracted directory of a conda package: from the cache, or fetched (a {@code file:} URL is read in
   * place), verified against the lock's sha256 (md5 when that is all it has), extracted and renamed into place.
   */
  public Path conda(LockedPackage.Conda pkg) throws IOException {
    return conda(pkg, Transport.Bytes.NONE);
  }

  /** As {@link #conda(LockedPackage.Conda)}, telling {@code bytes} how a download comes along. */
  public Path conda(LockedPackage.Conda pkg, Transport.Bytes bytes) throws IOException {
    Optional<Path> hit = lookup(pkg);
    if (hit.isPresent()) {
      return hit.get();
    }
    String key = key(pkg);
    Path entry = root.resolve(key);
    try (ProcessLock ignored = lock(key)) {
      if (Files.isDirectory(entry)) {
        return entry; // another process built it while we waited
      }
      removeLeftovers(key);
      Path tmp = Files.createTempDirectory(root, ".tmp-" + key + "-");
      Path download = null;
      boolean keep = false; // a failed transfer leaves its partial file for the next run to resume
      try {
        Path source;
        if (isFileUrl(pkg)) {
          source = local(pkg);
        } else {
          download = root.resolve(".partial-" + key);
          keep = true;
          fetch(pkg, download, bytes);
          keep = false;
          source = download;
        }
        Hashes actual = Digests.of(source);
        Digests.verify(pkg.fileName(), pkg.hashes(), actual);
        PackageExtractor.extract(source, pkg.fileName(), tmp);
        writeRecord(pkg, actual, Files.size(source), tmp);
        rename(tmp, entry);
        return entry;
      } finally {
        deleteTree(tmp);
        if (download != null && !keep) {
          Files.deleteIfExists(download);
        }
      }
    }
  }

  /** A verified wheel file: a {@code file:} URL's file in place, else a download kept in the cache. */
  public Path wheel(LockedPackage.Pypi pkg) throws IOException {
    return wheel(pkg, Transport.Bytes.NONE);
  }

  /** As {@link #wheel(LockedPackage.Pypi)}, telling {@code bytes} how a download comes along. */
  public Path wheel(LockedPackage.Pypi pkg, Transport.Bytes bytes) throws IOException {
    if (isFileUrl(pkg)) {
      Path file = local(pkg);
      Digests.verify(pkg.fileName(), pkg.hashes(), Digests.of(file));
      return file;
    }
    Path target = wheelPath(pkg);
    if (Files.isRegularFile(target)) {
      return target;
    }
    String key = key(pkg);
    try (ProcessLock ignored = lock(key)) {
      if (Files.isRegularFile(target)) {
        return target;
      }
      Files.createDirectories(target.getParent());
      Path part = target.resolveSibling(".partial-" + pkg.fileName());
      boolean keep = true; // a failed transfer leaves its partial file for the next run to resume
      try {
        fetch(pkg, part, bytes);
        keep = false;
        Digests.verify(pkg.fileName(), pkg.hashes(), Digests.of(part));
        rename(part, target);
      } finally {
        if (!keep) {
          Files.deleteIfExists(part);
        }
      }
      return target;
    }
  }

  private Path wheelPath(LockedPackage.Pypi pkg) {
    return root.resolve("wheels").resolve(key(pkg)).resolve(pkg.fileName());
  }

  private static boolean isFileUrl(LockedPackage p) {
    return p.location().map(u -> u.startsWith("file:")).orElse(false);
  }

  private static Path local(LockedPackage p) {
    Path file = Path.of(URI.create(p.location().orElseThrow()));
    if (!Files.isRegularFile(file)) {
      throw EnvxException.failure("`" + file + "` (the file of `" + p.displayName() + "`) does not exist",
          "check the lockfile's URL");
    }
    return file;
  }

  private void fetch(LockedPackage pkg, Path target, Transport.Bytes bytes) throws IOException {
    String url = pkg.location().orElseThrow(() -> EnvxException.failure(
        "the lock gives no URL for `" + pkg.displayName() + "`", "lock again, or add the package's URL"));
    try {
      transport.download(URI.create(url), target, pkg.hashes(), bytes);
    } catch (IOException e) {
      throw EnvxException.failure("cannot download `" + pkg.displayName() + "`: " + e.getMessage(),
          "check the network, or run again to retry");
    }
  }

  /** {@code info/repodata_record.json}: the package's own index.json with what the lock knows laid over it. */
  private static void writeRecord(LockedPackage.Conda pkg, Hashes actual, long size, Path dir) throws IOException {
    Map<String, Object> index = Json.readIfExists(dir.resolve("info/index.json"));
    Map<String, Object> rec = new LinkedHashMap<>(index == null ? Map.of() : index);
    rec.put("name", pkg.name());
    rec.put("version", pkg.version().original());
    rec.put("build", pkg.build());
    rec.put("build_number", pkg.buildNumber());
    rec.putIfAbsent("subdir", pkg.subdir().subdir()); // a noarch package in a platform folder stays noarch
    rec.put("fn", pkg.fileName());
    rec.put("md5", actual.md5());
    rec.put("sha256", actual.sha256());
    rec.put("size", size);
    pkg.location().ifPresent(u -> rec.put("url", u));
    pkg.channelOptional().ifPresent(c -> rec.put("channel", c));
    if (!pkg.depends().isEmpty() || !rec.containsKey("depends")) {
      rec.put("depends", pkg.depends());
    }
    if (!pkg.constrains().isEmpty()) {
      rec.put("constrains", pkg.constrains());
    }
    if (pkg.noarch() != null) {
      rec.put("noarch", pkg.noarch());
    }
    AtomicFiles.writeString(dir.resolve("info/repodata_record.json"), Json.write(rec));
  }

  private void removeLeftovers(String key) throws IOException {
    try (Stream<Path> s = Files.list(root)) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".tmp-" + key + "-")).toList()) {
        deleteTree(p);
      }
    }
  }

  private static void rename(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    } catch (FileAlreadyExistsException e) {
      // only under our lock, so a complete entry is there already
    }
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> {
        try {
          Files.deleteIfExists(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The lock of one cache key, between processes and threads ({@link ProcessLock}). */
  private ProcessLock lock(String key) throws IOException {
    return ProcessLock.acquire(root.resolve(".locks").resolve(key + ".lock"), "the cache entry " + key);
  }
}
