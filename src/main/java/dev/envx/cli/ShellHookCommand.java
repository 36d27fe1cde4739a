package dev.envx.cli;

import dev.envx.activate.Activation;
import dev.envx.activate.Shell;
import dev.envx.diag.EnvxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code envx shell-hook [--shell S] [-p PREFIX]}: what a shell evaluates to activate an environment. */
@Command(name = "shell-hook",
    description = "Print the shell code that activates an environment.",
    footer = {"", "Examples:", "  eval \"$(envx shell-hook)\"             # bash, zsh",
        "  envx shell-hook --shell fish | source",
        "  envx shell-hook --shell powershell | Out-String | Invoke-Expression"})
final class ShellHookCommand implements Callable<Integer> {
  private final Cli cli;

  @Option(names = {"-s", "--shell"}, paramLabel = "SHELL",
      description = "bash, zsh, fish or powershell (default: from $SHELL, else bash).")
  String shell;

  @Mixin ActivationOptions where = new ActivationOptions();

  ShellHookCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    Shell s = shell != null
        ? Shell.fromLabel(shell).orElseThrow(() -> EnvxException.input("unknown shell `" + shell + "`", null,
            "shells: " + String.join(", ", Shell.labels())))
        : Shell.fromPath(cli.env().get("SHELL")).orElse(Shell.BASH);
    Activation a = where.activation();
    if (cli.json()) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("prefix", a.prefix().toString());
      j.put("environment_variables", a.changes(cli.env()));
      j.put("scripts", a.scripts(s).stream().map(Path::toString).toList());
      cli.printJson(j);
    } else {
      cli.out().print(a.hook(s, cli.env()));
      cli.out().flush();
    }
    return 0;
  }
}
