package dev.envx.index;

import dev.envx.model.conda.Channel;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One conda package record from repodata, with the fields the solver and the lockfiles need. Strings that
 * repeat across records (names, versions, dependency strings, licenses) are interned per parse, so a record
 * costs little more than its own object. Versions and dependency strings are kept raw: the consumer parses
 * them ({@code CondaVersion}, {@code MatchSpec}) for the few names it touches.
 *
 * <p>Immutable. Built by {@link RepodataParser} or by {@link #builder(String, String, String)} (tests, virtual
 * packages, lockfile readers).
 */
public final class PackageRecord {
  private static final String[] NONE = new String[0];

  private final Origin origin;
  private final String name;
  private final String version;
  private final String build;
  private final int buildNumber;
  private final String[] depends;
  private final String[] constrains;
  private final String trackFeatures;
  private final String features;
  private final long timestamp;
  private final byte[] md5;
  private final byte[] sha256;
  private final long size;
  /** The file name when it is not {@code name-version-build.ext} (rare), else null: saves a string per record. */
  private final String fn;
  private final boolean condaFormat;
  private final String subdir;
  private final String license;
  private final String licenseFamily;
  private final String noarch;
  private final String pythonSitePackagesPath;

  /**
   * Where a record came from: shared by all records of one parsed subdir. {@code info} may follow the packages
   * in a file, so the parser completes the origin once, after the last record and before the records are
   * published (through the final fields of {@link SubdirRepodata}); it never changes after that.
   */
  static final class Origin {
    final Channel channel;
    String subdir;
    String baseUrl;

    Origin(Channel channel, String subdir, String baseUrl) {
      this.channel = channel;
      complete(subdir, baseUrl);
    }

    void complete(String subdir, String baseUrl) {
      this.subdir = subdir;
      this.baseUrl = baseUrl == null || baseUrl.isEmpty() || baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
    }
  }

  PackageRecord(Origin origin, String name, String version, String build, int buildNumber, String[] depends,
      String[] constrains, String trackFeatures, String features, long timestamp, byte[] md5, byte[] sha256,
      long size, String fn, String subdir, String license, String licenseFamily, String noarch,
      String pythonSitePackagesPath) {
    this(origin, name, version, build, buildNumber, depends, constrains, trackFeatures, features, timestamp, md5,
        sha256, size, Objects.requireNonNull(fn, "fn").endsWith(".conda"),
        isCanonical(fn, name, version, build, fn.endsWith(".conda")) ? null : fn, subdir, license, licenseFamily,
        noarch, pythonSitePackagesPath);
  }

  /**
   * As above, for a reader that knows whether the file name is {@code name-version-build.ext}: then
   * {@code otherFileName} is null and no file name string is made ({@code condaFormat} gives the extension).
   */
  PackageRecord(Origin origin, String name, String version, String build, int buildNumber, String[] depends,
      String[] constrains, String trackFeatures, String features, long timestamp, byte[] md5, byte[] sha256,
      long size, boolean condaFormat, String otherFileName, String subdir, String license, String licenseFamily,
      String noarch, String pythonSitePackagesPath) {
    this.origin = origin;
    this.name = Objects.requireNonNull(name, "name");
    this.version = Objects.requireNonNull(version, "version");
    this.build = Objects.requireNonNull(build, "build");
    this.buildNumber = buildNumber;
    this.depends = depends == null || depends.length == 0 ? NONE : depends;
    this.constrains = constrains == null || constrains.length == 0 ? NONE : constrains;
    this.trackFeatures = emptyToNull(trackFeatures);
    this.features = emptyToNull(features);
    this.timestamp = timestamp;
    this.md5 = md5;
    this.sha256 = sha256;
    this.size = size;
    this.condaFormat = condaFormat;
    this.fn = otherFileName;
    this.subdir = subdir;
    this.license = license;
    this.licenseFamily = licenseFamily;
    this.noarch = noarch;
    this.pythonSitePackagesPath = pythonSitePackagesPath;
  }

