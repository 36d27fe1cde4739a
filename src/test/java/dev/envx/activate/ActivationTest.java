package dev.envx.activate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.envx.diag.EnvxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What activation changes, and the shell hook as real shells evaluate it. */
class ActivationTest {
  @TempDir Path tmp;

  /** Values a shell must keep byte for byte: quotes of every kind, $, backticks, backslashes, a newline. */
  private static final Map<String, String> TRICKY = new LinkedHashMap<>(Map.of(
      "ENVX_T_QUOTES", "it's \"quoted\" and `ticked` $HOME ${PATH} \\n \\",
      "ENVX_T_SPACES", "  a  b  ",
      "ENVX_T_NEWLINE", "line one\nline two",
      "ENVX_T_EMPTY", "",
      "ENVX_T_UNICODE", "caf\u00e9 \u2018x\u2019"));

  private Path prefix(String name) throws Exception {
    Path p = tmp.resolve("envs").resolve(name);
    Files.createDirectories(p.resolve("conda-meta"));
    Files.createDirectories(p.resolve("bin"));
    return p;
  }

  @Test
  void pathGetsThePrefixFirstAndLosesThePreviousEnvironment() throws Exception {
    Path p = prefix("demo");
    Activation a = Activation.read(p, "demo", false, Map.of());
    Map<String, String> base = Map.of("PATH", "/old/env/bin:/usr/bin:/bin", "CONDA_PREFIX", "/old/env",
        "CONDA_SHLVL", "1");
    Map<String, String> c = a.changes(base);
    assertThat(c.get("PATH")).isEqualTo(p.resolve("bin") + ":/usr/bin:/bin");
    assertThat(c).containsEntry("CONDA_PREFIX", p.toString()).containsEntry("CONDA_DEFAULT_ENV", "demo")
        .containsEntry("CONDA_PREFIX_1", "/old/env").containsEntry("CONDA_SHLVL", "2")
        .containsEntry("CONDA_PROMPT_MODIFIER", "(demo) ");
    // activating the active environment again does not stack it
    Map<String, String> again = a.changes(a.environment(base));
    assertThat(again.get("PATH")).isEqualTo(c.get("PATH"));
    assertThat(again).containsEntry("CONDA_SHLVL", "2").doesNotContainKey("CONDA_PREFIX_2");
    // no PATH at all: only the prefix, no empty entry (which would mean the current directory)
    assertThat(a.changes(Map.of()).get("PATH")).isEqualTo(p.resolve("bin").toString());
  }

  @Test
  void windowsLayoutPutsCondasSixDirectoriesFirst() throws Exception {
    Path p = prefix("w");
    Activation a = Activation.read(p, "w", true, Map.of());
    assertThat(a.changes(Map.of("Path", "C:\\Windows")).get("Path")).isEqualTo(String.join(";", p.toString(),
        p.resolve("Library/mingw-w64/bin").toString(), p.resolve("Library/usr/bin").toString(),
        p.resolve("Library/bin").toString(), p.resolve("Scripts").toString(), p.resolve("bin").toString(),
        "C:\\Windows"));
  }

  @Test
  void theEnvironmentsStateVariablesThenTheManifestsAndScriptsInNameOrder() throws Exception {
    Path p = prefix("v");
    Files.writeString(p.resolve("conda-meta/state"), "{\"env_vars\": {\"A\": \"from-state\", \"B\": \"b\"}}");
    Path d = Files.createDirectories(p.resolve("etc/conda/activate.d"));
    for (String f : List.of("z.sh", "a.sh", "m.fish", "n.ps1", "x.bat")) {
      Files.writeString(d.resolve(f), "");
    }
    Activation a = Activation.read(p, "v", false, Map.of("A", "from-manifest", "C", "c"));
    assertThat(a.variables()).containsExactly(Map.entry("A", "from-manifest"), Map.entry("B", "b"),
        Map.entry("C", "c"));
    assertThat(a.scripts(Shell.BASH)).containsExactly(d.resolve("a.sh"), d.resolve("z.sh"));
    assertThat(a.scripts(Shell.ZSH)).containsExactly(d.resolve("a.sh"), d.resolve("z.sh"));
    assertThat(a.scripts(Shell.FISH)).containsExactly(d.resolve("m.fish"));
    assertThat(a.scripts(Shell.POWERSHELL)).containsExactly(d.resolve("n.ps1"));
  }

