package dev.envx.format.lock;

import dev.envx.model.conda.Platform;
import java.util.Optional;

/** What a conda package URL says: file name, {@code name-version-build}, subdir and channel. */
final class CondaFiles {
  private CondaFiles() {}

  /** The name, version and build of a conda file name ({@code numpy-2.2.6-py313h17eae1a_0.conda}). */
  record Dist(String name, String version, String build) {}

  static boolean isCondaArchive(String fileName) {
    return fileName.endsWith(".conda") || fileName.endsWith(".tar.bz2");
  }

  /** The last path segment of a URL or path, without query or fragment. */
  static String fileName(String url) {
    String u = url;
    int q = u.indexOf('?');
    if (q >= 0) {
      u = u.substring(0, q);
    }
    int h = u.indexOf('#');
    if (h >= 0) {
      u = u.substring(0, h);
    }
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u.substring(u.lastIndexOf('/') + 1);
  }

  static Optional<Dist> dist(String fileName) {
    String stem;
    if (fileName.endsWith(".conda")) {
      stem = fileName.substring(0, fileName.length() - ".conda".length());
    } else if (fileName.endsWith(".tar.bz2")) {
      stem = fileName.substring(0, fileName.length() - ".tar.bz2".length());
    } else {
      return Optional.empty();
    }
    int b = stem.lastIndexOf('-');
    int v = b <= 0 ? -1 : stem.lastIndexOf('-', b - 1);
    if (v <= 0) {
      return Optional.empty();
    }
    return Optional.of(new Dist(stem.substring(0, v), stem.substring(v + 1, b), stem.substring(b + 1)));
  }

  /** The subdir a URL's parent folder names ({@code .../linux-64/x.conda}), if it is one. */
  static Optional<Platform> subdir(String url) {
    String[] parts = stripQuery(url).split("/");
    return parts.length < 2 ? Optional.empty() : Platform.fromSubdir(parts[parts.length - 2]);
  }

  /** The channel URL of a package URL: everything before {@code /<subdir>/<file>}, or null. */
  static String channel(String url) {
    String u = stripQuery(url);
    int f = u.lastIndexOf('/');
    if (f <= 0) {
      return null;
    }
    int s = u.lastIndexOf('/', f - 1);
    if (s <= 0 || Platform.fromSubdir(u.substring(s + 1, f)).isEmpty()) {
      return null;
    }
    return u.substring(0, s);
  }

  /** conda's build number convention: the digits after the last {@code _} of the build string, else 0. */
  static long buildNumber(String build) {
    int u = build.lastIndexOf('_');
    String tail = u < 0 ? build : build.substring(u + 1);
    if (!tail.isEmpty() && tail.length() < 10 && tail.chars().allMatch(Character::isDigit)) {
      return Long.parseLong(tail);
    }
    return 0;
  }

  private static String stripQuery(String url) {
    int q = url.indexOf('?');
    String u = q >= 0 ? url.substring(0, q) : url;
    int h = u.indexOf('#');
    return h >= 0 ? u.substring(0, h) : u;
  }
}
