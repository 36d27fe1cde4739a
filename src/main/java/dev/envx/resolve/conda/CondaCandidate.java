package dev.envx.resolve.conda;

import dev.envx.index.PackageRecord;
import dev.envx.model.conda.Channel;
import dev.envx.model.conda.CondaVersion;
import dev.envx.model.conda.PackageRecordRef;
import java.util.Set;

/** One conda candidate: a repodata (or virtual package) record with its version parsed once, for MatchSpec. */
final class CondaCandidate implements PackageRecordRef {
  final PackageRecord record;
  final int name;
  /** Channel rank (0 = highest priority; 0 for every record when priority is disabled). */
  final int rank;
  final boolean virtual;
  final Channel channel;
  final CondaVersion version;
  /** Why the record can never be chosen (its version does not parse), or null. */
  final String invalid;

  CondaCandidate(PackageRecord record, int name, int rank, boolean virtual) {
    this(record, name, rank, virtual, ParsedVersion.of(record.version()));
  }

  /** With the record's version already parsed ({@code version} is of {@code record.version()}). */
  CondaCandidate(PackageRecord record, int name, int rank, boolean virtual, ParsedVersion version) {
    this.record = record;
    this.name = name;
    this.rank = rank;
    this.virtual = virtual;
    this.channel = record.channel().orElse(null);
    this.version = version.version();
    this.invalid = version.invalid();
  }

  /**
   * A record's version parsed, or (version 0) why it does not parse. Builds of one version share it: a provider
   * parses each distinct version string of a name once.
   */
  record ParsedVersion(CondaVersion version, String invalid) {
    static ParsedVersion of(String text) {
      try {
        return new ParsedVersion(CondaVersion.parse(text), null);
      } catch (IllegalArgumentException e) {
        String why = "its version `" + text + "` does not parse: " + e.getMessage();
        return new ParsedVersion(CondaVersion.parse("0"), why);
      }
    }
  }

  @Override
  public String name() {
    return record.name();
  }

  @Override
  public CondaVersion version() {
    return version;
  }

  @Override
  public String build() {
    return record.build();
  }

  @Override
  public long buildNumber() {
    return record.buildNumber();
  }

  @Override
  public String subdir() {
    return record.subdir();
  }

  @Override
  public String md5() {
    return record.md5().orElse(null);
  }

  @Override
  public String sha256() {
    return record.sha256().orElse(null);
  }

  @Override
  public String fn() {
    return record.fileName();
  }

  @Override
  public String url() {
    return record.url().orElse(null);
  }

  @Override
  public String license() {
    return record.license().orElse(null);
  }

  @Override
  public String licenseFamily() {
    return record.licenseFamily().orElse(null);
  }

  @Override
  public Set<String> trackFeatures() {
    return Set.copyOf(record.trackFeatures());
  }

  @Override
  public Set<String> features() {
    return Set.copyOf(record.features());
  }

  int trackFeatureCount() {
    return record.trackFeatures().size();
  }

  long timestamp() {
    return record.timestampMillis().orElse(0L);
  }
}
