package dev.envx.activate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.envx.diag.EnvxException;
import dev.envx.testing.Golden;
import dev.envx.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code envx shell-hook --shell powershell} and {@code envx run} produce for a Windows environment (the
 * layout conda gives a win-64 prefix: {@code python.exe} at the top, {@code Scripts}, {@code Library\bin}; the
 * activate.d scripts: {@code .bat} for cmd.exe, {@code .ps1} for PowerShell). No Windows here: the text is
 * compared with golden files, the PowerShell text is parsed by tree-sitter's PowerShell grammar when that is
 * installed (scripts/ci-deps), and the batch quoting is checked against a restatement of how cmd.exe and the
 * C runtime read a command line back.
 */
class WindowsActivationTest {
  private static final Path GOLDEN = SharedData.projectRoot().resolve("testdata/activate/windows");
  /** In this order (Map.of's order changes from run to run, the golden file's must not). */
  private static final Map<String, String> VARIABLES = new LinkedHashMap<>();

  static {
    VARIABLES.put("ENVX_T_EMPTY", "");
    VARIABLES.put("ENVX_T_QUOTES", "it's \u2018quoted\u2019 \"twice\" `ticked` $HOME $(Get-Date) %PATH% ^&|<>");
  }

  @TempDir Path tmp;

  /** A win-64 environment: its six PATH directories, python.exe, a .bat entry point, one script per shell. */
  private Path windowsPrefix() throws Exception {
    Path p = tmp.resolve("envs").resolve("win env");
    for (String d : List.of("conda-meta", "Library/mingw-w64/bin", "Library/usr/bin", "Library/bin", "Scripts",
        "bin", "etc/conda/activate.d")) {
      Files.createDirectories(p.resolve(d));
    }
    for (String f : List.of("python.exe", "Scripts/tool.bat")) {
      Files.writeString(p.resolve(f), "").toFile().setExecutable(true);
    }
    Path d = p.resolve("etc/conda/activate.d");
    Files.writeString(d.resolve("20-vs2019.bat"), "@SET \"VS_VERSION=16.0\"\r\n");
    Files.writeString(d.resolve("10-gdal.bat"), "@SET \"GDAL_DATA=%CONDA_PREFIX%\\Library\\share\\gdal\"\r\n");
    Files.writeString(d.resolve("10-gdal.ps1"), "$Env:GDAL_DATA = \"$Env:CONDA_PREFIX\\Library\\share\\gdal\"\n");
    Files.writeString(d.resolve("10-gdal.sh"), "export GDAL_DATA=\"$CONDA_PREFIX/Library/share/gdal\"\n");
    return p;
  }

  private static Map<String, String> windowsBase(String previous) {
    Map<String, String> base = new TreeMap<>(Map.of("Path", "C:\\Windows\\system32;C:\\Windows",
        "ComSpec", "C:\\Windows\\system32\\cmd.exe", "USERPROFILE", "C:\\Users\\me"));
    if (previous != null) {
      base.put("CONDA_PREFIX", previous);
      base.put("CONDA_SHLVL", "1");
      base.put("Path", previous + ";" + previous + "\\Scripts;" + base.get("Path"));
    }
    return base;
  }

  private String golden(Path prefix, String text) {
    return text.replace(prefix.toString(), "@PREFIX@");
  }

  @Test
  void thePowershellHookSetsTheWindowsPathAndSourcesOnlyThePs1Scripts() throws Exception {
    Path p = windowsPrefix();
    Activation a = Activation.read(p, "win env", true, VARIABLES);
    String hook = a.hook(Shell.POWERSHELL, windowsBase("C:\\old"));
    Golden.check(GOLDEN.resolve("powershell.hook"), golden(p, hook));
    assertThat(a.scripts(Shell.POWERSHELL)).containsExactly(p.resolve("etc/conda/activate.d/10-gdal.ps1"));
    // the variable keeps the spelling Windows gives it (Path), the previous environment leaves it
    assertThat(hook).startsWith("$Env:Path = '" + p + ";" + p.resolve("Library/mingw-w64/bin"))
        .contains(p.resolve("Scripts") + ";" + p.resolve("bin") + ";C:\\Windows\\system32;C:\\Windows'\n")
        .doesNotContain("C:\\old;", "C:\\old\\Scripts").contains("$Env:CONDA_PREFIX_1 = 'C:\\old'\n");
    for (String line : hook.split("\n")) {
      assertThat(line).matches("\\$Env:[A-Za-z_][A-Za-z0-9_]* = '(?:[^'\u2018\u2019\u201a\u201b]|''|"
          + "\u2018\u2018|\u2019\u2019)*'|\\. '[^']*'");
    }
  }