  @Test
  void badInputIsAClearError() throws Exception {
    assertThatThrownBy(() -> Activation.read(tmp.resolve("nothing"), "x", false, Map.of()))
        .isInstanceOf(EnvxException.class).hasMessageContaining("is not an installed environment");
    Path p = prefix("bad");
    assertThatThrownBy(() -> Activation.read(p, "bad", false, Map.of("1X", "y")))
        .isInstanceOf(EnvxException.class).hasMessageContaining("`1X` cannot be an environment variable's name");
    Files.writeString(p.resolve("conda-meta/state"), "{not json");
    assertThatThrownBy(() -> Activation.read(p, "bad", false, Map.of()))
        .isInstanceOf(EnvxException.class).hasMessageContaining("is not conda's JSON state file");
  }

  @Test
  void bashEvaluatesTheHookToExactlyTheActivatedEnvironment() throws Exception {
    assertHookEvaluates(Shell.BASH, "bash", "--norc", "--noprofile", "-c");
  }

  @Test
  void zshEvaluatesTheHook() throws Exception {
    assertHookEvaluates(Shell.ZSH, "zsh", "-f", "-c");
  }

  @Test
  void fishEvaluatesTheHook() throws Exception {
    assertHookEvaluates(Shell.FISH, "fish", "--no-config", "-c");
  }

  @Test
  void powershellEvaluatesTheHook() throws Exception {
    assertHookEvaluates(Shell.POWERSHELL, "pwsh", "-NoProfile", "-NonInteractive", "-Command");
  }

  /**
   * Evaluates the hook in a real shell that then runs {@code env -0} from the activated PATH's first directory
   * (a script the environment has): the environment the hook made, read back whole and compared.
   */
  private void assertHookEvaluates(Shell shell, String exe, String... flags) throws Exception {
    String found = onPath(exe);
    assumeTrue(found != null, "skipped: no `" + exe + "` on PATH");
    Path p = prefix("hook env's 'name'");
    Path dump = p.resolve("bin/envx-dump-env");
    Files.writeString(dump, "#!/bin/sh\nexec env -0\n");
    dump.toFile().setExecutable(true);
    Path d = Files.createDirectories(p.resolve("etc/conda/activate.d"));
    String ext = shell.scriptSuffix();
    String set = switch (shell) {
      case BASH, ZSH -> "export ENVX_T_SCRIPT=\"ran $CONDA_DEFAULT_ENV\"\n";
      case FISH -> "set -gx ENVX_T_SCRIPT \"ran $CONDA_DEFAULT_ENV\"\n";
      case POWERSHELL -> "$Env:ENVX_T_SCRIPT = \"ran $Env:CONDA_DEFAULT_ENV\"\n";
    };
    Files.writeString(d.resolve("10-set" + ext), set);
    Activation a = Activation.read(p, "hook env's 'name'", false, TRICKY);
    Map<String, String> base = new TreeMap<>(Map.of("PATH", "/usr/bin:/bin", "HOME", tmp.toString(),
        "LC_ALL", "C.UTF-8"));
    String hook = a.hook(shell, base);
    Path hookFile = tmp.resolve("hook" + ext);
    Files.writeString(hookFile, hook);
    String script = switch (shell) {
      case BASH, ZSH -> "eval \"$(cat '" + hookFile + "')\" && envx-dump-env";
      case FISH -> "source '" + hookFile + "'; and envx-dump-env";
      case POWERSHELL -> ". '" + hookFile + "'; envx-dump-env";
    };
    List<String> cmd = new ArrayList<>(List.of(found));
    cmd.addAll(List.of(flags));
    cmd.add(script);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().clear();
    pb.environment().putAll(base);
    Process proc = pb.start();
    String out = new String(proc.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(proc.waitFor()).as("%s:\n%s", exe, hook).isZero();
    Map<String, String> got = new TreeMap<>();
    for (String kv : out.split("\0")) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        got.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    Map<String, String> want = new TreeMap<>(a.environment(base));
    want.put("ENVX_T_SCRIPT", "ran hook env's 'name'");
    for (Map.Entry<String, String> e : want.entrySet()) {
      assertThat(got.get(e.getKey())).as("%s in %s after the hook:\n%s", e.getKey(), exe, hook)
          .isEqualTo(e.getValue());
    }
  }

  static String onPath(String exe) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path f = Path.of(dir.isEmpty() ? "." : dir, exe);
      if (!dir.isEmpty() && Files.isExecutable(f)) {
        return f.toString();
      }
    }
    return null;
  }
}
