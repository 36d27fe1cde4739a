package dev.envx.io;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a lock file, between processes (a file lock) and threads. Polled with {@code tryLock},
 * never a blocking {@code lock}: POSIX record locks belong to the process, so two multi-threaded processes waiting
 * on each other's files look like a deadlock to the kernel, which then fails one of them with EDEADLK ("Resource
 * deadlock avoided") although no thread waits on itself. The lock file stays (it is empty); the operating system
 * releases the lock when its process ends, however it ends.
 */
public final class ProcessLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private ProcessLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Waits for and takes the lock of {@code file} (created, with its folder, when missing).
   *
   * @param what what the lock guards, for the message when the wait is interrupted
   */
  public static ProcessLock acquire(Path file, String what) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      long wait = 2;
      while (true) {
        try {
          FileLock lock = ch.tryLock();
          if (lock != null) {
            return new ProcessLock(ch, lock);
          }
          // held by another process
        } catch (OverlappingFileLockException e) {
          // held by another thread of this JVM
        }
        Thread.sleep(wait);
        wait = Math.min(50, wait * 2);
      }
    } catch (InterruptedException e) {
      ch.close();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for the lock of " + what);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
