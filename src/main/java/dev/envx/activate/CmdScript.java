package dev.envx.activate;

import dev.envx.diag.EnvxException;
import java.nio.file.Path;
import java.util.List;

/**
 * The batch file {@code envx run} hands to {@code cmd.exe} on Windows when the environment has {@code .bat}
 * activation scripts, as {@code micromamba run} does: it {@code CALL}s each script of
 * {@code etc/conda/activate.d} in file-name order (an error of a script does not stop activation, as in conda's
 * cmd.exe activator), then runs the command and exits with its status. Delayed expansion is off, so {@code !}
 * is literal; the file is UTF-8 and read in code page 65001, the console's code page put back after.
 *
 * <p>Each argument is quoted for the program's own parser (the Microsoft C runtime's rules, which
 * {@code CommandLineToArgvW} and Java follow: a {@code "} becomes {@code \"}, backslashes before it are
 * doubled), then escaped for cmd.exe: {@code %} is doubled (a batch file expands {@code %NAME%}), and where
 * cmd.exe counts itself outside a quoted string (an escaped {@code \"} toggles its idea of quoting too)
 * {@code & | < > ^ ( )} get a caret. A line break cannot be passed through a batch file: it is an error.
 */
public final class CmdScript {
  private CmdScript() {}

  /**
   * @param program the command's program, resolved on the activated {@code PATH}
   * @param args its arguments
   */
  public static String of(List<Path> scripts, String program, List<String> args) {
    StringBuilder sb = new StringBuilder("@ECHO OFF\r\n@SETLOCAL DisableDelayedExpansion\r\n");
    // the file is UTF-8: cmd.exe reads the lines after this one in code page 65001, put back at the end
    sb.append("@FOR /F \"tokens=2 delims=:.\" %%A IN ('chcp') DO @FOR %%B IN (%%A) DO @SET \"_ENVX_OLD_CHCP=%%B\"\r\n");
    sb.append("@CHCP 65001 > NUL\r\n");
    for (Path s : scripts) {
      sb.append("@CALL ").append(word(s.toString())).append("\r\n");
    }
    String lower = program.toLowerCase(java.util.Locale.ROOT);
    // a .bat or .cmd program runs in this cmd.exe: only CALL comes back from it to the EXIT below
    sb.append(lower.endsWith(".bat") || lower.endsWith(".cmd") ? "@CALL " : "@").append(word(program));
    for (String a : args) {
      sb.append(' ').append(word(a));
    }
    sb.append("\r\n@SET \"_ENVX_STATUS=%ERRORLEVEL%\"\r\n");
    sb.append("@IF DEFINED _ENVX_OLD_CHCP @CHCP %_ENVX_OLD_CHCP% > NUL\r\n");
    sb.append("@EXIT /B %_ENVX_STATUS%\r\n");
    return sb.toString();
  }

  /** One word of a batch-file command line that the program reads back as exactly {@code s}. */
  static String word(String s) {
    if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\0') >= 0) {
      throw EnvxException.input("`" + s.replace("\n", "\\n").replace("\r", "\\r").replace("\0", "\\0")
          + "` cannot be passed to a command through cmd.exe (it holds a line break or NUL)", null,
          "pass it in a file or an environment variable instead");
    }
    return forCmd(quote(s));
  }

  /** The Microsoft C runtime's quoting: the whole word in quotes, {@code \"} inside, backslashes kept. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    int backslashes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        backslashes++;
        continue;
      }
      if (c == '"') {
        sb.append("\\".repeat(2 * backslashes + 1)).append('"');
      } else {
        sb.append("\\".repeat(backslashes)).append(c);
      }
      backslashes = 0;
    }
    sb.append("\\".repeat(2 * backslashes)).append('"'); // before the closing quote, backslashes double
    return sb.toString();
  }

  /** cmd.exe's escaping of a quoted word: {@code %%}, and a caret before its specials outside its quotes. */
  static String forCmd(String quoted) {
    StringBuilder sb = new StringBuilder();
    boolean inQuotes = false;
    for (int i = 0; i < quoted.length(); i++) {
      char c = quoted.charAt(i);
      if (c == '"') {
        inQuotes = !inQuotes;
        sb.append(c);
      } else if (c == '%') {
        sb.append("%%");
      } else if (!inQuotes && "&|<>^()".indexOf(c) >= 0) {
        sb.append('^').append(c);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
