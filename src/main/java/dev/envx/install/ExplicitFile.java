package dev.envx.install;

import dev.envx.diag.EnvxException;
import dev.envx.diag.SourceFile;
import dev.envx.diag.Span;
import dev.envx.format.lock.Hashes;
import dev.envx.format.lock.LockedPackage;
import dev.envx.model.conda.CondaVersion;
import dev.envx.model.conda.Platform;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A conda {@code @EXPLICIT} file ({@code conda list --explicit}, {@code conda-lock --kind explicit}): one package
 * URL a line, optionally with {@code #<md5>} or {@code #sha256:<hex>}. The install stage's own small reader,
 * until {@code format.lock} has one. Name, version and build come from the file name, subdir and channel from
 * the URL; dependencies are not in the format (the conda-meta record takes them from the package's index.json).
 */
public final class ExplicitFile {
  private ExplicitFile() {}

  public static List<LockedPackage> read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(),
          file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw EnvxException.cannotRead(file, e);
    }
  }

  /**
   * @param base the directory that relative paths (a local file instead of a URL) are resolved against
   */
  public static List<LockedPackage> parse(String text, String origin, Path base) {
    SourceFile src = SourceFile.of(origin, text);
    List<LockedPackage> out = new ArrayList<>();
    boolean explicit = false;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || (line.startsWith("#") && !line.equals("@EXPLICIT"))) {
        continue;
      }
      Span span = new Span(src, i + 1, lines[i].indexOf(line) + 1, Math.max(1, line.length()));
      if (line.equals("@EXPLICIT")) {
        explicit = true;
        continue;
      }
      if (!explicit) {
        throw EnvxException.input("this is not an @EXPLICIT file: a package line before the `@EXPLICIT` marker",
            span, "an explicit file starts with `@EXPLICIT` on a line of its own");
      }
      out.add(line(line, span, base));
    }
    if (!explicit) {
      throw EnvxException.input("this is not an @EXPLICIT file: it has no `@EXPLICIT` line", Span.whole(src),
          "write one with `conda list --explicit --md5` or `conda-lock --kind explicit`");
    }
    return out;
  }

  private static LockedPackage.Conda line(String line, Span span, Path base) {
    String url = line;
    Hashes hashes = Hashes.NONE;
    int hash = line.indexOf('#');
    try {
      if (hash >= 0) {
        url = line.substring(0, hash);
        String h = line.substring(hash + 1);
        hashes = h.startsWith("sha256:") ? Hashes.sha256(h.substring(7)) : new Hashes(h, null);
      }
    } catch (IllegalArgumentException e) {
      throw EnvxException.input(e.getMessage(), span.shifted(hash + 1, line.length() - hash - 1));
    }
    if (!url.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      url = base.resolve(url).normalize().toUri().toString();
    }
    String path = URI.create(url.replace(" ", "%20")).getPath();
    if (path == null) {
      throw EnvxException.input("`" + url + "` is not a package URL", span);
    }
    String[] segs = path.split("/");
    String fn = segs[segs.length - 1];
    String stem = fn.endsWith(".tar.bz2") ? fn.substring(0, fn.length() - 8)
        : fn.endsWith(".conda") ? fn.substring(0, fn.length() - 6) : null;
    int b = stem == null ? -1 : stem.lastIndexOf('-');
    int v = b <= 0 ? -1 : stem.lastIndexOf('-', b - 1);
    if (v <= 0) {
      throw EnvxException.input("`" + fn + "` is not a conda package file name (`name-version-build.conda` or "
          + "`.tar.bz2`)", span);
    }
    Optional<Platform> subdir = segs.length >= 2 ? Platform.fromSubdir(segs[segs.length - 2]) : Optional.empty();
    String channel = url.substring(0, url.length() - fn.length());
    if (subdir.isPresent()) {
      channel = channel.substring(0, channel.length() - subdir.get().subdir().length() - 1);
    }
    try {
      return new LockedPackage.Conda(stem.substring(0, v), CondaVersion.parse(stem.substring(v + 1, b)),
          stem.substring(b + 1), buildNumber(stem.substring(b + 1)), channel.replaceAll("/$", ""),
          subdir.orElse(Platform.parse("noarch")), url, fn, hashes, -1, List.of(), List.of(), null, null, null,
          List.of());
    } catch (IllegalArgumentException e) {
      throw EnvxException.input(e.getMessage(), span);
    }
  }

  private static long buildNumber(String build) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("_(\\d+)$").matcher(build);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }
}
