package dev.envx.format.lock;

import dev.envx.diag.EnvxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Reading and writing lockfiles in every format envx knows. Readers fail with a diagnostic at the offending
 * {@code file:line:col} (exit 2) on bad input and on a format version newer than envx knows; writers are
 * deterministic (the same lock gives the same bytes) and report, one warning per kind, what the format cannot
 * hold.
 */
public final class Lockfiles {
  private Lockfiles() {}

  /** Reads a lockfile; the format from its content, else from its file name. */
  public static LockRead read(Path path) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw EnvxException.cannotRead(path, e);
    }
    return parse(text, path.toString(), null);
  }

  /**
   * Parses a lockfile shown under {@code name}.
   *
   * @param format the format, or null to tell it from the content (then the name)
   */
  public static LockRead parse(String text, String name, LockFormat format) {
    LockFormat f = format != null ? format : detect(text, name);
    LockRead r = switch (f) {
      case CONDA_LOCK -> CondaLockReader.parse(text, name);
      case PIXI -> PixiLockReader.parse(text, name);
      case PYLOCK -> PylockReader.parse(text, name);
      case EXPLICIT -> ExplicitReader.parse(text, name);
      case MAMBAJS -> MambajsLockReader.parse(text, name);
    };
    if (r.lock().metadata().inputHash() == null && (f == LockFormat.PIXI || f == LockFormat.EXPLICIT)) {
      var hash = PixiComments.inputHash(text);
      if (hash.isPresent()) {
        r = new LockRead(r.lock().withMetadata(r.lock().metadata().withInputHash(hash.get())), r.format(),
            r.warnings());
      }
    }
    return r;
  }

  /** The format of a lockfile's text, else the one its name suggests; bad input when neither tells. */
  public static LockFormat detect(String text, String name) {
    LockFormat byName = LockFormat.fromFileName(Path.of(name).getFileName().toString()).orElse(null);
    LockFormat f = LockFormat.sniff(text, byName);
    if (f == null) {
      throw EnvxException.input("cannot tell the lockfile format of `" + name + "`", null,
          "name it conda-lock.yml, pixi.lock, pylock.toml, *.lock (@EXPLICIT) or *-lock-PLATFORM.json (mambajs), or pass `--from FORMAT`");
    }
    return f;
  }

  /**
   * Writes a lock in a format.
   *
   * @param platforms only these platforms (all when empty)
   */
  public static LockWrite write(Lockfile lock, LockFormat format, Set<String> platforms) {
    Lockfile l = lock.onlyPlatforms(platforms);
    return switch (format) {
      case CONDA_LOCK -> CondaLockWriter.write(l);
      case PIXI -> PixiLockWriter.write(l);
      case PYLOCK -> PylockWriter.write(l);
      case EXPLICIT -> ExplicitWriter.write(l);
      case MAMBAJS -> MambajsLockWriter.write(l);
    };
  }

  public static LockWrite write(Lockfile lock, LockFormat format) {
    return write(lock, format, Set.of());
  }

  /** Every format, in the order {@code --format} lists them. */
  public static List<LockFormat> formats() {
    return List.of(LockFormat.values());
  }
}
