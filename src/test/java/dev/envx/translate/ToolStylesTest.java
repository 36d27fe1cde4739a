package dev.envx.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.diag.Diagnostic;
import org.junit.jupiter.api.Test;

/** `--style pixi` carries what pixi's tables hold and warns, naming the package and part, for the rest. */
class ToolStylesTest {
  @Test
  void pixiCarriesBracketVersionBuildAndChannel() {
    String env = "channels: [conda-forge]\nplatforms: [linux-64]\ndependencies:\n"
        + "  - \"hdf5[version='>=1.12',build=mpi*]\"\n  - conda-forge::numpy 1.26.* py312*\n  - \"zlib[license=Zlib]\"\n";
    Convert.Output o = Convert.environmentToPyproject(env, "environment.yml", GoldenTest.MAPPER, null,
        ToolStyles.Style.pixi);
    assertThat(o.text()).contains("hdf5 = { version = \">=1.12\", build = \"mpi*\" }")
        .contains("numpy = { version = \"1.26.*\", build = \"py312*\", channel = \"conda-forge\" }");
    assertThat(o.diagnostics()).extracting(Diagnostic::message)
        .noneSatisfy(m -> assertThat(m).contains("hdf5"))
        .anySatisfy(m -> assertThat(m).contains("`license`").contains("zlib[license=Zlib]"));
  }

  /** Everything pixi's tables can hold comes back as the same environment, with no warning on the way. */
  @Test
  void pixiRoundTripsWhatItCanHold() {
    String env = "name: forms\nchannels: [conda-forge]\nplatforms: [linux-64, win-64]\ndependencies:\n"
        + "  - python=3.11\n  - conda-forge::numpy 1.26.* py312*\n  - \"hdf5[version='>=1.12',build=mpi*]\"\n"
        + "  - \"libzlib[build_number=2,md5=0123456789abcdef0123456789abcdef]\"\n  - pip\n"
        + "  - pip:\n"
        + "    - --index-url https://pypi.example.org/simple\n"
        + "    - --extra-index-url https://download.pytorch.org/whl/cu118\n"
        + "    - --find-links ./wheels\n"
        + "    - tool @ git+https://github.com/org/tool.git@v1.2\n"
        + "    - -e ./libs/helper\n"
        + "    - ../vendored/pkg\n"
        + "    - cowsay @ https://files.example.org/cowsay-6.1-py3-none-any.whl\n"
        + "    - requests[socks]>=2.31\n"
        + "    - uvloop[dev]>=0.19  # [unix]\n";
    Convert.Output o = Convert.environmentToPyproject(env, "environment.yml", GoldenTest.MAPPER, null,
        ToolStyles.Style.pixi);
    assertThat(o.diagnostics()).filteredOn(d -> d.severity() != dev.envx.diag.Severity.NOTE).isEmpty();
    assertThat(o.text()).contains("helper = { path = \"./libs/helper\", editable = true }")
        .contains("pkg = { path = \"../vendored/pkg\" }")
        .contains("  \"uvloop[dev]>=0.19; sys_platform != \\\"win32\\\"\",\n")
        .doesNotContain(".pypi-dependencies]\nuvloop")
        .contains("libzlib = { version = \"*\", build-number = \"2\", md5 = ");
    Convert.Output back = Convert.pyprojectToEnvironment(o.text(), "pyproject.toml", GoldenTest.MAPPER,
        PyprojectToEnv.Options.DEFAULT);
    assertThat(back.diagnostics()).filteredOn(d -> d.severity() != dev.envx.diag.Severity.NOTE).isEmpty();
    // a pip line's selector is carried as its PEP 508 marker (pixiNamesEachPypiPackageInOnePlace) and comes back so
    assertThat(EnvSemantics.diff(dev.envx.format.envyml.EnvYmlReader.parse(env.replace("  # [unix]",
        "; sys_platform != \"win32\""), "a"), dev.envx.format.envyml.EnvYmlReader.parse(back.text(), "b"))).isEmpty();
  }

