package dev.envx.cli;

import dev.envx.diag.EnvxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code envx install} without a lockfile needs from the lock stage, as {@code pixi install} does it: the
 * manifest's lockfile, up to date with it, locked first when it is missing or stale (its recorded
 * {@code format.lock.InputHash} differs from the manifest's).
 */
interface LockFirst {
  /** Lockfile names {@code envx lock} may have written beside a manifest, in the order they are looked for. */
  List<String> NAMES = List.of("conda-lock.yml", "pixi.lock", "pylock.toml");

  /** The lockfile of {@code manifest}, up to date with it; locks (again) first when it is missing or stale. */
  Path upToDate(Path manifest);

  /**
   * The build without a solving {@code envx lock}: an existing lockfile beside the manifest is used as it is
   * (whether it is stale cannot be told without the lock stage's input hash); none is an error.
   */
  LockFirst EXISTING_ONLY = manifest -> existing(manifest).orElseThrow(() -> EnvxException.failure(
      "`" + manifest + "` has no lockfile beside it (" + String.join(", ", NAMES) + ")",
      "run `envx lock` first, or name a lockfile: `envx install conda-lock.yml`"));

  /** The first of {@link #NAMES} beside the manifest. */
  static java.util.Optional<Path> existing(Path manifest) {
    Path dir = manifest.toAbsolutePath().getParent();
    return NAMES.stream().map(dir::resolve).filter(Files::isRegularFile).findFirst();
  }
}
