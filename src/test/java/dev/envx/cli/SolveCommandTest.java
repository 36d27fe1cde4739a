package dev.envx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envx.testing.CliRun;
import dev.envx.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code envx solve} end to end, offline, over a local channel in a temp dir and over the shared data. */
class SolveCommandTest {
  @TempDir Path tmp;
  Path channel;

  @BeforeEach
  void writeChannel() throws Exception {
    channel = tmp.resolve("chan");
    Files.createDirectories(channel.resolve("linux-64"));
    Files.createDirectories(channel.resolve("noarch"));
    Files.writeString(channel.resolve("linux-64/repodata.json"), """
        {"info": {"subdir": "linux-64"}, "packages.conda": {
          "app-1.0-h_0.conda": {"name": "app", "version": "1.0", "build": "h_0", "build_number": 0,
            "depends": ["lib >=2", "__glibc >=2.17"], "constrains": ["other <2"], "md5": "0123456789abcdef0123456789abcdef",
            "sha256": "0000000000000000000000000000000000000000000000000000000000000001", "size": 1234,
            "license": "MIT", "timestamp": 1700000000, "subdir": "linux-64"},
          "lib-2.1-h_1.conda": {"name": "lib", "version": "2.1", "build": "h_1", "build_number": 1, "depends": [],
            "subdir": "linux-64"},
          "lib-1.0-h_0.conda": {"name": "lib", "version": "1.0", "build": "h_0", "build_number": 0, "depends": [],
            "subdir": "linux-64"},
          "gpu-1.0-cuda_0.conda": {"name": "gpu", "version": "1.0", "build": "cuda_0", "build_number": 0,
            "depends": ["__cuda >=12"], "subdir": "linux-64"}
        }}
        """);
    Files.writeString(channel.resolve("noarch/repodata.json"), """
        {"info": {"subdir": "noarch"}, "packages": {
          "tool-0.5-pyh_0.tar.bz2": {"name": "tool", "version": "0.5", "build": "pyh_0", "build_number": 0,
            "depends": ["lib <2"], "noarch": "python", "subdir": "noarch"}
        }}
        """);
  }

  CliRun run(String... args) {
    Map<String, String> env = Map.of("HOME", tmp.toString(), "ENVX_CACHE_DIR", tmp.resolve("cache").toString(),
        "PWD", tmp.toString());
    return CliRun.runWithInput("", env, args);
  }

  @Test
  void printsATableSortedByName() {
    CliRun r = run("solve", "app", "-c", "./chan", "--platform", "linux-64");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("""
        name  version  build  channel  subdir
        app   1.0      h_0    ./chan   linux-64
        lib   2.1      h_1    ./chan   linux-64
        """);
    assertThat(r.err()).isEmpty();
  }

  @Test
  void jsonCarriesTheLockFields() throws Exception {
    CliRun r = run("solve", "app", "-c", channel.toUri().toString(), "--platform", "linux-64", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.get("platform").asText()).isEqualTo("linux-64");
    assertThat(j.get("virtual_packages").toString()).contains("__glibc=2.17=0");
    JsonNode app = j.get("packages").get(0);
    assertThat(app.get("name").asText()).isEqualTo("app");
    assertThat(app.get("channel").asText()).startsWith("file:///").endsWith("/chan");
    assertThat(app.get("url").asText()).endsWith("/chan/linux-64/app-1.0-h_0.conda");
    assertThat(app.get("fn").asText()).isEqualTo("app-1.0-h_0.conda");
    assertThat(app.get("md5").asText()).isEqualTo("0123456789abcdef0123456789abcdef");
    assertThat(app.get("sha256").asText()).endsWith("01");
    assertThat(app.get("size").asLong()).isEqualTo(1234);
    assertThat(app.get("depends").toString()).isEqualTo("[\"lib >=2\",\"__glibc >=2.17\"]");
    assertThat(app.get("constrains").toString()).isEqualTo("[\"other <2\"]");
    assertThat(app.get("timestamp").asLong()).isEqualTo(1_700_000_000_000L);
    assertThat(app.get("license").asText()).isEqualTo("MIT");
    assertThat(j.get("packages").get(1).get("build_number").asInt()).isEqualTo(1);
  }

  @Test
  void unsolvableExplainsWithHintsAndExitsOne() {
    CliRun r = run("solve", "app", "tool", "-c", "./chan", "--platform", "linux-64");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("error: cannot solve the request for linux-64; the following requirements are "
        + "incompatible:\n")
        .contains("lib >=2", "lib <2", "tool 0.5 pyh_0")
        .contains("  hint: relax or remove one of the requests `app`, `tool`");
    assertThat(r.err().lines().count()).isLessThanOrEqualTo(20);
  }

