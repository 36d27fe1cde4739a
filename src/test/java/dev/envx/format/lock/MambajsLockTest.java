package dev.envx.format.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envx.diag.EnvxException;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The mambajs JSON lock: the real files read and written back to the same JSON, and bad input located. */
class MambajsLockTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String SMALL = """
      {
        "lockVersion": "1.0.1",
        "platform": "linux-64",
        "channels": ["conda-forge"],
        "channelInfo": {"conda-forge": [{"url": "https://prefix.dev/conda-forge/", "protocol": "https"}]},
        "packages": {
          "xz-5.2.6-h166bdaf_0.tar.bz2": {
            "name": "xz", "build": "h166bdaf_0", "version": "5.2.6", "subdir": "linux-64",
            "channel": "conda-forge",
            "hash": {"md5": "2161070d867d1b1204ea749c8eec4ef0"}
          }
        },
        "pipPackages": {
          "six-1.16.0-py2.py3-none-any.whl": {
            "name": "six", "version": "1.16.0", "registry": "PyPi",
            "url": "https://files.pythonhosted.org/packages/six-1.16.0-py2.py3-none-any.whl"
          }
        }
      }
      """;

  static Stream<String> jsonLocks() throws IOException {
    Path d = SharedData.require("lockfiles/mamba");
    try (Stream<Path> s = Files.walk(d)) {
      return s.filter(p -> p.getFileName().toString().matches(".*-lock.*\\.json"))
          .map(p -> d.relativize(p).toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jsonLocks")
  void realLockWrittenBackIsTheSameJson(String rel) throws IOException {
    Path p = SharedData.require("lockfiles/mamba").resolve(rel);
    LockRead read = Lockfiles.read(p);
    assertThat(read.format()).isEqualTo(LockFormat.MAMBAJS);
    assertThat(read.warnings()).isEmpty();
    JsonNode original = JSON.readTree(p.toFile());
    assertThat(read.lock().platforms()).containsExactly(original.get("platform").asText());
    assertThat(read.lock().defaultEnvironment().allEntries())
        .hasSize(original.get("packages").size() + original.get("pipPackages").size())
        .allSatisfy(e -> assertThat(e.location()).as(e.name()).isPresent());
    String written = Lockfiles.write(read.lock(), LockFormat.MAMBAJS).text();
    assertThat(JSON.readTree(written)).as("%s read and written (JSON objects compared without key order)", rel)
        .isEqualTo(original);
  }

  @Test
  void condaUrlsComeFromTheChannelsFirstMirror() {
    Lockfile lock = Lockfiles.parse(SMALL, "env-lock-linux-64.json", null).lock();
    var entries = lock.defaultEnvironment().packages("linux-64");
    assertThat(entries).hasSize(2);
    LockedPackage.Conda xz = (LockedPackage.Conda) ((LockEntry.Resolved) entries.get(0)).pkg();
    assertThat(xz.url()).isEqualTo("https://prefix.dev/conda-forge/linux-64/xz-5.2.6-h166bdaf_0.tar.bz2");
    assertThat(xz.channel()).isEqualTo("conda-forge");
    assertThat(xz.hashes()).isEqualTo(new Hashes("2161070d867d1b1204ea749c8eec4ef0", null));
    LockedPackage.Pypi six = (LockedPackage.Pypi) ((LockEntry.Resolved) entries.get(1)).pkg();
    assertThat(six.location()).hasValue("https://files.pythonhosted.org/packages/six-1.16.0-py2.py3-none-any.whl");
    assertThat(lock.channels()).containsExactly("conda-forge");
  }

  @Test
  void detectedByContentAndByName() {
    assertThat(Lockfiles.detect(SMALL, "whatever.txt")).isEqualTo(LockFormat.MAMBAJS);
    assertThat(LockFormat.fromFileName("test-env-lock-linux-64.json")).hasValue(LockFormat.MAMBAJS);
    assertThat(LockFormat.fromLabel("mambajs")).hasValue(LockFormat.MAMBAJS);
  }

  @Test
  void convertedFromCondaLockAndBack() {
    Lockfile lock = Lockfiles.parse(LockFormatsTest.SECRET_LOCK, "conda-lock.yml", null).lock();
    String json = Lockfiles.write(lock, LockFormat.MAMBAJS).text();
    Lockfile again = Lockfiles.parse(json, "x-lock-linux-64.json", null).lock();
    assertThat(LockSummary.of(again, e -> true)).containsExactlyElementsOf(LockSummary.of(lock, e -> true));
  }

  @Test
  void aNewerLockVersionNamesBothVersions() {
    String text = SMALL.replace("\"1.0.1\"", "\"2.0.0\"");
    assertThatThrownBy(() -> Lockfiles.parse(text, "env-lock-linux-64.json", null))
        .isInstanceOfSatisfying(EnvxException.class, e -> {
          assertThat(e.exitCode()).isEqualTo(2);
          assertThat(e.first().oneLine()).isEqualTo("env-lock-linux-64.json:2:18: error: this mambajs lock has "
              + "version 2.0.0, newer than envx knows (newest: 1.0.1)");
        });
  }

  @Test
  void badInputIsLocated() {
    expect(SMALL.substring(0, 200), "env-lock-linux-64.json:6:15:", "invalid JSON");
    expect(SMALL.replace("[\"conda-forge\"],", "[\"conda-forge\"],,"), ":4:31:", "invalid JSON");
    expect(SMALL.replace("2161070d867d1b1204ea749c8eec4ef0", "beef"), ":10:15:", "md5 digest is 32 hex digits");
    expect(SMALL.replace("\"name\": \"xz\", ", ""), ":7:36:", "has no `name`");
    expect(SMALL.replace("\"version\": \"5.2.6\"", "\"version\": \"\""), ":8:55:", "invalid conda version");
    expect(SMALL.replace("\"platform\": \"linux-64\"", "\"platform\": \"linux-99\""), ":3:15:", "linux-99");
    expect(SMALL.replace("\"name\": \"six\"", "\"name\": \"six six\""), ":14:40:", "invalid PyPI project name");
    expect("[1, 2]", "a mambajs lock is a JSON object");
    expect(SMALL.replace("\"lockVersion\": \"1.0.1\",", "\"lockVersion\": \"1.0.1\", \"lockVersion\": \"1.0.1\","),
        ":2:40:", "invalid JSON", "duplicate");
  }

  private static void expect(String text, String... parts) {
    assertThatThrownBy(() -> Lockfiles.parse(text, "env-lock-linux-64.json", LockFormat.MAMBAJS))
        .isInstanceOfSatisfying(EnvxException.class, e -> {
          assertThat(e.exitCode()).isEqualTo(2);
          assertThat(e.first().span()).as("a place for %s", e.first().oneLine()).isNotNull();
          assertThat(e.first().oneLine()).contains(parts);
        });
  }
}
