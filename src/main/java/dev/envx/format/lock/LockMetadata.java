package dev.envx.format.lock;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a lockfile says about itself.
 *
 * @param formatVersion the version the file was read with ({@code 1}, {@code 6}, {@code 1.0}), or null for a
 *     lock envx built (writers always write their own version)
 * @param inputHash envx's hash of the lock's inputs ({@link InputHash}), {@code sha256:} and 64 hex digits, or
 *     null when the lock was not written by envx
 * @param platforms the platforms the lock was made for, in the file's order
 * @param contentHashes conda-lock's {@code content_hash} per platform (its own input hash), kept as read
 * @param sources the manifests the lock was made from, as the file names them
 * @param extra other metadata of the origin format (conda-lock's {@code time_metadata}, pixi v7's platform
 *     definitions, pylock's {@code created-by} …), raw
 */
public record LockMetadata(String formatVersion, String inputHash, List<String> platforms,
    Map<String, String> contentHashes, List<String> sources, Map<String, Object> extra) {
  private static final Pattern INPUT_HASH = Pattern.compile("sha256:[0-9a-f]{64}");

  public static final LockMetadata EMPTY = new LockMetadata(null, null, null, null, null, null);

  public LockMetadata {
    if (inputHash != null && !INPUT_HASH.matcher(inputHash).matches()) {
      throw new IllegalArgumentException("an input hash is `sha256:` and 64 lowercase hex digits, got `"
          + inputHash + "`");
    }
    platforms = List.copyOf(platforms == null ? List.of() : platforms);
    contentHashes = java.util.Collections.unmodifiableSortedMap(
        new java.util.TreeMap<>(contentHashes == null ? java.util.Map.of() : contentHashes));
    sources = List.copyOf(sources == null ? List.of() : sources);
    extra = Raw.freezeMap(extra);
  }

  public LockMetadata withInputHash(String hash) {
    return new LockMetadata(formatVersion, hash, platforms, contentHashes, sources, extra);
  }

  public LockMetadata withFormatVersion(String version) {
    return new LockMetadata(version, inputHash, platforms, contentHashes, sources, extra);
  }
}
