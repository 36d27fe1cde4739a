package dev.envx.install;

import java.nio.file.Path;

/**
 * The Python that {@code noarch: python} packages and wheels are installed for.
 *
 * @param version {@code X.Y}: decides {@code lib/pythonX.Y/site-packages}
 * @param interpreter the absolute path written into script shebangs; null for the environment's own
 *     {@code bin/python}
 */
public record PythonTarget(String version, String interpreter) {
  public PythonTarget {
    if (version == null || !version.matches("\\d+\\.\\d+")) {
      throw new IllegalArgumentException("a python version is X.Y, got `" + version + "`");
    }
    if (interpreter != null && !Path.of(interpreter).isAbsolute()) {
      throw new IllegalArgumentException("the python interpreter must be an absolute path, got `" + interpreter + "`");
    }
  }

  /** The X.Y of a full version ({@code 3.12.4} gives {@code 3.12}), or null when it has no minor part. */
  static String majorMinor(String version) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+)\\.(\\d+)").matcher(version);
    return m.find() ? m.group(1) + "." + m.group(2) : null;
  }

  /** {@code lib/pythonX.Y/site-packages}, relative to the prefix. */
  String sitePackages() {
    return "lib/python" + version + "/site-packages";
  }

  /** The shebang interpreter for a prefix. */
  String interpreter(Path prefix) {
    return interpreter != null ? interpreter : prefix.resolve("bin/python").toString();
  }
}
