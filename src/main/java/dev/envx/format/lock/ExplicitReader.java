package dev.envx.format.lock;

import dev.envx.diag.EnvxException;
import dev.envx.diag.ParseError;
import dev.envx.diag.SourceFile;
import dev.envx.diag.Span;
import dev.envx.model.conda.CondaVersion;
import dev.envx.model.conda.Platform;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an {@code @EXPLICIT} file (CEP 23): one package URL per line after the {@code @EXPLICIT} marker, with an
 * {@code #<md5>} or {@code #sha256:<hex>} fragment; {@code # platform: …} names the platform; conda-lock's
 * {@code # pip NAME @ URL} comment lines are kept as PyPI packages.
 */
final class ExplicitReader {
  private static final Pattern PLATFORM = Pattern.compile("^#\\s*platform:\\s*(\\S+)\\s*$");
  private static final Pattern PIP = Pattern.compile("^#\\s*pip\\s+(\\S+)\\s*@\\s*(\\S+)\\s*$");
  private static final Pattern FILE_PLATFORM = Pattern.compile("(?:^|[-.])((?:linux|osx|win|emscripten|wasi|"
      + "freebsd|zos)-[a-z0-9]+)(?:\\.lock|\\.txt)?$");

  private ExplicitReader() {}

  static LockRead parse(String text, String name) {
    return Guard.at(() -> read(text, name), msg -> EnvxException.input(msg, new Span(SourceFile.of(name, text), 1,
        1, 0)));
  }

  private static LockRead read(String text, String name) {
    SourceFile file = SourceFile.of(name, text);
    Warnings w = new Warnings();
    String[] lines = text.split("\n", -1);
    String platform = null;
    boolean explicit = false;
    List<LockEntry> entries = new ArrayList<>();
    LinkedHashSet<String> channels = new LinkedHashSet<>();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      String l = line.strip();
      if (l.isEmpty()) {
        continue;
      }
      if (l.startsWith("#")) {
        Matcher p = PLATFORM.matcher(l);
        Matcher pip = PIP.matcher(l);
        if (p.matches() && platform == null) {
          platform = p.group(1);
          try {
            Platform.parse(platform);
          } catch (ParseError e) {
            throw EnvxException.input(e.getMessage(), new Span(file, i + 1, line.indexOf(platform) + 1,
                platform.length()), e.hint());
          }
        } else if (pip.matches()) {
          String url = Urls.packageUrl(pip.group(2), w);
          entries.add(new LockEntry.Opaque(LockedPackage.Ecosystem.PYPI, pip.group(1), url, null,
              LockFormat.EXPLICIT, null));
        }
        continue;
      }
      if (l.equals("@EXPLICIT")) {
        explicit = true;
        continue;
      }
      int col = line.indexOf(l) + 1;
      if (!l.contains("://") && !l.startsWith("/")) {
        throw EnvxException.input("expected a package URL, found `" + l + "`", new Span(file, i + 1, col,
            l.length()), "each line after `@EXPLICIT` is one package URL, e.g. "
            + "`https://conda.anaconda.org/conda-forge/noarch/tzdata-2024a-h0c530f3_0.conda#<md5>`");
      }
      int lineNo = i + 1;
      entries.add(Guard.at(() -> entry(l, file, lineNo, col, w, channels),
          msg -> EnvxException.input(msg, new Span(file, lineNo, col, l.length()))));
    }
    if (!explicit && entries.isEmpty()) {
      throw EnvxException.input("`" + name + "` is not an @EXPLICIT file: it has no `@EXPLICIT` line",
          new Span(file, 1, 1, 0), "conda writes one with `conda list --explicit --md5`");
    }
    if (!explicit) {
      w.add("the file has no `@EXPLICIT` line; conda needs one, envx writes it", null, name);
    }
    if (platform == null) {
      Matcher m = FILE_PLATFORM.matcher(java.nio.file.Path.of(name).getFileName().toString());
      if (m.find() && Platform.fromSubdir(m.group(1)).isPresent()) {
        platform = m.group(1);
      } else {
        platform = entries.stream().filter(e -> e instanceof LockEntry.Resolved r
                && r.pkg() instanceof LockedPackage.Conda c && !c.subdir().isNoarch())
            .map(e -> ((LockedPackage.Conda) ((LockEntry.Resolved) e).pkg()).subdir().subdir()).findFirst()
            .orElse(Platform.NOARCH.subdir());
      }
    }
    Map<String, List<LockEntry>> packages = new TreeMap<>();
    packages.put(platform, entries);
    LockEnvironment env = new LockEnvironment(LockEnvironment.DEFAULT, new ArrayList<>(channels), null, null,
        packages);
    LockMetadata meta = new LockMetadata(null, null, List.of(platform), null, null, null);
    return new LockRead(new Lockfile(meta, List.of(env)), LockFormat.EXPLICIT, w.diagnostics());
  }

  private static LockEntry entry(String l, SourceFile file, int line, int col, Warnings w,
      LinkedHashSet<String> channels) {
    String url = l;
    String fragment = null;
    int hash = l.indexOf('#');
    if (hash >= 0) {
      url = l.substring(0, hash);
      fragment = l.substring(hash + 1);
    }
    url = Urls.packageUrl(url, w);
    Hashes hashes;
    try {
      if (fragment == null) {
        hashes = Hashes.NONE;
      } else if (fragment.startsWith("sha256:")) {
        hashes = Hashes.sha256(fragment.substring("sha256:".length()));
      } else {
        hashes = new Hashes(fragment, null);
      }
    } catch (IllegalArgumentException e) {
      throw EnvxException.input(e.getMessage(), new Span(file, line, col + hash + 1, fragment.length()),
          "the fragment is `#<md5>` or `#sha256:<hex>`");
    }
    String fileName = CondaFiles.fileName(url);
    var dist = CondaFiles.dist(fileName);
    var subdir = CondaFiles.subdir(url);
    if (dist.isEmpty() || subdir.isEmpty()) {
      Map<String, Object> extra = new TreeMap<>();
      if (fragment != null) {
        extra.put("fragment", fragment);
      }
      return new LockEntry.Opaque(LockedPackage.Ecosystem.CONDA, "", url, null, LockFormat.EXPLICIT, extra);
    }
    CondaVersion v;
    try {
      v = CondaVersion.parse(dist.get().version());
    } catch (ParseError e) {
      throw EnvxException.input("invalid conda version `" + dist.get().version() + "` in `" + fileName + "`",
          new Span(file, line, col, l.length()));
    }
    String channel = CondaFiles.channel(url);
    if (channel != null) {
      channels.add(channel);
    }
    String build = dist.get().build();
    LockedPackage.Conda c = new LockedPackage.Conda(dist.get().name(), v, build, CondaFiles.buildNumber(build),
        channel, subdir.get(), url, fileName, hashes, -1, null, null, null, null, null, null);
    return LockEntry.Resolved.of(c, LockFormat.EXPLICIT);
  }
}
