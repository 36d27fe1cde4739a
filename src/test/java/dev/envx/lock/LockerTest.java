package dev.envx.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envx.diag.Diagnostic;
import dev.envx.diag.EnvxException;
import dev.envx.format.lock.LockFormat;
import dev.envx.format.lock.Lockfiles;
import dev.envx.index.RepodataClient;
import dev.envx.index.RepodataSettings;
import dev.envx.model.conda.ChannelConfig;
import dev.envx.model.conda.Platform;
import dev.envx.resolve.Resolution;
import dev.envx.solve.SolverStats;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Platforms solved side by side: the same lock as one after the other, errors and warnings in platform order. */
class LockerTest {
  private static final List<Platform> FOUR = List.of(Platform.LINUX_64, Platform.OSX_64, Platform.OSX_ARM64,
      Platform.WIN_64);
  private static final SolverStats NO_STATS = new SolverStats(0, 0, 0, 0, 0, 0, 0);
  @TempDir Path tmp;

  private LockInput fourPlatforms() throws IOException {
    Path root = SharedData.require("channels").getParent();
    Path env = tmp.resolve("environment.yml");
    Files.writeString(env, Files.readString(SharedData.projectRoot().resolve("testdata/lock/four-platforms/"
        + "environment.yml")).replace("@SHARED@", root.toString()) + "  - xz  # [linux]\n  - python 3.12.*\n");
    return Manifests.environments(List.of(env), List.of("environment.yml"), List.of(), ChannelConfig.standard(tmp,
        tmp));
  }

  private static String locked(LockInput input, PlatformSolver solver, int parallelism) {
    Locker.Outcome o = Locker.lock(input, solver, null, Locker.Options.defaults().withParallelism(parallelism));
    assertThat(o).isInstanceOf(Locker.Locked.class);
    return Lockfiles.write(((Locker.Locked) o).lock(), LockFormat.CONDA_LOCK).text();
  }

  @Test
  void parallelSolvesGiveTheSameBytesAsSequentialOnesRunAfterRun() throws IOException {
    LockInput input = fourPlatforms();
    RepodataClient client = new RepodataClient(RepodataSettings.of(tmp.resolve("cache")));
    String sequential = locked(input, new CondaPlatformSolver(client, input.channels()), 1);
    assertThat(sequential).contains("platform: win-64", "platform: osx-arm64", "name: xz");
    for (int run = 0; run < 3; run++) {
      // a fresh solver (and cache directory) per run: nothing learned by one run helps the next
      RepodataClient fresh = new RepodataClient(RepodataSettings.of(tmp.resolve("cache-" + run)));
      assertThat(locked(input, new CondaPlatformSolver(fresh, input.channels()), 4)).as("run " + run)
          .isEqualTo(sequential);
    }
  }

  @Test
  void errorsOfSeveralPlatformsComeInPlatformOrderWhateverOrderTheyHappenIn() throws IOException {
    LockInput input = fourPlatforms();
    CountDownLatch lastFailed = new CountDownLatch(1);
    PlatformSolver solver = (p, r) -> {
      if (p == Platform.LINUX_64) {
        await(lastFailed); // the first platform fails after the last one did
      }
      if (p == Platform.WIN_64) {
        lastFailed.countDown();
      }
      if (p == Platform.OSX_64) {
        return new PlatformSolver.Result(new Resolution.Solved(List.of(), NO_STATS), List.of());
      }
      throw EnvxException.failure("no repodata for " + p);
    };
    assertThatThrownBy(() -> Locker.lock(input, solver, null, Locker.Options.defaults().withParallelism(4)))
        .isInstanceOfSatisfying(EnvxException.class, e -> assertThat(e.diagnostics())
            .extracting(Diagnostic::message)
            .containsExactly("no repodata for linux-64", "no repodata for osx-arm64", "no repodata for win-64"));
  }

  @Test
  void unsolvablePlatformsAndWarningsComeInPlatformOrder() throws IOException {
    LockInput input = fourPlatforms();
    CountDownLatch lastDone = new CountDownLatch(1);
    PlatformSolver solver = (p, r) -> {
      if (p == Platform.LINUX_64) {
        await(lastDone);
      }
      if (p == Platform.WIN_64) {
        lastDone.countDown();
      }
      Resolution res = p == Platform.OSX_64 ? new Resolution.Solved(List.of(), NO_STATS)
          : new Resolution.Unsolvable("nothing for " + p, List.of(), NO_STATS);
      return new PlatformSolver.Result(res, List.of(Diagnostic.warning("skipped a record of " + p, null)));
    };
    Locker.Outcome o = Locker.lock(input, solver, null, Locker.Options.defaults().withParallelism(4));
    assertThat(o).isInstanceOfSatisfying(Locker.Unsolvable.class, u -> assertThat(u.platforms().keySet())
        .containsExactly(Platform.LINUX_64, Platform.OSX_ARM64, Platform.WIN_64));
    assertThat(o.warnings()).extracting(Diagnostic::message).containsExactly(FOUR.stream()
        .map(p -> "skipped a record of " + p).toArray(String[]::new));
  }

