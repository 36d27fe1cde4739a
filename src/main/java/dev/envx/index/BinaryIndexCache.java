package dev.envx.index;

import dev.envx.io.AtomicFiles;
import dev.envx.model.conda.Channel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * The binary index cache: one {@link BinaryIndex} file per repodata source under {@code <cache>/index/}, written
 * after the first JSON parse and memory-mapped on later runs, so that a warm run decodes only the records of
 * the names a solve reaches instead of parsing the whole JSON.
 *
 * <p>The key (kept inside the file, compared whole) is the index format, the channel, the subdir and the
 * source file's path, size, modification time and file key (inode). A remote channel's source is the cached
 * body: a new ETag means a new body, moved into place as a new file, hence a new key; a {@code 304} keeps the
 * body and the index. A file that is truncated, tampered with (CRC-32C over everything after the fixed
 * header, whose length field is checked against the file's), of another format or stale is parsed again from the JSON and replaced. Writes go to a temporary
 * file in the same directory and are moved over the old index ({@link AtomicFiles#move}), so readers (which map
 * whole files) never see a partial one and concurrent writers each leave a complete file. A cache directory
 * that cannot be written only costs the speed-up.
 */
final class BinaryIndexCache {
  private static final Duration STALE_TEMP = Duration.ofMinutes(10);

  private final Path dir;
  private final Consumer<String> debug;
  private final int backgroundRecords;

  /**
   * @param dir the directory the index files live in
   * @param debug receives one line per cache miss or failure (why the JSON was parsed)
   */
  BinaryIndexCache(Path dir, Consumer<String> debug) {
    this(dir, debug, BACKGROUND_RECORDS);
  }

  /** As above; sources of {@code backgroundRecords} or more records are written on a second thread. */
  BinaryIndexCache(Path dir, Consumer<String> debug, int backgroundRecords) {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.debug = Objects.requireNonNull(debug, "debug");
    this.backgroundRecords = backgroundRecords;
  }

  /** The cache under a repodata cache dir ({@code <cacheDir>/index}). */
  static BinaryIndexCache in(RepodataSettings settings) {
    return new BinaryIndexCache(settings.cacheDir().resolve("index"), m -> {});
  }

  /**
   * The subdir parsed from {@code file}: from its binary index when that is current, else parsed by
   * {@code parser} (and the index written for the next run).
   */
  SubdirRepodata load(Path file, Channel channel, String subdir, RepodataParser parser) {
    String key;
    try {
      key = key(file, channel, subdir);
    } catch (IOException e) {
      return parser.parse(file, channel, subdir); // the parser reports the unreadable file
    }
    Path cached = dir.resolve(fileName(channel, subdir, file));
    try {
      BinaryIndex.Opened opened = BinaryIndex.open(cached, key);
      if (opened instanceof BinaryIndex.Usable u) {
        BinaryIndex b = u.index();
        return new SubdirRepodata(channel, b.subdir(), b.baseUrl(), b.repodataVersion(), b.records(channel),
            b.size(), b.parsedCount());
      }
      debug.accept("binary index " + cached + ": " + ((BinaryIndex.Unusable) opened).reason() + "; rebuilding");
    } catch (NoSuchFileException e) {
      // first read of this source
    } catch (IOException | RuntimeException e) {
      debug.accept("binary index " + cached + " unreadable (" + e.getMessage() + "); rebuilding");
    }
    SubdirRepodata parsed = parser.parse(file, channel, subdir);
    if (parsed.size() >= backgroundRecords) {
      writeInBackground(parsed, key, cached);
    } else {
      write(parsed, key, cached);
    }
    return parsed;
  }

  /**
   * From this many records the index is written on a second thread while the caller goes on (solves): on 500k
   * records writing costs about a fifth of the parse. A shutdown hook lets the write finish before the JVM
   * exits, so {@code System.exit} neither loses the index nor leaves a temporary file.
   */
  static final int BACKGROUND_RECORDS = 20_000;

  private void writeInBackground(SubdirRepodata parsed, String key, Path target) {
    Thread writer = new Thread(() -> write(parsed, key, target), "binary-index-writer");
    Thread waiter = new Thread(() -> {
      try {
        writer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "binary-index-exit");
    Runtime.getRuntime().addShutdownHook(waiter);
    writer.setDaemon(true);
    writer.start();
    Thread cleanup = new Thread(() -> {
      try {
        writer.join();
        Runtime.getRuntime().removeShutdownHook(waiter);
      } catch (InterruptedException | IllegalStateException e) {
        // shutting down: the hook is running and waits for the writer
      }
    }, "binary-index-unhook");
    cleanup.setDaemon(true);
    cleanup.start();
  }

  /** Writes the index of {@code parsed} atomically; a failure is reported to debug and otherwise ignored. */
  void write(SubdirRepodata parsed, String key, Path target) {
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      removeStaleTemporaries();
      tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
      BinaryIndexWriter.write(parsed, key, tmp);
      AtomicFiles.move(tmp, target);
    } catch (IOException | RuntimeException e) {
      debug.accept("binary index " + target + " not written: " + e.getMessage());
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          debug.accept("cannot remove " + tmp + ": " + e.getMessage());
        }
      }
    }
  }

  /** Temporary files a killed writer left (older than ten minutes, so never one being written). */
  private void removeStaleTemporaries() throws IOException {
    Instant before = Instant.now().minus(STALE_TEMP);
    try (DirectoryStream<Path> tmps = Files.newDirectoryStream(dir, ".*.tmp")) {
      for (Path t : tmps) {
        try {
          if (Files.getLastModifiedTime(t).toInstant().isBefore(before)) {
            Files.deleteIfExists(t);
          }
        } catch (IOException e) {
          // another writer removed or is removing it
        }
      }
    }
  }

  /** What the index of {@code file} must have been written from. */
  static String key(Path file, Channel channel, String subdir) throws IOException {
    Path real = file.toRealPath();
    BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
    FileTime m = a.lastModifiedTime();
    return "envx-binary-index " + BinaryIndexWriter.FORMAT + "\nchannel " + (channel == null ? "" : channel.url())
        + "\nsubdir " + subdir + "\nsource " + real + "\nsize " + a.size() + "\nmtime " + m.toInstant()
        + "\nfile-key " + a.fileKey();
  }

  /**
   * {@code <channel name>-<subdir>-<hash of channel, subdir and path>.bidx}: one file per source, replaced when
   * the source changes. A hash collision only costs a rebuild (the full key is checked).
   */
  static String fileName(Channel channel, String subdir, Path file) {
    String where = (channel == null ? "" : channel.url()) + "\n" + subdir + "\n" + file.toAbsolutePath();
    byte[] b = where.getBytes(StandardCharsets.UTF_8);
    CRC32C crc = new CRC32C();
    crc.update(b);
    String name = channel == null ? "file" : channel.name();
    StringBuilder sb = new StringBuilder(80);
    for (int i = Math.max(0, name.length() - 40); i < name.length(); i++) { // no regex, no format: start-up
      char c = name.charAt(i);
      sb.append(c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-') ? c : '_');
    }
    long hash = crc.getValue() << 32 | (where.hashCode() & 0xFFFFFFFFL);
    return sb.append('-').append(subdir).append('-').append(hex16(hash)).append(".bidx").toString();
  }

  private static String hex16(long v) {
    String h = Long.toHexString(v);
    return "0".repeat(16 - h.length()) + h;
  }
}
