/**
 * Lockfiles: {@link dev.envx.format.lock.LockedPackage} (the solve result every later stage shares) and, per
 * format, a reader and a writer. Depends only on {@code model.*}, {@code io} and {@code diag}.
 */
package dev.envx.format.lock;
