package dev.envx.install;

/**
 * What an install reports while it works, for a progress display: a phase with the number of packages it
 * handles, then one call per package done (from any thread). {@link #NONE} reports nothing.
 */
public interface Progress {
  Progress NONE = new Progress() {
    @Override
    public void phase(String name, int total) {}

    @Override
    public void done(String label) {}

    @Override
    public void finish() {}
  };

  /** A phase begins ({@code fetch}: download, verify, extract into the cache; {@code link}: into the stage). */
  void phase(String name, int total);

  /** One package of the current phase is done. */
  void done(String label);

  /** The install ended (applied or failed): the display goes away. */
  void finish();

  /** The fetch phase downloads {@code bytes} bytes in all, as far as the lock gives sizes (0: unknown). */
  default void downloading(long bytes) {}

  /**
   * {@code label}'s download has {@code bytes} of its {@code total} bytes (-1: unknown), from the downloading
   * thread (several at once); a file read in place is no download and never reported.
   */
  default void transferred(String label, long bytes, long total) {}
}
