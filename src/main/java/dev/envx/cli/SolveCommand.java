package dev.envx.cli;

import dev.envx.diag.Diagnostic;
import dev.envx.diag.EnvxException;
import dev.envx.diag.ParseError;
import dev.envx.index.RepodataClient;
import dev.envx.index.RepodataIndex;
import dev.envx.index.RepodataSettings;
import dev.envx.index.VirtualPackageSettings;
import dev.envx.index.VirtualPackages;
import dev.envx.model.conda.Channel;
import dev.envx.model.conda.ChannelConfig;
import dev.envx.model.conda.ChannelPriority;
import dev.envx.model.conda.Platform;
import dev.envx.model.conda.VirtualPackage;
import dev.envx.format.lock.LockedPackage;
import dev.envx.resolve.CondaRequirement;
import dev.envx.resolve.PypiRequirement;
import dev.envx.resolve.pypi.Prefer;
import dev.envx.resolve.pypi.PypiSource;
import dev.envx.resolve.Hint;
import dev.envx.resolve.Request;
import dev.envx.resolve.Requirement;
import dev.envx.resolve.Resolution;
import dev.envx.resolve.Resolver;
import dev.envx.settings.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code envx solve SPEC... -c CHANNEL...}: solve conda MatchSpecs over channels and print the chosen packages
 * (a table sorted by name, or the records with {@code --json}); an unsolvable request prints the explanation
 * with {@code hint:} lines and exits 1.
 */
@Command(name = "solve", description = "Solve conda specs and PyPI requirements as one problem and print the chosen packages.",
    footer = {"", "Channels are names (conda-forge), URLs or local directories with <subdir>/repodata.json.",
        "A PyPI requirement is met by the conda package that provides its name or by a PyPI distribution, never both.",
        "Example (offline): envx solve 'numpy >=2' python=3.12 -c ../shared/data/channels/derived-from-pixi-lockfiles/conda-forge --platform linux-64",
        "Example (offline): envx solve numpy --pypi bottleneck -c ../shared/data/channels/derived-from-pixi-lockfiles/conda-forge --index-url ../shared/data/pypi/simple --platform linux-64"})
final class SolveCommand implements Callable<Integer> {
  private final Cli cli;

  @Parameters(arity = "0..*", paramLabel = "SPEC", description = "MatchSpecs, e.g. 'numpy >=2' python=3.12.")
  List<String> specs = new ArrayList<>();

  @Option(names = "--pypi", paramLabel = "REQ", description = "A PyPI requirement (PEP 508), e.g. 'requests[socks]>=2'.")
  List<String> pypi = new ArrayList<>();

  @Option(names = {"-f", "--file"}, paramLabel = "FILE",
      description = "Solve an environment.yml or pyproject.toml: its conda and pip/PyPI dependencies, channels and platforms.")
  Path file;

  @Option(names = "--index-url", paramLabel = "URL",
      description = "PyPI simple index (http(s)://, file:// or a directory; default https://pypi.org/simple/).")
  String indexUrl;

  @Option(names = "--extra-index-url", paramLabel = "URL", description = "A further PyPI index.")
  List<String> extraIndexUrls = new ArrayList<>();

  @Option(names = "--find-links", paramLabel = "DIR", description = "A directory of wheels and sdists.")
  List<String> findLinks = new ArrayList<>();

  @Option(names = "--prefer", paramLabel = "conda|pypi",
      description = "Which ecosystem meets a PyPI requirement first when both can (default: the manifest's "
          + "[tool.envx.prefer] default, else conda; its per-package entries still apply).")
  String prefer;

  @Option(names = {"-c", "--channel"}, paramLabel = "CHANNEL",
      description = "Channel, highest priority first (default: conda-forge).")
  List<String> channels = new ArrayList<>();

  @Option(names = "--platform", paramLabel = "SUBDIR", description = "Target platform (default: this machine's).")
  String platform;

  @Option(names = "--channel-priority", paramLabel = "strict|flexible|disabled",
      description = "How channel order limits candidates (default: strict).")
  String channelPriority = "strict";

  @Option(names = "--pin", paramLabel = "SPEC",
      description = "Constrain a package if it is installed, without requesting it.")
  List<String> pins = new ArrayList<>();

  @Option(names = "--virtual-package", paramLabel = "NAME=VERSION[=BUILD]",
      description = "Set a virtual package of the target (`__cuda=12.4`); `NAME=` removes it.")
  List<String> virtualPackages = new ArrayList<>();

