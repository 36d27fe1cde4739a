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
        .contains("[tool.pixi.target.unix.pypi-dependencies]\nuvloop = { version = \">=0.19\", extras = [\"dev\"] }")
        .contains("libzlib = { version = \"*\", build-number = \"2\", md5 = ");
    Convert.Output back = Convert.pyprojectToEnvironment(o.text(), "pyproject.toml", GoldenTest.MAPPER,
        PyprojectToEnv.Options.DEFAULT);
    assertThat(back.diagnostics()).filteredOn(d -> d.severity() != dev.envx.diag.Severity.NOTE).isEmpty();
    assertThat(EnvSemantics.diff(dev.envx.format.envyml.EnvYmlReader.parse(env, "a"),
        dev.envx.format.envyml.EnvYmlReader.parse(back.text(), "b"))).isEmpty();
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
