package dev.envx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.testing.CliRun;
import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void versionPrintsVersionAndExitsZero() {
    CliRun r = CliRun.run("--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("envx ");
  }

  @Test
  void helpListsCommands() {
    CliRun r = CliRun.run("--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Usage: envx").contains("completion", "convert", "export", "solve", "spec",
        "mapping");
    assertThat(CliRun.run("--json").out()).contains("convert", "solve");
  }

  @Test
  void unknownSubcommandIsUsageError() {
    CliRun r = CliRun.run("frobnicate");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: ").contains("hint: see `envx --help`");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void completionBashAndZsh() {
    CliRun bash = CliRun.run("completion", "bash");
    assertThat(bash.exitCode()).isZero();
    assertThat(bash.out()).contains("complete -F").contains("envx");
    // the script lists every command, even though a named command alone is built for other runs
    assertThat(bash.out()).contains("convert", "export", "solve", "spec", "mapping");
    CliRun zsh = CliRun.run("completion", "zsh");
    assertThat(zsh.out()).startsWith("#compdef envx").contains("bashcompinit");
    assertThat(CliRun.run("completion", "fish").exitCode()).isEqualTo(2);
  }

  @Test
  void everySubcommandHasHelp() {
    for (String[] args : new String[][] {{"spec", "--help"}, {"spec", "conda", "-h"}, {"mapping", "--help"},
        {"completion", "--help"}}) {
      CliRun r = CliRun.run(args);
      assertThat(r.exitCode()).as(String.join(" ", args)).isZero();
      assertThat(r.out()).as(String.join(" ", args)).contains("Usage: envx");
    }
  }
}
