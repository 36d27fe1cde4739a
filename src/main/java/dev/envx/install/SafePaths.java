package dev.envx.install;

import dev.envx.diag.EnvxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The one rule for paths from archives and package metadata: relative, no {@code ..}, no link that leaves its
 * root. Every refusal names the package and the entry.
 */
final class SafePaths {
  private SafePaths() {}

  /**
   * A relative entry name from an archive or a paths.json, normalized ({@code ./} and repeated slashes dropped).
   *
   * @throws EnvxException for an absolute path, a {@code ..} segment, a drive letter or a NUL
   */
  static String entry(String pkg, String name) {
    String n = name.replace('\\', '/');
    while (n.startsWith("./")) {
      n = n.substring(2);
    }
    if (n.endsWith("/")) {
      n = n.substring(0, n.length() - 1);
    }
    if (n.isEmpty() || n.equals(".")) {
      return "";
    }
    if (n.startsWith("/") || n.matches("^[A-Za-z]:.*") || n.indexOf('\0') >= 0) {
      throw refused(pkg, name, "an absolute path");
    }
    StringBuilder out = new StringBuilder();
    for (String seg : n.split("/")) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        throw refused(pkg, name, "a `..` segment");
      }
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(seg);
    }
    return out.toString();
  }

  /**
   * Checks that a symlink at {@code linkEntry} (relative to the root) with the given target stays inside the root.
   *
   * @throws EnvxException when the target is absolute or climbs out
   */
  static void linkTarget(String pkg, String linkEntry, String target) {
    linkTarget(pkg, linkEntry, linkEntry, target);
  }

  private static void linkTarget(String pkg, String linkEntry, String realEntry, String target) {
    if (target.isEmpty() || target.startsWith("/") || target.matches("^[A-Za-z]:.*")) {
      throw refused(pkg, linkEntry, "a link to `" + target + "` outside the prefix");
    }
    int depth = realEntry.split("/").length - 1;
    for (String seg : target.split("/")) {
      if (seg.equals("..")) {
        depth--;
        if (depth < 0) {
          throw refused(pkg, linkEntry, "a link to `" + target + "` outside the prefix");
        }
      } else if (!seg.isEmpty() && !seg.equals(".")) {
        depth++;
      }
    }
  }

  /**
   * A directory that entries are written under. {@link #resolve} gives {@code root/entry} after checking that its
   * parent, followed through any links already on disk, is still inside the root (a link created earlier must not
   * carry a later entry out). Directories found to be plain (no link on their way) are remembered, so a package
   * of thousands of files costs one check per directory; a link created where such a directory was must be
   * reported with {@link #linked}.
   */
  static final class Root {
    private final Path real;
    private final java.util.Set<Path> plain = new java.util.HashSet<>();

    Root(Path dir) throws IOException {
      this.real = dir.toRealPath();
      plain.add(real);
    }

    Path path() {
      return real;
    }

    Path resolve(String pkg, String entry) throws IOException {
      Path p = real.resolve(entry);
      Path existing = p.getParent();
      if (plain.contains(existing)) {
        return p;
      }
      while (existing != null && !plain.contains(existing) && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
        existing = existing.getParent();
      }
      if (existing == null || plain.contains(existing)) {
        return p;
      }
      Path r = existing.toRealPath();
      if (!r.startsWith(real)) {
        throw refused(pkg, entry, "a path through a link that leaves the prefix");
      }
      if (r.equals(existing)) {
        plain.add(existing);
      }
      return p;
    }

    /**
     * Where a symlink {@code entry -> target} goes, after checking the target against the link's real place
     * (its parent followed through links already on disk), so a link reached through another link cannot climb
     * out either.
     */
    Path symlink(String pkg, String entry, String target) throws IOException {
      Path p = resolve(pkg, entry);
      Path parent = p.getParent();
      Files.createDirectories(parent);
      Path realParent = parent.toRealPath();
      String rel = real.relativize(realParent).toString();
      linkTarget(pkg, entry, (rel.isEmpty() ? "" : rel + "/") + p.getFileName(), target);
      return p;
    }

    /** A link now stands at {@code p}: it is no longer a plain directory. */
    void linked(Path p) {
      plain.remove(p);
    }
  }

  static EnvxException refused(String pkg, String entry, String why) {
    return EnvxException.failure("refusing `" + entry + "` of `" + pkg + "`: " + why,
        "the package is malformed or malicious; nothing of it was installed");
  }
}
