package dev.envx.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConditionalCacheTest {
  @TempDir Path tmp;
  private static final Instant T0 = Instant.ofEpochSecond(1_700_000_000);
  private static final ConditionalCache.Key KEY = new ConditionalCache.Key("conda-forge-linux-64",
      "https://conda.anaconda.org/conda-forge/linux-64");

  private ConditionalCache cache() {
    return new ConditionalCache(tmp.resolve("c"));
  }

  private static ConditionalCache.Entry put(ConditionalCache c, String body, Validators v) throws IOException {
    return c.store(KEY, "https://conda.anaconda.org/conda-forge/linux-64/repodata.json", v,
        Optional.of("application/json"), Optional.of(Duration.ofSeconds(60)),
        ConditionalCache.bytes(body.getBytes(StandardCharsets.UTF_8)), Map.of("variant", "json"), T0);
  }

  @Test
  void anEntryReadsBackWithItsValidatorsNotesAndAge() throws IOException {
    ConditionalCache c = cache();
    put(c, "{}", Validators.of("\"e1\"", "Wed, 01 Jan 2025 00:00:00 GMT"));
    ConditionalCache.Entry e = c.get(KEY).orElseThrow();
    assertThat(e.validators().etag()).contains("\"e1\"");
    assertThat(e.validators().lastModified()).contains("Wed, 01 Jan 2025 00:00:00 GMT");
    assertThat(e.contentType()).contains("application/json");
    assertThat(e.note("variant")).contains("json");
    assertThat(Files.readString(e.body().orElseThrow())).isEqualTo("{}");
    assertThat(e.freshAt(T0.plusSeconds(59))).isTrue();
    assertThat(e.freshAt(T0.plusSeconds(60))).isFalse();
    assertThat(c.get(new ConditionalCache.Key("conda-forge-linux-64", "https://other/linux-64"))).isEmpty();
  }

  @Test
  void aDamagedEntryIsDiscarded() throws IOException {
    ConditionalCache c = cache();
    ConditionalCache.Entry e = put(c, "{\"a\":1}", Validators.NONE);
    Files.writeString(e.body().orElseThrow(), "{\"a\":"); // truncated
    assertThat(c.get(KEY)).isEmpty();
    assertThat(e.body().orElseThrow()).doesNotExist();

    put(c, "{}", Validators.NONE);
    try (Stream<Path> files = Files.list(c.dir())) {
      Path meta = files.filter(p -> p.toString().endsWith(".meta")).findFirst().orElseThrow();
      Files.writeString(meta, "size=oops\n");
    }
    assertThat(c.get(KEY)).isEmpty();
    assertThat(entries(c.dir())).isEmpty();
  }

  /** The cache folder's files, without the folder of lock files (which stay, empty, one per key). */
  private static java.util.List<String> entries(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      java.util.List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      if (names.contains(".locks")) {
        try (Stream<Path> locks = Files.list(dir.resolve(".locks"))) {
          assertThat(locks.map(p -> p.getFileName().toString()).toList()).containsExactly(KEY.stem() + ".lock");
        }
      }
      return names.stream().filter(n -> !n.equals(".locks")).toList();
    }
  }

  @Test
  void aFailedTransferKeepsThePreviousEntry() throws IOException {
    ConditionalCache c = cache();
    put(c, "old", Validators.of("\"e1\"", null));
    assertThatThrownBy(() -> c.store(KEY, "u", Validators.NONE, Optional.empty(), Optional.empty(), out -> {
      out.write("half".getBytes(StandardCharsets.UTF_8));
      throw new IOException("connection reset");
    }, Map.of(), T0)).isInstanceOf(IOException.class);
    ConditionalCache.Entry e = c.get(KEY).orElseThrow();
    assertThat(Files.readString(e.body().orElseThrow())).isEqualTo("old");
    assertThat(e.validators().etag()).contains("\"e1\"");
  }

  @Test
  void aFailedTransferLeavesNoTemporaryFile() throws IOException {
    ConditionalCache c = cache();
    put(c, "old", Validators.NONE);
    assertThatThrownBy(() -> c.store(KEY, "u", Validators.NONE, Optional.empty(), Optional.empty(), out -> {
      out.write("half".getBytes(StandardCharsets.UTF_8));
      throw new IOException("connection reset");
    }, Map.of(), T0)).isInstanceOf(IOException.class);
    assertThat(entries(c.dir())).containsExactly(KEY.stem() + ".body", KEY.stem() + ".meta");
  }

  /** Body {@code i} of the concurrency test: its own size, first and last line, so a partial body shows. */
  private static String body(int i) {
    return "begin " + i + "\n" + ("line of body " + i + "\n").repeat(2_000 + 97 * i) + "end " + i + "\n";
  }

  private static boolean isWholeBody(String s) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("begin (\\d+)\n").matcher(s);
    return m.lookingAt() && s.equals(body(Integer.parseInt(m.group(1))));
  }

  @Test
  void writersOfOneKeyInManyThreadsNeverShareATemporaryFile() throws Exception {
    storeConcurrently(false);
  }

  @Test
  void writersOfOneKeyAsSeparateCachesOnOneFolderNeverShareATemporaryFile() throws Exception {
    storeConcurrently(true); // as separate processes would: no lock in common
  }

  private void storeConcurrently(boolean separateCaches) throws Exception {
    int threads = 8;
    int rounds = 25;
    ConditionalCache shared = cache();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
    java.util.List<java.util.concurrent.Future<java.util.List<String>>> futures = new java.util.ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        int id = t;
        futures.add(pool.submit(() -> {
          ConditionalCache c = separateCaches ? cache() : shared;
          java.util.List<String> problems = new java.util.ArrayList<>();
          start.await();
          for (int r = 0; r < rounds; r++) {
            int n = id * rounds + r;
            byte[] bytes = body(n).getBytes(StandardCharsets.UTF_8);
            ConditionalCache.Entry stored = c.store(KEY, "https://h/repodata.json", Validators.of("\"e" + n + "\"",
                null), Optional.empty(), Optional.empty(), out -> {
                  for (int off = 0; off < bytes.length; off += 4096) { // slowly, so that writers overlap
                    out.write(bytes, off, Math.min(4096, bytes.length - off));
                    Thread.yield();
                  }
                }, Map.of(), T0);
            try {
              String seen = Files.readString(stored.body().orElseThrow());
              if (!isWholeBody(seen)) {
                problems.add("store " + n + " left a partial body of " + seen.length() + " chars");
              }
            } catch (java.nio.file.NoSuchFileException e) {
              // writers and readers of the key hold its lock (threads and, through the lock file, processes):
              // no reader discards a body being stored
              problems.add("store " + n + ": its body is gone");
            }
            Optional<ConditionalCache.Entry> read = c.get(KEY);
            if (read.isPresent()) {
              try {
                String body = Files.readString(read.get().body().orElseThrow());
                if (!isWholeBody(body)) {
                  problems.add("get after store " + n + " read a partial body of " + body.length() + " chars");
                }
              } catch (java.nio.file.NoSuchFileException e) {
                // another writer replaced or discarded the entry meanwhile
              }
            }
          }
          return problems;
        }));
      }
      for (java.util.concurrent.Future<java.util.List<String>> f : futures) {
        assertThat(f.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
    // no temporary file is left, and the entry is there: caches on one folder (as processes are) take its file
    // lock, so no reader's damage check discards a body another has just stored
    assertThat(entries(shared.dir())).containsExactly(KEY.stem() + ".body", KEY.stem() + ".meta");
    ConditionalCache.Entry last = shared.get(KEY).orElse(null);
    if (!separateCaches) { // one process: the last writer's body and meta belong together
      assertThat(last).isNotNull();
      String body = Files.readString(last.body().orElseThrow());
      assertThat(isWholeBody(body)).isTrue();
      assertThat(last.validators().etag()).contains("\"e" + body.substring(6, body.indexOf('\n')) + "\"");
    } else if (last != null) {
      assertThat(isWholeBody(Files.readString(last.body().orElseThrow()))).isTrue();
    }
  }

  @Test
  void notesWithoutABodyAndValuesThatNeedEscaping() throws IOException {
    ConditionalCache c = cache();
    put(c, "x", Validators.NONE);
    c.note(KEY, "https://h/a b=c:d#e", Map.of("missing", "true", "odd key", "line\nbreak\\"), T0);
    ConditionalCache.Entry e = c.get(KEY).orElseThrow();
    assertThat(e.body()).isEmpty();
    assertThat(e.url()).isEqualTo("https://h/a b=c:d#e");
    assertThat(e.notes()).containsEntry("missing", "true").containsEntry("odd key", "line\nbreak\\");
    assertThat(c.bodyFile(KEY)).doesNotExist();
  }

  @Test
  void readsMaxAge() {
    assertThat(ConditionalCache.maxAge("public, max-age=1200")).contains(Duration.ofSeconds(1200));
    assertThat(ConditionalCache.maxAge("max-age = 30")).contains(Duration.ofSeconds(30));
    assertThat(ConditionalCache.maxAge("s-maxage=5")).isEmpty();
    assertThat(ConditionalCache.maxAge("no-cache, max-age=5")).isEmpty();
    assertThat(ConditionalCache.maxAge(null)).isEmpty();
  }

  @Test
  void aNotModifiedAnswerRevalidatesTheEntry() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse().setBody("v1").setHeader("ETag", "\"e1\"")
          .setHeader("Last-Modified", "Wed, 01 Jan 2025 00:00:00 GMT"));
      server.enqueue(new MockResponse().setResponseCode(304).setHeader("Cache-Control", "max-age=300"));
      server.start(InetAddress.getLoopbackAddress(), 0);
      Http http = Http.direct();
      ConditionalCache c = cache();
      ConditionalCache.Key key = new ConditionalCache.Key("page", server.url("/p").toString());
      try (Exchange x = http.send(HttpRequest.get(server.url("/p").uri()))) {
        c.store(key, x, ConditionalCache.copyOf(x.body()), Map.of(), T0);
      }
      ConditionalCache.Entry cached = c.get(key).orElseThrow();
      assertThat(cached.maxAge()).isEmpty();
      try (Exchange x = http.send(HttpRequest.get(server.url("/p").uri()).conditional(cached.validators()))) {
        assertThat(x.status()).isEqualTo(304);
        c.revalidated(cached, x, T0.plusSeconds(10));
      }
      server.takeRequest();
      RecordedRequest second = server.takeRequest();
      assertThat(second.getHeader("If-None-Match")).isEqualTo("\"e1\"");
      assertThat(second.getHeader("If-Modified-Since")).isEqualTo("Wed, 01 Jan 2025 00:00:00 GMT");
      ConditionalCache.Entry now = c.get(key).orElseThrow();
      assertThat(Files.readString(now.body().orElseThrow())).isEqualTo("v1");
      assertThat(now.validators().etag()).contains("\"e1\"");
      assertThat(now.freshAt(T0.plusSeconds(309))).isTrue();
    }
  }
}