  private static boolean isCanonical(String fn, String name, String version, String build, boolean conda) {
    int ext = conda ? 6 : ".tar.bz2".length();
    if (!conda && !fn.endsWith(".tar.bz2")) {
      return false;
    }
    int n = name.length();
    int v = version.length();
    return fn.length() == n + v + build.length() + 2 + ext && fn.startsWith(name) && fn.charAt(n) == '-'
        && fn.startsWith(version, n + 1) && fn.charAt(n + 1 + v) == '-' && fn.startsWith(build, n + v + 2);
  }

  private static String emptyToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  public String name() {
    return name;
  }

  /** The version string as written in repodata (not parsed). */
  public String version() {
    return version;
  }

  public String build() {
    return build;
  }

  public int buildNumber() {
    return buildNumber;
  }

  /** Raw MatchSpec strings, parsed by the consumer. */
  public List<String> depends() {
    return Collections.unmodifiableList(Arrays.asList(depends));
  }

  /** Raw MatchSpec strings of {@code constrains} (run constraints). */
  public List<String> constrains() {
    return Collections.unmodifiableList(Arrays.asList(constrains));
  }

  /** Track features as a list (repodata writes them space- or comma-separated). */
  public List<String> trackFeatures() {
    return splitFeatures(trackFeatures);
  }

  /** Legacy {@code features} as a list. */
  public List<String> features() {
    return splitFeatures(features);
  }

  private static List<String> splitFeatures(String s) {
    return s == null ? List.of() : List.of(s.strip().split("[\\s,]+"));
  }

  /** Upload time in milliseconds since the epoch (repodata seconds are converted), or empty. */
  public Optional<Long> timestampMillis() {
    return timestamp == 0 ? Optional.empty() : Optional.of(timestamp);
  }

  public Optional<String> md5() {
    return md5 == null ? Optional.empty() : Optional.of(HexFormat.of().formatHex(md5));
  }

  public Optional<String> sha256() {
    return sha256 == null ? Optional.empty() : Optional.of(HexFormat.of().formatHex(sha256));
  }

  /** Size of the package file in bytes, or -1 when repodata has none. */
  public long size() {
    return size;
  }

  /** The file name, e.g. {@code numpy-1.26.4-py312h8753938_0.conda}. */
  public String fileName() {
    return fn != null ? fn : name + "-" + version + "-" + build + (condaFormat ? ".conda" : ".tar.bz2");
  }

  /** The file name without {@code .conda} / {@code .tar.bz2}. */
  String stem() {
    if (fn == null) {
      return dist();
    }
    return fn.substring(0, fn.length() - (condaFormat ? ".conda".length() : fn.endsWith(".tar.bz2") ? 8 : 0));
  }

  /** Whether this is a {@code .conda} (rather than {@code .tar.bz2}) package. */
  public boolean isCondaFormat() {
    return condaFormat;
  }

  /** The record's subdir ({@code subdir} key, else the subdir of its repodata). */
  public String subdir() {
    return subdir != null ? subdir : origin != null ? origin.subdir : "";
  }

  public Optional<String> license() {
    return Optional.ofNullable(license);
  }

  public Optional<String> licenseFamily() {
    return Optional.ofNullable(licenseFamily);
  }

  /** {@code python} or {@code generic} for noarch packages, else empty. */
  public Optional<String> noarch() {
    return Optional.ofNullable(noarch);
  }

  public Optional<String> pythonSitePackagesPath() {
    return Optional.ofNullable(pythonSitePackagesPath);
  }

  /** The channel this record came from, or empty when parsed from a bare file. */
  public Optional<Channel> channel() {
    return origin == null ? Optional.empty() : Optional.ofNullable(origin.channel);
  }

  /**
   * The download URL: the repodata's {@code base_url} (repodata v2) or the channel's subdir URL, plus the file
   * name. Never carries a channel token. Empty when the record has no known location.
   */
  public Optional<String> url() {
    if (origin == null || origin.baseUrl == null || origin.baseUrl.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(origin.baseUrl + fileName());
  }

  /** {@code name-version-build}, conda's dist string. */
  public String dist() {
    return name + "-" + version + "-" + build;
  }

  /** {@code channel::name-version-build} or {@code name-version-build}. */
  @Override
  public String toString() {
    return channel().map(c -> c + "/" + subdir() + "::").orElse("") + dist();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PackageRecord r && r.fileName().equals(fileName()) && r.subdir().equals(subdir())
        && Objects.equals(r.channel().map(Channel::url), channel().map(Channel::url))
        && r.name.equals(name) && r.version.equals(version) && r.build.equals(build)
        && Arrays.equals(r.sha256, sha256) && Arrays.equals(r.md5, md5);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, version, build, subdir());
  }

