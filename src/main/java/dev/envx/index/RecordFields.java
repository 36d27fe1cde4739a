package dev.envx.index;

/**
 * The fields of one repodata record while a parser reads it (JSON or msgpack shard): one reused scratch object
 * per parser, so both formats map to {@link PackageRecord} the same way. Not thread-safe.
 */
final class RecordFields {
  static final String[] NONE = new String[0];

  String name;
  String version;
  String build;
  int buildNumber;
  String[] depends;
  String[] constrains;
  String trackFeatures;
  String features;
  long timestamp;
  byte[] md5;
  byte[] sha256;
  long size;
  String subdir;
  String license;
  String licenseFamily;
  String noarch;
  String sitePackages;

  RecordFields() {
    reset();
  }

  /** Clears every field, before the next record. */
  RecordFields reset() {
    name = null;
    version = null;
    build = null;
    buildNumber = 0;
    depends = NONE;
    constrains = NONE;
    trackFeatures = null;
    features = null;
    timestamp = 0;
    md5 = null;
    sha256 = null;
    size = -1;
    subdir = null;
    license = null;
    licenseFamily = null;
    noarch = null;
    sitePackages = null;
    return this;
  }

  /**
   * The record; a missing name, version or build is taken from the file name {@code name-version-build.ext}.
   * Null when one is missing and the file name cannot be split.
   */
  PackageRecord toRecord(PackageRecord.Origin origin, String fn, ByteInterner interner) {
    String n = name;
    String v = version;
    String b = build;
    if (n == null || v == null || b == null) {
      String[] parts = RepodataParser.splitFileName(fn);
      if (parts == null) {
        return null;
      }
      n = n != null ? n : interner.intern(parts[0]);
      v = v != null ? v : interner.intern(parts[1]);
      b = b != null ? b : parts[2];
    }
    return new PackageRecord(origin, n, v, b, buildNumber, depends, constrains, trackFeatures, features,
        timestamp, md5, sha256, size, fn, subdir, license, licenseFamily, noarch, sitePackages);
  }

  /**
   * The record of a file named {@code name-version-build.conda} (or {@code .tar.bz2}), which the caller checked:
   * name, version and build are set, and no file name string is needed.
   */
  PackageRecord toCanonicalRecord(PackageRecord.Origin origin, boolean conda) {
    return new PackageRecord(origin, name, version, build, buildNumber, depends, constrains, trackFeatures,
        features, timestamp, md5, sha256, size, conda, null, subdir, license, licenseFamily, noarch, sitePackages);
  }
}
