package dev.envx.model.wheel;

import dev.envx.diag.ParseError;
import dev.envx.model.pep440.Pep440Version;
import dev.envx.model.pep508.PyPiName;
import java.util.Optional;

/**
 * The file name of a distribution on a package index: a wheel ({@code .whl}) or a source distribution
 * ({@code .tar.gz}, {@code .zip}, or a legacy archive).
 */
public sealed interface DistributionFilename permits WheelFilename, SdistFilename {
  /** The file name as published. */
  String filename();

  /** The project name as spelled in the file name. */
  PyPiName name();

  Pep440Version version();

  /**
   * Parses a file name listed for {@code project} (which disambiguates legacy sdist names with a dash inside
   * the name or the version); throws {@link ParseError} when the name is neither a wheel nor an sdist.
   */
  static DistributionFilename parse(String filename, PyPiName project) {
    if (filename.endsWith(".whl")) {
      return WheelFilename.parse(filename);
    }
    return SdistFilename.parse(filename, project);
  }

  /** As {@link #parse}, empty for a file that is neither (a {@code .exe} installer, an {@code .egg}). */
  static Optional<DistributionFilename> tryParse(String filename, PyPiName project) {
    try {
      return Optional.of(parse(filename, project));
    } catch (ParseError e) {
      return Optional.empty();
    }
  }
}
