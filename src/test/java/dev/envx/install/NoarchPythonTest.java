package dev.envx.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.envx.format.lock.LockedPackage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * conda-forge's noarch: python pip, wheel and setuptools from the local channel, linked into site-packages for
 * Debian's python3 (the channel's own python is not in the shared data): entry points become scripts that run.
 */
class NoarchPythonTest {
  @TempDir Path tmp;

  @Test
  void entryPointsRunAndFilesLandInSitePackages() throws Exception {
    Path python = Path.of("/usr/bin/python3");
    assumeTrue(Files.isExecutable(python), "skipped: /usr/bin/python3 not found");
    String version = Trees.run(tmp, Map.of(), python.toString(), "-c",
        "import sys; print('%d.%d' % sys.version_info[:2])").strip();
    Map<String, LockedPackage.Conda> channel = LocalChannel.packages();
    List<LockedPackage> wanted = List.of(channel.get("pip"), channel.get("wheel"), channel.get("setuptools"));
    Path prefix = tmp.resolve("env");
    PythonTarget target = new PythonTarget(version, python.toString());
    InstallPlan plan = Planner.plan(wanted, PrefixState.read(prefix), target);
    new Installer(new PackageCache(tmp.resolve("cache"), Transport.offline()), 2).apply(plan);

    Path sp = prefix.resolve(target.sitePackages());
    assertThat(sp.resolve("pip/__init__.py")).exists();
    assertThat(prefix.resolve("site-packages")).doesNotExist();
    assertThat(Files.readString(prefix.resolve("bin/pip"))).startsWith("#!" + python + "\n")
        .contains("from pip._internal.cli.main import main");
    Map<String, String> env = Map.of("PYTHONPATH", sp.toString(), "PYTHONNOUSERSITE", "1");
    assertThat(Trees.run(tmp, env, prefix.resolve("bin/pip").toString(), "--version"))
        .startsWith("pip 25.3 from " + sp.resolve("pip"));
    assertThat(Trees.run(tmp, env, prefix.resolve("bin/wheel").toString(), "version")).contains("0.45.1");
    Map<String, Object> rec = Json.read(prefix.resolve("conda-meta/pip-25.3-pyh8b19718_0.json"));
    assertThat(rec.get("files").toString()).contains("bin/pip3", target.sitePackages() + "/pip/__init__.py");
    assertThat(rec.get("paths_data").toString()).contains("unix_python_entry_point");
    // conda's own dist-info is the conda package's: not a PyPI install to be dropped
    assertThat(PrefixState.read(prefix).wheels()).isEmpty();
    assertThat(Planner.plan(wanted, PrefixState.read(prefix), target).isNoop()).isTrue();
  }
}
