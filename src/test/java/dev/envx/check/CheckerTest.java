package dev.envx.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envx.diag.EnvxException;
import dev.envx.format.envyml.EnvYmlReader;
import dev.envx.format.lock.LockFormat;
import dev.envx.format.lock.LockMetadata;
import dev.envx.format.lock.Lockfile;
import dev.envx.format.lock.Lockfiles;
import dev.envx.format.pyproject.PyProjectReader;
import dev.envx.mapping.NameMapping;
import dev.envx.translate.Convert;
import dev.envx.translate.LockInputs;
import dev.envx.translate.MappingNames;
import dev.envx.translate.NameMapper;
import dev.envx.translate.PyprojectToEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckerTest {
  static final NameMapper EMBEDDED = new MappingNames(NameMapping.embedded());
  static final Supplier<NameMapper> MAPPER = () -> EMBEDDED;

  static final String ENV = """
      name: demo
      channels:
        - conda-forge
      dependencies:
        - python=3.11
        - numpy>=1.20
        - cmake
        - pip
        - pip:
          - requests>=2.28
      """;

  @TempDir Path dir;

  /** environment.yml, and pyproject.toml made from it by `envx convert` with a `mirror-of` declaration. */
  private void pyprojectMirrorOfEnv() throws IOException {
    Files.writeString(dir.resolve("environment.yml"), ENV);
    String py = Convert.environmentToPyproject(ENV, "environment.yml", EMBEDDED, null).text()
        .replace("format = 1\n", "format = 1\nmirror-of = \"environment.yml\"\n");
    Files.writeString(dir.resolve("pyproject.toml"), py);
  }

  /** pyproject.toml with `mirror`, and environment.yml made from it by `envx export --conda`. */
  private void envMirrorOfPyproject() throws IOException {
    String py = Convert.environmentToPyproject(ENV, "environment.yml", EMBEDDED, null).text()
        .replace("format = 1\n", "format = 1\nmirror = \"environment.yml\"\n");
    Files.writeString(dir.resolve("pyproject.toml"), py);
    Files.writeString(dir.resolve("environment.yml"), Convert.pyprojectToEnvironment(py, "pyproject.toml", EMBEDDED,
        PyprojectToEnv.Options.DEFAULT).text());
  }

  @Test
  void aPyprojectMadeFromTheEnvironmentAgrees() throws IOException {
    pyprojectMirrorOfEnv();
    Checker.Report r = Checker.check(dir, MAPPER);
    assertThat(r.findings()).isEmpty();
    assertThat(r.ok()).isTrue();
    assertThat(r.checked()).extracting(p -> p.getFileName().toString())
        .containsExactly("pyproject.toml", "environment.yml");
  }

  @Test
  void anEnvironmentChangedAfterConversionMakesThePyprojectStale() throws IOException {
    pyprojectMirrorOfEnv();
    Files.writeString(dir.resolve("environment.yml"), ENV.replace("numpy>=1.20", "numpy>=2").replace("  - cmake\n", ""));
    Checker.Report r = Checker.check(dir, MAPPER);
    assertThat(r.ok()).isFalse();
    Finding.StaleMirror m = (Finding.StaleMirror) r.findings().get(0);
    assertThat(m.file()).isEqualTo(dir.resolve("pyproject.toml"));
    assertThat(m.source()).isEqualTo(dir.resolve("environment.yml"));
    assertThat(m.differences()).containsExactly(
        new Difference("[project] dependencies", "numpy>=2", true),
        new Difference("[project] dependencies", "numpy>=1.20", false),
        new Difference("[tool.envx] conda-dependencies", "cmake", false));
    assertThat(m.fix()).isEqualTo("envx convert " + dir.resolve("environment.yml") + " -o "
        + dir.resolve("pyproject.toml") + " --update");
    String text = ReportText.render(r);
    assertThat(text).contains("pyproject.toml is stale: it mirrors ", "+ numpy>=2", "- numpy>=1.20", "- cmake",
        "fix: envx check --fix " + dir);
    // the fix keeps the declaration and makes the check pass
    Files.writeString(m.file(), m.fixed());
    assertThat(m.fixed()).contains("mirror-of = \"environment.yml\"");
    assertThat(Checker.check(dir, MAPPER).findings()).isEmpty();
  }

  @Test
  void anEnvironmentMadeFromThePyprojectAgreesUntilThePyprojectChanges() throws IOException {
    envMirrorOfPyproject();
    assertThat(Checker.check(dir, MAPPER).findings()).isEmpty();
    Path py = dir.resolve("pyproject.toml");
    Files.writeString(py, Files.readString(py).replace("\"pandas\",\n", "").replace("dependencies = [\n",
        "dependencies = [\n  \"scipy>=1.10\",\n"));
    Checker.Report r = Checker.check(dir, MAPPER);
    Finding.StaleMirror m = (Finding.StaleMirror) r.findings().get(0);
    assertThat(m.file()).isEqualTo(dir.resolve("environment.yml"));
    assertThat(m.differences()).contains(new Difference("dependencies", "scipy>=1.10", true));
    assertThat(m.fix()).startsWith("envx export --conda -p ").endsWith(" --update");
    Files.writeString(m.file(), m.fixed());
    assertThat(Checker.check(dir, MAPPER).ok()).isTrue();
  }

  @Test
  void aHandEditOfTheMirrorIsCaughtToo() throws IOException {
    envMirrorOfPyproject();
    Path env = dir.resolve("environment.yml");
    Files.writeString(env, Files.readString(env).replace("  - cmake\n", "  - cmake\n  - ninja\n"));
    Finding.StaleMirror m = (Finding.StaleMirror) Checker.check(dir, MAPPER).findings().get(0);
    assertThat(m.differences()).containsExactly(new Difference("dependencies", "ninja", false));
  }

  @Test
  void aDeclaredMirrorThatIsMissingIsMadeByTheFix() throws IOException {
    envMirrorOfPyproject();
    Files.delete(dir.resolve("environment.yml"));
    Checker.Report r = Checker.check(dir, MAPPER);
    Finding.MissingMirror m = (Finding.MissingMirror) r.findings().get(0);
    assertThat(r.ok()).isFalse();
    assertThat(m.fix()).doesNotContain("--update");
    Files.writeString(m.file(), m.fixed());
    assertThat(Checker.check(dir, MAPPER).ok()).isTrue();
  }

  @Test
  void theMirrorCanLiveInASubfolder() throws IOException {
    envMirrorOfPyproject();
    Files.createDirectory(dir.resolve("binder"));
    Files.move(dir.resolve("environment.yml"), dir.resolve("binder/environment.yml"));
    Path py = dir.resolve("pyproject.toml");
    Files.writeString(py, Files.readString(py).replace("mirror = \"environment.yml\"", "mirror = \"binder/environment.yml\""));
    Checker.Report r = Checker.check(dir, MAPPER);
    assertThat(r.findings()).isEmpty();
    assertThat(r.checked()).contains(dir.resolve("binder/environment.yml"));
  }

  @Test
  void aMissingSourceIsBadInput() throws IOException {
    pyprojectMirrorOfEnv();
    Files.delete(dir.resolve("environment.yml"));
    assertThatThrownBy(() -> Checker.check(dir, MAPPER)).isInstanceOf(EnvxException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void bothDeclarationsAreAnError() throws IOException {
    pyprojectMirrorOfEnv();
    Path py = dir.resolve("pyproject.toml");
    Files.writeString(py, Files.readString(py).replace("mirror-of", "mirror = \"environment.yml\"\nmirror-of"));
    assertThatThrownBy(() -> Checker.check(dir, MAPPER)).isInstanceOf(EnvxException.class)
        .satisfies(e -> assertThat(((EnvxException) e).first().oneLine()).contains("both `mirror` and `mirror-of`"));
  }

  @Test
  void undeclaredManifestsAreNotComparedAndTheMappingIsNotLoaded() throws IOException {
    Files.writeString(dir.resolve("environment.yml"), ENV);
    Files.writeString(dir.resolve("pyproject.toml"), "[project]\nname = \"x\"\nversion = \"1\"\ndependencies = [\"zarr\"]\n");
    AtomicInteger loads = new AtomicInteger();
    Checker.Report r = Checker.check(dir, () -> {
      loads.incrementAndGet();
      return EMBEDDED;
    });
    assertThat(r.ok()).isTrue();
    assertThat(r.findings()).singleElement().isInstanceOf(Finding.Undeclared.class);
    assertThat(loads).hasValue(0);
    assertThat(ReportText.render(r)).contains("hint: add `mirror = \"environment.yml\"`");
  }

  private void writeLock(String hash) throws IOException {
    Lockfile lock = Lockfiles.parse(Files.readString(dev.envx.testing.SharedData.projectRoot().resolve("testdata/lock/conda-lock.yml")),
        "conda-lock.yml", null).lock();
    if (hash != null) {
      lock = lock.withMetadata(lock.metadata().withInputHash(hash));
    }
    Files.writeString(dir.resolve("conda-lock.yml"),
        Lockfiles.write(lock, LockFormat.CONDA_LOCK, Set.of()).files().get(0).text());
  }

  @Test
  void aLockMadeFromTheManifestIsFreshAndGoesStaleWhenTheManifestChanges() throws IOException {
    Files.writeString(dir.resolve("environment.yml"), ENV);
    writeLock(LockInputs.of(EnvYmlReader.parse(ENV, "environment.yml")).value());
    assertThat(Checker.check(dir, MAPPER).findings()).isEmpty();
    // reordering entries does not change the inputs
    Files.writeString(dir.resolve("environment.yml"), ENV.replace("  - numpy>=1.20\n  - cmake\n", "  - cmake\n  - numpy>=1.20\n"));
    assertThat(Checker.check(dir, MAPPER).findings()).isEmpty();
    Files.writeString(dir.resolve("environment.yml"), ENV.replace("numpy>=1.20", "numpy>=2"));
    Checker.Report r = Checker.check(dir, MAPPER);
    Finding.StaleLock l = (Finding.StaleLock) r.findings().get(0);
    assertThat(r.ok()).isFalse();
    assertThat(l.file()).isEqualTo(dir.resolve("conda-lock.yml"));
    assertThat(l.manifest()).isEqualTo(dir.resolve("environment.yml"));
    assertThat(l.fix()).isEqualTo("envx check --fix --lock " + dir);
    assertThat(ReportText.render(r)).contains("conda-lock.yml is stale", "fix: envx check --fix --lock");
    assertThat(ReportText.json(r).toString()).contains("kind=stale-lock");
  }

  @Test
  void aLockOfThePyprojectIsFresh() throws IOException {
    envMirrorOfPyproject();
    writeLock(LockInputs.of(PyProjectReader.parse(Files.readString(dir.resolve("pyproject.toml")), "p")).value());
    assertThat(Checker.check(dir, MAPPER).findings()).isEmpty();
  }

  @Test
  void aLockOfAStaleMirrorIsStaleToo() throws IOException {
    envMirrorOfPyproject();
    writeLock(LockInputs.of(EnvYmlReader.parse(Files.readString(dir.resolve("environment.yml")), "e")).value());
    assertThat(Checker.check(dir, MAPPER).findings()).isEmpty();
    Path py = dir.resolve("pyproject.toml");
    Files.writeString(py, Files.readString(py).replace("\"numpy>=1.20\"", "\"numpy>=2\""));
    assertThat(Checker.check(dir, MAPPER).findings()).extracting(ReportText::kind)
        .containsExactly("stale-mirror", "stale-lock");
  }

  @Test
  void aLockWithoutAnInputHashIsNotedNotFailed() throws IOException {
    Files.writeString(dir.resolve("environment.yml"), ENV);
    writeLock(null);
    Checker.Report r = Checker.check(dir, MAPPER);
    assertThat(r.ok()).isTrue();
    assertThat(r.findings()).singleElement().isInstanceOf(Finding.UncheckedLock.class);
  }

  @Test
  void anEmptyFolderHasNothingToCheck() {
    Checker.Report r = Checker.check(dir, MAPPER);
    assertThat(r.ok()).isTrue();
    assertThat(ReportText.render(r)).startsWith("nothing to check");
  }

  @Test
  void lockfileNames() {
    assertThat(List.of("conda-lock.yml", "pixi.lock", "pylock.toml", "pylock.dev.toml", "conda-linux-64.lock",
        "x.conda-lock.yml")).allMatch(ProjectFiles::isLockfile);
    assertThat(List.of("environment.yml", "poetry.lock", "uv.lock", "requirements.txt"))
        .noneMatch(ProjectFiles::isLockfile);
  }
}
