package dev.envx.cli;

import dev.envx.format.lock.LockedPackage;
import dev.envx.install.ExplicitFile;
import dev.envx.install.HttpTransport;
import dev.envx.install.InstallPlan;
import dev.envx.install.Installer;
import dev.envx.install.PackageCache;
import dev.envx.install.Planner;
import dev.envx.install.PrefixState;
import dev.envx.install.PythonTarget;
import dev.envx.install.Transport;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code envx install LOCKFILE [-p PREFIX] [--dry-run]}: installs an {@code @EXPLICIT} lockfile into a prefix:
 * computes the plan from the lock and what the prefix holds, prints it with {@code --dry-run}, else applies it.
 */
@Command(name = "install", description = "Install a lockfile (@EXPLICIT) into an environment prefix.",
    footer = {"", "Example: envx install env.txt -p .envx/envs/default --dry-run"})
final class InstallCommand implements Callable<Integer> {
  private final Cli cli;

  @Parameters(index = "0", paramLabel = "LOCKFILE", description = "An @EXPLICIT file (URL[#md5|#sha256:HEX] lines).")
  Path lockfile;

  @Option(names = {"-p", "--prefix"}, paramLabel = "PREFIX",
      description = "The environment directory (default: .envx/envs/default).")
  Path prefix = Path.of(".envx", "envs", "default");

  @Option(names = "--dry-run", description = "Print the plan (download / link / unlink) and change nothing.")
  boolean dryRun;

  @Option(names = "--python", paramLabel = "X.Y",
      description = "The Python to install noarch: python packages for when the lock has no python.")
  String python;

  @Option(names = "--python-exe", paramLabel = "PATH",
      description = "With --python: the interpreter written into script shebangs.")
  Path pythonExe;


  InstallCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    List<LockedPackage> wanted = ExplicitFile.read(lockfile);
    Path cacheDir = PackageCache.defaultDir(cli.settings().cacheDir());
    boolean off = cli.settings().offline(); // global --offline / ENVX_OFFLINE: file: URLs and the cache only
    PackageCache cache = new PackageCache(cacheDir, off ? Transport.offline() : HttpTransport.defaults());
    PythonTarget target = python == null ? null
        : new PythonTarget(python, pythonExe == null ? null : pythonExe.toAbsolutePath().toString());
    Path p = prefix.toAbsolutePath().normalize();
    Installer.recover(p);
    InstallPlan plan = Planner.plan(wanted, PrefixState.read(p), target, cache::has);
    if (!dryRun) {
      new Installer(cache, Math.max(2, Runtime.getRuntime().availableProcessors())).apply(plan);
    }
    if (cli.json()) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("prefix", p.toString());
      j.put("dry_run", dryRun);
      j.put("steps", plan.steps().stream().map(s -> Map.of("action", action(s), "package", label(s))).toList());
      cli.printJson(j);
    } else {
      cli.out().print(dryRun ? plan.render() : plan.summary().replaceFirst(": ", ": installed; ") + "\n");
      cli.out().flush();
    }
    return 0;
  }

  private static String action(InstallPlan.Step s) {
    return s.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }

  private static String label(InstallPlan.Step s) {
    return s.describe().substring(9).split("  ")[0];
  }
}
