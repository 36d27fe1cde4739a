package dev.envx.cli;

import dev.envx.diag.Diagnostic;
import dev.envx.diag.DiagnosticRenderer;
import dev.envx.diag.EnvxException;
import dev.envx.format.lock.LockEntry;
import dev.envx.format.lock.LockFormat;
import dev.envx.format.lock.LockRead;
import dev.envx.format.lock.LockWrite;
import dev.envx.format.lock.LockedPackage;
import dev.envx.format.lock.Lockfile;
import dev.envx.format.lock.Lockfiles;
import dev.envx.index.RepodataClient;
import dev.envx.index.RepodataSettings;
import dev.envx.index.VirtualPackageSettings;
import dev.envx.lock.CondaPlatformSolver;
import dev.envx.lock.LockDiff;
import dev.envx.lock.LockInput;
import dev.envx.lock.LockMerge;
import dev.envx.lock.Locker;
import dev.envx.lock.Manifests;
import dev.envx.lock.PlatformSolver;
import dev.envx.model.conda.ChannelConfig;
import dev.envx.model.conda.ChannelPriority;
import dev.envx.model.conda.Platform;
import dev.envx.model.pep508.PyPiName;
import dev.envx.resolve.Resolution;
import dev.envx.index.pypi.PypiSettings;
import dev.envx.settings.Settings;
import dev.envx.translate.LockInputs;
import dev.envx.format.envyml.EnvYmlReader;
import dev.envx.format.pyproject.PyProjectReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code envx lock [-f MANIFEST]...}: solve every target platform and write one lockfile; {@code --check} tells
 * whether the lock is up to date; {@code envx lock convert} and {@code envx lock merge} work on lockfiles.
 */
@Command(name = "lock", description = {
    "Lock an environment.yml or pyproject.toml for every target platform into one lockfile.",
    "The previous lock's packages are kept while they still fit; `--update NAME` moves only those."},
    subcommands = {LockCommand.Convert.class, LockCommand.Merge.class},
    footer = {"", "Platforms: `--platform`, else the manifest's `platforms`, else linux-64, osx-64, osx-arm64, win-64.",
        "Examples:", "  envx lock                                   # ./environment.yml (or ./pyproject.toml) -> conda-lock.yml",
        "  envx lock -f environment.yml -f dev.yml     # dev.yml's `category: dev` becomes a category",
        "  envx lock --format pixi -o pixi.lock --platform linux-64",
        "  envx lock --update numpy                    # move numpy (and what it forces), keep the rest",
        "  envx lock --check                           # exit 0 when up to date, 1 with what is stale"})
final class LockCommand implements Callable<Integer> {
  private static final int MAX_DIFF_LINES = 40;
  private final Cli cli;

  @Option(names = {"-f", "--file"}, paramLabel = "MANIFEST", description = "environment.yml files (repeatable; "
      + "each file's `category`) or one pyproject.toml (default: ./environment.yml, else ./pyproject.toml)")
  List<Path> files = new ArrayList<>();

  @Option(names = "--platform", paramLabel = "P", description = "lock this platform (repeatable)")
  List<String> platforms = new ArrayList<>();

