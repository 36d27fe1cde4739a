package dev.envx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.format.lock.LockFormat;
import dev.envx.format.lock.LockRead;
import dev.envx.format.lock.Lockfiles;
import dev.envx.lock.LockDiff;
import dev.envx.testing.CliRun;
import dev.envx.testing.Golden;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code envx lock} end to end over real channel data: golden lockfiles per format, two runs give the same bytes,
 * a lock read back is the lock written, minimal relock, {@code --update}, {@code --check}, bad input.
 */
class LockCommandTest {
  private static final Path CASES = SharedData.projectRoot().resolve("testdata/lock");
  @TempDir Path tmp;

  /** The case's manifests in {@code tmp} with {@code @SHARED@} pointing at the shared data. */
  private Path prepare(String name) throws IOException {
    return prepare(name, tmp.resolve(name));
  }

  private static Path prepare(String name, Path into) throws IOException {
    Path root = SharedData.require("channels").getParent();
    Path dir = Files.createDirectories(into);
    try (Stream<Path> files = Files.list(CASES.resolve(name))) {
      for (Path f : files.filter(p -> !p.getFileName().toString().endsWith(".expected")).toList()) {
        Files.writeString(dir.resolve(f.getFileName()), Files.readString(f).replace("@SHARED@", root.toString()));
      }
    }
    return dir;
  }

  private Map<String, String> env() {
    return Map.of("ENVX_CACHE_DIR", tmp.resolve("cache").toString());
  }

  private CliRun lock(String... args) {
    List<String> all = new ArrayList<>(List.of("lock"));
    all.addAll(List.of(args));
    return CliRun.runWithInput("", env(), all.toArray(String[]::new));
  }

  /**
   * A written lock with the shared data's location replaced, as the expected files hold it; the input hash
   * covers that location, so it is masked too (the {@code --check} tests cover it).
   */
  private static String portable(Path lock) throws IOException {
    Path root = SharedData.root();
    return Files.readString(lock).replace(root.toString(), "@SHARED@")
        .replaceAll("(envx-input-hash:? |input-hash = \")sha256:[0-9a-f]{64}", "$1sha256:@HASH@");
  }