  @Test
  void virtualPackagesFromOptions() {
    CliRun none = run("solve", "gpu", "-c", "./chan", "--platform", "linux-64");
    assertThat(none.exitCode()).isEqualTo(1);
    assertThat(none.err()).contains("__cuda >=12, for which no candidates were found")
        .contains("hint: `__cuda` is a virtual package of the target system");
    assertThat(run("solve", "gpu", "-c", "./chan", "--platform", "linux-64", "--override-cuda", "12.4").exitCode())
        .isZero();
    assertThat(run("solve", "gpu", "-c", "./chan", "--platform", "linux-64", "--virtual-package", "__cuda=12.0")
        .exitCode()).isZero();
    CliRun noGlibc = run("solve", "app", "-c", "./chan", "--platform", "linux-64", "--virtual-package", "__glibc=");
    assertThat(noGlibc.exitCode()).isEqualTo(1);
    assertThat(noGlibc.err()).contains("__glibc >=2.17");
  }

  @Test
  void pinsAndChannelPriority() {
    CliRun r = run("solve", "lib", "-c", "./chan", "--platform", "linux-64", "--pin", "lib <2",
        "--channel-priority", "flexible");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("lib   1.0");
  }

  @Test
  void badSpecIsAnInputErrorWithACaret() {
    CliRun r = run("solve", "app", "numpy >=>2", "-c", "./chan", "--platform", "linux-64");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("""
        <spec 2>:1:7: error: invalid operator `>=>`
          1 | numpy >=>2
            |       ^^^
          hint: use one of `==`, `!=`, `<`, `<=`, `>`, `>=`, `=`, `~=`
        """);
  }

  @Test
  void badOptionsAreInputErrors() {
    CliRun p = run("solve", "app", "-c", "./chan", "--channel-priority", "sometimes", "--platform", "linux-64");
    assertThat(p.exitCode()).isEqualTo(2);
    assertThat(p.err()).contains("unknown channel priority `sometimes`").contains("strict, flexible, disabled");
    CliRun q = run("solve", "app", "-c", "./chan", "--platform", "linux-65");
    assertThat(q.exitCode()).isEqualTo(2);
    assertThat(q.err()).contains("unknown platform `linux-65`");
    CliRun s = run("solve", "*", "-c", "./chan", "--platform", "linux-64");
    assertThat(s.exitCode()).isEqualTo(2);
    assertThat(s.err()).contains("a request needs an exact package name");
    CliRun c = run("solve", "app", "-c", "./missing", "--platform", "linux-64");
    assertThat(c.exitCode()).isEqualTo(1);
    assertThat(c.err()).contains("does not exist");
  }

  @Test
  void solvesOverTheSharedCondaForgeRecordsOffline() {
    Path cf = SharedData.require("channels/derived-from-pixi-lockfiles/conda-forge");
    CliRun r = run("solve", "numpy >=2", "python=3.12", "-c", cf.toString(), "--platform", "linux-64", "--offline");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("(?m)^numpy +2\\.2\\.2 +py312h72c5963_0 ")
        .containsPattern("(?m)^python +3\\.12\\.13 ");
  }

  @Test
  void offlineComesFromTheGlobalFlagOrEnvxOfflineForSolveToo() {
    // a remote channel with an empty cache: offline, the answer names the missing cache instead of fetching
    java.util.Map<String, String> env = java.util.Map.of("ENVX_CACHE_DIR", tmp.resolve("cache").toString(),
        "ENVX_OFFLINE", "1");
    CliRun viaEnv = CliRun.runWithInput("", env, "solve", "numpy", "-c", "https://conda.example.invalid/chan",
        "--platform", "linux-64");
    CliRun viaFlag = CliRun.runWithInput("", java.util.Map.of("ENVX_CACHE_DIR", tmp.resolve("cache").toString()),
        "--offline", "solve", "numpy", "-c", "https://conda.example.invalid/chan", "--platform", "linux-64");
    assertThat(viaEnv.exitCode()).as(viaEnv.err()).isNotZero();
    assertThat(viaEnv.err()).containsIgnoringCase("offline");
    assertThat(viaFlag.err()).isEqualTo(viaEnv.err());
  }

  @Test
  void aBareRelativeFolderIsAChannelNameAndTheHintSaysHowToUseTheFolder() {
    // run from the project root, where testdata/cli/channel is a folder; conda reads `a/b/c` as a name too
    CliRun r = CliRun.runWithInput("", java.util.Map.of("ENVX_CACHE_DIR", tmp.resolve("cache").toString()),
        "--offline", "solve", "numpy", "-c", "testdata/cli/channel", "--platform", "linux-64");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("is not cached").contains("`./testdata/cli/channel`");
    CliRun local = CliRun.runWithInput("", java.util.Map.of("ENVX_CACHE_DIR", tmp.resolve("cache").toString()),
        "--offline", "solve", "numpy", "-c", "./testdata/cli/channel", "--platform", "linux-64");
    assertThat(local.exitCode()).as(local.err()).isZero();
  }
}
