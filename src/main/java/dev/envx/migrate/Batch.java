package dev.envx.migrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code envx migrate --batch}: one migration per item, on {@code jobs} threads; an item the previous report
 * marks done is skipped; a failure is a result, never the end of the batch. Results come back in list order.
 */
public final class Batch {
  private Batch() {}

  /** One item's outcome: {@code ok}, {@code warnings} or {@code failed} (then {@code cause} says why). */
  public record Result(String item, String status, String cause, Map<String, Object> details) {
    public Result {
      details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public boolean done() {
      return !status.equals("failed");
    }
  }

  /**
   * @param done items a previous report has as done (skipped, their old result kept by the caller)
   * @param progress called after each item, from the worker thread
   */
  public static List<Result> run(List<String> items, Set<String> done, int jobs, Function<String, Result> migrate,
      Consumer<Result> progress) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs), r -> {
      Thread t = new Thread(r, "envx-migrate");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Result>> futures = new ArrayList<>();
      for (String item : items) {
        if (done.contains(item)) {
          continue;
        }
        futures.add(pool.submit(() -> {
          Result r;
          try {
            r = migrate.apply(item);
          } catch (RuntimeException e) {
            r = new Result(item, "failed", "internal error", Map.of("message", String.valueOf(e)));
          }
          progress.accept(r);
          return r;
        }));
      }
      List<Result> out = new ArrayList<>();
      for (Future<Result> f : futures) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