  /**
   * pixi reads `[project.dependencies]` as PyPI dependencies of every platform (markers evaluated per platform) and
   * lets a `[tool.pixi.target.T.pypi-dependencies]` entry override it on T; a package named in both is two
   * requirements (prefix-dev/pixi#3736). Each pip line, also with a selector, is one entry in one place.
   */
  @Test
  void pixiNamesEachPypiPackageInOnePlace() throws java.io.IOException {
    for (String c : java.util.List.of("style-pixi", "style-pixi-pypi")) {
      String env = java.nio.file.Files.readString(GoldenTest.ROOT.resolve(c).resolve("environment.yml"));
      assertThat(pypiNames(pixi(env).text())).as(c).doesNotHaveDuplicates();
    }
    String env = "name: e\nchannels: [conda-forge]\nplatforms: [linux-64, win-64]\ndependencies:\n  - pip\n"
        + "  - pip:\n"
        + "    - pywin32>=306  # [win]\n"
        + "    - uvloop[dev]>=0.19; python_version < \"3.13\"  # [unix]\n"
        + "    - tool @ git+https://github.com/org/tool.git@v1.2  # [linux]\n";
    Convert.Output o = pixi(env);
    assertThat(pypiNames(o.text())).containsExactly("pywin32", "uvloop", "tool");
    assertThat(o.text()).contains("\"pywin32>=306; sys_platform == \\\"win32\\\"\"")
        .contains("tool @ git+https://github.com/org/tool.git@v1.2 ; sys_platform == \\\"linux\\\"")
        .doesNotContain("pypi-dependencies]");
    // the marker of a line with a selector was lost in a target table; `[project.dependencies]` keeps both
    assertThat(o.text()).containsPattern("uvloop\\[dev\\]>=0\\.19; .*python_version < \\\\\"3\\.13\\\\\"");
    assertThat(o.diagnostics()).filteredOn(d -> d.severity() == dev.envx.diag.Severity.WARNING).isEmpty();
    assertThat(o.diagnostics()).filteredOn(d -> d.severity() == dev.envx.diag.Severity.NOTE)
        .extracting(Diagnostic::message).contains("the selector `[win]` of `pywin32` is the marker `sys_platform == "
            + "\"win32\"` of its `[project.dependencies]` entry, the one requirement pixi reads for it on every "
            + "platform; converted back, the pip line keeps the marker");
    // read back: one pip line per package, the condition as a marker (a user's own marker is not told apart from
    // one envx wrote for a selector, so neither is turned into a selector comment, which pip would not evaluate)
    Convert.Output back = Convert.pyprojectToEnvironment(o.text(), "pyproject.toml", GoldenTest.MAPPER,
        PyprojectToEnv.Options.DEFAULT);
    assertThat(back.text()).contains("      - pywin32>=306; sys_platform == \"win32\"\n")
        .contains("      - uvloop[dev]>=0.19; (python_version < \"3.13\") and (sys_platform != \"win32\")\n")
        .contains("      - tool @ git+https://github.com/org/tool.git@v1.2 ; sys_platform == \"linux\"\n");
  }

  private static Convert.Output pixi(String env) {
    return Convert.environmentToPyproject(env, "environment.yml", GoldenTest.MAPPER, null, ToolStyles.Style.pixi);
  }

  /** The PyPI names of `[project.dependencies]` and of every pixi `pypi-dependencies` table, in file order. */
  private static java.util.List<String> pypiNames(String pyproject) {
    org.tomlj.TomlParseResult t = org.tomlj.Toml.parse(pyproject);
    java.util.List<String> names = new java.util.ArrayList<>();
    org.tomlj.TomlArray deps = t.getArray("project.dependencies");
    for (int i = 0; deps != null && i < deps.size(); i++) {
      names.add(PipLines.nameOf(deps.getString(i)).orElseThrow().normalized());
    }
    org.tomlj.TomlTable pixi = t.getTable("tool.pixi");
    java.util.List<org.tomlj.TomlTable> tables = new java.util.ArrayList<>();
    tables.add(pixi.getTable("pypi-dependencies"));
    org.tomlj.TomlTable targets = pixi.getTable("target");
    if (targets != null) {
      targets.keySet().forEach(k -> tables.add(targets.getTable(java.util.List.of(k, "pypi-dependencies"))));
    }
    tables.stream().filter(java.util.Objects::nonNull).forEach(x -> x.keySet().forEach(k -> names.add(
        dev.envx.model.pep508.PyPiName.normalize(k))));
    return names;
  }

