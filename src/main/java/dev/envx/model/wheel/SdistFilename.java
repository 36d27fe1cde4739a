package dev.envx.model.wheel;

import dev.envx.diag.ParseError;
import dev.envx.model.pep440.Pep440Version;
import dev.envx.model.pep508.PyPiName;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A source distribution file name: {@code {name}-{version}.tar.gz} (or {@code .zip}), as packaging's
 * {@code parse_sdist_filename} reads it (the version is after the last {@code -}). Legacy archive formats
 * that pip still lists ({@code .tar.bz2}, {@code .tgz}, {@code .tar.xz}, {@code .tar}, {@code .tbz}) are
 * accepted too and marked {@link #isLegacyFormat()}.
 *
 * @param extension the archive extension including the dot, e.g. {@code .tar.gz}
 */
public record SdistFilename(String filename, PyPiName name, Pep440Version version, String extension)
    implements DistributionFilename {
  /** The extensions the source distribution format allows. */
  public static final List<String> STANDARD_EXTENSIONS = List.of(".tar.gz", ".zip");

  /** Older archive formats pip still accepts. */
  public static final List<String> LEGACY_EXTENSIONS = List.of(".tar.bz2", ".tbz", ".tgz", ".tar.xz", ".txz",
      ".tar");

  public SdistFilename {
    Objects.requireNonNull(filename, "filename");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(extension, "extension");
    if (!filename.endsWith(extension) || extension(filename).isEmpty()) {
      throw new IllegalArgumentException("`" + filename + "` is not an sdist file name");
    }
  }

  /** Parses {@code name-version.ext}, splitting at the last {@code -}. */
  public static SdistFilename parse(String filename) {
    return parse(filename, null);
  }

  /**
   * Parses a file name listed for {@code project} (may be null): when the stem starts with a spelling of the
   * project's name followed by {@code -}, the rest is the version (so {@code foo-bar-1.0.tar.gz} of project
   * {@code foo-bar} reads, and so does a legacy version with a dash); otherwise the last {@code -} splits.
   */
  public static SdistFilename parse(String filename, PyPiName project) {
    Objects.requireNonNull(filename, "filename");
    String ext = extension(filename);
    if (ext.isEmpty()) {
      throw new ParseError("not a distribution file name (expected `.whl`, `.tar.gz` or `.zip`): `" + filename
          + "`", filename, Math.max(0, filename.lastIndexOf('.')), 1, null);
    }
    String stem = filename.substring(0, filename.length() - ext.length());
    int dash = -1;
    if (project != null) {
      for (int i = stem.indexOf('-'); i >= 0; i = stem.indexOf('-', i + 1)) {
        if (PyPiName.normalize(stem.substring(0, i)).equals(project.normalized())) {
          dash = i;
          break;
        }
      }
    }
    if (dash < 0) {
      dash = stem.lastIndexOf('-');
    }
    if (dash <= 0) {
      throw new ParseError("an sdist file name is `{name}-{version}" + ext + "`: `" + filename + "`", filename,
          0, stem.length(), null);
    }
    String namePart = stem.substring(0, dash);
    if (!PyPiName.isValid(namePart)) {
      throw new ParseError("invalid project name `" + namePart + "` in sdist file name", filename, 0,
          namePart.length(), null);
    }
    String versionPart = stem.substring(dash + 1);
    Pep440Version version;
    try {
      version = Pep440Version.parse(versionPart);
    } catch (ParseError e) {
      throw new ParseError("invalid version `" + versionPart + "` in sdist file name", filename, dash + 1,
          Math.max(1, versionPart.length()), e.getMessage());
    }
    return new SdistFilename(filename, PyPiName.of(namePart), version, ext);
  }

  public static Optional<SdistFilename> tryParse(String filename) {
    try {
      return Optional.of(parse(filename));
    } catch (ParseError e) {
      return Optional.empty();
    }
  }

  /** Whether the archive format is one the source distribution format no longer allows. */
  public boolean isLegacyFormat() {
    return !STANDARD_EXTENSIONS.contains(extension);
  }

  private static String extension(String filename) {
    for (String e : STANDARD_EXTENSIONS) {
      if (filename.endsWith(e)) {
        return e;
      }
    }
    for (String e : LEGACY_EXTENSIONS) {
      if (filename.endsWith(e)) {
        return e;
      }
    }
    return "";
  }

  /** The file name. */
  @Override
  public String toString() {
    return filename;
  }
}
