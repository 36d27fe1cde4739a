package dev.envx.format.lock;

import dev.envx.model.conda.CondaVersion;
import dev.envx.model.conda.Platform;
import dev.envx.model.pep440.Pep440Version;
import dev.envx.model.pep440.SpecifierSet;
import dev.envx.model.pep508.PyPiName;
import dev.envx.model.pep508.Requirement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One package a solve chose, with everything a lockfile records about it: the seam between {@code resolve} (which
 * produces these), the lockfile readers and writers of this package, {@code check} and {@code install}. Depends
 * only on {@code model.*}. URLs and channels never carry a credential (the constructors refuse one).
 */
public sealed interface LockedPackage permits LockedPackage.Conda, LockedPackage.Pypi {

  /** Which ecosystem a package comes from, as {@code "ecosystem"} in JSON output. */
  enum Ecosystem {
    CONDA, PYPI;

    public String label() {
      return this == CONDA ? "conda" : "pypi";
    }
  }

  Ecosystem ecosystem();

  /** The name as the ecosystem spells it (conda name, or the PyPI name as published). */
  String displayName();

  /** The version as written by the index. */
  String versionText();

  /** Where the file is downloaded from; empty for a package with no known location. */
  Optional<String> location();

  Hashes hashes();

  /**
   * A conda package, as a repodata record describes it.
   *
   * @param name conda package name (lowercase)
   * @param version the record's version
   * @param build build string
   * @param buildNumber build number
   * @param channel the channel's canonical name ({@code conda-forge}) or its redacted URL; null when unknown
   * @param subdir the record's subdir ({@code noarch} for noarch packages)
   * @param url download URL, or null
   * @param fileName e.g. {@code numpy-2.2.6-py313h17eae1a_0.conda}
   * @param hashes md5 and sha256 as the record gives them
   * @param size file size in bytes, -1 when unknown
   * @param depends the record's {@code depends}, MatchSpec strings exactly as repodata writes them (a lockfile
   *     reproduces them byte for byte; the solver parses them from the index)
   * @param constrains the record's {@code constrains}, likewise
   * @param timestampMillis upload time in milliseconds since the epoch, or null
   * @param license license string, or null
   * @param noarch {@code python} or {@code generic}, or null
   * @param trackFeatures track features (usually empty)
   */
  record Conda(
      String name,
      CondaVersion version,
      String build,
      long buildNumber,
      String channel,
      Platform subdir,
      String url,
      String fileName,
      Hashes hashes,
      long size,
      List<String> depends,
      List<String> constrains,
      Long timestampMillis,
      String license,
      String noarch,
      List<String> trackFeatures) implements LockedPackage {

    public Conda {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(build, "build");
      Objects.requireNonNull(subdir, "subdir");
      Objects.requireNonNull(fileName, "fileName");
      hashes = hashes == null ? Hashes.NONE : hashes;
      if (name.isEmpty()) {
        throw new IllegalArgumentException("a conda package needs a name");
      }
      if (buildNumber < 0) {
        throw new IllegalArgumentException("negative build number for `" + name + "`");
      }
      Credentials.refuse(name, channel);
      Credentials.refuse(name, url);
      depends = List.copyOf(depends == null ? List.of() : depends);
      constrains = List.copyOf(constrains == null ? List.of() : constrains);
      trackFeatures = List.copyOf(trackFeatures == null ? List.of() : trackFeatures);
    }

    @Override
    public Ecosystem ecosystem() {
      return Ecosystem.CONDA;
    }

    @Override
    public String displayName() {
      return name;
    }

    @Override
    public String versionText() {
      return version.original();
    }

    @Override
    public Optional<String> location() {
      return Optional.ofNullable(url);
    }

    public Optional<String> channelOptional() {
      return Optional.ofNullable(channel);
    }

    /** conda's dist string {@code name-version-build}. */
    public String dist() {
      return name + "-" + version.original() + "-" + build;
    }

    @Override
    public String toString() {
      return (channel == null ? "" : channel + "/" + subdir.subdir() + "::") + dist();
    }
  }

  /**
   * A PyPI distribution (a wheel, or an sdist whose metadata is static).
   *
   * @param name the project name
   * @param version the distribution's version
   * @param url download URL (or a {@code file:} URL of a local file), or null
   * @param fileName the file's name ({@code requests-2.32.3-py3-none-any.whl})
   * @param hashes sha256 (and md5 where the index gives only that)
   * @param size file size in bytes, -1 when unknown
   * @param requiresDist the distribution's {@code Requires-Dist}, markers and extras included
   * @param requiresPython its {@code Requires-Python}, or null
   * @param extras the extras of this project that the solve activated (sorted, normalized)
   */
  record Pypi(
      PyPiName name,
      Pep440Version version,
      String url,
      String fileName,
      Hashes hashes,
      long size,
      List<Requirement> requiresDist,
      SpecifierSet requiresPython,
      List<String> extras) implements LockedPackage {

    public Pypi {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(fileName, "fileName");
      hashes = hashes == null ? Hashes.NONE : hashes;
      Credentials.refuse(name.normalized(), url);
      requiresDist = List.copyOf(requiresDist == null ? List.of() : requiresDist);
      extras = extras == null ? List.of() : extras.stream().sorted().distinct().toList();
    }

    @Override
    public Ecosystem ecosystem() {
      return Ecosystem.PYPI;
    }

    @Override
    public String displayName() {
      return name.original();
    }

    @Override
    public String versionText() {
      return version.original();
    }

    @Override
    public Optional<String> location() {
      return Optional.ofNullable(url);
    }

    public Optional<SpecifierSet> requiresPythonOptional() {
      return Optional.ofNullable(requiresPython);
    }

    /** True for a wheel ({@code .whl}), false for an sdist. */
    public boolean isWheel() {
      return fileName.endsWith(".whl");
    }

    @Override
    public String toString() {
      return name.normalized() + "==" + version.original() + " (" + fileName + ")";
    }
  }
}
