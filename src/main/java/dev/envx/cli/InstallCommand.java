package dev.envx.cli;

import dev.envx.diag.EnvxException;
import dev.envx.format.lock.LockEntry;
import dev.envx.format.lock.LockEnvironment;
import dev.envx.format.lock.LockRead;
import dev.envx.format.lock.LockedPackage;
import dev.envx.format.lock.Lockfiles;
import dev.envx.install.HttpTransport;
import dev.envx.install.InstallPlan;
import dev.envx.install.Installer;
import dev.envx.install.PackageCache;
import dev.envx.install.Planner;
import dev.envx.install.PrefixState;
import dev.envx.install.PythonTarget;
import dev.envx.install.Transport;
import dev.envx.model.conda.Platform;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code envx install LOCKFILE [-p PREFIX] [--platform P] [--environment E] [--group G]... [--dry-run]}: installs
 * one platform of one environment of a lockfile (every format {@code format.lock} reads) into a prefix: computes
 * the plan from the lock and what the prefix holds, prints it with {@code --dry-run}, else applies it.
 */
@Command(name = "install",
    description = "Install a lockfile (conda-lock.yml, pixi.lock, pylock.toml, @EXPLICIT) into an environment prefix.",
    footer = {"", "Example: envx install conda-lock.yml -p .envx/envs/default --dry-run"})
final class InstallCommand implements Callable<Integer> {
  private final Cli cli;

  @Parameters(index = "0", arity = "0..1", paramLabel = "LOCKFILE",
      description = "A conda-lock.yml, pixi.lock, pylock.toml or @EXPLICIT file (default: the manifest's lock, "
          + "locked first when missing or stale).")
  Path lockfile;

  @Option(names = {"-m", "--manifest"}, paramLabel = "FILE",
      description = "The environment.yml or pyproject.toml (default: found from the current directory upwards).")
  Path manifest;

  @Option(names = "--platform", paramLabel = "P",
      description = "The platform to install (default: the lock's only platform, else this machine's).")
  String platform;

  @Option(names = {"-e", "--environment"}, paramLabel = "E",
      description = "The lock's environment to install (pixi.lock; default: `default`).")
  String environment = LockEnvironment.DEFAULT;

  @Option(names = {"-g", "--group"}, paramLabel = "G",
      description = "Also install this category / dependency group (repeatable; `main` is always installed).")
  List<String> groups = new ArrayList<>();

  @Option(names = {"-p", "--prefix"}, paramLabel = "PREFIX",
      description = "The environment directory (default: .envx/envs/default beside the manifest).")
  Path prefix;

  @Option(names = "--dry-run", description = "Print the plan (download / link / unlink) and change nothing.")
  boolean dryRun;

  @Option(names = "--python", paramLabel = "X.Y",
      description = "The Python to install noarch: python packages for when the lock has no python.")
  String python;

  @Option(names = "--python-exe", paramLabel = "PATH",
      description = "With --python: the interpreter written into script shebangs.")
  Path pythonExe;


  private final LockFirst lockFirst;

  InstallCommand(Cli cli) {
    this(cli, new LockStage(cli));
  }

  InstallCommand(Cli cli, LockFirst lockFirst) {
    this.cli = cli;
    this.lockFirst = lockFirst;
  }

