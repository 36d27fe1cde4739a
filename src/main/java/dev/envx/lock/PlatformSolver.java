package dev.envx.lock;

import dev.envx.model.conda.Platform;
import dev.envx.resolve.Request;
import dev.envx.resolve.Resolution;

/**
 * The lock stage's one seam to the solver: the packages for one platform. {@link CondaPlatformSolver} solves
 * conda requirements over the channels' repodata; a cross-ecosystem solver (conda + PyPI) plugs in here.
 */
@FunctionalInterface
public interface PlatformSolver {
  /**
   * Solves {@code request} (virtual packages of {@code platform} included) for {@code platform}.
   *
   * @throws dev.envx.diag.EnvxException when the request holds what this solver cannot solve
   */
  Resolution solve(Platform platform, Request request);
}
