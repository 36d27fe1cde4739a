package dev.envx.cli;

import dev.envx.check.Locker;
import java.nio.file.Path;
import java.util.List;

/**
 * The solving {@code envx lock} as other commands use it: {@code envx install} without a lockfile
 * ({@link LockFirst}: the manifest's lock, locked first when missing or stale by its input hash) and
 * {@code envx check --fix --lock} / {@code envx migrate --lock} ({@link Locker}: lock a manifest into a file). Each
 * use runs a fresh {@link LockCommand} with its defaults, so a lock made here is the one {@code envx lock} makes.
 */
final class LockStage implements LockFirst, Locker {
  private final Cli cli;

  LockStage(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Path upToDate(Path manifest) {
    Path lockfile = LockFirst.existing(manifest)
        .orElse(manifest.toAbsolutePath().getParent().resolve(NAMES.get(0)));
    run(manifest, lockfile, true);
    return lockfile;
  }

  @Override
  public String lock(Path manifest, Path lockfile) {
    run(manifest, lockfile, false);
    return "locked " + lockfile + " from " + manifest;
  }

  /** Locks {@code manifest} into {@code lockfile}, keeping the previous pins; with {@code ifStale} only when stale. */
  private void run(Path manifest, Path lockfile, boolean ifStale) {
    LockCommand lock = new LockCommand(cli);
    lock.files = List.of(manifest);
    lock.output = lockfile.toString();
    lock.onlyIfStale = ifStale;
    lock.call();
  }
}
