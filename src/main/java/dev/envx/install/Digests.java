package dev.envx.install;

import dev.envx.diag.EnvxException;
import dev.envx.format.lock.Hashes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** sha256 and md5 of files and streams, and the one check of a downloaded file against its lock's digests. */
final class Digests {
  private Digests() {}

  static MessageDigest sha256() {
    return digest("SHA-256");
  }

  static MessageDigest md5() {
    return digest("MD5");
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no " + algorithm, e);
    }
  }

  /** The file's sha256 and md5 (one read). */
  static Hashes of(Path file) throws IOException {
    MessageDigest sha = sha256();
    MessageDigest md5 = md5();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        sha.update(buf, 0, n);
        md5.update(buf, 0, n);
      }
    }
    return new Hashes(hex(md5.digest()), hex(sha.digest()));
  }

  /** Copies a stream into a file, returning the sha256 and md5 of what was written. */
  static Hashes copy(InputStream in, OutputStream out) throws IOException {
    MessageDigest sha = sha256();
    MessageDigest md5 = md5();
    byte[] buf = new byte[1 << 16];
    for (int n; (n = in.read(buf)) > 0; ) {
      sha.update(buf, 0, n);
      md5.update(buf, 0, n);
      out.write(buf, 0, n);
    }
    return new Hashes(hex(md5.digest()), hex(sha.digest()));
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * Checks actual digests against the expected ones: sha256 when the lock has it, md5 otherwise. A lock with
   * neither passes (nothing to check against).
   *
   * @throws EnvxException naming the file, the expected and the actual digest
   */
  static void verify(String what, Hashes expected, Hashes actual) {
    if (expected.sha256() != null) {
      if (!expected.sha256().equals(actual.sha256())) {
        throw mismatch(what, "sha256", expected.sha256(), actual.sha256());
      }
    } else if (expected.md5() != null && !expected.md5().equals(actual.md5())) {
      throw mismatch(what, "md5", expected.md5(), actual.md5());
    }
  }

  private static EnvxException mismatch(String what, String kind, String expected, String actual) {
    return EnvxException.failure("the " + kind + " of `" + what + "` is " + actual + ", the lock says " + expected
        + "; nothing was extracted from it",
        "the file is corrupt or was replaced; delete it from the cache or the mirror and run the install again");
  }
}
