package dev.envx.index;

import dev.envx.model.conda.Channel;
import dev.envx.model.conda.Platform;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of fetching one subdir's repodata: a local file to parse, or {@link Source#MISSING} when the
 * channel has no such subdir.
 *
 * @param channel the channel
 * @param subdir the subdir
 * @param file the repodata file ({@code .json}, or {@code .json.zst} in a local channel), null when missing
 * @param source where the file came from
 * @param url the redacted URL it was (or would have been) fetched from
 */
public record FetchedRepodata(Channel channel, Platform subdir, Path file, Source source, String url) {
  /** Where a repodata file came from. */
  public enum Source {
    /** Downloaded now (the cache was empty or out of date). */
    DOWNLOADED,
    /** The server answered 304: the cached copy is current. */
    NOT_MODIFIED,
    /** Taken from the cache without asking (offline). */
    CACHED,
    /** Read in place from a {@code file://} channel. */
    LOCAL,
    /** The channel has no such subdir: treated as empty. */
    MISSING
  }

  public FetchedRepodata {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(subdir, "subdir");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(url, "url");
    if ((file == null) != (source == Source.MISSING)) {
      throw new IllegalArgumentException("a file is required unless the subdir is missing");
    }
    if (!Channel.redact(url).equals(url)) {
      throw new IllegalArgumentException("url must be redacted");
    }
  }

  public Optional<Path> fileIfPresent() {
    return Optional.ofNullable(file);
  }
}