  @Option(names = "--override-cuda", paramLabel = "VERSION", description = "Shorthand for --virtual-package __cuda=VERSION.")
  String overrideCuda;

  SolveCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    SolveManifest manifest = file == null ? null : SolveManifest.read(file);
    if (manifest != null) {
      cli.report(manifest.warnings());
    }
    if (specs.isEmpty() && pypi.isEmpty() && manifest == null) {
      throw EnvxException.input("nothing to solve", null, "name conda specs, `--pypi REQ` or `-f environment.yml`");
    }
    List<Platform> targets = targets(manifest);
    ChannelPriority priority = parseOne(channelPriority, "--channel-priority", ChannelPriority::parse);
    Prefer preference = prefer == null ? null : parseOne(prefer, "--prefer", Prefer::parse);
    Path cwd = MappingCommand.cwd(cli);
    Path home = Path.of(System.getProperty("user.home", cwd.toString()));
    ChannelConfig config = ChannelConfig.standard(cwd, home);
    List<String> written = !channels.isEmpty() ? channels
        : manifest != null && !manifest.channels().isEmpty() ? manifest.channels() : List.of("conda-forge");
    for (int i = 0; i < written.size(); i++) {
      int n = i;
      parseOne(written.get(i), "<channel " + (n + 1) + ">", t -> Channel.expand(List.of(t), config));
    }
    List<Channel> chans = Channel.expand(written, config);
    List<Requirement> pinned = parseEach(pins, "pin", CondaRequirement::parse);
    Settings run = cli.settings();
    RepodataSettings settings = RepodataSettings.of(run.cacheDir().resolve("repodata")).withOffline(run.offline());
    RepodataClient repodata = new RepodataClient(settings, cli.http());
    PypiSource source = null;
    List<Map<String, Object>> results = new ArrayList<>();
    for (Platform target : targets) {
      Map<Requirement, String> origins = new LinkedHashMap<>();
      List<Requirement> requested = requested(manifest, target, origins);
      boolean cross = requested.stream().anyMatch(r -> r instanceof PypiRequirement);
      if (cross && source == null) {
        source = pypiSource(manifest, preference, cwd);
      }
      List<VirtualPackage> virtuals = virtuals(target);
      long t0 = System.nanoTime();
      RepodataIndex index = repodata.loadIndex(chans, target);
      index.subdirs().forEach(s -> cli.report(s.warnings(cli.verbose()))); // skipped records, missing subdirs
      long t1 = System.nanoTime();
      Request request = new Request(requested, pinned, priority, virtuals, Set.of(), Set.of(), origins);
      Resolution r = cross ? Resolver.resolve(index, source, target, request) : Resolver.resolve(index, target, request);
      long t2 = System.nanoTime();
      cli.debug("loaded " + index.size() + " records in " + (t1 - t0) / 1_000_000 + " ms; solved in "
          + (t2 - t1) / 1_000_000 + " ms (" + r.stats() + ")");
      if (r instanceof Resolution.Unsolvable u) {
        String text = u.explanation().stripTrailing();
        throw new EnvxException(EnvxException.FAILURE, Diagnostic.error(
            "cannot solve the request for " + target + "; " + text, null,
            u.hints().stream().map(HintWords::words).toArray(String[]::new)));
      }
      List<LockedPackage> packages = ((Resolution.Solved) r).packages();
      if (cli.json()) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("ok", true);
        j.put("platform", target.subdir());
        j.put("channels", chans.stream().map(Channel::toString).toList());
        j.put("channel_priority", priority.toString());
        if (cross) {
          j.put("prefer", source.prefer().toString());
        }
        j.put("virtual_packages", virtuals.stream().map(VirtualPackage::toString).toList());
        j.put("packages", packages.stream().map(SolveCommand::json).toList());
        results.add(j);
        continue;
      }
      Map<String, String> spelled = new LinkedHashMap<>();
      for (Channel c : chans) {
        spelled.put(c.toString(), c.original());
      }
      if (targets.size() > 1) {
        cli.out().println((results.isEmpty() ? "" : "\n") + "# " + target.subdir());
        results.add(Map.of());
      }
      printTable(packages, spelled, cross);
    }
    if (cli.json()) {
      if (results.size() == 1) {
        cli.printJson(results.get(0));
      } else {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("ok", true);
        j.put("results", results);
        cli.printJson(j);
      }
    }
    return 0;
  }

  /** {@code --platform}, else the manifest's platforms, else this machine's. */
  private List<Platform> targets(SolveManifest manifest) {
    if (platform != null) {
      return List.of(parseOne(platform, "--platform", Platform::parse));
    }
    if (manifest != null && !manifest.platforms().isEmpty()) {
      List<Platform> out = new ArrayList<>();
      for (String p : manifest.platforms()) {
        out.add(parseOne(p, "<platform of " + file + ">", Platform::parse));
      }
      return out;
    }
    return List.of(Platform.current().orElseThrow(() -> EnvxException.input("cannot tell this machine's conda "
        + "platform", null, "pass `--platform`, e.g. `--platform linux-64`")));
  }

  /** The one parse of each spec and requirement (typed from here to the solver), with where it came from. */
  private List<Requirement> requested(SolveManifest manifest, Platform target, Map<Requirement, String> origins) {
    List<Requirement> out = new ArrayList<>();
    if (manifest != null) {
      for (SolveManifest.Entry e : manifest.conda(target.subdir())) {
        Requirement r = parseEntry(e, CondaRequirement::parse);
        out.add(r);
        origins.put(r, e.origin());
      }
      for (SolveManifest.Entry e : manifest.pypi()) {
        Requirement r = parseEntry(e, SolveCommand::pypiRequirement);
        out.add(r);
        origins.put(r, e.origin());
      }
    }
    for (int i = 0; i < specs.size(); i++) {
      Requirement r = parseOne(specs.get(i), "<spec " + (i + 1) + ">", CondaRequirement::parse);
      out.add(r);
      origins.put(r, "the command line");
    }
    for (int i = 0; i < pypi.size(); i++) {
      Requirement r = parseOne(pypi.get(i), "<--pypi " + (i + 1) + ">", SolveCommand::pypiRequirement);
      out.add(r);
      origins.put(r, "`--pypi`");
    }
    return out;
  }

  private static PypiRequirement pypiRequirement(String text) {
    return new PypiRequirement(dev.envx.model.pep508.Requirement.parse(text));
  }

  /** Parses a manifest entry; an error points at its line in the file. */
  private static <T> T parseEntry(SolveManifest.Entry e, Function<String, T> parser) {
    try {
      return parser.apply(e.text());
    } catch (ParseError x) {
      throw EnvxException.input(x.toDiagnostic(e.origin() == null ? "<manifest>" : e.origin()));
    } catch (IllegalArgumentException x) {
      throw EnvxException.input(new ParseError(String.valueOf(x.getMessage()), e.text(), 0, e.text().length())
          .toDiagnostic(e.origin() == null ? "<manifest>" : e.origin()));
    }
  }

  /** The PyPI side: indexes and find-links from the flags, else the manifest's; the name mapping. */
  private PypiSource pypiSource(SolveManifest manifest, Prefer preference, Path cwd) {
    String index = indexUrl != null ? indexUrl : manifest != null ? manifest.indexUrl() : null;
    List<String> extras = !extraIndexUrls.isEmpty() || manifest == null ? extraIndexUrls : manifest.extraIndexUrls();
    List<String> links = !findLinks.isEmpty() || manifest == null ? findLinks : manifest.findLinks();
    Path pyproject = file != null && file.toString().endsWith(".toml") ? file : null;
    return new PypiSources(index, extras, links).source(cli, cwd, pyproject, preference,
        manifest == null ? List.of() : manifest.pypiNames());
  }

  private List<VirtualPackage> virtuals(Platform target) {
    VirtualPackageSettings vs = VirtualPackageSettings.defaults();
    if (overrideCuda != null) {
      vs = vs.withCuda(overrideCuda);
    }
    Map<String, VirtualPackage> byName = new TreeMap<>();
    for (VirtualPackage v : VirtualPackages.forPlatform(target, vs, cli.env())) {
      byName.put(v.name(), v);
    }
    for (String text : virtualPackages) {
      String t = text.strip();
      if (t.endsWith("=") && t.indexOf('=') == t.length() - 1) {
        byName.remove(t.substring(0, t.length() - 1));
        continue;
      }
      VirtualPackage v = parseOne(text, "--virtual-package", VirtualPackage::parse);
      byName.put(v.name(), v);
    }
    return List.copyOf(byName.values());
  }

  private static <T> List<T> parseEach(List<String> texts, String what, Function<String, T> parser) {
    List<T> out = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      out.add(parseOne(texts.get(i), "<" + what + " " + (i + 1) + ">", parser));
    }
    return out;
  }

  static <T> T parseOne(String text, String label, Function<String, T> parser) {
    try {
      return parser.apply(text);
    } catch (ParseError e) {
      throw EnvxException.input(e.toDiagnostic(label));
    } catch (IllegalArgumentException e) {
      throw EnvxException.input(new ParseError(String.valueOf(e.getMessage()), text, 0, text.length())
          .toDiagnostic(label));
    }
  }

  /**
   * The table; channels as the user wrote them ({@code spelled}: record channel -> spelling). A solve with PyPI
   * requirements adds an {@code ecosystem} column, and a PyPI row shows its file and index.
   */
  private void printTable(List<LockedPackage> packages, Map<String, String> spelled, boolean cross) {
    List<String[]> rows = new ArrayList<>();
    rows.add(cross ? new String[] {"name", "version", "ecosystem", "build", "channel", "subdir"}
        : new String[] {"name", "version", "build", "channel", "subdir"});
    for (LockedPackage lp : packages) {
      if (lp instanceof LockedPackage.Conda p) {
        String channel = p.channel() == null ? "" : spelled.getOrDefault(p.channel(), p.channel());
        rows.add(cross ? new String[] {p.name(), p.versionText(), "conda", p.build(), channel, p.subdir().subdir()}
            : new String[] {p.name(), p.versionText(), p.build(), channel, p.subdir().subdir()});
      } else if (lp instanceof LockedPackage.Pypi p) {
        String extras = p.extras().isEmpty() ? "" : "[" + String.join(",", p.extras()) + "]";
        rows.add(new String[] {p.name().normalized() + extras, p.versionText(), "pypi", p.fileName(), "pypi", ""});
      }
    }
    int cols = rows.get(0).length;
    int[] width = new int[cols];
    for (String[] row : rows) {
      for (int i = 0; i < cols; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    // padded by hand, the table written at once: String.format per cell cost ~12 ms for 270 rows in a cold JVM
    StringBuilder table = new StringBuilder();
    StringBuilder line = new StringBuilder();
    String nl = System.lineSeparator();
    for (String[] row : rows) {
      line.setLength(0);
      for (int i = 0; i < cols; i++) {
        line.append(row[i]);
        if (i < cols - 1) {
          for (int pad = width[i] - row[i].length() + 2; pad > 0; pad--) {
            line.append(' ');
          }
        }
      }
      int end = line.length();
      while (end > 0 && Character.isWhitespace(line.charAt(end - 1))) {
        end--;
      }
      line.setLength(end);
      table.append(line).append(nl); // a StringBuilder appends as an array copy, a CharSequence range char by char
    }
    cli.out().print(table);
    cli.out().flush();
  }

  static Map<String, Object> json(LockedPackage p) {
    if (p instanceof LockedPackage.Conda c) {
      return json(c);
    }
    LockedPackage.Pypi y = (LockedPackage.Pypi) p;
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("name", y.name().normalized());
    j.put("ecosystem", "pypi");
    j.put("version", y.versionText());
    j.put("file", y.fileName());
    j.put("url", y.url());
    j.put("sha256", y.hashes().sha256());
    j.put("size", y.size() < 0 ? null : y.size());
    j.put("requires_dist", y.requiresDist().stream().map(Object::toString).toList());
    j.put("requires_python", y.requiresPython() == null || y.requiresPython().isEmpty() ? null
        : y.requiresPython().toString());
    j.put("extras", y.extras());
    return j;
  }

  static Map<String, Object> json(LockedPackage.Conda p) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("name", p.name());
    j.put("ecosystem", "conda");
    j.put("version", p.versionText());
    j.put("build", p.build());
    j.put("build_number", p.buildNumber());
    j.put("channel", p.channel());
    j.put("subdir", p.subdir().subdir());
    j.put("url", p.url());
    j.put("fn", p.fileName());
    j.put("md5", p.hashes().md5());
    j.put("sha256", p.hashes().sha256());
    j.put("size", p.size() < 0 ? null : p.size());
    j.put("depends", p.depends());
    j.put("constrains", p.constrains());
    j.put("license", p.license());
    j.put("timestamp", p.timestampMillis());
    j.put("noarch", p.noarch());
    j.put("track_features", p.trackFeatures());
    return j;
  }
}
