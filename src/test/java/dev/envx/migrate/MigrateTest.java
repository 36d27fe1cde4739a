package dev.envx.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envx.check.Checker;
import dev.envx.format.pyproject.PyProject;
import dev.envx.format.pyproject.PyProjectReader;
import dev.envx.mapping.NameMapping;
import dev.envx.testing.CliRun;
import dev.envx.translate.MappingNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code envx migrate} on scratch git repositories (made with jgit) with typical legacy layouts. */
class MigrateTest {
  @TempDir Path tmp;

  private Map<String, String> env() {
    return Map.of("ENVX_CACHE_DIR", tmp.resolve(".cache").toString(), "ENVX_CONFIG_DIR",
        tmp.resolve(".config").toString(), "NO_COLOR", "1");
  }

  private CliRun envx(String... args) {
    return CliRun.runWithInput("", env(), args);
  }

  /** A git repository with these files, committed. */
  private Path repo(String name, Map<String, String> files) throws Exception {
    Path dir = Files.createDirectory(tmp.resolve(name));
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = dir.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
    }
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      PersonIdent me = new PersonIdent("t", "t@example.org");
      git.commit().setMessage("legacy").setAuthor(me).setCommitter(me).call();
    }
    return dir;
  }

  private static PyProject read(Path dir) throws IOException {
    return PyProjectReader.parse(Files.readString(dir.resolve("pyproject.toml")), "pyproject.toml");
  }

  static final String ENV = "name: analysis\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.10\n"
      + "  - numpy>=1.20\n  - gdal\n  - pip\n  - pip:\n    - requests\n";

  @Test
  void anEnvironmentOnlyRepoBecomesAPyprojectThatCheckKeepsInStep() throws Exception {
    Path r = repo("env-only", Map.of("environment.yml", ENV));
    CliRun run = envx("migrate", r.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("carried: environment.yml:", "wrote ");
    PyProject py = read(r);
    assertThat(py.project().dependencies()).extracting(d -> d.value()).contains("numpy>=1.20", "requests");
    assertThat(py.envx().mirror().file().value()).isEqualTo("environment.yml");
    assertThat(Checker.check(r, () -> new MappingNames(NameMapping.embedded())).ok()).isTrue();
  }

  @Test
  void environmentPlusRequirementsPlusDevRequirements() throws Exception {
    Path r = repo("env-req", Map.of("environment.yml", ENV, "requirements.txt", "scipy>=1.10\n-r requirements-base.txt\n",
        "requirements-base.txt", "zarr\n", "requirements-dev.txt", "-r requirements.txt\npytest\n"));
    CliRun run = envx("--json", "migrate", r.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    PyProject py = read(r);
    assertThat(py.project().dependencies()).extracting(d -> d.value()).contains("numpy>=1.20", "scipy>=1.10", "zarr");
    assertThat(py.dependencyGroups()).containsKeys("dev", "base");
    assertThat(py.envx().mirror()).as("two sources: no mirror declared").isNull();
    JsonNode j = new ObjectMapper().readTree(run.out());
    assertThat(j.get("status").asText()).isEqualTo("ok");
    assertThat(j.get("missing")).isEmpty();
  }

  @Test
  void setupPyWithBinderEnvironment() throws Exception {
    Path r = repo("binder", Map.of("binder/environment.yml", ENV, "setup.py",
        "from setuptools import setup\nsetup(name='x', install_requires=['torch>=2'], extras_require={'viz': ['matplotlib']},"
            + " python_requires='>=3.9')\n"));
    assertThat(envx("migrate", r.toString()).exitCode()).isZero();
    PyProject py = read(r);
    assertThat(py.project().dependencies()).extracting(d -> d.value()).contains("torch>=2", "numpy>=1.20");
    assertThat(py.project().optionalDependencies()).containsKey("viz");
    assertThat(py.project().requiresPython().value()).isEqualTo("==3.10.*"); // the environment's python wins
  }

  @Test
  void anExistingPyprojectKeepsEveryByteOutsideEnvxsKeys() throws Exception {
    String existing = "# my project\n[build-system]\nrequires = [\"hatchling\"]  # keep me\nbuild-backend = \"hatchling.build\"\n\n"
        + "[project]\nname = \"demo\"\nversion = \"1.2\"\ndependencies = [\"click\"]\n\n[tool.ruff]\nline-length = 100\n";
    Path r = repo("existing", Map.of("pyproject.toml", existing, "requirements.txt", "numpy\n--index-url https://x.org/simple\n"));
    CliRun run = envx("migrate", r.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    String out = Files.readString(r.resolve("pyproject.toml"));
    assertThat(out).startsWith("# my project\n[build-system]\nrequires = [\"hatchling\"]  # keep me\n")
        .contains("name = \"demo\"\nversion = \"1.2\"\n", "[tool.ruff]\nline-length = 100\n");
    assertThat(read(r).project().dependencies()).extracting(d -> d.value()).containsExactly("click", "numpy");
    assertThat(read(r).envx().pip().indexUrl().value()).isEqualTo("https://x.org/simple");
  }

  @Test
  void commitGoesOnANewBranchAndADirtyTreeIsRefused() throws Exception {
    Path r = repo("commit", Map.of("requirements.txt", "numpy\n"));
    Files.writeString(r.resolve("requirements.txt"), "numpy\npandas\n");
    CliRun dirty = envx("migrate", r.toString(), "--commit");
    assertThat(dirty.exitCode()).isEqualTo(2);
    assertThat(dirty.err()).contains("uncommitted changes: requirements.txt", "--allow-dirty");
    assertThat(r.resolve("pyproject.toml")).doesNotExist();
    CliRun ok = envx("migrate", r.toString(), "--commit", "--allow-dirty", "--branch", "modern");
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    try (Git git = Git.open(r.toFile())) {
      assertThat(git.getRepository().getBranch()).isEqualTo("modern");
      var log = git.log().call().iterator();
      var c = log.next();
      assertThat(c.getFullMessage()).startsWith("envx migrate: pyproject.toml from requirements.txt");
      assertThat(git.getRepository().findRef("main")).isNotNull();
      assertThat(git.status().call().getModified()).containsExactly("requirements.txt"); // not committed
    }
    String before = Files.readString(r.resolve("pyproject.toml"));
    CliRun again = envx("migrate", r.toString(), "--commit", "--allow-dirty", "--branch", "main");
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).contains("branch `main` exists", "never commits on an existing branch");
    assertThat(Files.readString(r.resolve("pyproject.toml"))).as("nothing written").isEqualTo(before);
  }

  @Test
  void aGitUrlIsClonedFirst() throws Exception {
    Path origin = repo("origin", Map.of("Pipfile", "[packages]\nrequests = \"*\"\n"));
    Path into = tmp.resolve("work/origin");
    Files.createDirectories(into.getParent());
    CliRun run = envx("migrate", "file://" + origin.toAbsolutePath(), "--into", into.toString(), "--dry-run");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("\"requests\"");
    assertThat(run.err()).contains("cloned file://");
    assertThat(into.resolve("Pipfile")).exists();
    assertThat(into.resolve("pyproject.toml")).as("--dry-run writes nothing").doesNotExist();
  }

  @Test
  void aBatchGoesOnPastBadInputsAndIsResumable() throws Exception {
    Path good = repo("good", Map.of("requirements.txt", "numpy\n"));
    Path badToml = repo("bad-pipfile", Map.of("Pipfile", "[packages\nrequests = \"*\"\n"));
    Path cycle = repo("cycle", Map.of("requirements.txt", "-r requirements.txt\n"));
    Path badPy = repo("bad-setup", Map.of("setup.py", "setup(install_requires=['a'\n"));
    Path list = tmp.resolve("list.txt");
    Files.writeString(list, "# repos\n" + good + "\n" + badToml + "\n" + cycle + "\n" + badPy + "\n");
    Path report = tmp.resolve("report.json");
    CliRun run = envx("migrate", "--batch", list.toString(), "--report", report.toString(), "--dry-run");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("4 repositories: 1 migrated", "3 failed", "success rate 25.0%", "3 × bad input");
    JsonNode j = new ObjectMapper().readTree(report.toFile());
    assertThat(j.get("items").get(1).get("errors").get(0).asText()).contains("Pipfile:1:", "invalid TOML");
    assertThat(j.get("items").get(2).get("errors").get(0).asText()).contains("cycle");
    assertThat(j.get("items").get(3).get("errors").get(0).asText()).contains("setup.py");
    CliRun second = envx("migrate", "--batch", list.toString(), "--report", report.toString(), "--dry-run");
    assertThat(second.out()).contains("1 skipped as done");
  }
}
