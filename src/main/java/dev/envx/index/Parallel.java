package dev.envx.index;

import dev.envx.diag.EnvxException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs a batch of I/O tasks on a short-lived pool of daemon threads; results in task order. */
final class Parallel {
  private Parallel() {
  }

  /**
   * Runs the tasks, up to {@code threads} at a time (one task, or one thread: in the caller's thread). The first
   * failure, in task order, is rethrown after all tasks ended.
   *
   * @param what the threads' name ({@code envx-WHAT})
   * @param doing what the tasks do, for the message when the caller is interrupted ({@code "fetching shards"})
   */
  static <T> List<T> run(List<Callable<T>> tasks, int threads, String what, String doing) {
    if (tasks.size() <= 1 || threads <= 1) {
      List<T> out = new ArrayList<>();
      for (Callable<T> t : tasks) {
        out.add(call(t));
      }
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tasks.size()), r -> {
      Thread t = new Thread(r, "envx-" + what);
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<T>> futures = pool.invokeAll(tasks);
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw EnvxException.failure("interrupted while " + doing);
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T> T call(Callable<T> task) {
    try {
      return task.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
