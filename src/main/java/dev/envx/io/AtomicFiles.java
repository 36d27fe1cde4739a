package dev.envx.io;

import dev.envx.diag.EnvxException;
import dev.envx.diag.IoErrors;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one way envx writes a file: bytes go to a temporary file beside the target, which is then moved over it
 * (atomically where the file system can). A reader never sees a half-written file.
 *
 * <p>What the writer guarantees, for every file envx writes (outputs and its own cache):
 *
 * <ul>
 *   <li>a symbolic link is written <em>through</em>: its final target gets the new content and the link stays
 *       a link (a dangling link is refused);
 *   <li>anything that is not a regular file (a directory, FIFO, socket, device) is never replaced: exit 2;
 *   <li>an output that is one of the command's inputs (the same file by {@link Files#isSameFile}, also through
 *       links and hard links) is refused unless the write is an in-place update of that input;
 *   <li>an existing file keeps its permissions; a new file gets {@code 0666 & ~umask}, as every Unix tool does;
 *   <li>the temporary file is removed on every failure path, and temporaries left by a killed envx (their
 *       process is gone, or they are a day old) are removed by the next write to the same folder;
 *   <li>missing parent folders are created only when asked for ({@link Policy#createParents}): envx's caches
 *       do, a user's {@code -o nodir/x.toml} is refused with a message.
 * </ul>
 */
public final class AtomicFiles {
  private static final String MARK = ".envx-";
  private static final Duration STALE = Duration.ofDays(1);

  private AtomicFiles() {}

  /**
   * What a write may do.
   *
   * @param inputs the files the command read; the output may not be one of them unless {@code inPlace}
   * @param inPlace the command updates its input in place (then the output may be an input)
   * @param createParents create missing parent folders (for envx's own cache), or refuse
   */
  public record Policy(List<Path> inputs, boolean inPlace, boolean createParents) {
    public Policy {
      inputs = List.copyOf(inputs);
    }

    /** envx's own files (cache, state): parents created, nothing read that could be clobbered. */
    public static final Policy CACHE = new Policy(List.of(), false, true);

    /** A user's output file, written from these inputs; parents must exist. */
    public static Policy output(Path... inputs) {
      return new Policy(List.of(inputs), false, false);
    }
  }

  /** How the content is produced: streamed into the temporary file. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Writes a file of envx's own (a cache entry), creating its folder; see the class comment. */
  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, out -> out.write(bytes), Policy.CACHE);
  }

  public static void writeString(Path target, String text) throws IOException {
    write(target, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes {@code content} to {@code target} under {@code policy}. A refusal (the input, not a regular file, a
   * dangling link, a missing folder) is an {@link EnvxException} with exit 2; an I/O failure is an
   * {@link IOException} whose message names the target and the OS's reason, with the temporary file removed.
   */
  public static void write(Path target, Content content, Policy policy) throws IOException {
    try (Pending p = prepare(target, content, policy)) {
      p.commit();
    }
  }

  /**
   * A finished temporary file beside its target, not yet moved over it: {@link #commit} moves it into place,
   * {@link #close} removes it unless it was committed. Its name is unique to this process and write, so writers
   * of the same target (threads or processes) never share or truncate each other's temporary file.
   */
  public static final class Pending implements AutoCloseable {
    private final Path target;
    private final Path real;
    private final Path tmp;
    private final long size;
    private boolean committed;

    private Pending(Path target, Path real, Path tmp, long size) {
      this.target = target;
      this.real = real;
      this.tmp = tmp;
      this.size = size;
    }

    /** How many bytes were written. */
    public long size() {
      return size;
    }

    /** Moves the temporary file over the target (atomically where the file system can); once only. */
    public void commit() throws IOException {
      if (committed) {
        throw new IllegalStateException("already committed: " + target);
      }
      try {
        requireReplaceable(target, real); // again, just before the move: it may have changed meanwhile
        move(tmp, real);
        committed = true;
      } catch (IOException e) {
        throw new IOException(IoErrors.reason(e), e);
      }
    }

    /** Removes the temporary file unless it was committed. */
    @Override
    public void close() throws IOException {
      if (!committed) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /**
   * Writes {@code content} to a new temporary file beside {@code target} under {@code policy} (the same checks as
   * {@link #write(Path, Content, Policy)}) and returns it, to be committed or closed; on failure nothing is left.
   */
  public static Pending prepare(Path target, Content content, Policy policy) throws IOException {
    Path real = resolve(target);
    if (!policy.inPlace()) {
      requireNotInput(target, policy.inputs());
    }
    Path dir = real.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      if (!policy.createParents()) {
        Path shown = target.getParent() != null ? target.getParent() : dir;
        throw EnvxException.input("cannot write `" + target + "`: folder `" + shown + "` does not exist", null,
            "create the folder first; envx does not create folders for its output");
      }
      Files.createDirectories(dir);
    }
    removeStale(dir, real.getFileName().toString());
    Path tmp = dir.resolve("." + real.getFileName() + MARK + ProcessHandle.current().pid() + "-"
        + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + ".tmp");
    boolean done = false;
    try {
      long size;
      // no explicit permissions: the file gets 0666 & ~umask, like every Unix tool's output
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(ch)) {
        content.writeTo(out);
        out.flush();
        ch.force(true);
        size = ch.size();
      }
      if (Files.exists(real)) {
        keepPermissions(real, tmp);
      }
      done = true;
      return new Pending(target, real, tmp, size);
    } catch (IOException e) {
      throw new IOException(IoErrors.reason(e), e);
    } finally {
      if (!done) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /**
   * Refuses (exit 2) an output that is one of the inputs: the same file by {@link Files#isSameFile}, so also
   * through symbolic and hard links. Commands call it before their work, and every write calls it again.
   */
  public static void requireNotInput(Path target, List<Path> inputs) throws IOException {
    if (!Files.exists(target)) {
      return;
    }
    for (Path in : inputs) {
      if (Files.exists(in) && Files.isSameFile(in, target)) {
        String which = in.normalize().equals(target.normalize()) ? "" : " `" + in + "`";
        throw EnvxException.input("`" + target + "` is the input file" + which + "; writing it would replace the "
            + "input", null, "choose another output file with `-o`");
      }
    }
  }

  /** Moves a finished temporary file over the target, atomically when supported. */
  public static void move(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The file a write to {@code target} lands in: the final target of a symbolic link, else itself. */
  private static Path resolve(Path target) throws IOException {
    Path p = target;
    for (int hops = 0; Files.isSymbolicLink(p); hops++) {
      if (hops >= 40) {
        throw EnvxException.input("cannot write `" + target + "`: too many levels of symbolic links", null);
      }
      Path link = Files.readSymbolicLink(p);
      Path parent = p.toAbsolutePath().getParent();
      p = parent == null ? link : parent.resolve(link);
    }
    if (!p.equals(target) && !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      throw EnvxException.input("cannot write `" + target + "`: it is a symbolic link to `" + p
          + "`, which does not exist", null, "remove the link or create its target first");
    }
    requireReplaceable(target, p);
    return p.normalize();
  }

  private static void requireReplaceable(Path shown, Path real) throws IOException {
    try {
      // one look (not exists-then-isRegularFile): a file another writer removes meanwhile is absent, not "special"
      if (Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isRegularFile()) {
        return;
      }
    } catch (NoSuchFileException e) {
      return;
    }
    throw EnvxException.input("cannot write `" + shown + "`: it is " + kind(real) + ", not a regular file", null,
        "envx replaces only regular files; choose another output file");
  }

  /** "a directory", "a FIFO", "a character device", ... from the file type bits of {@code st_mode}. */
  static String kind(Path p) {
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      return "a directory";
    }
    try {
      int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      return switch (mode & 0170000) {
        case 0010000 -> "a FIFO";
        case 0020000 -> "a character device";
        case 0060000 -> "a block device";
        case 0140000 -> "a socket";
        default -> "a special file";
      };
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "a special file";
    }
  }

  private static void keepPermissions(Path from, Path to) throws IOException {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(from);
      Files.setPosixFilePermissions(to, perms);
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the move keeps what the platform gives
    } catch (NoSuchFileException e) {
      // removed meanwhile (another writer of the same file): nothing to keep, the new file gets the default
    }
  }

  /**
   * Removes temporaries an earlier envx left beside {@code name}: ours carry the writer's pid and are stale when
   * that process is gone (or a day old); those of envx before this writer ({@code .NAME.<digits>.tmp}) when
   * older than ten minutes. Best effort: a folder that cannot be listed is left alone.
   */
  private static void removeStale(Path dir, String name) {
    String prefix = "." + name;
    Instant now = Instant.now();
    DirectoryStream.Filter<Path> ours = p -> {
      String n = p.getFileName().toString();
      return n.startsWith(prefix + ".") && n.endsWith(".tmp") && n.length() > prefix.length() + 4;
    };
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, ours)) {
      for (Path p : s) {
        String rest = p.getFileName().toString().substring(prefix.length(), p.getFileName().toString().length() - 4);
        boolean stale;
        if (rest.startsWith(MARK)) {
          String[] parts = rest.substring(MARK.length()).split("-", 2);
          stale = parts.length == 2 && parts[0].matches("\\d{1,18}")
              && (ProcessHandle.of(Long.parseLong(parts[0])).isEmpty() || olderThan(p, now, STALE));
        } else {
          stale = rest.matches("\\.\\d+") && olderThan(p, now, Duration.ofMinutes(10));
        }
        if (stale && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException | RuntimeException e) {
      // best effort only
    }
  }

  private static boolean olderThan(Path p, Instant now, Duration age) throws IOException {
    FileTime t = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
    return t.toInstant().isBefore(now.minus(age));
  }
}
