package dev.envx.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code envx install} without a lockfile needs from the lock stage, as {@code pixi install} does it: the
 * manifest's lockfile, up to date with it, locked first when it is missing or stale (its recorded
 * {@code format.lock.InputHash} differs from the manifest's). {@link LockStage} implements it with {@code envx lock}.
 */
interface LockFirst {
  /** Lockfile names {@code envx lock} may have written beside a manifest, in the order they are looked for. */
  List<String> NAMES = List.of("conda-lock.yml", "pixi.lock", "pylock.toml");

  /** The lockfile of {@code manifest}, up to date with it; locks (again) first when it is missing or stale. */
  Path upToDate(Path manifest);

  /** The first of {@link #NAMES} beside the manifest. */
  static java.util.Optional<Path> existing(Path manifest) {
    Path dir = manifest.toAbsolutePath().getParent();
    return NAMES.stream().map(dir::resolve).filter(Files::isRegularFile).findFirst();
  }
}
