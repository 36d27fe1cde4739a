package dev.envx.translate;

import dev.envx.model.pep508.PyPiName;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a pip line that is not a PEP 508 requirement installs from: a git repository
 * ({@code git+https://host/repo.git@rev#egg=name}), a local path ({@code -e ./path}, {@code ../pkg}) or an
 * archive URL ({@code https://host/x-1.0-py3-none-any.whl}); read once from the line.
 *
 * @param kind which of the three
 * @param location the repository URL without {@code git+} and revision, the path, or the archive URL without
 *     its {@code #egg=} fragment
 * @param rev the git revision after {@code @} (branch, tag or commit), or null
 * @param subdirectory the {@code #subdirectory=} fragment, or null
 * @param editable whether the line was {@code -e} / {@code --editable}
 * @param name the distribution name: {@code #egg=}, else the archive's file name, the repository's or the
 *     directory's last path segment; null when none can be told
 */
record PipSource(Kind kind, String location, String rev, String subdirectory, boolean editable, String name) {
  enum Kind { GIT, PATH, URL }

  private static final Pattern EDITABLE = Pattern.compile("^(?:-e|--editable)(?:\\s*=\\s*|\\s+)(\\S+)$");
  private static final Pattern ARCHIVE = Pattern.compile("(.+?)-(\\d[^-]*)(?:-.*)?\\.(?:whl|tar\\.gz|zip|tar\\.bz2|tgz)");

  PipSource {
    if (kind == null || location == null || location.isEmpty()) {
      throw new IllegalArgumentException("a pip source needs a kind and a location");
    }
  }

  /** The source of a pip line, or empty for a requirement, an option or anything else. */
  static Optional<PipSource> of(String line) {
    String t = line.strip();
    boolean editable = false;
    Matcher e = EDITABLE.matcher(t);
    if (e.matches()) {
      editable = true;
      t = e.group(1);
    } else if (t.startsWith("-") || t.contains(" ")) {
      return Optional.empty();
    }
    String fragment = null;
    int hash = t.indexOf('#');
    if (hash >= 0) {
      fragment = t.substring(hash + 1);
      t = t.substring(0, hash);
    }
    String egg = fragmentValue(fragment, "egg");
    String sub = fragmentValue(fragment, "subdirectory");
    if (t.startsWith("git+")) {
      String url = t.substring(4);
      String rev = null;
      int at = url.lastIndexOf('@');
      int slash = url.lastIndexOf('/');
      if (at > slash && at > url.indexOf("://") + 2) {
        rev = url.substring(at + 1);
        url = url.substring(0, at);
      }
      String base = url.replaceAll("/+$", "").replaceAll(".*/", "").replaceAll("\\.git$", "");
      return Optional.of(new PipSource(Kind.GIT, url, rev, sub, editable, valid(egg != null ? egg : base)));
    }
    if (t.matches("[a-z][a-z0-9+.-]*://.*")) {
      if (t.startsWith("file://")) {
        return Optional.empty();
      }
      String file = t.replaceAll("[?].*", "").replaceAll(".*/", "");
      Matcher a = ARCHIVE.matcher(file);
      String name = egg != null ? egg : a.matches() ? a.group(1) : null;
      return Optional.of(new PipSource(Kind.URL, t + (fragment != null && egg == null ? "#" + fragment : ""),
          null, null, editable, valid(name)));
    }
    if (t.startsWith(".") || t.startsWith("/") || t.startsWith("~") || editable && !t.contains(":")) {
      String base = t.replaceAll("/+$", "").replaceAll(".*/", "");
      Matcher a = ARCHIVE.matcher(base);
      String name = egg != null ? egg : a.matches() ? a.group(1) : base.equals(".") || base.equals("..") ? null : base;
      return Optional.of(new PipSource(Kind.PATH, t, null, sub, editable, valid(name)));
    }
    return Optional.empty();
  }

  private static String fragmentValue(String fragment, String key) {
    if (fragment == null) {
      return null;
    }
    for (String part : fragment.split("&")) {
      if (part.startsWith(key + "=") && part.length() > key.length() + 1) {
        return part.substring(key.length() + 1);
      }
    }
    return null;
  }

  private static String valid(String name) {
    return name != null && PyPiName.isValid(name) ? name : null;
  }
}
