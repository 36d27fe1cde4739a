package dev.envx.lock;

import dev.envx.diag.Diagnostic;
import dev.envx.model.conda.Platform;
import dev.envx.resolve.Request;
import dev.envx.resolve.Resolution;
import java.util.List;
import java.util.Objects;

/**
 * The lock stage's one seam to the solver: the packages for one platform. {@link CondaPlatformSolver} solves
 * conda requirements over the channels' repodata; a cross-ecosystem solver (conda + PyPI) plugs in here.
 * {@link Locker} may call {@link #solve} for several platforms at once, from several threads.
 */
@FunctionalInterface
public interface PlatformSolver {
  /**
   * Solves {@code request} (virtual packages of {@code platform} included) for {@code platform}. Thread-safe.
   *
   * @throws dev.envx.diag.EnvxException when the request holds what this solver cannot solve
   */
  Result solve(Platform platform, Request request);

  /**
   * One platform's answer.
   *
   * @param warnings what the sources reported on the way (skipped records, missing subdirs), for the caller to
   *     show in platform order
   */
  record Result(Resolution resolution, List<Diagnostic> warnings) {
    public Result {
      Objects.requireNonNull(resolution, "resolution");
      warnings = List.copyOf(warnings);
    }
  }
}
