package dev.envx.cli;

import dev.envx.activate.Activation;
import dev.envx.model.conda.Platform;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code -p PREFIX} and {@code -m MANIFEST} of the commands that activate an environment (a picocli mixin). */
final class ActivationOptions {
  @Option(names = {"-p", "--prefix"}, paramLabel = "PREFIX",
      description = "The environment (default: .envx/envs/default beside the manifest).")
  Path prefix;

  @Option(names = {"-m", "--manifest"}, paramLabel = "FILE",
      description = "The environment.yml or pyproject.toml whose variables are set (default: found from the "
          + "current directory upwards).")
  Path manifest;

  /** The activation of the prefix given or the workspace's default one. */
  Activation activation() {
    Workspace ws = Workspace.find(manifest, Path.of(""));
    Path p = ws.prefix(prefix);
    boolean windows = Platform.current().map(Platform::isWindows).orElse(false);
    return Activation.read(p, p.getFileName().toString(), windows, ws.variables());
  }
}
