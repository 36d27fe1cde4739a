package dev.envx.resolve;

import dev.envx.index.PackageRecord;
import java.util.List;
import java.util.Objects;

/**
 * One package chosen by a solve, with everything a lockfile records about it. Channel and URL never carry a
 * token.
 *
 * @param name package name
 * @param version version as written in repodata
 * @param build build string
 * @param buildNumber build number
 * @param channel the channel's canonical name ({@code conda-forge}) or its redacted URL ({@code file:///srv/chan})
 * @param subdir the record's subdir ({@code linux-64}, {@code noarch})
 * @param url the download URL, or null when the record has no known location
 * @param fileName e.g. {@code numpy-2.2.6-py313h17eae1a_0.conda}
 * @param md5 lowercase hex, or null
 * @param sha256 lowercase hex, or null
 * @param size file size in bytes, or -1 when unknown
 * @param depends the raw MatchSpec strings of {@code depends}
 * @param constrains the raw MatchSpec strings of {@code constrains}
 * @param license the license string, or null
 * @param timestampMillis upload time in milliseconds since the epoch, or null
 * @param noarch {@code python} or {@code generic}, or null
 * @param trackFeatures the record's track features (usually empty)
 */
public record ResolvedPackage(
    String name,
    String version,
    String build,
    int buildNumber,
    String channel,
    String subdir,
    String url,
    String fileName,
    String md5,
    String sha256,
    long size,
    List<String> depends,
    List<String> constrains,
    String license,
    Long timestampMillis,
    String noarch,
    List<String> trackFeatures) {

  public ResolvedPackage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(build, "build");
    Objects.requireNonNull(subdir, "subdir");
    Objects.requireNonNull(fileName, "fileName");
    if (name.isEmpty() || version.isEmpty()) {
      throw new IllegalArgumentException("a resolved package needs a name and a version");
    }
    if (buildNumber < 0) {
      throw new IllegalArgumentException("negative build number for `" + name + "`");
    }
    if (channel != null && dev.envx.model.conda.Channel.redact(channel).length() != channel.length()) {
      throw new IllegalArgumentException("channel of `" + name + "` must not carry a token");
    }
    depends = List.copyOf(depends == null ? List.of() : depends);
    constrains = List.copyOf(constrains == null ? List.of() : constrains);
    trackFeatures = List.copyOf(trackFeatures == null ? List.of() : trackFeatures);
  }

  /** The package of a repodata record. */
  public static ResolvedPackage of(PackageRecord r) {
    return new ResolvedPackage(r.name(), r.version(), r.build(), r.buildNumber(),
        r.channel().map(Object::toString).orElse(null), r.subdir(), r.url().orElse(null), r.fileName(),
        r.md5().orElse(null), r.sha256().orElse(null), r.size(), r.depends(), r.constrains(),
        r.license().orElse(null), r.timestampMillis().orElse(null), r.noarch().orElse(null), r.trackFeatures());
  }

  /** conda's dist string {@code name-version-build}. */
  public String dist() {
    return name + "-" + version + "-" + build;
  }

  /** {@code channel/subdir::name-version-build}. */
  @Override
  public String toString() {
    return (channel == null ? "" : channel + "/" + subdir + "::") + dist();
  }
}
