package dev.envx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.testing.CliRun;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A channel behind a conda token and one behind basic auth (mockwebserver serving the real local channel): no
 * written lock format, no message and no cache file holds a secret; the lock names the variables instead.
 */
class LockCredentialsTest {
  private static final String TOKEN = "tk-PLANTED-4242";
  private static final String PASSWORD = "pw-PLANTED-9999";
  @TempDir Path tmp;

  @Test
  void noSecretReachesAnyWrittenFormat() throws Exception {
    Path channel = SharedData.require("packages/conda-forge-local-channel");
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest r) {
          String path = r.getPath();
          seen.add(path + " " + r.getHeader("Authorization"));
          String rest = path.startsWith("/t/" + TOKEN + "/chan/") ? path.substring(("/t/" + TOKEN + "/chan/").length())
              : path.startsWith("/auth/") ? path.substring("/auth/".length())
              : null;
          Path f = rest == null ? null : channel.resolve(rest).normalize();
          if (f == null || !f.startsWith(channel) || !Files.isRegularFile(f)) {
            return new MockResponse().setResponseCode(rest == null ? 401 : 404);
          }
          try {
            return new MockResponse().setBody(new Buffer().write(Files.readAllBytes(f)));
          } catch (IOException e) {
            return new MockResponse().setResponseCode(500);
          }
        }
      });
      server.start();
      String base = "http://" + server.getHostName() + ":" + server.getPort();
      Path dir = Files.createDirectories(tmp.resolve("project"));
      Path manifest = dir.resolve("environment.yml");
      Files.writeString(manifest, "channels:\n  - " + base + "/t/" + TOKEN + "/chan\n"
          + "  - http://envx:" + PASSWORD + "@" + server.getHostName() + ":" + server.getPort() + "/auth\n"
          + "platforms: [linux-64]\ndependencies:\n  - xz\n");
      Map<String, String> env = Map.of("ENVX_CACHE_DIR", tmp.resolve("cache").toString());
      List<String> messages = new ArrayList<>();
      for (String[] f : new String[][] {{"conda-lock", "conda-lock.yml"}, {"pixi", "pixi.lock"},
          {"pylock", "pylock.toml"}, {"explicit", "conda-linux-64.lock"}}) {
        CliRun run = CliRun.runWithInput("", env, "lock", "-f", manifest.toString(), "--format", f[0], "-o",
            dir.resolve(f[1]).toString());
        assertThat(run.exitCode()).as(f[0] + ": " + run.err()).isZero();
        messages.add(run.out() + run.err());
      }
      assertThat(seen).as("the token was used").anyMatch(s -> s.contains("/t/" + TOKEN + "/"));
      // (the index client does not send a channel URL's user and password yet: the server does not ask)
      String condaLock = Files.readString(dir.resolve("conda-lock.yml"));
      assertThat(condaLock).contains("/t/${ENVX_TOKEN}/chan", "${ENVX_USER}:${ENVX_PASSWORD}@", "- ENVX_TOKEN",
          "name: xz");
      assertThat(Files.readString(dir.resolve("conda-linux-64.lock"))).contains("/linux-64/xz-5.2.6-");
      List<Path> written = new ArrayList<>();
      try (Stream<Path> s = Files.walk(tmp)) {
        s.filter(Files::isRegularFile).filter(p -> !p.equals(manifest)).forEach(written::add);
      }
      assertThat(written).hasSizeGreaterThan(5);
      for (Path p : written) {
        String text = new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(text).as(p.toString()).doesNotContain(TOKEN).doesNotContain(PASSWORD);
      }
      assertThat(String.join("\n", messages)).doesNotContain(TOKEN).doesNotContain(PASSWORD);
    }
  }

  @Test
  void aPypiIndexTokenReachesNoWrittenFormatMessageOrCacheFile() throws Exception {
    Path mirror = SharedData.require("pypi");
    Path root = SharedData.require("channels").getParent();
    String auth = "Basic " + java.util.Base64.getEncoder().encodeToString(("envx:" + TOKEN)
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest r) {
          String path = r.getPath().replaceFirst("[?#].*$", "");
          seen.add(path + " " + auth.equals(r.getHeader("Authorization")));
          if (!auth.equals(r.getHeader("Authorization"))) {
            return new MockResponse().setResponseCode(401).setHeader("WWW-Authenticate", "Basic realm=\"pypi\"");
          }
          Path f = mirror.resolve(path.substring(1)).normalize();
          if (Files.isDirectory(f)) {
            String accept = String.valueOf(r.getHeader("Accept"));
            f = f.resolve(accept.contains("json") ? "index.json" : "index.html");
          }
          if (!f.startsWith(mirror) || !Files.isRegularFile(f)) {
            return new MockResponse().setResponseCode(404);
          }
          try {
            return new MockResponse().setBody(new Buffer().write(Files.readAllBytes(f))).setHeader("Content-Type",
                f.toString().endsWith(".json") ? "application/vnd.pypi.simple.v1+json" : "text/html");
          } catch (IOException e) {
            return new MockResponse().setResponseCode(500);
          }
        }
      });
      server.start();
      String index = "http://envx:" + TOKEN + "@" + server.getHostName() + ":" + server.getPort() + "/simple/";
      Path dir = Files.createDirectories(tmp.resolve("project"));
      Path manifest = dir.resolve("environment.yml");
      Files.writeString(manifest, "channels:\n  - " + root.resolve("channels/derived-from-pixi-lockfiles/conda-forge")
          + "\nplatforms: [linux-64]\ndependencies:\n  - python 3.11.*\n  - pip\n  - pip:\n    - six>=1.16\n"
          + "    - idna\n");
      Map<String, String> env = Map.of("ENVX_CACHE_DIR", tmp.resolve("cache").toString());
      List<String> messages = new ArrayList<>();
      for (String[] f : new String[][] {{"conda-lock", "conda-lock.yml"}, {"pixi", "pixi.lock"},
          {"pylock", "pylock.toml"}, {"explicit", "conda-linux-64.lock"}}) {
        CliRun run = CliRun.runWithInput("", env, "lock", "-f", manifest.toString(), "--format", f[0], "-o",
            dir.resolve(f[1]).toString(), "--index-url", index);
        assertThat(run.exitCode()).as(f[0] + ": " + run.err()).isZero();
        messages.add(run.out() + run.err());
        CliRun check = CliRun.runWithInput("", env, "--json", "lock", "--check", "-f", manifest.toString(), "-o",
            dir.resolve(f[1]).toString(), "--index-url", index);
        messages.add(check.out() + check.err());
      }
      // a failing run's messages too: the index is asked for a project it does not have
      Path other = dir.resolve("other/environment.yml");
      Files.createDirectories(other.getParent());
      Files.writeString(other, Files.readString(manifest).replace("    - idna\n", "    - no-such-envx-project\n"));
      CliRun missing = CliRun.runWithInput("", env, "lock", "-f", other.toString(), "--index-url", index);
      assertThat(missing.exitCode()).isNotZero();
      messages.add(missing.out() + missing.err());

      assertThat(seen).as("the index was asked with the credentials").anyMatch(x -> x.startsWith("/simple/six/ true"));
      assertThat(Files.readString(dir.resolve("pylock.toml"))).contains("six-1.17.0-py2.py3-none-any.whl");
      assertThat(Files.readString(dir.resolve("pixi.lock"))).contains("http://${ENVX_USER}:${ENVX_PASSWORD}@");
      List<Path> written = new ArrayList<>();
      try (Stream<Path> s = Files.walk(tmp)) {
        s.filter(Files::isRegularFile).filter(p -> !p.equals(manifest) && !p.equals(other)).forEach(written::add);
      }
      assertThat(written).hasSizeGreaterThan(5);
      for (Path p : written) {
        String text = new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(text).as(p.toString()).doesNotContain(TOKEN);
      }
      assertThat(String.join("\n", messages)).contains("no-such-envx-project").doesNotContain(TOKEN);
    }
  }
}
