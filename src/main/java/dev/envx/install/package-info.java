/**
 * The installer: {@link dev.envx.install.Planner} turns locked packages and what a prefix holds
 * ({@link dev.envx.install.PrefixState}) into an immutable {@link dev.envx.install.InstallPlan}; {@link
 * dev.envx.install.Installer} applies it: downloads (verified before extraction), a shared package cache,
 * linking conda packages, installing wheels, all staged beside the prefix and swapped in by rename.
 * Depends on {@code format.lock}, {@code model.*}, {@code index}, {@code io} and {@code diag}.
 */
package dev.envx.install;
