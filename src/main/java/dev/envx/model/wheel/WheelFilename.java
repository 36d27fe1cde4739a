package dev.envx.model.wheel;

import dev.envx.diag.ParseError;
import dev.envx.model.pep440.Pep440Version;
import dev.envx.model.pep508.PyPiName;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A wheel file name (binary distribution format, PEP 427):
 * {@code {distribution}-{version}(-{build tag})?-{python tag}-{abi tag}-{platform tag}.whl}, parsed as
 * packaging's {@code parse_wheel_filename}. The tag parts keep their compressed form
 * ({@code cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64}); {@link #tags()} expands them.
 *
 * @param build the build tag, or null when the name has none
 */
public record WheelFilename(String filename, PyPiName name, Pep440Version version, BuildTag build,
    String pythonTag, String abiTag, String platformTag) implements DistributionFilename {
  private static final Pattern NAME = Pattern.compile("[\\w.]*", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern BUILD = Pattern.compile("(\\d+)(.*)");

  public WheelFilename {
    Objects.requireNonNull(filename, "filename");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(pythonTag, "pythonTag");
    Objects.requireNonNull(abiTag, "abiTag");
    Objects.requireNonNull(platformTag, "platformTag");
    WheelTag.parseSet(pythonTag + "-" + abiTag + "-" + platformTag);
  }

  /** Parses a wheel file name; throws {@link ParseError} pointing at the offending part. */
  public static WheelFilename parse(String filename) {
    Objects.requireNonNull(filename, "filename");
    if (!filename.endsWith(".whl")) {
      throw new ParseError("a wheel file name ends with `.whl`: `" + filename + "`", filename,
          Math.max(0, filename.lastIndexOf('.')), 1, null);
    }
    String stem = filename.substring(0, filename.length() - 4);
    String[] parts = stem.split("-", -1);
    if (parts.length != 5 && parts.length != 6) {
      throw new ParseError("a wheel file name has 5 or 6 parts separated by `-`, `" + filename + "` has "
          + parts.length, filename, 0, stem.length(),
          "expected `{name}-{version}(-{build})?-{python}-{abi}-{platform}.whl`");
    }
    String namePart = parts[0];
    if (namePart.isEmpty() || namePart.contains("__") || !NAME.matcher(namePart).matches()
        || !PyPiName.isValid(namePart)) {
      throw new ParseError("invalid project name `" + namePart + "` in wheel file name", filename, 0,
          Math.max(1, namePart.length()), "in a wheel file name the name is escaped: `-` becomes `_`");
    }
    int at = namePart.length() + 1;
    Pep440Version version;
    try {
      version = Pep440Version.parse(parts[1]);
    } catch (ParseError e) {
      throw new ParseError("invalid version `" + parts[1] + "` in wheel file name", filename, at,
          Math.max(1, parts[1].length()), e.getMessage());
    }
    at += parts[1].length() + 1;
    BuildTag build = null;
    if (parts.length == 6) {
      Matcher m = BUILD.matcher(parts[2]);
      if (!m.matches()) {
        throw new ParseError("invalid build tag `" + parts[2] + "`: it starts with a digit", filename, at,
            Math.max(1, parts[2].length()), null);
      }
      try {
        build = new BuildTag(Long.parseLong(m.group(1)), m.group(2));
      } catch (NumberFormatException e) {
        throw new ParseError("build number `" + m.group(1) + "` is too large", filename, at, m.group(1).length());
      }
      at += parts[2].length() + 1;
    }
    int n = parts.length;
    String tags = parts[n - 3] + "-" + parts[n - 2] + "-" + parts[n - 1];
    try {
      WheelTag.parseSet(tags);
    } catch (ParseError e) {
      throw new ParseError(e.getMessage() + " in wheel file name", filename, at + e.offset(), e.length(),
          e.hint());
    }
    return new WheelFilename(filename, PyPiName.of(namePart), version, build, parts[n - 3], parts[n - 2],
        parts[n - 1]);
  }

  /** As {@link #parse}, empty when the name is not a valid wheel file name. */
  public static Optional<WheelFilename> tryParse(String filename) {
    try {
      return Optional.of(parse(filename));
    } catch (ParseError e) {
      return Optional.empty();
    }
  }

  public Optional<BuildTag> buildTag() {
    return Optional.ofNullable(build);
  }

  /** The expanded tag set, in written order. */
  public List<WheelTag> tags() {
    return WheelTag.parseSet(pythonTag + "-" + abiTag + "-" + platformTag);
  }

  /** Whether every tag is platform-independent ({@code any}). */
  public boolean isPure() {
    return tags().stream().allMatch(t -> t.platform().equals("any"));
  }

  /** The file name. */
  @Override
  public String toString() {
    return filename;
  }
}