  // The raw fields, for BinaryIndexWriter (no copies, no hex or list conversions).
  String[] rawDepends() {
    return depends;
  }

  String[] rawConstrains() {
    return constrains;
  }

  String rawTrackFeatures() {
    return trackFeatures;
  }

  String rawFeatures() {
    return features;
  }

  long rawTimestamp() {
    return timestamp;
  }

  byte[] rawMd5() {
    return md5;
  }

  byte[] rawSha256() {
    return sha256;
  }

  /** The file name when it is not {@code name-version-build.ext}, else null. */
  String rawFileName() {
    return fn;
  }

  String rawSubdir() {
    return subdir;
  }

  String rawSitePackagesPath() {
    return pythonSitePackagesPath;
  }

  String rawLicense() {
    return license;
  }

  String rawLicenseFamily() {
    return licenseFamily;
  }

  String rawNoarch() {
    return noarch;
  }

  public static Builder builder(String name, String version, String build) {
    return new Builder(name, version, build);
  }

  /** Builds records outside a parse (tests, virtual packages, lockfile readers). */
  public static final class Builder {
    private final String name;
    private final String version;
    private final String build;
    private int buildNumber;
    private String[] depends = NONE;
    private String[] constrains = NONE;
    private String trackFeatures;
    private String features;
    private long timestamp;
    private byte[] md5;
    private byte[] sha256;
    private long size = -1;
    private String fn;
    private String subdir;
    private String license;
    private String licenseFamily;
    private String noarch;
    private String pythonSitePackagesPath;
    private Channel channel;
    private String baseUrl;

    private Builder(String name, String version, String build) {
      this.name = name;
      this.version = version;
      this.build = build;
    }

    public Builder buildNumber(int n) {
      this.buildNumber = n;
      return this;
    }

    public Builder depends(List<String> d) {
      this.depends = d.toArray(NONE);
      return this;
    }

    public Builder constrains(List<String> c) {
      this.constrains = c.toArray(NONE);
      return this;
    }

    public Builder trackFeatures(String t) {
      this.trackFeatures = t;
      return this;
    }

    public Builder features(String f) {
      this.features = f;
      return this;
    }

    /** Seconds or milliseconds since the epoch (values below 10^11 are taken as seconds, as conda does). */
    public Builder timestamp(long t) {
      this.timestamp = RepodataParser.toMillis(t);
      return this;
    }

    public Builder md5(String hex) {
      this.md5 = HexFormat.of().parseHex(hex);
      return this;
    }

    public Builder sha256(String hex) {
      this.sha256 = HexFormat.of().parseHex(hex);
      return this;
    }

    public Builder size(long s) {
      this.size = s;
      return this;
    }

    public Builder fileName(String f) {
      this.fn = f;
      return this;
    }

    public Builder subdir(String s) {
      this.subdir = s;
      return this;
    }

    public Builder license(String l) {
      this.license = l;
      return this;
    }

    public Builder licenseFamily(String l) {
      this.licenseFamily = l;
      return this;
    }

    public Builder noarch(String n) {
      this.noarch = n;
      return this;
    }

    public Builder pythonSitePackagesPath(String p) {
      this.pythonSitePackagesPath = p;
      return this;
    }

    /** The channel and the base URL that {@link PackageRecord#url()} is built from. */
    public Builder channel(Channel c, String base) {
      this.channel = c;
      this.baseUrl = base;
      return this;
    }

    public PackageRecord build() {
      String file = fn != null ? fn : name + "-" + version + "-" + build + ".conda";
      Origin origin = channel == null && baseUrl == null ? null : new Origin(channel, subdir, baseUrl);
      return new PackageRecord(origin, name, version, build, buildNumber, depends, constrains, trackFeatures,
          features, timestamp, md5, sha256, size, file, subdir, license, licenseFamily, noarch,
          pythonSitePackagesPath);
    }
  }
}
