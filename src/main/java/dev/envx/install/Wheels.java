package dev.envx.install;

import dev.envx.diag.EnvxException;
import dev.envx.format.lock.LockedPackage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Installs a wheel into a prefix per the binary distribution format: the root and {@code .data/purelib},
 * {@code platlib} into site-packages, {@code scripts} into {@code bin} (with {@code #!python} rewritten),
 * {@code data} into the prefix, {@code headers} into {@code include/pythonX.Y/<name>}; console and gui scripts
 * from {@code entry_points.txt}; {@code INSTALLER} ({@code envx}), {@code direct_url.json} for {@code file:}
 * installs, and a RECORD of the installed files with sha256 and sizes. Every file is checked against the
 * wheel's own RECORD.
 */
final class Wheels {
  private Wheels() {}

  /** The path field of a RECORD line (CSV: the path may be quoted). */
  static String recordPath(String line) {
    if (line.startsWith("\"")) {
      int end = line.indexOf('"', 1);
      while (end > 0 && end + 1 < line.length() && line.charAt(end + 1) == '"') {
        end = line.indexOf('"', end + 2);
      }
      return end < 0 ? "" : line.substring(1, end).replace("\"\"", "\"");
    }
    int comma = line.indexOf(',');
    return (comma < 0 ? line : line.substring(0, comma)).strip();
  }

  static void install(Path wheel, LockedPackage.Pypi pkg, Path stage, Path prefix, PythonTarget python)
      throws IOException {
    String label = pkg.fileName();
    SafePaths.Root safe = new SafePaths.Root(stage);
    Path root = safe.path();
    String sp = python.sitePackages();
    String interpreter = python.interpreter(prefix);
    Map<String, String> installed = new LinkedHashMap<>(); // path relative to site-packages -> record line
    try (ZipFile zip = ZipFile.builder().setPath(wheel).get()) {
      String distInfo = distInfo(zip, label);
      String dataDir = distInfo.substring(0, distInfo.length() - ".dist-info/".length()) + ".data/";
      Map<String, String> expected = expectedHashes(zip, distInfo, label);
      String project = distInfo.substring(0, distInfo.indexOf('-'));
      Enumeration<ZipArchiveEntry> entries = zip.getEntries();
      while (entries.hasMoreElements()) {
        ZipArchiveEntry e = entries.nextElement();
        if (e.isDirectory()) {
          continue;
        }
        String name = SafePaths.entry(label, e.getName());
        if (name.equals(distInfo + "RECORD") || name.startsWith(distInfo + "RECORD.")) {
          continue;
        }
        String target;
        boolean script = false;
        if (name.startsWith(dataDir)) {
          String rest = name.substring(dataDir.length());
          int slash = rest.indexOf('/');
          if (slash < 0) {
            throw SafePaths.refused(label, name, "a file directly in the .data directory");
          }
          String scheme = rest.substring(0, slash);
          String file = rest.substring(slash + 1);
          target = switch (scheme) {
            case "purelib", "platlib" -> sp + "/" + file;
            case "scripts" -> {
              script = true;
              yield "bin/" + file;
            }
            case "data" -> file;
            case "headers" -> "include/python" + python.version() + "/" + project + "/" + file;
            default -> throw SafePaths.refused(label, name, "an unknown scheme `" + scheme + "`");
          };
        } else {
          target = sp + "/" + name;
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(e)) {
          bytes = in.readAllBytes();
        }
        String want = expected.get(name);
        String got = "sha256=" + b64(Digests.sha256().digest(bytes));
        if (want != null && !want.isEmpty() && want.startsWith("sha256=") && !want.equals(got)) {
          throw EnvxException.failure("`" + name + "` in `" + label + "` does not match the wheel's RECORD",
              "the wheel is damaged; nothing of it was installed");
        }
        if (script) {
          bytes = Scripts.rewriteShebang(bytes, interpreter);
        }
        Path dest = safe.resolve(label, SafePaths.entry(label, target));
        Files.createDirectories(dest.getParent());
        Files.deleteIfExists(dest);
        Files.write(dest, bytes);
        if (script || (e.getUnixMode() & 0111) != 0) {
          Files.setPosixFilePermissions(dest, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        installed.put(target, line(root, sp, dest, bytes));
      }
      for (String ep : entryPoints(zip, distInfo)) {
        Scripts.EntryPoint p = Scripts.parse(ep);
        String target = "bin/" + p.name();
        Path dest = safe.resolve(label, SafePaths.entry(label, target));
        byte[] bytes = Scripts.write(dest, Scripts.wrapper(p, interpreter));
        installed.put(target, line(root, sp, dest, bytes));
      }
      Path di = root.resolve(sp).resolve(distInfo);
      Files.createDirectories(di);
      byte[] inst = "envx\n".getBytes(StandardCharsets.UTF_8);
      Files.write(di.resolve("INSTALLER"), inst);
      installed.put(sp + "/" + distInfo + "INSTALLER", line(root, sp, di.resolve("INSTALLER"), inst));
      String direct = directUrl(pkg);
      if (direct != null) {
        byte[] b = direct.getBytes(StandardCharsets.UTF_8);
        Files.write(di.resolve("direct_url.json"), b);
        installed.put(sp + "/" + distInfo + "direct_url.json", line(root, sp, di.resolve("direct_url.json"), b));
      }
      StringBuilder record = new StringBuilder();
      installed.values().forEach(l -> record.append(l).append('\n'));
      record.append(csv(distInfo + "RECORD")).append(",,\n");
      Files.writeString(di.resolve("RECORD"), record.toString());
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw EnvxException.failure("cannot read the wheel `" + label + "`: " + e.getMessage(),
          "the download is damaged; delete it and run the install again");
    }
  }

  private static String directUrl(LockedPackage.Pypi pkg) {
    String url = pkg.url();
    if (url == null || !url.startsWith("file:")) {
      return null; // from an index: no direct_url.json (PEP 610)
    }
    Map<String, Object> archive = new LinkedHashMap<>();
    if (pkg.hashes().sha256() != null) {
      archive.put("hash", "sha256=" + pkg.hashes().sha256());
      archive.put("hashes", Map.of("sha256", pkg.hashes().sha256()));
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("archive_info", archive);
    d.put("url", url);
    return Json.write(d);
  }

  private static String line(Path root, String sp, Path dest, byte[] bytes) {
    String rel = root.resolve(sp).relativize(dest).toString();
    return csv(rel) + ",sha256=" + b64(Digests.sha256().digest(bytes)) + "," + bytes.length;
  }

  private static String csv(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  static String b64(byte[] digest) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }

  private static String distInfo(ZipFile zip, String label) {
    Enumeration<ZipArchiveEntry> entries = zip.getEntries();
    while (entries.hasMoreElements()) {
      String n = entries.nextElement().getName();
      int i = n.indexOf(".dist-info/");
      if (i > 0 && n.substring(0, i).indexOf('/') < 0 && n.endsWith(".dist-info/WHEEL")) {
        return n.substring(0, i) + ".dist-info/";
      }
    }
    throw EnvxException.failure("`" + label + "` is not a wheel: it has no `*.dist-info/WHEEL`");
  }

  private static Map<String, String> expectedHashes(ZipFile zip, String distInfo, String label) throws IOException {
    ZipArchiveEntry rec = zip.getEntry(distInfo + "RECORD");
    if (rec == null) {
      throw EnvxException.failure("`" + label + "` has no `" + distInfo + "RECORD`",
          "a wheel must list its files with their hashes");
    }
    Map<String, String> out = new HashMap<>();
    try (InputStream in = zip.getInputStream(rec)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n")) {
        String path = recordPath(line);
        if (path.isEmpty()) {
          continue;
        }
        String rest = line.substring(line.startsWith("\"") ? line.indexOf('"', 1) + 1 : path.length());
        String[] f = rest.split(",", -1);
        out.put(path, f.length > 1 ? f[1] : "");
      }
    }
    return out;
  }

  private static List<String> entryPoints(ZipFile zip, String distInfo) throws IOException {
    ZipArchiveEntry e = zip.getEntry(distInfo + "entry_points.txt");
    List<String> out = new ArrayList<>();
    if (e == null) {
      return out;
    }
    String section = "";
    try (InputStream in = zip.getInputStream(e)) {
      for (String raw : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n")) {
        String line = raw.strip();
        if (line.startsWith("[")) {
          section = line;
        } else if ((section.equals("[console_scripts]") || section.equals("[gui_scripts]"))
            && Scripts.parse(line) != null) {
          out.add(line);
        }
      }
    }
    return out;
  }
}
