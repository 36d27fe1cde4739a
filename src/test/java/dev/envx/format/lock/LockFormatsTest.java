package dev.envx.format.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envx.diag.EnvxException;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/** Credentials, bad input, version checks and pylock.toml validity, over small locks and the shared ones. */
class LockFormatsTest {
  private static final String TOKEN = "tk-PLANTED-0123456789";
  private static final String PASSWORD = "PLANTEDSECRET";

  /** A conda-lock.yml with a token and a password in channel and package URLs, and one pip package. */
  static final String SECRET_LOCK = """
      version: 1
      metadata:
        content_hash:
          linux-64: 74b9b82333bad461da874bac86ac55f9ac26d57510234e36571d0a0f43fb9c2d
        channels:
        - url: https://conda.example.com/t/%1$s/private
          used_env_vars: []
        - url: https://alice:%2$s@conda.example.com/other
          used_env_vars: []
        platforms:
        - linux-64
        sources:
        - environment.yml
      package:
      - name: zlib
        version: 1.2.8
        manager: conda
        platform: linux-64
        dependencies: {}
        url: https://conda.example.com/t/%1$s/private/linux-64/zlib-1.2.8-3.tar.bz2
        hash:
          md5: 6b3dbbf50432b3e2a271b5e46877bcfc
          sha256: 85fcb6906b8686fe6341db89b4e6fc2631ad69ee6eab2f4823bfd64ae0b20ac8
        category: main
        optional: false
      - name: six
        version: 1.16.0
        manager: pip
        platform: linux-64
        dependencies: {}
        url: https://bob:%2$s@pypi.example.com/packages/six-1.16.0-py2.py3-none-any.whl
        hash:
          sha256: 8abb2f1d86890a2dfb989f9a77cfcfd3e47c2a354b01111771326f8aa26e0254
        category: main
        optional: false
      """.formatted(TOKEN, PASSWORD);

  @ParameterizedTest
  @EnumSource(LockFormat.class)
  void plantedCredentialsReachNoWrittenFormat(LockFormat f) {
    LockRead read = Lockfiles.parse(SECRET_LOCK, "conda-lock.yml", null);
    assertThat(read.warnings()).extracting(Object::toString).anySatisfy(w -> assertThat(w).contains("removed"));
    for (LockWrite.File file : Lockfiles.write(read.lock(), f).files()) {
      assertThat(file.text()).doesNotContain(TOKEN).doesNotContain(PASSWORD).doesNotContain("alice")
          .doesNotContain("bob:");
      if (f == LockFormat.CONDA_LOCK || f == LockFormat.PIXI) {
        assertThat(file.text()).contains("/t/${ENVX_TOKEN}/private").contains("${ENVX_USER}:${ENVX_PASSWORD}@");
        // and the references survive a round trip
        Lockfile again = Lockfiles.parse(file.text(), f.defaultFileName(), f).lock();
        assertThat(again.channels()).containsExactlyElementsOf(read.lock().channels());
      }
    }
    assertThat(read.lock().channels()).containsExactly("https://conda.example.com/t/${ENVX_TOKEN}/private",
        "https://${ENVX_USER}:${ENVX_PASSWORD}@conda.example.com/other");
  }

  @Test
  void condaLockTestLockLosesItsAuthLikeNoAuthLock() throws IOException {
    Path dir = SharedData.require("lockfiles/explicit/conda-lock-misc");
    Lockfile lock = Lockfiles.read(dir.resolve("test.lock")).lock();
    for (LockFormat f : LockFormat.values()) {
      for (LockWrite.File file : Lockfiles.write(lock, f).files()) {
        assertThat(file.text()).as("%s", f).doesNotContain("password").doesNotContain("user:");
      }
    }
    String explicit = Lockfiles.write(lock, LockFormat.EXPLICIT).text();
    List<String> want = Files.readAllLines(dir.resolve("no-auth.lock")).stream().filter(l -> !l.isBlank()).toList();
    List<String> got = explicit.lines().filter(l -> l.startsWith("http") || l.startsWith("# pip")).toList();
    assertThat(got).containsExactlyInAnyOrderElementsOf(want);
  }