  @Override
  public Integer call() {
    Workspace ws = Workspace.find(manifest, Path.of(""));
    if (lockfile == null) {
      if (ws.manifest() == null) {
        throw EnvxException.input("no lockfile given and no manifest here or above", null,
            "name a lockfile: `envx install conda-lock.yml`, or run it beside an environment.yml or pyproject.toml");
      }
      lockfile = lockFirst.upToDate(ws.manifest());
    }
    List<LockedPackage> wanted = select(Lockfiles.read(lockfile));
    Path cacheDir = PackageCache.defaultDir(cli.settings().cacheDir());
    boolean off = cli.settings().offline(); // global --offline / ENVX_OFFLINE: file: URLs and the cache only
    PackageCache cache = new PackageCache(cacheDir, off ? Transport.offline() : onFirstUse(cli));
    PythonTarget target = python == null ? null
        : new PythonTarget(python, pythonExe == null ? null : pythonExe.toAbsolutePath().toString());
    Path p = ws.prefix(prefix);
    Installer.recover(p);
    InstallPlan plan = Planner.plan(wanted, PrefixState.read(p), target, cache::has);
    if (!dryRun) {
      new Installer(cache, cli.settings().parallelism(), ProgressBar.forCli(cli)).apply(plan);
    }
    if (cli.json()) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("prefix", p.toString());
      j.put("dry_run", dryRun);
      j.put("steps", plan.steps().stream().map(s -> Map.of("action", action(s), "package", s.label())).toList());
      cli.printJson(j);
    } else {
      cli.out().print(dryRun ? plan.render() : plan.summary().replaceFirst(": ", ": installed; ") + "\n");
      cli.out().flush();
    }
    return 0;
  }

  /** The packages of the chosen environment, platform and groups; an entry envx cannot install is an error. */
  private List<LockedPackage> select(LockRead read) {
    cli.report(read.warnings());
    LockEnvironment env = read.lock().environment(environment).orElseThrow(() -> EnvxException.failure(
        lockfile + " has no environment `" + environment + "`",
        "it has: " + String.join(", ", read.lock().environments().stream().map(LockEnvironment::name).toList())));
    List<String> platforms = env.platforms();
    String plat = platform != null ? SolveCommand.parseOne(platform, "--platform", Platform::parse).subdir()
        : platforms.size() == 1 ? platforms.get(0)
        : Platform.current().map(Platform::subdir).orElseThrow(() -> EnvxException.failure(
            "conda has no platform for this machine", "pass `--platform`"));
    if (!platforms.contains(plat)) {
      throw EnvxException.failure(lockfile + " locks no packages for `" + plat + "`",
          "it locks: " + String.join(", ", platforms), "pass `--platform` with one of them");
    }
    Set<String> wantedGroups = new TreeSet<>(groups);
    wantedGroups.add(LockEntry.MAIN);
    List<LockedPackage> out = new ArrayList<>();
    List<String> cannot = new ArrayList<>();
    Set<String> seenGroups = new TreeSet<>();
    for (LockEntry e : env.packages(plat)) {
      seenGroups.addAll(e.categories());
      if (e.categories().stream().noneMatch(wantedGroups::contains)) {
        continue;
      }
      if (e instanceof LockEntry.Resolved r) {
        out.add(r.pkg());
      } else {
        cannot.add(e.name() + e.location().map(l -> " (" + l + ")").orElse(""));
      }
    }
    for (String g : groups) {
      if (!seenGroups.contains(g)) {
        throw EnvxException.failure(lockfile + " has no group `" + g + "` for `" + plat + "`",
            "it has: " + String.join(", ", seenGroups));
      }
    }
    if (!cannot.isEmpty()) {
      throw EnvxException.failure("envx cannot install " + cannot.size() + " entr" + (cannot.size() == 1 ? "y" : "ies")
          + " of " + lockfile + ": " + String.join(", ", cannot),
          "these are source builds or local/VCS packages, which envx does not build");
    }
    return out;
  }

  /**
   * The HTTP transport, built when the first download needs it: a lock of {@code file:} URLs or a no-op
   * reinstall then never loads okhttp and the TLS stack (a tenth of a second of start-up).
   */
  private static Transport onFirstUse(Cli cli) {
    return new Transport() {
      private Transport http;

      private synchronized Transport http() {
        if (http == null) {
          http = new HttpTransport(cli.http());
        }
        return http;
      }

      @Override
      public void download(java.net.URI uri, Path target) throws java.io.IOException {
        http().download(uri, target); // downloads run in parallel; only the creation is serialised
      }

      @Override
      public void download(java.net.URI uri, Path target, dev.envx.format.lock.Hashes expected)
          throws java.io.IOException {
        http().download(uri, target, expected); // resumes a partial download, checked against the digests
      }

      @Override
      public void download(java.net.URI uri, Path target, dev.envx.format.lock.Hashes expected, Bytes bytes)
          throws java.io.IOException {
        http().download(uri, target, expected, bytes); // as above, telling the progress bar
      }
    };
  }

  private static String action(InstallPlan.Step s) {
    return s.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }

}
