package dev.envx.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envx.format.lock.Hashes;
import dev.envx.format.lock.LockedPackage;
import dev.envx.model.pep440.Pep440Version;
import dev.envx.model.pep508.PyPiName;
import dev.envx.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real wheels (Debian's pip, setuptools and wheel, and PyPI wheels from ../shared/data/pypi) installed into a
 * prefix work with Debian's python3: they import, {@code pip list --path} lists them, their scripts run.
 */
class WheelInstallTest {
  private static final Path DEBIAN_WHEELS = Path.of("/usr/share/python-wheels");
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final List<String> FROM_PYPI = List.of("idna", "six", "packaging", "markupsafe", "jmespath",
      "ninja", "charset-normalizer");

  @TempDir Path tmp;

  static LockedPackage.Pypi wheel(Path file, String sha256) {
    String[] parts = file.getFileName().toString().split("-");
    return new LockedPackage.Pypi(PyPiName.of(parts[0]), Pep440Version.parse(parts[1]), file.toUri().toString(),
        file.getFileName().toString(), sha256 == null ? Hashes.NONE : Hashes.sha256(sha256), -1, List.of(), null,
        List.of());
  }

  static LockedPackage.Pypi fromMirror(String project) throws Exception {
    Path simple = SharedData.require("pypi/simple");
    JsonNode page = new ObjectMapper().readTree(simple.resolve(project).resolve("index.json").toFile());
    for (JsonNode f : page.get("files")) {
      String name = f.get("filename").asText();
      if (name.endsWith(".whl") && f.path("envx-mirror").path("body").asBoolean()
          && (name.contains("py3-none") || name.contains("cp311"))) {
        return wheel(simple.resolve(project).resolve(f.get("url").asText()).normalize(),
            f.get("hashes").get("sha256").asText());
      }
    }
    throw new AssertionError("no wheel body for " + project);
  }

  private List<LockedPackage> debianWheels() throws Exception {
    List<LockedPackage> out = new ArrayList<>();
    for (String w : List.of("pip", "setuptools", "wheel")) {
      try (var s = Files.newDirectoryStream(DEBIAN_WHEELS, w + "-*.whl")) {
        for (Path p : s) {
          out.add(wheel(p, Digests.of(p).sha256()));
        }
      }
    }
    return out;
  }

  @Test
  void installedWheelsWorkWithDebiansPython() throws Exception {
    assumeTrue(Files.isExecutable(PYTHON), "skipped: /usr/bin/python3 not found");
    assumeTrue(Files.isDirectory(DEBIAN_WHEELS),
        "skipped: /usr/share/python-wheels missing (apt-get install python3-pip-whl python3-setuptools-whl "
            + "python3-wheel-whl)");
    String version = Trees.run(tmp, Map.of(), PYTHON.toString(), "-c",
        "import sys; print('%d.%d' % sys.version_info[:2])").strip();
    List<LockedPackage> wanted = new ArrayList<>(debianWheels());
    assumeTrue(wanted.size() == 3, "skipped: Debian's pip, setuptools and wheel wheels are not all installed");
    for (String p : FROM_PYPI) {
      wanted.add(fromMirror(p));
    }
    Path prefix = tmp.resolve("env");
    PythonTarget python = new PythonTarget(version, PYTHON.toString());
    Installer installer = new Installer(new PackageCache(tmp.resolve("cache"), Transport.offline()), 2);
    installer.apply(Planner.plan(wanted, PrefixState.read(prefix), python));

    Path sp = prefix.resolve(python.sitePackages());
    Map<String, String> env = Map.of("PYTHONPATH", sp.toString(), "PYTHONNOUSERSITE", "1");
    // Debian's python3.11 ships its own distutils: setuptools 66's distutils hack asserts when pip is imported
    // first, however the files got there (a plain unzip of the same wheels fails the same way), so the
    // `import pip, setuptools` order runs with setuptools told to use the stdlib distutils
    Map<String, String> stdlibDistutils = new java.util.HashMap<>(env);
    stdlibDistutils.put("SETUPTOOLS_USE_DISTUTILS", "stdlib");
    String imported = Trees.run(tmp, stdlibDistutils, PYTHON.toString(), "-c",
        "import pip, setuptools, wheel, idna, six, packaging, markupsafe, jmespath, charset_normalizer;"
            + "print(pip.__file__); print(setuptools.__file__); print(markupsafe.escape('<b>'))");
    assertThat(Trees.run(tmp, env, PYTHON.toString(), "-c", "import setuptools, pip, wheel; print(wheel.__file__)"))
        .contains(sp.resolve("wheel").toString());
    assertThat(imported).contains(sp.resolve("pip/__init__.py").toString(),
        sp.resolve("setuptools/__init__.py").toString(), "&lt;b&gt;");

    String list = Trees.run(tmp, Map.of("PYTHONNOUSERSITE", "1"), PYTHON.toString(), "-m", "pip", "list",
        "--path", sp.toString(), "--format", "freeze", "--disable-pip-version-check");
    assertThat(list).contains("pip==23.0.1", "idna==3.20", "six==1.17.0", "MarkupSafe==3.0.3", "jmespath==",
        "ninja==", "charset-normalizer==");
    // INSTALLER, RECORD with the installed files' hashes and sizes, direct_url.json for a path install
    Path distInfo = sp.resolve("idna-3.20.dist-info");
    assertThat(Files.readString(distInfo.resolve("INSTALLER"))).isEqualTo("envx\n");
    assertThat(Files.readString(distInfo.resolve("direct_url.json"))).contains("\"url\" : \"file:", "sha256=");
    for (Path d : List.of(distInfo, sp.resolve("pip-23.0.1.dist-info"), sp.resolve("jmespath-1.1.0.dist-info"))) {
      checkRecord(sp, d);
    }
    // the installed pip console script runs, with the environment's python in its shebang
    assertThat(Files.readString(prefix.resolve("bin/pip"))).startsWith("#!" + PYTHON + "\n");
    assertThat(Trees.run(tmp, env, prefix.resolve("bin/pip").toString(), "--version"))
        .startsWith("pip 23.0.1 from " + sp.resolve("pip"));
    // a .data/scripts script with #!python, rewritten; a binary script kept byte for byte and executable
    assertThat(Files.readString(prefix.resolve("bin/jp.py"))).startsWith("#!" + PYTHON + "\n");
    assertThat(Trees.run(tmp, env, prefix.resolve("bin/ninja").toString(), "--version")).startsWith("1.13.2");
    // importlib.metadata sees the distribution, its installer and every file of its RECORD
    assertThat(Trees.run(tmp, env, PYTHON.toString(), "-c", "import importlib.metadata as m; d = m.distribution("
        + "'idna'); print(d.version, d.read_text('INSTALLER').strip(), all(f.locate().exists() for f in d.files))"))
        .isEqualTo("3.20 envx True\n");

    // no-op, then dropping six removes its files and its dist-info
    PrefixState state = PrefixState.read(prefix);
    assertThat(state.wheels()).hasSize(wanted.size());
    assertThat(Planner.plan(wanted, state, python).isNoop()).isTrue();
    List<LockedPackage> fewer = wanted.stream().filter(w -> !w.displayName().equals("six")).toList();
    installer.apply(Planner.plan(fewer, state, python));
    assertThat(sp.resolve("six.py")).doesNotExist();
    assertThat(sp.resolve("six-1.17.0.dist-info")).doesNotExist();
    assertThat(sp.resolve("idna/__init__.py")).exists();
  }

  /** Every RECORD line but RECORD's own names an existing file with that sha256 and size. */
  static void checkRecord(Path sp, Path distInfo) throws Exception {
    List<String> lines = Files.readAllLines(distInfo.resolve("RECORD"), StandardCharsets.UTF_8);
    assertThat(lines).isNotEmpty();
    for (String line : lines) {
      String[] f = line.split(",");
      if (f[0].endsWith(".dist-info/RECORD")) {
        assertThat(line).endsWith(",,");
        continue;
      }
      Path file = sp.resolve(f[0]).normalize();
      byte[] bytes = Files.readAllBytes(file);
      assertThat(f[1]).as(line).isEqualTo("sha256=" + Base64.getUrlEncoder().withoutPadding()
          .encodeToString(Digests.sha256().digest(bytes)));
      assertThat(Long.parseLong(f[2])).as(line).isEqualTo(bytes.length);
    }
  }
}
