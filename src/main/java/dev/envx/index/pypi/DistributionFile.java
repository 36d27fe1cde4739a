package dev.envx.index.pypi;

import dev.envx.model.pep440.Pep440Version;
import dev.envx.model.pep440.SpecifierSet;
import dev.envx.model.wheel.DistributionFilename;
import dev.envx.model.wheel.WheelFilename;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One file of a project on a simple index (PEP 503 / PEP 691).
 *
 * @param url absolute, without fragment and without credentials
 * @param hashes algorithm (lowercase, e.g. {@code sha256}) to lowercase hex digest; may be empty
 * @param requiresPython {@code data-requires-python} / {@code requires-python}, null when absent or invalid
 * @param requiresPythonText the value as published (kept when it does not parse), null when absent
 * @param yankedReason null when not yanked (PEP 592), else the reason ({@code ""} when none given)
 * @param coreMetadata the PEP 658 / 714 metadata file's hashes when the index serves one, else null
 * @param size the size in bytes, or -1 when the index does not say
 * @param parsed the file name read as a wheel or sdist, null for other files ({@code .egg}, {@code .exe})
 */
public record DistributionFile(String filename, URI url, Map<String, String> hashes, SpecifierSet requiresPython,
    String requiresPythonText, String yankedReason, Map<String, String> coreMetadata, long size,
    DistributionFilename parsed) {
  public DistributionFile {
    Objects.requireNonNull(filename, "filename");
    Objects.requireNonNull(url, "url");
    if (url.getUserInfo() != null || url.getFragment() != null) {
      throw new IllegalArgumentException("a file URL has neither credentials nor a fragment");
    }
    hashes = normalize(hashes);
    coreMetadata = coreMetadata == null ? null : normalize(coreMetadata);
  }

  private static Map<String, String> normalize(Map<String, String> hashes) {
    Map<String, String> out = new TreeMap<>();
    hashes.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v.toLowerCase(Locale.ROOT)));
    return Map.copyOf(out);
  }

  public boolean isYanked() {
    return yankedReason != null;
  }

  public boolean hasCoreMetadata() {
    return coreMetadata != null;
  }

  public Optional<WheelFilename> wheel() {
    return parsed instanceof WheelFilename w ? Optional.of(w) : Optional.empty();
  }

  public Optional<Pep440Version> version() {
    return parsed == null ? Optional.empty() : Optional.of(parsed.version());
  }

  /** Whether the file's {@code Requires-Python} allows {@code python} (true without one). */
  public boolean allowsPython(Pep440Version python) {
    return requiresPython == null || requiresPython.contains(python, true);
  }

  /** The URL of the PEP 658 metadata file: the file's URL with {@code .metadata} appended. */
  public URI metadataUrl() {
    return URI.create(url.toString() + ".metadata");
  }

  @Override
  public String toString() {
    return filename;
  }
}
