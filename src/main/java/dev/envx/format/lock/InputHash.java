package dev.envx.format.lock;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * What a lock was made from, as the CLI fills it from the manifest: the hash written into the lock lets
 * {@code envx check} tell a stale lock without solving. Dependencies and platforms are sets (their order does not
 * change a solve); channels and index URLs keep their order (priority does).
 *
 * @param dependencies the manifest's dependency entries, as written (conda MatchSpecs, PEP 508 lines, groups
 *     prefixed by the caller, e.g. {@code dev: pytest})
 * @param platforms the target platforms
 * @param channels conda channels in priority order (redacted)
 * @param indexUrls PyPI index URLs in order (redacted)
 * @param mappingVersion the version of the PyPI ⇄ conda name mapping used
 */
public record InputHash(List<String> dependencies, List<String> platforms, List<String> channels,
    List<String> indexUrls, String mappingVersion) {
  /** Bumped when the serialization below changes, so that old hashes never match by accident. */
  static final String SCHEME = "envx-input-hash 1";

  public InputHash {
    dependencies = List.copyOf(dependencies);
    platforms = List.copyOf(platforms);
    channels = List.copyOf(channels);
    indexUrls = List.copyOf(indexUrls);
    Objects.requireNonNull(mappingVersion, "mappingVersion");
    for (String c : channels) {
      Credentials.refuseUnreferenced("channel", c);
    }
    for (String u : indexUrls) {
      Credentials.refuseUnreferenced("index", u);
    }
  }

  /** {@code sha256:} and 64 hex digits, as {@link LockMetadata#inputHash()} holds it. */
  public String value() {
    StringBuilder sb = new StringBuilder(SCHEME).append('\n');
    section(sb, "dependencies", dependencies.stream().map(String::strip).sorted().distinct().toList());
    section(sb, "platforms", platforms.stream().sorted().distinct().toList());
    section(sb, "channels", channels);
    section(sb, "index-urls", indexUrls);
    section(sb, "mapping", List.of(mappingVersion));
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** Each item on its own line, length-prefixed so that no item can pass for two. */
  private static void section(StringBuilder sb, String name, List<String> items) {
    sb.append('[').append(name).append("] ").append(items.size()).append('\n');
    for (String i : items) {
      sb.append(i.length()).append(':').append(i).append('\n');
    }
  }
}
