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
    this.record = record;
    this.name = name;
    this.rank = rank;
    this.virtual = virtual;
    this.channel = record.channel().orElse(null);
    CondaVersion v;
    String why = null;
    try {
      v = CondaVersion.parse(record.version());
    } catch (IllegalArgumentException e) {
      v = CondaVersion.parse("0");
      why = "its version `" + record.version() + "` does not parse: " + e.getMessage();
    }
    this.version = v;
    this.invalid = why;
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
