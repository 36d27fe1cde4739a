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
@Command(name = "solve", description = "Solve conda specs over channels and print the chosen packages.",
    footer = {"", "Channels are names (conda-forge), URLs or local directories with <subdir>/repodata.json.",
        "Example (offline): envx solve 'numpy >=2' python=3.12 -c ../shared/data/channels/derived-from-pixi-lockfiles/conda-forge --platform linux-64"})
final class SolveCommand implements Callable<Integer> {
  private final Cli cli;

  @Parameters(arity = "1..*", paramLabel = "SPEC", description = "MatchSpecs, e.g. 'numpy >=2' python=3.12.")
  List<String> specs;

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
    // the one parse of each spec: typed from here to the solver
    List<Requirement> requested = parseEach(specs, "spec", CondaRequirement::parse);
    List<Requirement> pinned = parseEach(pins, "pin", CondaRequirement::parse);
    Platform target = platform != null ? parseOne(platform, "--platform", Platform::parse)
        : Platform.current().orElseThrow(() -> EnvxException.input("cannot tell this machine's conda platform",
            null, "pass `--platform`, e.g. `--platform linux-64`"));
    ChannelPriority priority = parseOne(channelPriority, "--channel-priority", ChannelPriority::parse);
    Path cwd = MappingCommand.cwd(cli);
    Path home = Path.of(System.getProperty("user.home", cwd.toString()));
    ChannelConfig config = ChannelConfig.standard(cwd, home);
    List<String> written = channels.isEmpty() ? List.of("conda-forge") : channels;
    for (int i = 0; i < written.size(); i++) {
      int n = i;
      parseOne(written.get(i), "<channel " + (n + 1) + ">", t -> Channel.expand(List.of(t), config));
    }
    List<Channel> chans = Channel.expand(written, config);
    List<VirtualPackage> virtuals = virtuals(target);

    Settings run = cli.settings();
    RepodataSettings settings = RepodataSettings.of(run.cacheDir().resolve("repodata")).withOffline(run.offline());
    long t0 = System.nanoTime();
    RepodataIndex index = new RepodataClient(settings).loadIndex(chans, target);
    index.subdirs().forEach(s -> cli.report(s.warnings(cli.verbose()))); // skipped records, missing subdirs
    long t1 = System.nanoTime();
    Request request = new Request(requested, pinned, priority, virtuals, Set.of());
    Resolution r = Resolver.resolve(index, target, request);
    long t2 = System.nanoTime();
    cli.debug("loaded " + index.size() + " records in " + (t1 - t0) / 1_000_000 + " ms; solved in "
        + (t2 - t1) / 1_000_000 + " ms (" + r.stats() + ")");
    if (r instanceof Resolution.Unsolvable u) {
      String text = u.explanation().stripTrailing();
      throw new EnvxException(EnvxException.FAILURE, Diagnostic.error(
          "cannot solve the request for " + target + "; " + text, null,
          u.hints().stream().map(HintWords::words).toArray(String[]::new)));
    }
    List<LockedPackage.Conda> packages = ((Resolution.Solved) r).conda();
    if (cli.json()) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("ok", true);
      j.put("platform", target.subdir());
      j.put("channels", chans.stream().map(Channel::toString).toList());
      j.put("channel_priority", priority.toString());
      j.put("virtual_packages", virtuals.stream().map(VirtualPackage::toString).toList());
      j.put("packages", packages.stream().map(SolveCommand::json).toList());
      cli.printJson(j);
      return 0;
    }
    Map<String, String> spelled = new LinkedHashMap<>();
    for (Channel c : chans) {
      spelled.put(c.toString(), c.original());
    }
    printTable(packages, spelled);
    return 0;
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

  /** The table; channels as the user wrote them ({@code spelled}: record channel -> spelling). */
  private void printTable(List<LockedPackage.Conda> packages, Map<String, String> spelled) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"name", "version", "build", "channel", "subdir"});
    for (LockedPackage.Conda p : packages) {
      rows.add(new String[] {p.name(), p.versionText(), p.build(),
          p.channel() == null ? "" : spelled.getOrDefault(p.channel(), p.channel()), p.subdir().subdir()});
    }
    int[] width = new int[5];
    for (String[] row : rows) {
      for (int i = 0; i < 5; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 5; i++) {
        sb.append(i == 4 ? row[i] : String.format("%-" + width[i] + "s  ", row[i]));
      }
      cli.out().println(sb.toString().stripTrailing());
    }
    cli.out().flush();
  }

  static Map<String, Object> json(LockedPackage.Conda p) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("name", p.name());
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
