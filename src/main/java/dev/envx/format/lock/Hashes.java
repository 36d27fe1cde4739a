package dev.envx.format.lock;

import java.util.Locale;
import java.util.Optional;

/**
 * The digests a lockfile records for one file: lowercase hex md5 (conda) and sha256 (conda and PyPI). Either may
 * be absent; each present one is validated here, once.
 *
 * @param md5 32 lowercase hex digits, or null
 * @param sha256 64 lowercase hex digits, or null
 */
public record Hashes(String md5, String sha256) {
  public static final Hashes NONE = new Hashes(null, null);

  public Hashes {
    md5 = check("md5", md5, 32);
    sha256 = check("sha256", sha256, 64);
  }

  /** Hashes with only a sha256. */
  public static Hashes sha256(String sha256) {
    return new Hashes(null, sha256);
  }

  public Optional<String> md5Optional() {
    return Optional.ofNullable(md5);
  }

  public Optional<String> sha256Optional() {
    return Optional.ofNullable(sha256);
  }

  public boolean isEmpty() {
    return md5 == null && sha256 == null;
  }

  /** Lowercase hex digits only (a loop: a stream per digest cost a cold solve of 270 packages ~5 ms). */
  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return false;
      }
    }
    return true;
  }

  private static String check(String kind, String hex, int length) {
    if (hex == null) {
      return null;
    }
    String lower = hex.toLowerCase(Locale.ROOT);
    if (lower.length() != length || !isHex(lower)) {
      throw new IllegalArgumentException("a " + kind + " digest is " + length + " hex digits, got `" + hex + "`");
    }
    return lower;
  }
}
