package dev.envx.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * The expected digest of a download: a JDK algorithm name ({@code SHA-256}, {@code MD5}) and the hex value.
 * A resumed download is checked against it, so that a file spliced from two versions is fetched again whole.
 */
public record Digest(String algorithm, String hex) {
  public Digest {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(hex, "hex");
    hex = hex.toLowerCase(Locale.ROOT);
    try {
      MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalArgumentException("unknown digest algorithm `" + algorithm + "`", e);
    }
    if (!hex.matches("[0-9a-f]+")) {
      throw new IllegalArgumentException("a digest is hexadecimal");
    }
  }

  public static Digest sha256(String hex) {
    return new Digest("SHA-256", hex);
  }

  public static Digest md5(String hex) {
    return new Digest("MD5", hex);
  }

  /** Whether the file's digest is this one. */
  public boolean matches(Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest()).equals(hex);
  }
}