  @Test
  void newerVersionsAreRejectedNamingBothVersions() {
    assertThatThrownBy(() -> Lockfiles.parse("version: 8\nenvironments: {}\npackages: []\n", "pixi.lock", null))
        .isInstanceOfSatisfying(EnvxException.class, e -> {
          assertThat(e.exitCode()).isEqualTo(2);
          assertThat(e.first().oneLine()).isEqualTo(
              "pixi.lock:1:10: error: this pixi.lock has version 8, newer than envx knows (newest: pixi.lock 7)");
        });
    assertThatThrownBy(() -> Lockfiles.parse("version: 4\nmetadata: {}\npackage: []\n", "conda-lock.yml", null))
        .isInstanceOfSatisfying(EnvxException.class, e -> assertThat(e.first().oneLine())
            .contains("conda-lock.yml:1:10:").contains("version 4").contains("newest: conda-lock.yml 1"));
    assertThatThrownBy(() -> Lockfiles.parse("lock-version = \"2.0\"\ncreated-by = \"x\"\n", "pylock.toml", null))
        .isInstanceOfSatisfying(EnvxException.class, e -> assertThat(e.first().oneLine())
            .contains("pylock.toml:1:1:").contains("lock-version 2.0").contains("newest: 1.0"));
  }

  @Test
  void truncatedAndMistypedFilesPointAtTheProblem() throws IOException {
    Path f = SharedData.require("lockfiles/conda-lock-v1/conda-lock__test-update-filter-platform")
        .resolve("conda-lock.yml");
    String text = Files.readString(f);
    String truncated = text.substring(0, text.indexOf("hash:") + 12);
    assertThatThrownBy(() -> Lockfiles.parse(truncated, "conda-lock.yml", null))
        .isInstanceOfSatisfying(EnvxException.class, e -> {
          assertThat(e.exitCode()).isEqualTo(2);
          assertThat(e.first().span()).isNotNull();
          assertThat(e.first().oneLine()).startsWith("conda-lock.yml:");
        });
    String wrongType = text.replace("  platforms:\n  - linux-64\n  - osx-64", "  platforms: 5");
    assertThatThrownBy(() -> Lockfiles.parse(wrongType, "conda-lock.yml", null))
        .isInstanceOfSatisfying(EnvxException.class, e -> assertThat(e.first().oneLine())
            .matches("conda-lock.yml:\\d+:\\d+: error: expected a list for `metadata.platforms`, found `5`"));
    String badHash = text.replace("6b3dbbf50432b3e2a271b5e46877bcfc", "xyz");
    assertThat(Lockfiles.parse(badHash, "conda-lock.yml", null).warnings()).isNotEmpty();
    assertThatThrownBy(() -> Lockfiles.parse("version: 6\nenvironments:\n  default:\n    packages:\n"
        + "      linux-64:\n      - conda: https://x/linux-64/a-1-0.conda\npackages: []\n", "pixi.lock", null))
        .isInstanceOfSatisfying(EnvxException.class, e -> assertThat(e.first().oneLine())
            .startsWith("pixi.lock:6:9: error: no package in `packages:` matches"));
    assertThatThrownBy(() -> Lockfiles.parse("lock-version = \"1.0\"\n[[packages]]\nname = \"a\nversion", "pylock.toml",
        null)).isInstanceOfSatisfying(EnvxException.class, e -> assertThat(e.first().oneLine())
            .startsWith("pylock.toml:3:").contains("invalid TOML"));
    assertThatThrownBy(() -> Lockfiles.parse("@EXPLICIT\nnot a url\n", "x.lock", null))
        .isInstanceOfSatisfying(EnvxException.class, e -> assertThat(e.first().oneLine())
            .isEqualTo("x.lock:2:1: error: expected a package URL, found `not a url`"));
  }