  /**
   * A channel over HTTP, its {@code repodata.json} answered after a pause, remembering how many platform subdirs
   * (not {@code noarch}) were being fetched at the same time.
   */
  private static final class SlowChannel implements AutoCloseable {
    final okhttp3.mockwebserver.MockWebServer server = new okhttp3.mockwebserver.MockWebServer();
    final java.util.Set<String> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
    final java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();

    SlowChannel(Path channels) throws IOException {
      server.setDispatcher(new okhttp3.mockwebserver.Dispatcher() {
        @Override
        public okhttp3.mockwebserver.MockResponse dispatch(okhttp3.mockwebserver.RecordedRequest r)
            throws InterruptedException {
          String path = r.getRequestUrl().encodedPath().substring(1);
          Path f = channels.resolve(path).normalize();
          if (!f.startsWith(channels) || !Files.isRegularFile(f)) {
            return new okhttp3.mockwebserver.MockResponse().setResponseCode(404);
          }
          String subdir = f.getParent().getFileName().toString();
          boolean platform = f.getFileName().toString().equals("repodata.json") && !subdir.equals("noarch");
          if (platform) {
            inFlight.add(subdir);
            most.accumulateAndGet(inFlight.size(), Math::max);
            Thread.sleep(300);
          }
          try {
            return new okhttp3.mockwebserver.MockResponse().setBody(new okio.Buffer().write(Files.readAllBytes(f)));
          } catch (IOException e) {
            return new okhttp3.mockwebserver.MockResponse().setResponseCode(500);
          } finally {
            inFlight.remove(subdir);
          }
        }
      });
      server.start();
    }

    String url(String channel) {
      return server.url("/" + channel).toString().replaceAll("/$", "");
    }

    @Override
    public void close() throws IOException {
      server.shutdown();
    }
  }

  @Test
  void indexesOfAnHttpChannelLoadSideBySideAndGiveTheSameBytes() throws IOException {
    Path channels = SharedData.require("channels").resolve("derived-from-pixi-lockfiles");
    try (SlowChannel http = new SlowChannel(channels)) {
      Path env = tmp.resolve("environment.yml");
      Files.writeString(env, "channels:\n  - " + http.url("conda-forge") + "\ndependencies:\n  - openssl 3.5.*\n"
          + "  - bzip2\n  - xz  # [linux]\n  - python 3.12.*\n");
      LockInput input = Manifests.environments(List.of(env), List.of("environment.yml"), List.of(),
          ChannelConfig.standard(tmp, tmp));
      String sequential = locked(input, new CondaPlatformSolver(new RepodataClient(RepodataSettings.of(
          tmp.resolve("cache-1"))), input.channels()), 1);
      assertThat(sequential).contains("platform: win-64", "name: xz", "url: " + http.url("conda-forge"));
      assertThat(http.most.get()).isEqualTo(1);
      // one cache folder: a cold run, then a warm one that fetches noarch again for every platform at once
      RepodataClient shared = new RepodataClient(RepodataSettings.of(tmp.resolve("cache-4")));
      for (int run = 0; run < 2; run++) {
        http.most.set(0);
        assertThat(locked(input, new CondaPlatformSolver(shared, input.channels()), 4)).as("run " + run)
            .isEqualTo(sequential);
        // the first platform loads alone (it fills the shared noarch), the other three side by side
        assertThat(http.most.get()).as("platform subdirs fetched at once, run " + run).isGreaterThan(1);
      }
      try (java.util.stream.Stream<Path> files = Files.walk(tmp.resolve("cache-4"))) {
        assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp")
            || n.endsWith(".incoming")).toList()).isEmpty();
      }
    }
  }

  @Test
  void parallelismIsAtLeastOne() {
    assertThatThrownBy(() -> Locker.Options.defaults().withParallelism(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(60, TimeUnit.SECONDS)).as("the other platform ran at the same time").isTrue();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