  /** Pip lines pixi has no field for are warned about, naming the package and the part. */
  @Test
  void pixiWarnsForExactlyWhatItCannotHold() {
    String env = "channels: [conda-forge]\nplatforms: [linux-64]\ndependencies:\n  - pip:\n"
        + "    - git+https://github.com/org/tool.git@v1.2#egg=tool\n"
        + "    - rich==13.7.0 --hash=sha256:00ff\n"
        + "    - -e git+https://github.com/org/live.git@main#egg=live\n";
    Convert.Output o = Convert.environmentToPyproject(env, "environment.yml", GoldenTest.MAPPER, null,
        ToolStyles.Style.pixi);
    assertThat(o.text()).contains("tool = { git = \"https://github.com/org/tool.git\", rev = \"v1.2\" }");
    assertThat(o.diagnostics()).filteredOn(d -> d.severity() == dev.envx.diag.Severity.WARNING)
        .extracting(Diagnostic::message).satisfiesExactly(
            m -> assertThat(m).contains("`--hash=sha256:00ff`").contains("`rich`"),
            m -> assertThat(m).contains("editable git").contains("`live`"));
  }

  /** conda-lock's tables hold channels, platforms, conda specs with channels and pip packages by name. */
  @Test
  void condaLockRoundTripsWhatItCanHold() {
    String env = "name: cl\nchannels: [conda-forge]\nplatforms: [linux-64]\ndependencies:\n"
        + "  - python=3.11\n  - pytorch::pytorch=2.1\n  - sqlite<3.34\n  - pip\n  - pip:\n"
        + "    - --extra-index-url https://pypi.example.org/simple\n"
        + "    - requests[socks]>=2.31\n"
        + "    - cowsay @ https://files.example.org/cowsay-6.1-py3-none-any.whl\n";
    Convert.Output o = Convert.environmentToPyproject(env, "environment.yml", GoldenTest.MAPPER, null,
        ToolStyles.Style.conda_lock);
    assertThat(o.diagnostics()).filteredOn(d -> d.severity() != dev.envx.diag.Severity.NOTE).isEmpty();
    assertThat(o.text()).contains("requests = { source = \"pypi\" }")
        .contains("pip-repositories = [\"https://pypi.example.org/simple\"]");
    Convert.Output back = Convert.pyprojectToEnvironment(o.text(), "pyproject.toml", GoldenTest.MAPPER,
        PyprojectToEnv.Options.DEFAULT);
    assertThat(back.diagnostics()).filteredOn(d -> d.severity() != dev.envx.diag.Severity.NOTE).isEmpty();
    // `--extra-index-url` comes back as conda-lock's own `pip-repositories`, which says the same
    assertThat(EnvSemantics.diff(dev.envx.format.envyml.EnvYmlReader.parse(env.replace(
        "    - --extra-index-url https://pypi.example.org/simple\n", "").replace("platforms: [linux-64]\n",
        "platforms: [linux-64]\npip-repositories: [https://pypi.example.org/simple]\n"), "a"),
        dev.envx.format.envyml.EnvYmlReader.parse(back.text(), "b"))).isEmpty();
  }

  /** `default-non-conda-source = "pip"` sends every `[project.dependencies]` entry to pip. */
  @Test
  void condaLockDefaultNonCondaSourcePip() {
    String py = "[project]\nname = \"x\"\nversion = \"0\"\ndependencies = [\"requests>=2\", \"numpy\"]\n"
        + "[tool.conda-lock]\nchannels = [\"conda-forge\"]\ndefault-non-conda-source = \"pip\"\n"
        + "[tool.conda-lock.dependencies]\nsqlite = \"*\"\n";
    Convert.Output back = Convert.pyprojectToEnvironment(py, "pyproject.toml", GoldenTest.MAPPER,
        PyprojectToEnv.Options.DEFAULT);
    assertThat(back.text()).contains("  - pip:\n      - numpy\n      - requests>=2\n").contains("  - sqlite\n");
    assertThat(back.diagnostics()).filteredOn(d -> d.severity() == dev.envx.diag.Severity.WARNING).isEmpty();
  }
}
