package dev.envx.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Console-script wrappers and shebangs, as pip and conda write them on unix. */
final class Scripts {
  private static final Pattern ENTRY = Pattern.compile(
      "^\\s*([^=\\s]+)\\s*=\\s*([\\w.]+)\\s*:\\s*([\\w.]+)\\s*(\\[[^]]*])?\\s*$");

  private Scripts() {}

  /** A {@code name = module:attr} entry point, or null when the line is not one. */
  record EntryPoint(String name, String module, String attr) {}

  static EntryPoint parse(String line) {
    Matcher m = ENTRY.matcher(line);
    return m.matches() ? new EntryPoint(m.group(1), m.group(2), m.group(3)) : null;
  }

  /**
   * The first line(s) that run a script with {@code python}: {@code #!python} directly, or for a path that
   * is too long for the kernel or holds a space, the {@code /bin/sh} trampoline pip uses.
   */
  static String shebang(String python) {
    if (python.length() + 2 <= 127 && !python.contains(" ")) {
      return "#!" + python + "\n";
    }
    return "#!/bin/sh\n'''exec' \"" + python + "\" \"$0\" \"$@\"\n' '''\n";
  }

  static String wrapper(EntryPoint ep, String python) {
    String head = ep.attr().split("\\.")[0];
    return shebang(python)
        + "# -*- coding: utf-8 -*-\n"
        + "import re\n"
        + "import sys\n"
        + "from " + ep.module() + " import " + head + "\n"
        + "if __name__ == \"__main__\":\n"
        + "    sys.argv[0] = re.sub(r\"(-script\\.pyw|\\.exe)?$\", \"\", sys.argv[0])\n"
        + "    sys.exit(" + ep.attr() + "())\n";
  }

  /** Writes an executable script (replacing whatever is there, never writing through a link). */
  static byte[] write(Path file, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    Files.write(file, bytes);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bytes;
  }

  /** A script whose first line is {@code #!python} (or {@code #!pythonw}) with the real interpreter. */
  static byte[] rewriteShebang(byte[] script, String python) {
    String start = new String(script, 0, Math.min(script.length, 256), StandardCharsets.ISO_8859_1);
    if (!start.startsWith("#!python")) {
      return script;
    }
    int nl = start.indexOf('\n');
    int rest = nl < 0 ? script.length : nl + 1;
    byte[] head = shebang(python).getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[head.length + script.length - rest];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(script, rest, out, head.length, script.length - rest);
    return out;
  }
}
