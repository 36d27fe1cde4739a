package dev.envx.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The build's command model descriptor ({@link CommandModel}) against picocli's reflection over the annotations:
 * the same model for every command, the same parse of representative arguments, the same CLI output; a dropped
 * attribute is noticed; a stale or foreign descriptor is never used.
 */
class CommandModelTest {
  private static final ClassLoader LOADER = CommandModelTest.class.getClassLoader();

  /** The descriptor the build wrote ({@code process-classes}); a missing one fails: the build step is broken. */
  static String descriptor() throws IOException {
    try (InputStream in = LOADER.getResourceAsStream(CommandModel.RESOURCE)) {
      assertThat(in).as("the build's %s (exec-maven-plugin, process-classes)", CommandModel.RESOURCE).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A changed descriptor with its checksum made again: what only the model check can notice. */
  private static String resealed(String text) {
    return CommandModelWriter.seal(text.substring(text.indexOf('\n') + 1));
  }

  @Test
  void theEmbeddedDescriptorIsUsed() throws IOException {
    assertThat(CommandModel.embedded().hasDescriptor()).isTrue();
    // strict: the whole CLI from the descriptor alone (a class it did not describe would throw)
    assertThat(CommandModelWriter.tree(CommandModel.strict(descriptor(), LOADER)).getSubcommands())
        .containsOnlyKeys("convert", "export", "solve", "lock", "install", "run", "shell-hook", "check", "migrate",
            "spec", "mapping", "completion");
  }

  @Test
  void everyCommandHasPicoclisModel() throws IOException {
    String picocli = CommandModelDump.dump(CommandModelWriter.tree(CommandModel.annotations()));
    String described = CommandModelDump.dump(CommandModelWriter.tree(CommandModel.strict(descriptor(), LOADER)));
    assertThat(described).isEqualTo(picocli);
    // the dump covers every command, nested ones too, with its usage help, options, groups and mixins
    assertThat(picocli).contains("== command envx\n", "== command envx lock convert\n",
        "== command envx lock merge\n", "== command envx mapping lookup\n", "== command envx spec compare\n",
        "== command envx completion\n", "group (--conda | --pypi)", "mixin mixinStandardHelpOptions",
        "mixin global", "option --channel-priority", "positional 0 FILE", "Usage: envx lock convert",
        "== bash completion");
    assertThat(picocli).contains("  arity = 1..*", "  paramLabel = MANIFEST", "  scopeType = INHERIT",
        "  initialValue = strict", "  hidden = true", "  required = true", "  usageHelp = true",
        "  versionHelp = true", "  getter = FieldBinding(java.util.List dev.envx.cli.LockCommand.files)",
        "  multiplicity = 1", "  exclusive = true");
  }

  static Stream<List<String>> argumentLists() {
    return Stream.of(
        List.of("--version"),
        List.of("spec", "conda", "numpy >=1", "--lenient"),
        List.of("spec", "pypi", "requests[socks]>=2"),
        List.of("spec", "compare", "--pypi", "1.0", "2.0"),
        List.of("spec", "match", "--conda", ">=1", "1.0", "2.0"),
        List.of("spec", "marker", "python_version < \"3.8\"", "--env", "a=b", "--python", "3.11.0"),
        List.of("spec", "sort", "--conda", "2", "1"),
        List.of("spec", "compare", "1", "2"),
        List.of("spec", "compare", "--conda", "--pypi", "1", "2"),
        List.of("--json", "convert", "env.yml", "-o", "out.toml", "--extra", "a", "--group", "b", "--dry-run"),
        List.of("convert"),
        List.of("convert", "a", "b"),
        List.of("export", "--conda", "-p", "pyproject.toml", "--platform", "linux-64", "-q"),
        List.of("solve", "numpy", "scipy>=1", "-c", "conda-forge", "--pin", "python=3.11", "--pypi", "idna",
            "--prefer", "pypi", "-v"),
        List.of("lock", "-f", "a.yml", "-f", "b.yml", "--update", "numpy", "scipy", "--platform", "linux-64",
            "--check", "--channel-priority", "flexible"),
        List.of("lock", "convert", "in.lock", "-o", "-", "--format", "pixi", "--platform", "osx-64"),
        List.of("lock", "merge", "base", "ours", "theirs", "-o", "out"),
        List.of("lock", "merge", "base", "ours"),
        List.of("lock", "--bogus"),
        List.of("install", "lock.yml", "-p", "env", "--dry-run", "--python", "3.11"),
        List.of("run", "-p", "env", "python", "-V", "--offline"),
        List.of("shell-hook", "-s", "bash", "-m", "pixi.toml"),
        List.of("check", "dir", "--fix", "--lock"),
        List.of("migrate", "repo", "--batch", "list.txt", "--jobs", "3"),
        List.of("mapping", "lookup", "--from", "pypi", "numpy", "scipy"),
        List.of("mapping", "update", "--from", "file.toml"),
        List.of("completion", "zsh"),
        List.of("nosuch"),
        List.of("--quiet", "--no-color", "spec", "conda", "x"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("argumentLists")
  void parsesLikePicocli(List<String> args) throws IOException {
    assertThat(parsed(CommandModelWriter.tree(CommandModel.strict(descriptor(), LOADER)), args))
        .isEqualTo(parsed(CommandModelWriter.tree(CommandModel.annotations()), args));
  }

  /** The values every option, parameter and group field holds after parsing (or picocli's error). */
  private static String parsed(CommandLine tree, List<String> args) {
    StringBuilder b = new StringBuilder();
    try {
      CommandLine.ParseResult r = tree.parseArgs(args.toArray(String[]::new));
      for (CommandLine c : r.asCommandLineList()) {
        b.append("matched ").append(c.getCommandSpec().qualifiedName()).append('\n');
      }
    } catch (CommandLine.ParameterException e) {
      b.append("error ").append(e.getClass().getSimpleName()).append(": ").append(e.getMessage()).append('\n');
    }
    values(tree.getCommandSpec(), b);
    return b.toString();
  }

  private static void values(CommandSpec spec, StringBuilder b) {
    b.append("command ").append(spec.qualifiedName()).append('\n');
    for (ArgSpec a : spec.args()) {
      b.append("  ").append(a).append(" = ").append(java.util.Arrays.deepToString(new Object[] {a.getValue()}))
          .append('\n');
    }
    for (ArgGroupSpec g : spec.argGroups()) {
      b.append("  group ").append(g.synopsis()).append(" = ").append(fields(g.getter())).append('\n');
    }
    for (CommandLine sub : spec.subcommands().values()) {
      values(sub.getCommandSpec(), b);
    }
  }

  private static String fields(CommandLine.Model.IGetter getter) {
    try {
      return object(getter.get(), 0);
    } catch (Exception e) {
      return "throws " + e;
    }
  }

  /** An object by its fields' values (a group's objects are made by picocli: no identity to compare). */
  private static String object(Object o, int depth) throws IllegalAccessException {
    if (o == null || o.getClass().getName().startsWith("java.") || o.getClass().isArray() || depth > 3) {
      return java.util.Arrays.deepToString(new Object[] {o});
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (Field f : o.getClass().getDeclaredFields()) {
      if (!Modifier.isStatic(f.getModifiers())) {
        f.setAccessible(true);
        m.put(f.getName(), object(f.get(o), depth + 1));
      }
    }
    return o.getClass().getName() + m;
  }

  /** What the CLI prints (help of every command, usage errors, completion) is the same through either model. */
  @Test
  void theCliPrintsTheSameThroughEitherModel() throws IOException {
    List<List<String>> runs = new ArrayList<>();
    Set<String> commands = new LinkedHashSet<>();
    names(CommandModelWriter.tree(CommandModel.annotations()), List.of(), commands);
    for (String c : commands) {
      List<String> words = c.isEmpty() ? new ArrayList<>() : new ArrayList<>(List.of(c.split(" ")));
      words.add("--help");
      runs.add(words);
    }
    runs.add(List.of("completion", "bash"));
    runs.add(List.of("completion", "zsh"));
    runs.add(List.of("spec", "compare", "1", "2"));
    runs.add(List.of("lock", "--bogus"));
    runs.add(List.of("convrt"));
    runs.add(List.of("spec", "conda", "numpy >=1"));
    runs.add(List.of("--version"));
    runs.add(List.of("-V", "spec"));
    runs.add(List.of());
    assertThat(commands).hasSizeGreaterThan(20);
    CommandModel described = CommandModel.strict(descriptor(), LOADER);
    for (List<String> args : runs) {
      assertThat(run(described, args)).as("envx %s", args).isEqualTo(run(CommandModel.annotations(), args));
    }
  }

  private static void names(CommandLine cl, List<String> path, Set<String> out) {
    out.add(String.join(" ", path));
    cl.getSubcommands().forEach((name, sub) -> {
      List<String> p = new ArrayList<>(path);
      p.add(name);
      names(sub, p, out);
    });
  }

  private static String run(CommandModel model, List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new Main(new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]),
        Map.of("NO_COLOR", "1"), model).run(args.toArray(String[]::new));
    return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
  }

  /**
   * Each attribute the generator records matters: dropping its first recorded value (the annotation's default
   * takes its place) changes the model the descriptor builds, and the check notices.
   */
  @Test
  void aDroppedAttributeIsNoticed() throws IOException {
    String text = descriptor();
    List<String> lines = List.of(text.split("\n", -1));
    Map<String, Integer> firstByAttribute = new LinkedHashMap<>();
    String annotation = null;
    for (int i = 0; i < lines.size(); i++) {
      String[] f = lines.get(i).split("\t", -1);
      if (f[0].equals("@")) {
        annotation = f[1];
      } else if (f[0].equals("=")) {
        firstByAttribute.putIfAbsent(annotation + "." + f[1], i);
      }
    }
    // attributes whose effect no model shows here: auto width needs a terminal (the tests have none)
    Set<String> invisible = Set.of("Command.usageHelpAutoWidth");
    assertThat(firstByAttribute).containsKeys("Command.name", "Command.description", "Command.footer",
        "Command.subcommands", "Command.sortOptions", "Command.versionProvider",
        "Command.mixinStandardHelpOptions", "Option.names", "Option.paramLabel", "Option.description",
        "Option.arity", "Option.required", "Option.hidden", "Option.scope", "Parameters.index",
        "Parameters.arity", "Parameters.paramLabel", "ArgGroup.multiplicity");
    List<String> unnoticed = new ArrayList<>();
    firstByAttribute.forEach((attribute, line) -> {
      List<String> mutated = new ArrayList<>(lines);
      mutated.remove((int) line);
      String problem;
      try {
        problem = CommandModelWriter.check(resealed(String.join("\n", mutated)), LOADER);
      } catch (RuntimeException e) { // picocli refusing the model (e.g. an option without names) is noticed too
        problem = e.toString();
      }
      if (problem == null && !invisible.contains(attribute)) {
        unnoticed.add(attribute);
      }
    });
    assertThat(unnoticed).as("attributes whose loss the model check does not notice").isEmpty();
  }

  @Test
  void aChangedDefaultIsNoticed() throws IOException {
    String text = descriptor();
    String line = "default\tOption\tshowDefaultValue\tON_DEMAND\n";
    assertThat(text).contains(line);
    String changed = resealed(text.replace(line, "default\tOption\tshowDefaultValue\tALWAYS\n"));
    assertThat(CommandModel.of(changed, LOADER).hasDescriptor()).isTrue();
    assertThat(CommandModelWriter.check(changed, LOADER)).isNotNull();
    assertThat(CommandModelWriter.check(text, LOADER)).isNull();
  }

  /** A class whose bytes changed since the descriptor was written is built by picocli's reflection instead. */
  @Test
  void aChangedClassFallsBackToTheAnnotations() throws IOException {
    String text = descriptor();
    String crc = CommandModel.crc(SpecCommand.class);
    String header = "class\tdev.envx.cli.SpecCommand\t" + crc + "\n";
    assertThat(text).contains(header);
    // the descriptor also says a different name: if it were used, the model would differ
    String stale = resealed(text.replace(header, "class\tdev.envx.cli.SpecCommand\t0\n")
        .replace("=\tname\tspec\n", "=\tname\tspex\n"));
    assertFallsBack(stale, "dev.envx.cli.SpecCommand");
  }

  /** {@code text} does not describe the classes ({@code why}): the CLI is built from the annotations instead. */
  private static void assertFallsBack(String text, String why) {
    assertThat(CommandModel.of(text, LOADER).hasDescriptor()).isTrue();
    assertThatThrownBy(() -> CommandModelWriter.tree(CommandModel.strict(text, LOADER)))
        .isInstanceOf(CommandModel.Stale.class).hasMessageContaining(why);
    assertThat(CommandModelDump.dump(CommandModelWriter.tree(CommandModel.of(text, LOADER))))
        .isEqualTo(CommandModelDump.dump(CommandModelWriter.tree(CommandModel.annotations())));
  }

  @Test
  void aClassTheDescriptorLacksFallsBack() throws IOException {
    String text = descriptor();
    int start = text.indexOf("class\tdev.envx.cli.GlobalOptions\t");
    int end = text.indexOf("\nclass\t", start) + 1;
    String without = resealed(text.substring(0, start) + text.substring(end));
    assertFallsBack(without, "GlobalOptions");
  }

  @Test
  void aCutDamagedOrForeignDescriptorIsNotUsed() throws IOException {
    String text = descriptor();
    assertThat(CommandModel.of(text, LOADER).hasDescriptor()).isTrue();
    assertThat(CommandModel.of(text.substring(0, text.length() / 2), LOADER).hasDescriptor()).isFalse();
    assertThat(CommandModel.of(text.substring(0, text.length() - 4), LOADER).hasDescriptor()).isFalse();
    assertThat(CommandModel.of(text.replace("\tpicocli\t" + CommandLine.VERSION + "\t", "\tpicocli\t4.0.0\t"),
        LOADER).hasDescriptor()).isFalse();
    assertThat(CommandModel.of(text.replace(CommandModel.MAGIC + "\t1\t", CommandModel.MAGIC + "\t2\t"), LOADER)
        .hasDescriptor()).isFalse();
    // a changed line without its checksum made again
    assertThat(CommandModel.of(text.replace("\tMANIFEST\n", "\tMANIFESX\n"), LOADER).hasDescriptor()).isFalse();
    // a bad escape in a section, checksum made again: noticed when the section is read, the annotations used
    String damaged = resealed(text.replaceFirst("\n=\t", "\n=\t\\\\q"));
    assertFallsBack(damaged, "damaged");
    assertThat(CommandModel.of("", LOADER).hasDescriptor()).isFalse();
    assertThatThrownBy(() -> CommandModel.strict("", LOADER)).isInstanceOf(CommandModel.Stale.class);
  }

  /** The build writes the same descriptor twice (no build time in it), so rebuilds change nothing. */
  @Test
  void theDescriptorIsDeterministic() throws IOException {
    assertThat(CommandModelWriter.describe(CommandModelWriter.tree(CommandModel.annotations())))
        .isEqualTo(descriptor());
  }

  // --- picocli features envx's commands do not use (yet): a fixture command, described the same way ---

  /** A version provider with an injected spec. */
  static final class FixtureVersion implements CommandLine.IVersionProvider {
    @CommandLine.Spec CommandSpec spec;

    @Override
    public String[] getVersion() {
      return new String[] {"fixture " + spec.name()};
    }
  }

  /** A mixin that gets its mixee's spec. */
  static final class FixtureMixin {
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE) CommandSpec mixee;

    @CommandLine.Option(names = {"-x", "--extra"}, description = "from the mixin, default ${DEFAULT-VALUE}",
        defaultValue = "7", showDefaultValue = CommandLine.Help.Visibility.ALWAYS)
    int extra;
  }

  static class FixtureBase {
    @CommandLine.Option(names = "--base", description = "declared by the superclass", order = 3)
    String base = "b";
  }

  enum Color { red, green }

  static final class Colors extends ArrayList<String> {
    Colors() {
      super(List.of("cyan", "magenta"));
    }
  }

  /** Converts to upper case. */
  static final class Upper implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
      return value.toUpperCase(java.util.Locale.ROOT);
    }
  }

  static final class Inner {
    @CommandLine.Option(names = "--in-a", required = true) String a;
    @CommandLine.Option(names = "--in-b", required = true) String b;
  }

  static final class Outer {
    @CommandLine.Option(names = "--solo") boolean solo;
    @CommandLine.ArgGroup(exclusive = false, heading = "Both:%n") Inner both;
  }

  @CommandLine.Command(name = "leaf", aliases = {"lf"}, description = "A nested subcommand.", hidden = false)
  static final class FixtureLeaf implements Runnable {
    @CommandLine.ParentCommand FixtureCommand parent;
    @CommandLine.Parameters(index = "0..*", arity = "0..*", paramLabel = "REST", split = ",") List<String> rest;

    @Override
    public void run() {}
  }

  @CommandLine.Command(name = "fixture", mixinStandardHelpOptions = true, versionProvider = FixtureVersion.class,
      header = {"Header line.", "Second."}, description = "Exercises the model.", footer = "Footer %s.",
      abbreviateSynopsis = false, sortOptions = true, showDefaultValues = true, requiredOptionMarker = '*',
      subcommands = FixtureLeaf.class, separator = ":", usageHelpWidth = 100, exitCodeOnInvalidInput = 3,
      exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:ok", "3:bad"}, optionListHeading = "Options:%n",
      parameterListHeading = "Parameters:%n", commandListHeading = "Commands:%n", synopsisHeading = "Use: ")
  static final class FixtureCommand extends FixtureBase implements Runnable {
    @CommandLine.Spec CommandSpec spec;
    @CommandLine.Mixin FixtureMixin mixin;
    @CommandLine.Option(names = "--fancy", negatable = true, defaultValue = "true", fallbackValue = "true",
        arity = "0..1", description = "negatable") boolean fancy;
    @CommandLine.Option(names = "--color", description = "one of ${COMPLETION-CANDIDATES}") Color color;
    @CommandLine.Option(names = "--paint", completionCandidates = Colors.class) String paint;
    @CommandLine.Option(names = "--upper", converter = Upper.class, required = true) String upper;
    @CommandLine.Option(names = "--define", split = ";", splitSynopsisLabel = ";") Map<String, Integer> define;
    @CommandLine.Option(names = "--secret", hidden = true, descriptionKey = "key") char[] secret;
    @CommandLine.Option(names = "--when", type = java.time.LocalDate.class, paramLabel = "<date>")
    java.util.Optional<Object> when;
    @CommandLine.Option(names = "-n", arity = "1..3") List<Integer> numbers = new ArrayList<>(List.of(1));
    @CommandLine.ArgGroup(exclusive = true, multiplicity = "0..1", order = 1, heading = "Choice:%n") Outer choice;
    @CommandLine.Parameters(index = "0", defaultValue = "here", paramLabel = "<place>") java.nio.file.Path place;
    @CommandLine.Parameters(index = "1..*", hideParamSyntax = true) String[] more;

    @Override
    public void run() {}
  }

  @Test
  void featuresEnvxDoesNotUseYetAreReplayedToo() {
    String text = CommandModelWriter.describe(new CommandLine(new FixtureCommand()));
    CommandModel model = CommandModel.strict(text, LOADER);
    String picocli = CommandModelDump.dump(new CommandLine(new FixtureCommand()));
    assertThat(CommandModelDump.dump(model.commandLine(new FixtureCommand(), CommandLine.defaultFactory())))
        .isEqualTo(picocli);
    assertThat(picocli).contains("negatable = true", "fallbackValue = true", "splitRegex = ;", "order = 3",
        "Choice:", "Both:", "[cyan, magenta]", "[red, green]", "Upper", "fixture fixture", "Header line.",
        "mixin mixin", "== command fixture leaf", "aliases = [lf]", "LocalDate");
    for (List<String> args : List.of(List.of("--upper", "u", "--no-fancy", "-x", "3", "--define", "a=1;b=2", "p",
        "q", "r"), List.of("--upper=u", "--in-a", "1", "--in-b", "2", "--when", "2020-01-02"),
        List.of("--upper", "u", "--solo", "--in-a", "1"), List.of("leaf", "a,b", "c"), List.of("-n", "1", "2",
        "--upper", "u", "--color", "green", "--paint", "cyan", "--base", "x"), List.of("--version"),
        List.of("--nope"))) {
      assertThat(parsed(model.commandLine(new FixtureCommand(), CommandLine.defaultFactory()), args))
          .as("fixture %s", args).isEqualTo(parsed(new CommandLine(new FixtureCommand()), args));
    }
    CommandLine leaf = model.commandLine(new FixtureCommand(), CommandLine.defaultFactory());
    leaf.parseArgs("--upper", "u", "leaf");
    FixtureLeaf l = leaf.getSubcommands().get("leaf").getCommand();
    assertThat(l.parent).isSameAs(leaf.getCommand());
    assertThat(((FixtureCommand) leaf.getCommand()).mixin.mixee).isSameAs(leaf.getCommandSpec());
    assertThat(leaf.getCommandSpec().version()).containsExactly("fixture fixture");
  }
}