  @Test
  void valuesTheRecordsRejectAreErrorsAtTheirPlace() throws IOException {
    Path f = SharedData.require("lockfiles/conda-lock-v1/conda-lock__test-update-filter-platform")
        .resolve("conda-lock.yml");
    String text = Files.readString(f);
    // a URL with a user-info part loses it, with a warning
    LockRead stripped = Lockfiles.parse(text.replace("https://conda.anaconda.org/conda-forge/linux-64/zlib-1.2.8-3"
        + ".tar.bz2", "file://x@y/linux-64/zlib-1.2.8-3.tar.bz2"), "conda-lock.yml", null);
    assertThat(stripped.warnings()).isNotEmpty();
    assertThat(stripped.lock().defaultEnvironment().packages("linux-64").get(0).location()).hasValue(
        "file://y/linux-64/zlib-1.2.8-3.tar.bz2");
    // a wrong type, a missing key
    for (String[] c : new String[][] {
        {"  version: 1.2.8\n  manager: conda\n  platform: linux-64", "  version: []\n  manager: conda\n  platform: linux-64"},
        {"- name: zlib\n  version: 1.2.8\n  manager: conda\n  platform: linux-64\n", "- version: 1.2.8\n  manager: conda\n"
            + "  platform: linux-64\n"}}) {
      String bad = text.replace(c[0], c[1]);
      assertThat(bad).isNotEqualTo(text);
      assertThatThrownBy(() -> Lockfiles.parse(bad, "conda-lock.yml", null)).as(c[1])
          .isInstanceOfSatisfying(EnvxException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(2);
            assertThat(e.first().oneLine()).as(c[1]).matches("conda-lock.yml:(2[6-9]|3\\d):\\d+: error: .*");
          });
    }
    // every value of a pixi.lock with source packages in turn a URL with user info: read (stripped) or rejected
    String pixi = Files.readString(SharedData.require("lockfiles/pixi-lock/rattler-test-data/v7")
        .resolve("pixi-build-pinned-source-lock.yml"));
    List<String> lines = pixi.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      List<String> copy = new java.util.ArrayList<>(lines);
      copy.set(i, copy.get(i).replaceFirst("(: |- )\\S.*$", "$1file://x@y/"));
      String bad = String.join("\n", copy) + "\n";
      try {
        LockEnvironment env = Lockfiles.parse(bad, "pixi.lock", null).lock().defaultEnvironment();
        assertThat(env.channels()).noneMatch(c -> c.contains("x@"));
        assertThat(env.allEntries()).allSatisfy(e -> assertThat(e.location().orElse("")).doesNotContain("x@"));
      } catch (EnvxException e) {
        assertThat(e.first().oneLine()).as(bad).matches("pixi.lock:\\d+:\\d+: error: .*");
      }
    }
    assertThat(Lockfiles.parse("@EXPLICIT\nfile://x@y/linux-64/a-1-0.conda\n", "x.lock", null).lock()
        .defaultEnvironment().allEntries().get(0).location()).hasValue("file://y/linux-64/a-1-0.conda");
    assertThatThrownBy(() -> Lockfiles.parse("lock-version = \"1.0\"\n[[packages]]\nname = \"a\\u00\"\n", "pylock.toml",
        null)).isInstanceOfSatisfying(EnvxException.class, e -> assertThat(e.first().oneLine())
            .startsWith("pylock.toml:3:").contains("invalid TOML"));
    assertThatThrownBy(() -> Lockfiles.parse(text.replace("  category: main", "  category: \u0001"), "conda-lock.yml",
        null)).isInstanceOfSatisfying(EnvxException.class, e -> assertThat(e.first().oneLine())
            .isEqualTo("conda-lock.yml:36:13: error: invalid YAML: special characters are not allowed"));
  }

  @Test
  void pylockKeepsOnlyThePypiPartWithExactlyOneWarning() {
    LockRead read = Lockfiles.parse(SECRET_LOCK, "conda-lock.yml", null);
    LockWrite w = Lockfiles.write(read.lock(), LockFormat.PYLOCK);
    assertThat(w.warnings()).filteredOn(d -> d.message().contains("conda")).hasSize(1);
    assertThat(w.text()).contains("name = \"six\"").doesNotContain("zlib");
  }

  /** The keys pylock.schema.json requires and allows, checked on every pylock.toml envx writes from real locks. */
  @Test
  void writtenPylockFilesMatchTheSchemaKeys(@TempDir Path tmp) throws Exception {
    Path lockfiles = SharedData.require("lockfiles");
    JsonNode def = new ObjectMapper().readTree(lockfiles.resolve("pylock/pylock.schema.json").toFile())
        .path("definitions").path("1.0");
    List<Path> inputs = List.of(lockfiles.resolve("pylock/comfy-cli/pylock.toml"),
        lockfiles.resolve("pylock/pdm-demo/pylock.toml"),
        lockfiles.resolve("pylock/pypa-packaging__pylock.spec-example.toml"),
        lockfiles.resolve("pixi-lock/pixi-repo/v6__ex-pypi/pixi.lock"),
        lockfiles.resolve("conda-lock-v1/conda-lock__test-lockfile/conda-lock.yml"));
    int n = 0;
    for (Path in : inputs) {
      String text = Lockfiles.write(Lockfiles.read(in).lock(), LockFormat.PYLOCK).text();
      TomlParseResult t = Toml.parse(text);
      assertThat(t.errors()).isEmpty();
      for (JsonNode r : def.path("required")) {
        assertThat(t.contains(r.asText())).as("%s: required `%s`", in, r.asText()).isTrue();
      }
      JsonNode pkg = def.path("properties").path("packages").path("items");
      TomlArray packages = t.getArray("packages");
      for (int i = 0; i < packages.size(); i++) {
        TomlTable p = packages.getTable(i);
        for (JsonNode r : pkg.path("required")) {
          assertThat(p.contains(r.asText())).isTrue();
        }
        for (String k : p.keySet()) {
          assertThat(names(pkg.path("properties"))).as("%s: package key `%s`", in, k).contains(k);
        }
        assertThat(p.contains("vcs") && (p.contains("wheels") || p.contains("sdist"))).isFalse();
      }
      Files.writeString(tmp.resolve("pylock-" + n++ + ".toml"), text);
    }
    pythonReads(tmp);
  }

  private static List<String> names(JsonNode props) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = props.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  /** python3's tomllib reads each file, and packaging.pylock (when this Python has it) validates it. */
  private static void pythonReads(Path dir) throws Exception {
    String script = """
        import sys, tomllib, pathlib
        for p in sorted(pathlib.Path(sys.argv[1]).glob('*.toml')):
            d = tomllib.loads(p.read_text())
            assert d['lock-version'] == '1.0' and d['packages'] is not None, p
            try:
                from packaging.pylock import Pylock
            except ImportError:
                continue
            Pylock.from_dict(d)
        print('ok')
        """;
    Process proc;
    try {
      proc = new ProcessBuilder("python3", "-c", script, dir.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeTrue(false, "python3 not available");
      return;
    }
    assertThat(proc.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(out.strip()).as(out).endsWith("ok");
  }

  @Test
  void inputHashSurvivesEveryFormat() {
    String hash = "sha256:" + "ab".repeat(32);
    Lockfile lock = Lockfiles.parse(SECRET_LOCK, "conda-lock.yml", null).lock();
    lock = lock.withMetadata(lock.metadata().withInputHash(hash));
    for (LockFormat f : LockFormat.values()) {
      LockWrite.File file = Lockfiles.write(lock, f).files().get(0);
      assertThat(Lockfiles.parse(file.text(), f.defaultFileName(), f).lock().metadata().inputHash()).as("%s", f)
          .isEqualTo(hash);
    }
    assertThat(Map.of()).isEmpty();
    assertThat(Set.of(lock.platforms())).isNotEmpty();
  }
}