  @Option(names = "--format", paramLabel = "F", description = "conda-lock, pixi, pylock, explicit or mambajs (default: "
      + "from OUT's name, else conda-lock)")
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "the lockfile (default: the format's "
      + "file name beside the manifest; for @EXPLICIT put `{platform}` in it; `-` prints it)")
  String output;

  @Option(names = "--update", arity = "1..*", paramLabel = "NAME", description = "move these packages (and what "
      + "they force) instead of keeping their locked versions")
  List<String> update = new ArrayList<>();

  @Option(names = "--check", description = "exit 0 when the lock is up to date, else 1 with what is stale; "
      + "writes nothing")
  boolean check;

  @Option(names = "--channel-priority", paramLabel = "strict|flexible|disabled",
      description = "how channel order limits candidates (default: strict)")
  String channelPriority = "strict";

  @Option(names = "--index-url", paramLabel = "URL", description = "PyPI simple index for the manifest's PyPI "
      + "packages (http(s)://, file:// or a directory; default: the manifest's, else https://pypi.org/simple/)")
  String indexUrl;

  @Option(names = "--extra-index-url", paramLabel = "URL", description = "a further PyPI index (repeatable; "
      + "default: the manifest's)")
  List<String> extraIndexUrls = new ArrayList<>();

  @Option(names = "--find-links", paramLabel = "DIR", description = "a directory of wheels and sdists (repeatable; "
      + "default: the manifest's)")
  List<String> findLinks = new ArrayList<>();

  /** Set by {@link LockStage}: leave an up-to-date lock as it is (same input hash and platforms). */
  boolean onlyIfStale;

  LockCommand(Cli cli) {
    this.cli = cli;
  }

  static CommandLine command(Cli cli) {
    return cli.commands().commandLine(new LockCommand(cli), new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        return cls == Convert.class ? cls.cast(new Convert(cli))
            : cls == Merge.class ? cls.cast(new Merge(cli)) : CommandLine.defaultFactory().create(cls);
      }
    });
  }

  @Override
  public Integer call() {
    Path cwd = MappingCommand.cwd(cli);
    List<Path> manifests = manifests(cwd);
    List<Platform> targets = new ArrayList<>();
    for (String p : platforms) {
      targets.add(SolveCommand.parseOne(p, "--platform", Platform::parse));
    }
    ChannelPriority priority = SolveCommand.parseOne(channelPriority, "--channel-priority", ChannelPriority::parse);
    boolean stdout = "-".equals(output);
    if (stdout && (check || onlyIfStale || !update.isEmpty())) {
      throw EnvxException.input("`-o -` prints a new lock; `" + (check ? "--check" : "--update")
          + "` needs the lockfile itself", null, "name the lockfile with `-o FILE`");
    }
    LockFormat target = format != null ? format(format) : output == null || stdout ? LockFormat.CONDA_LOCK
        : LockFormat.fromFileName(Path.of(output.replace(Convert.PLATFORM_PLACEHOLDER, "x")).getFileName()
            .toString()).orElse(LockFormat.CONDA_LOCK);
    Path dir = manifests.get(0).toAbsolutePath().normalize().getParent();
    String out = output != null && !stdout ? output : dir.resolve(target == LockFormat.EXPLICIT
        ? "conda-{platform}.lock" : target == LockFormat.MAMBAJS ? "env-lock-{platform}.json"
        : target.defaultFileName()).toString();
    // printed (`-o -`): relative paths in the lock are written as from the current directory
    Path outDir = stdout ? cwd : Path.of(out).toAbsolutePath().normalize().getParent();
    LockInput input = read(manifests, outDir, targets, cwd);
    cli.report(input.warnings());

    Lockfile previous = stdout ? null : previous(out, target);
    for (String name : update) {
      if (previous == null) {
        throw EnvxException.input("there is no lock to update at `" + out + "`", null,
            "run `envx lock` without `--update` first");
      }
      if (previous.environments().stream().flatMap(e -> e.allEntries().stream())
          .noneMatch(e -> e.name().equals(name) || e instanceof LockEntry.Resolved r
              && r.pkg() instanceof LockedPackage.Pypi y && PyPiName.isValid(name)
              && y.name().normalized().equals(PyPiName.of(name).normalized()))) {
        throw EnvxException.input("`" + name + "` is not in the lock `" + out + "`", null,
            "`--update` takes names of locked packages");
      }
    }
    PlatformSolver solver = solver(input, manifests.get(0));
    Locker.Options options = new Locker.Options(priority, VirtualPackageSettings.defaults(), cli.env(),
        Set.copyOf(update), parallelism());

    if (check) {
      return check(input, previous, out, solver, options);
    }
    if (onlyIfStale && previous != null && upToDate(input, previous)) {
      cli.debug(out + " is up to date with " + manifests.get(0));
      return 0;
    }
    long t0 = System.nanoTime();
    Lockfile lock = solved(Locker.lock(input, solver, previous, options));
    cli.debug("locked " + input.platforms().size() + " platforms in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    LockWrite written = Lockfiles.write(lock, target);
    if (stdout) {
      cli.report(written.warnings());
      return printed(written, target, input, lock);
    }
    Map<Path, String> outputs = outputs(written, out, manifests);
    cli.report(written.warnings());
    outputs.forEach((p, text) -> OutputFiles.writeAtomically(p, text, manifests.toArray(Path[]::new)));
    LockDiff diff = previous == null ? null : LockDiff.between(previous, lock);
    if (cli.json()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("ok", true);
      m.put("format", target.label());
      m.put("outputs", outputs.keySet().stream().map(Path::toString).toList());
      m.put("platforms", input.platforms().stream().map(Platform::subdir).toList());
      m.put("input_hash", lock.metadata().inputHash());
      m.put("changes", diff == null ? null : diff.lines(Integer.MAX_VALUE));
      cli.printJson(m);
    } else if (!cli.quiet()) {
      if (diff != null) {
        diff.lines(MAX_DIFF_LINES).forEach(cli.err()::println);
      }
      int n = lock.defaultEnvironment().allEntries().size();
      outputs.keySet().forEach(p -> cli.err().println("wrote " + p + " (" + target.label() + ", " + n
          + " packages over " + input.platforms().size() + (input.platforms().size() == 1 ? " platform)" : " platforms)")));
      cli.err().flush();
    }
    return 0;
  }

  /** {@code -o -}: the lock on stdout (each @EXPLICIT platform file after the other), or in {@code --json}. */
  private int printed(LockWrite written, LockFormat target, LockInput input, Lockfile lock) {
    if (cli.json()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("ok", true);
      m.put("format", target.label());
      m.put("outputs", List.of("-"));
      m.put("platforms", input.platforms().stream().map(Platform::subdir).toList());
      m.put("input_hash", lock.metadata().inputHash());
      m.put("content", written.files().stream().map(LockWrite.File::text).toList());
      cli.printJson(m);
    } else {
      written.files().forEach(f -> cli.out().print(f.text()));
      cli.out().flush();
    }
    return 0;
  }

  /** Relocks {@code previous} against the manifests, moving only {@link #update} (the merge driver's use). */
  Lockfile relock(Lockfile previous) {
    Path cwd = MappingCommand.cwd(cli);
    List<Path> manifests = manifests(cwd);
    Path outDir = manifests.get(0).toAbsolutePath().normalize().getParent();
    LockInput input = read(manifests, outDir, previous.platforms().stream().map(Platform::parse).toList(), cwd);
    cli.report(input.warnings());
    return solved(Locker.lock(input, solver(input, manifests.get(0)), previous, new Locker.Options(ChannelPriority.parse(
        channelPriority), VirtualPackageSettings.defaults(), cli.env(), Set.copyOf(update), parallelism())));
  }

  /** Platforms solved at once: the run's parallelism ({@code ENVX_PARALLELISM}), at most one per processor. */
  private int parallelism() {
    return Math.max(1, Math.min(cli.settings().parallelism(), Runtime.getRuntime().availableProcessors()));
  }

  private PlatformSolver solver(LockInput input, Path manifest) {
    Settings run = cli.settings();
    RepodataClient client = new RepodataClient(
        RepodataSettings.of(run.cacheDir().resolve("repodata")).withOffline(run.offline()), cli.http());
    List<String> urls = input.indexUrls();
    // the manifest's find-links are relative to it, the command line's to the working directory
    Path base = findLinks.isEmpty() ? manifest.toAbsolutePath().normalize().getParent() : MappingCommand.cwd(cli);
    PypiSources sources = new PypiSources(urls.isEmpty() ? null : urls.get(0), urls.subList(Math.min(1,
        urls.size()), urls.size()), input.findLinks());
    Path pyproject = Manifests.isPyproject(manifest) ? manifest : null;
    // a lock keeps what the manifest asks from PyPI on PyPI; the conda side came from the manifest's conda entries
    Set<String> pypiNames = new java.util.TreeSet<>();
    for (Platform p : input.platforms()) {
      input.allRequirements(p).stream().filter(r -> r instanceof dev.envx.resolve.PypiRequirement)
          .forEach(r -> pypiNames.add(((dev.envx.resolve.PypiRequirement) r).requirement().name().normalized()));
    }
    return new CondaPlatformSolver(client, input.channels(),
        () -> sources.source(cli, base, pyproject, null, pypiNames));
  }

  /** The manifest's PyPI sources, each replaced by the command line's when given. */
  private LockInput withCliSources(LockInput input) {
    List<String> urls = input.indexUrls();
    String primary = indexUrl != null ? indexUrl : urls.isEmpty() ? null : urls.get(0);
    List<String> extras = !extraIndexUrls.isEmpty() ? extraIndexUrls : urls.subList(Math.min(1, urls.size()),
        urls.size());
    if (primary == null && !extras.isEmpty()) {
      primary = PypiSettings.PYPI.toString();
    }
    List<String> all = new ArrayList<>();
    if (primary != null) {
      all.add(primary);
    }
    extras.stream().filter(e -> !all.contains(e)).forEach(all::add);
    return input.withPypiSources(all, !findLinks.isEmpty() ? findLinks : input.findLinks());
  }

  private int check(LockInput input, Lockfile previous, String out, PlatformSolver solver, Locker.Options options) {
    if (previous == null) {
      report(false, List.of("no lock at `" + out + "`"));
      return 1;
    }
    if (upToDate(input, previous)) {
      report(true, List.of());
      return 0;
    }
    List<String> lines = new ArrayList<>();
    lines.add(previous.metadata().inputHash() == null ? "the lock records no input hash"
        : "the manifest changed since the lock was made");
    LockDiff diff = LockDiff.between(previous, solved(Locker.lock(input, solver, previous, options)));
    lines.addAll(diff.lines(MAX_DIFF_LINES));
    report(false, lines);
    return 1;
  }

  /** Whether {@code previous} was made from {@code input} (same hash and platforms) and nothing is to be updated. */
  private boolean upToDate(LockInput input, Lockfile previous) {
    Set<String> want = input.platforms().stream().map(Platform::subdir).collect(Collectors.toSet());
    return input.inputHash().equals(previous.metadata().inputHash()) && Set.copyOf(previous.platforms()).equals(want)
        && update.isEmpty();
  }

  private void report(boolean upToDate, List<String> lines) {
    if (cli.json()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("ok", true);
      m.put("up_to_date", upToDate);
      m.put("stale", lines);
      cli.printJson(m);
      return;
    }
    if (upToDate) {
      cli.out().println("the lock is up to date");
    } else {
      lines.forEach(cli.out()::println);
    }
    cli.out().flush();
  }

  /** The lock, or the unsolvable platforms as an error (exit 1) with the explanation and hints. */
  private Lockfile solved(Locker.Outcome outcome) {
    cli.report(outcome.warnings());
    if (outcome instanceof Locker.Locked l) {
      return l.lock();
    }
    List<Diagnostic> ds = new ArrayList<>();
    ((Locker.Unsolvable) outcome).platforms().forEach((p, u) -> ds.add(Diagnostic.error(
        "cannot solve for " + p + "; " + u.explanation().stripTrailing(), null,
        u.hints().stream().map(HintWords::words).toArray(String[]::new))));
    throw new EnvxException(EnvxException.FAILURE, ds);
  }

  private List<Path> manifests(Path cwd) {
    if (!files.isEmpty()) {
      if (files.size() > 1 && files.stream().anyMatch(Manifests::isPyproject)) {
        throw EnvxException.input("a pyproject.toml is locked on its own", null,
            "pass one pyproject.toml, or several environment.yml files");
      }
      return files;
    }
    for (String n : List.of("environment.yml", "environment.yaml", "pyproject.toml")) {
      if (Files.isRegularFile(cwd.resolve(n))) {
        return List.of(cwd.resolve(n));
      }
    }
    throw EnvxException.input("no manifest to lock in `" + cwd + "`", null,
        "pass `-f environment.yml` or `-f pyproject.toml`");
  }

  private LockInput read(List<Path> manifests, Path outDir, List<Platform> targets, Path cwd) {
    List<String> sources = manifests.stream().map(m -> source(m, outDir)).toList();
    ChannelConfig config = ChannelConfig.standard(cwd, Path.of(System.getProperty("user.home", cwd.toString())));
    LockInput input = Manifests.isPyproject(manifests.get(0))
        ? Manifests.pyproject(manifests.get(0), sources.get(0), Mappers.forCli(cli, manifests.get(0)), targets, config)
        : Manifests.environments(manifests, sources, targets, config);
    // solver options that change the result are inputs too
    ChannelPriority priority = SolveCommand.parseOne(channelPriority, "--channel-priority", ChannelPriority::parse);
    input = withCliSources(input).withChannelPriority(priority);
    // one manifest locked as it says: record its own hash, the one `envx check` recomputes
    if (manifests.size() == 1 && targets.isEmpty() && priority == ChannelPriority.STRICT && indexUrl == null
        && extraIndexUrls.isEmpty() && findLinks.isEmpty()) {
      Path m = manifests.get(0);
      input = input.withManifestHash((Manifests.isPyproject(m)
          ? LockInputs.of(PyProjectReader.parse(OutputFiles.read(m), m.toString()))
          : LockInputs.of(EnvYmlReader.parse(OutputFiles.read(m), m.toString()))).value());
    }
    return input;
  }

  /** A manifest as the lock names it: relative to the lock's folder when it is below it, else as given. */
  private static String source(Path manifest, Path outDir) {
    Path m = manifest.toAbsolutePath().normalize();
    return m.startsWith(outDir) ? outDir.relativize(m).toString().replace('\\', '/') : manifest.toString();
  }

  /** The existing lock at {@code out} (one file), or null. */
  private static Lockfile previous(String out, LockFormat target) {
    if (out.contains(Convert.PLATFORM_PLACEHOLDER)) {
      return null;
    }
    Path p = Path.of(out);
    if (!Files.isRegularFile(p)) {
      return null;
    }
    return Lockfiles.parse(OutputFiles.read(p), p.toString(), null).lock();
  }

  /** The files a write goes to, decided and checked before anything is written. */
  static Map<Path, String> outputs(LockWrite written, String output, List<Path> inputs) {
    Map<Path, String> outputs = new LinkedHashMap<>();
    List<LockWrite.File> files = written.files();
    if (files.size() > 1 && !output.contains(Convert.PLATFORM_PLACEHOLDER)) {
      throw EnvxException.input("this lock has " + files.size() + " platforms and an @EXPLICIT or mambajs file holds one",
          null, "put `{platform}` in the output name (`-o 'conda-{platform}.lock'`) or pass `--platform P`");
    }
    for (LockWrite.File f : files) {
      Path out = Path.of(f.platform() == null ? output : output.replace(Convert.PLATFORM_PLACEHOLDER, f.platform()));
      for (Path in : inputs) {
        if (out.toAbsolutePath().normalize().equals(in.toAbsolutePath().normalize())) {
          throw EnvxException.input("`" + out + "` is " + (inputs.size() == 1 ? "the input file" : "an input file"),
              null, "write the lock elsewhere");
        }
      }
      outputs.put(out, f.text());
    }
    return outputs;
  }

  static LockFormat format(String name) {
    String formats = Lockfiles.formats().stream().map(LockFormat::label).collect(Collectors.joining(", "));
    return LockFormat.fromLabel(name).orElseThrow(() ->
        EnvxException.input("unknown lockfile format `" + name + "`", null, "formats: " + formats));
  }

  @Command(name = "convert", description = {
      "Convert a lockfile between conda-lock.yml (v1), pixi.lock (v6), pylock.toml, @EXPLICIT and mambajs JSON files.",
      "What the target format cannot hold is reported as a warning; credentials never reach the output."},
      footer = {"", "Examples:", "  envx lock convert conda-lock.yml -o pixi.lock",
          "  envx lock convert pixi.lock -o pylock.toml",
          "  envx lock convert pixi.lock -o 'conda-{platform}.lock' --format explicit",
          "  envx lock convert conda-lock.yml -o - --format explicit --platform linux-64"})
  static final class Convert implements Callable<Integer> {
    static final String PLATFORM_PLACEHOLDER = "{platform}";

    private final Cli cli;

    @Parameters(index = "0", paramLabel = "IN", description = "the lockfile to read (format from its content)")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true, description = "output file (`-` for "
        + "stdout); for @EXPLICIT with several platforms put `{platform}` in the name")
    String output;

    @Option(names = "--format", paramLabel = "F", description = "conda-lock, pixi, pylock, explicit or "
        + "mambajs (default: from OUT's name: pixi.lock, pylock*.toml, *.yml, *.lock, *lock*.json)")
    String format;

    @Option(names = "--from", paramLabel = "F", description = "the input's format, when its content does not tell")
    String from;

    @Option(names = "--platform", paramLabel = "P", description = "only this platform (repeatable)")
    List<String> platforms = new ArrayList<>();

    @Option(names = "--force", description = "overwrite existing output files")
    boolean force;

    Convert(Cli cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      boolean stdout = "-".equals(output);
      LockFormat target = format != null ? format(format) : stdout ? LockFormat.CONDA_LOCK
          : LockFormat.fromFileName(Path.of(output.replace(PLATFORM_PLACEHOLDER, "x")).getFileName().toString())
              .orElse(LockFormat.CONDA_LOCK);
      String text = OutputFiles.read(input);
      LockRead read = Lockfiles.parse(text, input.toString(), from == null ? null : format(from));
      for (String p : platforms) {
        if (!read.lock().platforms().contains(p)) {
          throw EnvxException.input("`" + input + "` has no platform `" + p + "`", null,
              "its platforms: " + String.join(", ", read.lock().platforms()));
        }
      }
      LockWrite written = Lockfiles.write(read.lock(), target, new LinkedHashSet<>(platforms));
      // every target is decided and checked before anything is written
      List<LockWrite.File> files = written.files();
      Map<Path, String> outputs = stdout ? Map.of() : outputs(written, output, List.of(input));
      for (Path out : outputs.keySet()) {
        if (Files.exists(out) && !force) {
          throw EnvxException.input("`" + out + "` exists", null, "use `--force` to overwrite it");
        }
      }
      List<Diagnostic> diagnostics = new ArrayList<>(read.warnings());
      diagnostics.addAll(written.warnings());
      cli.report(diagnostics);
      outputs.forEach(OutputFiles::writeAtomically);
      if (cli.json()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", true);
        m.put("input", input.toString());
        m.put("from", read.format().label());
        m.put("format", target.label());
        m.put("outputs", stdout ? List.of("-") : outputs.keySet().stream().map(Path::toString).toList());
        m.put("diagnostics", diagnostics.stream().map(DiagnosticRenderer::toMap).toList());
        if (stdout) {
          m.put("content", files.stream().map(LockWrite.File::text).toList());
        }
        cli.printJson(m);
      } else if (stdout) {
        files.forEach(f -> cli.out().print(f.text()));
        cli.out().flush();
      } else if (!cli.quiet()) {
        outputs.keySet().forEach(p -> cli.err().println("wrote " + p + " (" + target.label() + ")"));
        cli.err().flush();
      }
      return 0;
    }
  }

  @Command(name = "merge", description = {
      "Merge two lockfiles against their common ancestor by package, not by line (a git merge driver).",
      "The side that changed a package wins; a package both sides changed differently is a conflict (exit 1),",
      "unless `-f MANIFEST` is given: then those packages are relocked against it, the others kept."},
      footer = {"", "As a git merge driver (see the README):",
          "  git config merge.envx-lock.driver 'envx lock merge %%O %%A %%B -o %%A'",
          "  echo 'conda-lock.yml merge=envx-lock' >> .gitattributes"})
  static final class Merge implements Callable<Integer> {
    private final Cli cli;

    @Parameters(index = "0", paramLabel = "BASE", description = "the common ancestor")
    Path base;

    @Parameters(index = "1", paramLabel = "OURS", description = "our version (may also be OUT)")
    Path ours;

    @Parameters(index = "2", paramLabel = "THEIRS", description = "their version")
    Path theirs;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true, description = "the merged lock, in "
        + "OURS's format")
    Path output;

    @Option(names = {"-f", "--file"}, paramLabel = "MANIFEST", description = "relock conflicting packages against "
        + "this manifest (repeatable, as for `envx lock`)")
    List<Path> files = new ArrayList<>();

    Merge(Cli cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      LockRead o = Lockfiles.parse(OutputFiles.read(ours), ours.toString(), null);
      LockRead b = Lockfiles.parse(OutputFiles.read(base), base.toString(), o.format());
      LockRead t = Lockfiles.parse(OutputFiles.read(theirs), theirs.toString(), o.format());
      LockMerge.Result r = LockMerge.merge(b.lock(), o.lock(), t.lock());
      Lockfile merged = r.lock();
      List<String> unresolved = new ArrayList<>(r.notes());
      if (!r.conflicts().isEmpty() && !files.isEmpty()) {
        LockCommand relock = new LockCommand(cli);
        relock.files = files;
        relock.update = List.copyOf(r.conflictingNames());
        merged = relock.relock(merged);
      } else {
        r.conflicts().forEach((p, names) -> unresolved.add(p + ": both sides changed " + String.join(", ",
            names.stream().map(n -> "`" + n + "`").toList())));
      }
      LockWrite written = Lockfiles.write(merged, o.format());
      Map<Path, String> outputs = outputs(written, output.toString(), List.of(base, theirs));
      cli.report(written.warnings());
      outputs.forEach((p, text) -> OutputFiles.writeAtomically(p, text, base, theirs));
      if (cli.json()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", unresolved.isEmpty());
        m.put("output", output.toString());
        m.put("conflicts", unresolved);
        cli.printJson(m);
      } else {
        unresolved.forEach(u -> cli.err().println("conflict: " + u));
        cli.err().flush();
      }
      return unresolved.isEmpty() ? 0 : 1;
    }
  }
}