  @Test
  void runGoesThroughCmdExeWithTheBatScriptsThenTheCommand() throws Exception {
    Path p = windowsPrefix();
    Activation a = Activation.read(p, "win env", true, VARIABLES);
    List<String> command = List.of("python", "-c", "print('50% done') if 1 else 0", "a&b", "say \"hi\" & bye",
        "C:\\dir with space\\", "^caret (paren) !bang");
    Map<String, String> base = windowsBase(null);
    String batch = Runner.batch(a, command, base);
    Golden.check(GOLDEN.resolve("run.bat"), golden(p, batch));
    assertThat(batch).contains("@CALL \"" + p.resolve("etc/conda/activate.d/10-gdal.bat") + "\"\r\n@CALL \""
        + p.resolve("etc/conda/activate.d/20-vs2019.bat") + "\"\r\n@\"" + p.resolve("python.exe") + "\" ");
    Path file = tmp.resolve("run.bat");
    ProcessBuilder pb = Runner.builder(a, command, base, file);
    assertThat(pb.command()).containsExactly("C:\\Windows\\system32\\cmd.exe", "/d", "/c", file.toString());
    assertThat(pb.environment()).containsEntry("CONDA_PREFIX", p.toString()).containsEntry("CONDA_DEFAULT_ENV",
        "win env").containsEntry("ENVX_T_EMPTY", "");
    assertThat(pb.environment().get("Path")).startsWith(p + ";");
    // the command line the program gets back is exactly the words given
    String last = batch.lines().filter(l -> l.startsWith("@\"")).findFirst().orElseThrow();
    assertThat(readBack(last.substring(1))).isEqualTo(List.of(p.resolve("python.exe").toString(), "-c",
        "print('50% done') if 1 else 0", "a&b", "say \"hi\" & bye", "C:\\dir with space\\", "^caret (paren) !bang"));
    // a .bat program is CALLed, or the EXIT after it would never run
    assertThat(Runner.batch(a, List.of("tool"), base)).contains("@CALL \"" + p.resolve("Scripts/tool.bat") + "\"\r\n");
  }

  @Test
  void withoutBatScriptsTheProgramStartsDirectlyAndALineBreakIsAClearError() throws Exception {
    Path p = windowsPrefix();
    try (var s = Files.newDirectoryStream(p.resolve("etc/conda/activate.d"), "*.bat")) {
      for (Path f : s) {
        Files.delete(f);
      }
    }
    Activation a = Activation.read(p, "win env", true, Map.of());
    assertThat(Runner.builder(a, List.of("python", "-V"), windowsBase(null)).command())
        .containsExactly(p.resolve("python.exe").toString(), "-V");
    assertThatThrownBy(() -> CmdScript.word("two\nlines")).isInstanceOf(EnvxException.class)
        .hasMessageContaining("cannot be passed to a command through cmd.exe");
  }

