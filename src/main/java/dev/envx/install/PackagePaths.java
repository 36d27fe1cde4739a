package dev.envx.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What an extracted conda package puts into a prefix: {@code info/paths.json}, or for older packages {@code
 * info/files} with {@code info/has_prefix} and {@code info/no_link}; plus the noarch kind and entry points from
 * {@code info/link.json} (or {@code info/noarch.json}) and {@code info/index.json}.
 */
record PackagePaths(List<Entry> entries, String noarch, List<String> entryPoints) {
  /** The placeholder of packages that predate paths.json and name none. */
  static final String LEGACY_PLACEHOLDER = "/opt/anaconda1anaconda2anaconda3";

  enum Type { HARDLINK, SOFTLINK, DIRECTORY }

  /**
   * One path.
   *
   * @param path relative path in the package (validated)
   * @param type how it is linked
   * @param placeholder the prefix placeholder to replace, or null
   * @param binary the placeholder is replaced in binary mode (NUL-padded)
   * @param sha256 the digest paths.json gives, or null
   * @param size the size paths.json gives, or -1
   * @param noLink always copy, never hardlink
   */
  record Entry(String path, Type type, String placeholder, boolean binary, String sha256, long size,
      boolean noLink) {
    Entry {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(type, "type");
    }
  }

  PackagePaths {
    entries = List.copyOf(entries);
    entryPoints = List.copyOf(entryPoints);
  }

  boolean isNoarchPython() {
    return "python".equals(noarch);
  }

  static PackagePaths read(Path pkgDir, String pkg) throws IOException {
    List<Entry> entries = new ArrayList<>();
    Map<String, Object> paths = Json.readIfExists(pkgDir.resolve("info/paths.json"));
    if (paths != null) {
      for (Object o : (List<?>) paths.getOrDefault("paths", List.of())) {
        Map<?, ?> m = (Map<?, ?>) o;
        String path = SafePaths.entry(pkg, String.valueOf(m.get("_path")));
        String t = String.valueOf(m.get("path_type"));
        Type type = t.equals("softlink") ? Type.SOFTLINK : t.equals("directory") ? Type.DIRECTORY : Type.HARDLINK;
        Object placeholder = m.get("prefix_placeholder");
        Object size = m.get("size_in_bytes");
        entries.add(new Entry(path, type, placeholder == null ? null : placeholder.toString(),
            "binary".equals(m.get("file_mode")), (String) m.get("sha256"),
            size instanceof Number n ? n.longValue() : -1, Boolean.TRUE.equals(m.get("no_link"))));
      }
    } else {
      entries.addAll(legacy(pkgDir, pkg));
    }
    Map<String, Object> index = Json.readIfExists(pkgDir.resolve("info/index.json"));
    Object noarch = index == null ? null : index.get("noarch");
    List<String> eps = new ArrayList<>();
    Map<String, Object> link = Json.readIfExists(pkgDir.resolve("info/link.json"));
    Object na = link != null ? link.get("noarch") : Json.readIfExists(pkgDir.resolve("info/noarch.json"));
    if (na instanceof Map<?, ?> m) {
      if (m.get("type") != null) {
        noarch = m.get("type");
      }
      if (m.get("entry_points") instanceof List<?> l) {
        l.forEach(e -> eps.add(String.valueOf(e)));
      }
    }
    if (Boolean.TRUE.equals(noarch)) {
      noarch = "generic";
    }
    return new PackagePaths(entries, noarch == null ? null : noarch.toString(), eps);
  }

  private static List<Entry> legacy(Path pkgDir, String pkg) throws IOException {
    Map<String, String[]> prefixed = new HashMap<>();
    Path hasPrefix = pkgDir.resolve("info/has_prefix");
    if (Files.isRegularFile(hasPrefix)) {
      for (String line : Files.readAllLines(hasPrefix, StandardCharsets.UTF_8)) {
        String[] parts = line.strip().split(" ", 3);
        if (parts.length == 3) {
          prefixed.put(SafePaths.entry(pkg, unquote(parts[2])), new String[] {unquote(parts[0]), parts[1]});
        } else if (!line.isBlank()) {
          prefixed.put(SafePaths.entry(pkg, unquote(line.strip())), new String[] {LEGACY_PLACEHOLDER, "text"});
        }
      }
    }
    Set<String> noLink = new HashSet<>();
    Path nl = pkgDir.resolve("info/no_link");
    if (Files.isRegularFile(nl)) {
      for (String line : Files.readAllLines(nl, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          noLink.add(SafePaths.entry(pkg, line.strip()));
        }
      }
    }
    List<Entry> out = new ArrayList<>();
    Path files = pkgDir.resolve("info/files");
    if (!Files.isRegularFile(files)) { // neither paths.json nor files: everything outside info/
      try (java.util.stream.Stream<Path> s = Files.walk(pkgDir)) {
        for (Path f : s.sorted().toList()) {
          String rel = pkgDir.relativize(f).toString();
          if (rel.isEmpty() || rel.equals("info") || rel.startsWith("info/")
              || (Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS))) {
            continue;
          }
          String[] p = prefixed.get(rel);
          out.add(new Entry(rel, Files.isSymbolicLink(f) ? Type.SOFTLINK : Type.HARDLINK, p == null ? null : p[0],
              p != null && p[1].equals("binary"), null, -1, noLink.contains(rel)));
        }
      }
    } else {
      for (String line : Files.readAllLines(files, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        String path = SafePaths.entry(pkg, line.strip());
        String[] p = prefixed.get(path);
        Type type = Files.isSymbolicLink(pkgDir.resolve(path)) ? Type.SOFTLINK
            : Files.isDirectory(pkgDir.resolve(path), LinkOption.NOFOLLOW_LINKS) ? Type.DIRECTORY : Type.HARDLINK;
        out.add(new Entry(path, type, p == null ? null : p[0], p != null && p[1].equals("binary"), null, -1,
            noLink.contains(path)));
      }
    }
    return out;
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
  }
}
