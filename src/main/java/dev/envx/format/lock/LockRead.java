package dev.envx.format.lock;

import dev.envx.diag.Diagnostic;
import java.util.List;
import java.util.Objects;

/**
 * A lockfile as read: the lock, the format it was in, and warnings about what the reader changed (credentials
 * removed from URLs).
 */
public record LockRead(Lockfile lock, LockFormat format, List<Diagnostic> warnings) {
  public LockRead {
    Objects.requireNonNull(lock, "lock");
    Objects.requireNonNull(format, "format");
    warnings = List.copyOf(warnings);
  }
}