  @Property(tries = 500)
  void everyWordReadsBackAsItself(@ForAll String s) {
    if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\0') >= 0) {
      return;
    }
    assertThat(readBack(CmdScript.word(s) + " " + CmdScript.word("next"))).containsExactly(s, "next");
  }

  /**
   * A restatement of how a batch-file line reaches a program: cmd.exe turns {@code %%} into {@code %} and,
   * outside what it counts as quotes, drops a caret before the next character; then the C runtime splits the
   * line (2N backslashes before a quote: N and the quote toggles quoting; 2N+1: N and a literal quote; other
   * backslashes literal; a space or tab outside quotes ends a word).
   */
  static List<String> readBack(String line) {
    StringBuilder cmd = new StringBuilder();
    boolean q = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '%' && i + 1 < line.length() && line.charAt(i + 1) == '%') {
        cmd.append('%');
        i++;
      } else if (c == '"') {
        q = !q;
        cmd.append(c);
      } else if (c == '^' && !q && i + 1 < line.length()) {
        cmd.append(line.charAt(++i));
      } else {
        assertThat(!q && "&|<>()%".indexOf(c) >= 0).as("unescaped `%s` in %s", c, line).isFalse();
        cmd.append(c);
      }
    }
    List<String> words = new ArrayList<>();
    StringBuilder w = null;
    boolean quoted = false;
    String s = cmd.toString();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        int n = 0;
        while (i < s.length() && s.charAt(i) == '\\') {
          n++;
          i++;
        }
        if (w == null) {
          w = new StringBuilder();
        }
        if (i < s.length() && s.charAt(i) == '"') {
          w.append("\\".repeat(n / 2));
          if (n % 2 == 1) {
            w.append('"');
            continue;
          }
          i--; // the quote toggles, below
          continue;
        }
        w.append("\\".repeat(n));
        i--;
        continue;
      }
      if (c == '"') {
        if (w == null) {
          w = new StringBuilder();
        }
        quoted = !quoted;
      } else if ((c == ' ' || c == '\t') && !quoted) {
        if (w != null) {
          words.add(w.toString());
          w = null;
        }
      } else {
        if (w == null) {
          w = new StringBuilder();
        }
        w.append(c);
      }
    }
    if (w != null) {
      words.add(w.toString());
    }
    return words;
  }

  /**
   * The hook parsed by tree-sitter's PowerShell grammar (node, web-tree-sitter and tree-sitter-powershell, which
   * scripts/ci-deps installs into {@code ${XDG_CACHE_HOME:-~/.cache}/envx-test/pwsh-parser}): no syntax error, every line one
   * statement, every assignment's value a verbatim string that decodes to the activated value, every script
   * dot-sourced with a verbatim string of its path.
   */
  @Test
  void treeSitterPowershellParsesTheHookAsTheValuesSet() throws Exception {
    String cache = System.getenv("XDG_CACHE_HOME");
    Path parser = (cache == null || cache.isEmpty() ? Path.of(System.getProperty("user.home"), ".cache")
        : Path.of(cache)).resolve("envx-test/pwsh-parser");
    String node = ActivationTest.onPath("node");
    assumeTrue(node != null, "skipped: no node on PATH");
    assumeTrue(Files.isDirectory(parser.resolve("node_modules/tree-sitter-powershell")),
        "skipped: no tree-sitter PowerShell grammar in " + parser + " (scripts/ci-deps installs it)");
    Path p = windowsPrefix();
    Activation a = Activation.read(p, "win env", true, VARIABLES);
    Map<String, String> base = windowsBase("C:\\old");
    String hook = a.hook(Shell.POWERSHELL, base);
    Path file = Files.writeString(tmp.resolve("hook.ps1"), hook);
    Path script = tmp.resolve("pwsh_statements.cjs");
    try (var in = WindowsActivationTest.class.getResourceAsStream("pwsh_statements.cjs")) {
      Files.write(script, in.readAllBytes());
    }
    // V8's baseline WebAssembly compiler only: optimising the grammar's parse table takes V8 some 20 s of CPU
    ProcessBuilder pb = new ProcessBuilder(node, "--liftoff-only", script.toString(), file.toString())
        .redirectErrorStream(true);
    pb.environment().put("NODE_PATH", parser.resolve("node_modules").toString());
    Process proc = pb.start();
    String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(proc.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(proc.exitValue()).as(out).isZero();
    List<String> want = new ArrayList<>();
    a.changes(base).forEach((k, v) -> want.add("assign\t$Env:" + k + "\t" + v));
    a.scripts(Shell.POWERSHELL).forEach(s -> want.add("dot-source\t" + s));
    assertThat(out.lines().toList()).isEqualTo(want);
  }
}
