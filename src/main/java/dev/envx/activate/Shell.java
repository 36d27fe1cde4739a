package dev.envx.activate;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A shell envx writes activation for: how it sets a variable, sources a script, and which
 * {@code etc/conda/activate.d} scripts are its own (conda's rule: {@code .sh} for the POSIX shells,
 * {@code .fish}, {@code .ps1}).
 */
public enum Shell {
  BASH("bash", ".sh"),
  ZSH("zsh", ".sh"),
  FISH("fish", ".fish"),
  POWERSHELL("powershell", ".ps1");

  private final String label;
  private final String scriptSuffix;

  Shell(String label, String scriptSuffix) {
    this.label = label;
    this.scriptSuffix = scriptSuffix;
  }

  public String label() {
    return label;
  }

  /** The file-name ending of this shell's activation scripts. */
  public String scriptSuffix() {
    return scriptSuffix;
  }

  public static Optional<Shell> fromLabel(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.equals("pwsh")) {
      return Optional.of(POWERSHELL);
    }
    for (Shell s : values()) {
      if (s.label.equals(n)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  public static List<String> labels() {
    return List.of(values()).stream().map(Shell::label).toList();
  }

  /** The shell a {@code $SHELL} path names, if envx knows it. */
  public static Optional<Shell> fromPath(String shellPath) {
    if (shellPath == null || shellPath.isBlank()) {
      return Optional.empty();
    }
    String base = shellPath.substring(shellPath.lastIndexOf('/') + 1);
    return fromLabel(base);
  }

  /**
   * A statement that sets and exports {@code name} to {@code value}; fish gets a {@code PATH}-like variable as
   * the list it keeps such variables in.
   */
  String export(String name, String value) {
    return switch (this) {
      case BASH, ZSH -> "export " + name + "=" + quote(value);
      case FISH -> "set -gx " + name + " " + (name.endsWith("PATH") && !value.isEmpty()
          ? String.join(" ", java.util.Arrays.stream(value.split(":", -1)).map(this::quote).toList())
          : quote(value));
      case POWERSHELL -> "$Env:" + name + " = " + quote(value);
    };
  }

  /** A statement that removes {@code name} from the environment. */
  String unset(String name) {
    return switch (this) {
      case BASH, ZSH -> "unset " + name;
      case FISH -> "set -e " + name;
      case POWERSHELL -> "Remove-Item -ErrorAction SilentlyContinue Env:" + name;
    };
  }

  /** A statement that runs a script in the current shell. */
  String source(String script) {
    return switch (this) {
      case BASH, ZSH, POWERSHELL -> ". " + quote(script);
      case FISH -> "source " + quote(script);
    };
  }

  /** A literal of this shell that evaluates to exactly {@code s}. */
  String quote(String s) {
    return switch (this) {
      case BASH, ZSH -> "'" + s.replace("'", "'\\''") + "'";
      case FISH -> "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
      // PowerShell also ends a single-quoted string at the typographic single quotes
      case POWERSHELL -> "'" + s.replaceAll("(['\u2018\u2019\u201a\u201b])", "$1$1") + "'";
    };
  }
}
