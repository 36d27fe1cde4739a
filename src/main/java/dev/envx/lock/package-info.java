/**
 * The lock stage: manifest → per-platform {@link dev.envx.resolve.Request} → {@link dev.envx.resolve.Resolution}
 * → {@link dev.envx.format.lock.Lockfile}.
 *
 * <ul>
 *   <li>{@link dev.envx.lock.Manifests}: environment.yml files (each with its {@code category}) or a
 *       pyproject.toml (extras and PEP 735 groups become categories) read into a {@link dev.envx.lock.LockInput}:
 *       channels, platforms, and per platform the typed requirements of each category.</li>
 *   <li>{@link dev.envx.lock.PlatformSolver}: the one seam to the solver, (platform, request) → resolution;
 *       {@link dev.envx.lock.CondaPlatformSolver} solves the conda part over the channels' repodata.</li>
 *   <li>{@link dev.envx.lock.Locker}: one solve per platform (a previous lock's pins favoured, except the names
 *       to update), packages put into categories by what reaches them, the input hash recorded.</li>
 *   <li>{@link dev.envx.lock.LockDiff}: what changed between two locks (for {@code --check} and reports);
 *       {@link dev.envx.lock.LockMerge}: a three-way merge by package (the git merge driver).</li>
 * </ul>
 */
package dev.envx.lock;
