package dev.envx.install;

import dev.envx.format.lock.Hashes;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * The one thing the installer asks of the network: put the body of an {@code http(s)} URL into a file. {@code
 * file:} URLs never reach it (they are read in place). {@link HttpTransport} goes through the shared HTTP
 * layer; tests pass their own.
 */
public interface Transport {
  /**
   * Writes the body at {@code uri} to {@code target} (created or replaced).
   *
   * @throws IOException when the transfer fails after any retries the implementation makes
   */
  void download(URI uri, Path target) throws IOException;

  /**
   * As {@link #download(URI, Path)}, knowing the digests the file must have: a transport that resumes a
   * partial {@code target} (left by an earlier failed call) checks the result against them.
   */
  default void download(URI uri, Path target, Hashes expected) throws IOException {
    download(uri, target);
  }

  /** As {@link #download(URI, Path, Hashes)}, telling {@code bytes} as the body arrives. */
  default void download(URI uri, Path target, Hashes expected, Bytes bytes) throws IOException {
    download(uri, target, expected);
  }

  /** How far a download has come: told from the downloading thread. */
  @FunctionalInterface
  interface Bytes {
    Bytes NONE = (bytes, total) -> {};

    /**
     * @param bytes the bytes of the file received so far (a resumed download starts from what it had)
     * @param total the file's whole size as the server gives it, or -1
     */
    void transferred(long bytes, long total);
  }

  /** A transport for installs that need no network: every http URL is an error. */
  static Transport offline() {
    return (uri, target) -> {
      throw new IOException("offline: not downloading " + uri);
    };
  }
}