  /** Locks, compares with the expected file, locks again (same bytes) and reads the lock back (same lock). */
  private void golden(String name, Path dir, String outName, String... args) throws IOException {
    Path out = dir.resolve(outName);
    List<String> a = new ArrayList<>(List.of(args));
    a.addAll(List.of("-o", out.toString()));
    CliRun run = lock(a.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    Golden.check(CASES.resolve(name).resolve(outName + ".expected"), portable(out));

    // the same case in another folder: the same bytes
    Path dir2 = prepare(name, tmp.resolve("second-" + outName));
    Path out2 = dir2.resolve(outName);
    List<String> b = a.stream().map(x -> x.replace(dir.toString(), dir2.toString())).toList();
    CliRun second = lock(b.toArray(String[]::new));
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(Files.readString(out2)).as("two runs give the same bytes").isEqualTo(Files.readString(out));

    LockRead read = Lockfiles.read(out);
    assertThat(LockDiff.between(read.lock(), Lockfiles.read(out2).lock()).isEmpty()).isTrue();
    assertThat(Lockfiles.write(read.lock(), read.format()).text()).as("read back and written again")
        .isEqualTo(Files.readString(out));
  }

  @Test
  void localChannelWithADevCategoryAsCondaLockAndPixi() throws IOException {
    Path dir = prepare("local-categories");
    String[] files = {"-f", dir.resolve("environment.yml").toString(), "-f", dir.resolve("dev.yml").toString()};
    golden("local-categories", dir, "conda-lock.yml", files);
    golden("local-categories", dir, "pixi.lock", files);
    String text = Files.readString(dir.resolve("conda-lock.yml"));
    assertThat(text).contains("platform: osx-arm64", "category: dev", "envx-input-hash: sha256:");
    // the selector: xz only on linux
    assertThat(text).contains("xz-5.2.6-h166bdaf_0.tar.bz2").doesNotContain("osx-arm64/xz-");
  }

  @Test
  void fourDefaultPlatformsAsCondaLockAndExplicitFiles() throws IOException {
    Path dir = prepare("four-platforms");
    String[] files = {"-f", dir.resolve("environment.yml").toString()};
    golden("four-platforms", dir, "conda-lock.yml", files);
    CliRun run = lock("-f", dir.resolve("environment.yml").toString(), "--format", "explicit", "-o",
        dir.resolve("conda-{platform}.lock").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    for (String p : List.of("linux-64", "osx-64", "osx-arm64", "win-64")) {
      Golden.check(CASES.resolve("four-platforms/conda-" + p + ".lock.expected"),
          portable(dir.resolve("conda-" + p + ".lock")));
    }
    assertThat(Files.readString(dir.resolve("conda-win-64.lock"))).contains("/win-64/ucrt-");
    // read back, each @EXPLICIT file holds exactly the conda-lock.yml's packages of its platform
    var full = Lockfiles.read(dir.resolve("conda-lock.yml")).lock().defaultEnvironment();
    for (String p : List.of("linux-64", "osx-64", "osx-arm64", "win-64")) {
      var one = Lockfiles.read(dir.resolve("conda-" + p + ".lock")).lock().defaultEnvironment();
      assertThat(one.packages(p).stream().map(e -> e.location().orElseThrow()).sorted().toList()).as(p)
          .isEqualTo(full.packages(p).stream().map(e -> e.location().orElseThrow()).sorted().toList())
          .isNotEmpty();
    }
  }

  @Test
  void pyprojectGroupsAndExtrasBecomeCategories() throws IOException {
    Path dir = prepare("pyproject-groups");
    golden("pyproject-groups", dir, "conda-lock.yml", "-f", dir.resolve("pyproject.toml").toString());
    // pylock.toml holds no conda packages: one warning says so, and the file is still written
    CliRun py = lock("-f", dir.resolve("pyproject.toml").toString(), "-o", dir.resolve("pylock.toml").toString());
    assertThat(py.exitCode()).as(py.err()).isZero();
    assertThat(py.err()).contains("warning:").contains("conda");
  }

  @Test
  void relockKeepsPinsThatStillFitAndUpdateMovesOnlyTheNamedPackage() throws IOException {
    Path dir = prepare("four-platforms");
    Path env = dir.resolve("environment.yml");
    Path out = dir.resolve("conda-lock.yml");
    assertThat(lock("-f", env.toString(), "--platform", "linux-64", "-o", out.toString()).exitCode()).isZero();
    String first = Files.readString(out);
    assertThat(first).contains("name: openssl\n  version: 3.5.");

    // relax openssl and add xz: openssl's pin still fits and stays, xz comes in, nothing else moves
    Files.writeString(env, Files.readString(env).replace("openssl 3.5.*", "openssl").replace("  - bzip2",
        "  - bzip2\n  - xz"));
    CliRun relock = lock("-f", env.toString(), "--platform", "linux-64", "-o", out.toString());
    assertThat(relock.exitCode()).as(relock.err()).isZero();
    LockDiff d = LockDiff.between(Lockfiles.parse(first, "first.yml", LockFormat.CONDA_LOCK).lock(),
        Lockfiles.read(out).lock());
    assertThat(d.changes()).as("only additions").allSatisfy(c -> assertThat(c.before()).as(c.line()).isNull());
    assertThat(d.changes()).extracting(LockDiff.Change::name).contains("xz").doesNotContain("openssl", "bzip2");
    assertThat(relock.err()).contains("linux-64: + xz ");

    // --update openssl moves openssl to the newest version; every other package stays
    CliRun up = lock("-f", env.toString(), "--platform", "linux-64", "-o", out.toString(), "--update", "openssl");
    assertThat(up.exitCode()).as(up.err()).isZero();
    assertThat(up.err()).containsPattern("linux-64: ~ openssl 3\\.5\\.\\S+ -> 3\\.6\\.3-");
    assertThat(up.err().lines().filter(l -> l.startsWith("linux-64: ")).toList())
        .allSatisfy(l -> assertThat(l).contains("openssl"));
  }

  @Test
  void relockKeepsPypiPinsThatStillFitAndUpdateMovesOnlyTheNamedPypiPackage() throws IOException {
    SharedData.require("pypi");
    Path dir = prepare("pip-section");
    Path env = dir.resolve("environment.yml");
    Path out = dir.resolve("conda-lock.yml");
    // older releases first: the mirror has importlib-metadata 8.7.1 / 9.0.1, zipp 3.23.0 / 4.1.0, tabulate
    // 0.8.10 / 0.10.0
    Files.writeString(env, Files.readString(env).replace("    - idna\n", "    - idna\n    - importlib-metadata<9\n"
        + "    - zipp<4\n    - tabulate<0.10\n"));
    CliRun first = lock("-f", env.toString(), "-o", out.toString());
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(pypiVersions(out)).containsEntry("importlib-metadata", "8.7.1").containsEntry("zipp", "3.23.0")
        .containsEntry("tabulate", "0.8.10");

    // relax every bound and require zipp>=4: zipp must move, the other pins still fit and stay, mpmath comes in
    Files.writeString(env, Files.readString(env).replace("importlib-metadata<9", "importlib-metadata")
        .replace("zipp<4", "zipp>=4").replace("tabulate<0.10", "tabulate\n    - mpmath"));
    CliRun relock = lock("-f", env.toString(), "-o", out.toString());
    assertThat(relock.exitCode()).as(relock.err()).isZero();
    assertThat(pypiVersions(out)).containsEntry("importlib-metadata", "8.7.1").containsEntry("zipp", "4.1.0")
        .containsEntry("tabulate", "0.8.10").containsKey("mpmath");
    assertThat(relock.err().lines().filter(l -> l.startsWith("linux-64: ")).toList())
        .allSatisfy(l -> assertThat(l).containsAnyOf("pypi:zipp ", "pypi:mpmath "));

    // --update moves the named PyPI package (spelled any PEP 503 way) and nothing else
    CliRun up = lock("-f", env.toString(), "-o", out.toString(), "--update", "Importlib_Metadata");
    assertThat(up.exitCode()).as(up.err()).isZero();
    assertThat(pypiVersions(out)).containsEntry("importlib-metadata", "9.0.1").containsEntry("zipp", "4.1.0")
        .containsEntry("tabulate", "0.8.10");
    assertThat(up.err().lines().filter(l -> l.startsWith("linux-64: ")).toList()).hasSize(1)
        .allSatisfy(l -> assertThat(l).contains("pypi:importlib_metadata 8.7.1 -> 9.0.1"));
  }

  /** The locked PyPI distributions of linux-64, normalized name to version. */
  private static Map<String, String> pypiVersions(Path lock) {
    Map<String, String> out = new java.util.TreeMap<>();
    for (var e : Lockfiles.read(lock).lock().defaultEnvironment().packages("linux-64")) {
      if (e instanceof dev.envx.format.lock.LockEntry.Resolved r
          && r.pkg() instanceof dev.envx.format.lock.LockedPackage.Pypi y) {
        out.put(y.name().normalized(), y.version().toString());
      }
    }
    return out;
  }

  @Test
  void checkIsZeroOnAFreshLockAndOneAfterAnEditWritingNothing() throws IOException {
    Path dir = prepare("local-categories");
    Path env = dir.resolve("environment.yml");
    Path out = dir.resolve("conda-lock.yml");
    CliRun missing = lock("-f", env.toString(), "-o", out.toString(), "--check");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.out()).contains("no lock at");
    assertThat(out).doesNotExist();

    assertThat(lock("-f", env.toString(), "-o", out.toString()).exitCode()).isZero();
    byte[] locked = Files.readAllBytes(out);
    List<Path> before = list(dir);
    CliRun fresh = lock("-f", env.toString(), "-o", out.toString(), "--check");
    assertThat(fresh.exitCode()).as(fresh.err()).isZero();
    assertThat(fresh.out()).isEqualTo("the lock is up to date\n");

    CliRun flexible = lock("-f", env.toString(), "-o", out.toString(), "--check", "--channel-priority", "flexible");
    assertThat(flexible.exitCode()).as("channel priority is an input").isEqualTo(1);

    Files.writeString(env, Files.readString(env).replace("  - readline", "  - readline\n  - tk"));
    CliRun stale = lock("-f", env.toString(), "-o", out.toString(), "--check");
    assertThat(stale.exitCode()).as(stale.err()).isEqualTo(1);
    assertThat(stale.out()).startsWith("the manifest changed since the lock was made\n")
        .contains("linux-64: + tk 8.6.13-", "osx-arm64: + tk 8.6.13-");
    assertThat(Files.readAllBytes(out)).isEqualTo(locked);
    assertThat(list(dir)).isEqualTo(before);
  }

  @Test
  void envxCheckTakesALockMadeByEnvxLockAsFreshAndAnEditAsStale() throws IOException {
    Path dir = prepare("local-categories");
    Path env = dir.resolve("environment.yml");
    Files.list(dir).filter(p -> !p.equals(env)).forEach(p -> p.toFile().delete());
    assertThat(lock("-f", env.toString()).exitCode()).isZero();
    assertThat(dir.resolve("conda-lock.yml")).exists();
    CliRun fresh = CliRun.runWithInput("", env(), "check", dir.toString());
    assertThat(fresh.exitCode()).as(fresh.out() + fresh.err()).isZero();

    Files.writeString(env, Files.readString(env).replace("  - readline", "  - readline\n  - tk"));
    CliRun stale = CliRun.runWithInput("", env(), "check", dir.toString());
    assertThat(stale.exitCode()).as(stale.out() + stale.err()).isEqualTo(1);
    assertThat(stale.out() + stale.err()).contains("conda-lock.yml");
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  private record Edited(Path env, Path out, CliRun run) {}

  /** The local-categories case with its environment.yml edited, locked. */
  private Edited lockEdited(java.util.function.UnaryOperator<String> edit) throws IOException {
    Path env = prepare("local-categories").resolve("environment.yml");
    Files.writeString(env, edit.apply(Files.readString(env)));
    Path out = env.resolveSibling("conda-lock.yml");
    return new Edited(env, out, lock("-f", env.toString(), "-o", out.toString()));
  }

  @Test
  void aBadSpecIsExitTwoAtItsLineAndColumnAndNothingIsWritten() throws IOException {
    Edited e = lockEdited(t -> t.replace("openssl >=3", "openssl >=>3"));
    CliRun run = e.run();
    Path env = e.env();
    Path out = e.out();
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains(env + ":10:").contains("error: invalid conda spec");
    assertThat(out).doesNotExist();
  }

  @Test
  void aDamagedOrNewerExistingLockIsExitTwoAndStaysAsItWas() throws IOException {
    Edited e = lockEdited(t -> t);
    assertThat(e.run().exitCode()).as(e.run().err()).isZero();
    Path env = e.env();
    Path out = e.out();
    String good = Files.readString(out);
    for (String bad : List.of(good.substring(0, good.length() / 2 - 7), good.replace("version: 1\n", "version: 9\n"),
        good.replace("  manager: conda\n", "  manager: [conda]\n"))) {
      Files.writeString(out, bad);
      CliRun run = lock("-f", env.toString(), "-o", out.toString());
      assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
      assertThat(run.err()).containsPattern(java.util.regex.Pattern.quote(out.toString()) + ":\\d+:\\d+: error: ");
      assertThat(Files.readString(out)).isEqualTo(bad);
    }
  }

  @Test
  void pipEntriesAreSolvedOverTheMirrorIntoEveryFormatAndThePylockInstalls() throws IOException {
    SharedData.require("pypi");
    Path dir = prepare("pip-section");
    String[] files = {"-f", dir.resolve("environment.yml").toString()};
    golden("pip-section", dir, "conda-lock.yml", files);
    golden("pip-section", dir, "pixi.lock", files);
    golden("pip-section", dir, "pylock.toml", files);
    var conda = Lockfiles.read(dir.resolve("conda-lock.yml")).lock().defaultEnvironment().packages("linux-64");
    assertThat(conda.stream().map(e -> e.name()).toList()).contains("python", "six", "idna");
    assertThat(Files.readString(dir.resolve("conda-lock.yml"))).contains("manager: pip",
        "six-1.17.0-py2.py3-none-any.whl");

    // the index URL is an input: another one makes the lock stale
    assertThat(lock("--check", "-f", dir.resolve("environment.yml").toString(), "-o",
        dir.resolve("conda-lock.yml").toString()).exitCode()).isZero();
    CliRun other = lock("--check", "-f", dir.resolve("environment.yml").toString(), "-o",
        dir.resolve("conda-lock.yml").toString(), "--index-url", SharedData.require("pypi").resolve("simple").toUri()
            + "?other");
    assertThat(other.exitCode()).as(other.err()).isEqualTo(1);

    // the PyPI part installs: both wheels' bodies are in the mirror
    Path prefix = tmp.resolve("prefix");
    CliRun install = CliRun.runWithInput("", env(), "install", dir.resolve("pylock.toml").toString(), "-p",
        prefix.toString(), "--python", "3.11", "--platform", "linux-64");
    assertThat(install.exitCode()).as(install.err()).isZero();
    assertThat(prefix.resolve("lib/python3.11/site-packages/six.py")).isRegularFile();
    assertThat(prefix.resolve("lib/python3.11/site-packages/idna")).isDirectory();
  }

  @Test
  void convertingALockfileWithABadValueIsExitTwoAtItsPlaceAndWritesNothing() throws IOException {
    Path in = tmp.resolve("in/conda-lock.yml");
    Files.createDirectories(in.getParent());
    Files.writeString(in, Files.readString(SharedData.require("lockfiles/conda-lock-v1/"
        + "conda-lock__test-update-filter-platform").resolve("conda-lock.yml")).replace("  version: 1.2.8\n  manager: "
        + "conda\n  platform: linux-64", "  version: {a: 1}\n  manager: conda\n  platform: linux-64"));
    Path out = tmp.resolve("out/pixi.lock");
    CliRun run = CliRun.runWithInput("", env(), "lock", "convert", in.toString(), "-o", out.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).containsPattern(java.util.regex.Pattern.quote(in.toString()) + ":28:12: error: expected a string for `version`, found a mapping");
    assertThat(run.err()).doesNotContain("Exception");
    assertThat(out).doesNotExist();
  }

  @Test
  void anUnsolvablePlatformIsExitOneWithTheExplanation() throws IOException {
    Edited e = lockEdited(t -> t.replace("  - xz  # [linux]", "  - xz"));
    CliRun run = e.run();
    Path out = e.out();
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("error: cannot solve for osx-arm64", "hint: no channel has a package named `xz`");
    assertThat(out).doesNotExist();
  }

  @Test
  void updateOfANameThatIsNotLockedIsBadInput() throws IOException {
    Edited e = lockEdited(t -> t);
    assertThat(e.run().exitCode()).as(e.run().err()).isZero();
    Path env = e.env();
    Path out = e.out();
    CliRun run = lock("-f", env.toString(), "-o", out.toString(), "--update", "numpy");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("error: `numpy` is not in the lock");
  }

  @Test
  void dashPrintsTheLockAndWritesNoFile() throws IOException {
    Path dir = prepare("local-categories");
    Path env = dir.resolve("environment.yml");
    Map<String, String> inDir = new java.util.HashMap<>(env());
    inDir.put("PWD", dir.toString()); // relative paths in a printed lock are from the current directory
    CliRun printed = CliRun.runWithInput("", inDir, "lock", "-f", env.toString(), "-o", "-");
    assertThat(printed.exitCode()).as(printed.err()).isZero();
    assertThat(dir.resolve("-")).doesNotExist();
    assertThat(dir.resolve("conda-lock.yml")).doesNotExist();
    CliRun written = lock("-f", env.toString(), "-o", dir.resolve("conda-lock.yml").toString());
    assertThat(written.exitCode()).as(written.err()).isZero();
    assertThat(printed.out()).isEqualTo(Files.readString(dir.resolve("conda-lock.yml")));

    CliRun check = lock("-f", env.toString(), "-o", "-", "--check");
    assertThat(check.exitCode()).isEqualTo(2);
    assertThat(check.err()).contains("error: `-o -` prints a new lock; `--check` needs the lockfile itself");
  }
}
