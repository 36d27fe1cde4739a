package dev.envx.model.conda;

import java.util.Set;

/**
 * The fields of a package record that a {@link MatchSpec} can test. The solver and the index implement it on
 * their own records (with an already parsed {@link CondaVersion}) so matching allocates nothing.
 */
public interface PackageRecordRef {
  String name();

  CondaVersion version();

  String build();

  long buildNumber();

  /** The channel's canonical name ({@code conda-forge}) or URL, or null. */
  default String channel() {
    return null;
  }

  default String subdir() {
    return null;
  }

  default String md5() {
    return null;
  }

  default String sha256() {
    return null;
  }

  default String fn() {
    return null;
  }

  default String url() {
    return null;
  }

  default String license() {
    return null;
  }

  default String licenseFamily() {
    return null;
  }

  default Set<String> trackFeatures() {
    return Set.of();
  }

  default Set<String> features() {
    return Set.of();
  }

  /** A plain record for tests and small tools. */
  record Simple(String name, CondaVersion version, String build, long buildNumber, String channel, String subdir,
      String md5, String sha256) implements PackageRecordRef {
    public Simple(String name, String version, String build, long buildNumber) {
      this(name, CondaVersion.parse(version), build, buildNumber, null, null, null, null);
    }
  }
}
