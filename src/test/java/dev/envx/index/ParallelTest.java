package dev.envx.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link Parallel}: results in task order, the first failure in task order, and an interruption said as such. */
class ParallelTest {
  @Test
  void resultsComeInTaskOrder() {
    List<Callable<Integer>> tasks = List.of(() -> {
      Thread.sleep(50);
      return 1;
    }, () -> 2, () -> 3);
    assertThat(Parallel.run(tasks, 3, "test", "testing")).containsExactly(1, 2, 3);
  }

  @Test
  void theFirstFailureInTaskOrderIsRethrown() {
    List<Callable<Integer>> tasks = List.of(() -> 1, () -> {
      throw new IllegalArgumentException("second");
    }, () -> {
      throw new IllegalArgumentException("third");
    });
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    try {
      Parallel.run(tasks, 3, "test", "testing");
    } catch (RuntimeException e) {
      thrown.set(e);
    }
    assertThat(thrown.get()).isInstanceOf(IllegalArgumentException.class).hasMessage("second");
  }

  @Test
  void anInterruptedCallerSaysWhatItWasDoing() throws Exception {
    CountDownLatch started = new CountDownLatch(2);
    CountDownLatch never = new CountDownLatch(1);
    Callable<Integer> blocked = () -> {
      started.countDown();
      never.await();
      return 0;
    };
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        Parallel.run(List.of(blocked, blocked), 2, "test", "reading repodata");
      } catch (RuntimeException e) {
        thrown.set(e);
      }
    });
    caller.start();
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    caller.interrupt();
    caller.join(10_000);
    assertThat(thrown.get()).hasMessageContaining("interrupted while reading repodata")
        .hasMessageNotContaining("fetching");
  }
}
