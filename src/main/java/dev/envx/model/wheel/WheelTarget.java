package dev.envx.model.wheel;

import dev.envx.diag.ParseError;
import dev.envx.model.conda.Platform;
import dev.envx.model.conda.VirtualPackage;
import java.util.Collection;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What decides which wheels install on a target: the conda platform, the CPython version (and whether it is
 * a free-threaded build), the C library on Linux (glibc from {@code __glibc}, or musl) and the macOS
 * deployment target (from {@code __osx}).
 *
 * @param libc the C library on Linux, null elsewhere (or on a Linux without a known C library: then only
 *     {@code linux_<arch>} platform tags apply)
 * @param macos the oldest macOS the environment must run on, null except on macOS
 */
public record WheelTarget(Platform platform, int pythonMajor, int pythonMinor, boolean freeThreaded, Libc libc,
    MacVersion macos) {
  /** conda-forge's baseline, also {@code dev.envx.index.VirtualPackages.DEFAULT_GLIBC}. */
  public static final Libc DEFAULT_GLIBC = new Libc(Libc.Kind.GLIBC, 2, 17);

  /** conda-forge's default deployment targets. */
  public static final MacVersion DEFAULT_OSX_64 = new MacVersion(10, 13);

  public static final MacVersion DEFAULT_OSX_ARM64 = new MacVersion(11, 0);

  private static final Pattern PYTHON = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.\\d+)?");
  private static final Pattern TWO = Pattern.compile("(\\d+)\\.(\\d+)(?:[.].*)?");

  /** A C library and its version ({@code glibc 2.17}, {@code musl 1.2}). */
  public record Libc(Kind kind, int major, int minor) implements Comparable<Libc> {
    public enum Kind { GLIBC, MUSL }

    public Libc {
      Objects.requireNonNull(kind, "kind");
      if (major < 0 || minor < 0) {
        throw new IllegalArgumentException("invalid " + kind + " version " + major + "." + minor);
      }
    }

    @Override
    public int compareTo(Libc o) {
      return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
      return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + major + "." + minor;
    }
  }

  /** A macOS version {@code major.minor}. */
  public record MacVersion(int major, int minor) implements Comparable<MacVersion> {
    public MacVersion {
      if (major < 10 || minor < 0) {
        throw new IllegalArgumentException("invalid macOS version " + major + "." + minor);
      }
    }

    /** {@code 10.13}, {@code 11.0}, {@code 14.2.1} (the third part is ignored). */
    public static MacVersion parse(String text) {
      Matcher m = TWO.matcher(text.strip());
      if (!m.matches()) {
        throw new ParseError("expected a macOS version like `11.0`, got `" + text + "`", text, 0, text.length());
      }
      return new MacVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    @Override
    public int compareTo(MacVersion o) {
      return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
      return major + "." + minor;
    }
  }

  public WheelTarget {
    Objects.requireNonNull(platform, "platform");
    if (pythonMajor != 3 || pythonMinor < 0) {
      throw new IllegalArgumentException("envx computes wheel tags for CPython 3.x, not " + pythonMajor + "."
          + pythonMinor);
    }
    if (freeThreaded && pythonMinor < 13) {
      throw new IllegalArgumentException("free-threaded CPython starts at 3.13, not 3." + pythonMinor);
    }
    if (libc != null && !platform.isLinux()) {
      throw new IllegalArgumentException("a C library version applies to Linux targets, not " + platform);
    }
    if (macos != null && !platform.isOsx()) {
      throw new IllegalArgumentException("a macOS version applies to macOS targets, not " + platform);
    }
  }

  /**
   * CPython {@code python} ({@code 3.11} or {@code 3.11.4}) on {@code platform} with conda-forge's defaults:
   * glibc 2.17 on Linux, macOS 10.13 on osx-64 and 11.0 on osx-arm64.
   */
  public static WheelTarget of(Platform platform, String python) {
    int[] v = python(python);
    return new WheelTarget(platform, v[0], v[1], false, platform.isLinux() ? DEFAULT_GLIBC : null,
        platform == Platform.OSX_64 ? DEFAULT_OSX_64 : platform == Platform.OSX_ARM64 ? DEFAULT_OSX_ARM64 : null);
  }

  /**
   * A target from a solve's virtual packages: {@code __glibc} gives the glibc version and {@code __osx} the
   * macOS deployment target; when absent the defaults of {@link #of} apply.
   */
  public static WheelTarget of(Platform platform, String python, Collection<VirtualPackage> virtualPackages) {
    WheelTarget t = of(platform, python);
    for (VirtualPackage vp : virtualPackages) {
      if (vp.name().equals("__glibc") && platform.isLinux()) {
        Matcher m = TWO.matcher(vp.version());
        if (!m.matches()) {
          throw new ParseError("expected a glibc version like `2.17` in `" + vp + "`", vp.toString(),
              vp.name().length() + 1, vp.version().length());
        }
        t = t.withLibc(new Libc(Libc.Kind.GLIBC, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
      } else if (vp.name().equals("__osx") && platform.isOsx()) {
        try {
          t = t.withMacos(MacVersion.parse(vp.version()));
        } catch (ParseError e) {
          throw new ParseError("expected a macOS version like `11.0` in `" + vp + "`", vp.toString(),
              vp.name().length() + 1, vp.version().length());
        }
      }
    }
    return t;
  }

  private static int[] python(String python) {
    Matcher m = PYTHON.matcher(Objects.requireNonNull(python, "python").strip());
    if (!m.matches()) {
      throw new ParseError("expected a Python version like `3.12`, got `" + python + "`", python, 0,
          python.length());
    }
    return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
  }

  public WheelTarget withLibc(Libc value) {
    return new WheelTarget(platform, pythonMajor, pythonMinor, freeThreaded, value, macos);
  }

  public WheelTarget withMacos(MacVersion value) {
    return new WheelTarget(platform, pythonMajor, pythonMinor, freeThreaded, libc, value);
  }

  public WheelTarget withFreeThreaded(boolean value) {
    return new WheelTarget(platform, pythonMajor, pythonMinor, value, libc, macos);
  }

  /** {@code 3.11}. */
  public String pythonVersion() {
    return pythonMajor + "." + pythonMinor;
  }

  @Override
  public String toString() {
    return platform + " cp" + pythonMajor + pythonMinor + (freeThreaded ? "t" : "")
        + (libc != null ? " " + libc : "") + (macos != null ? " macos " + macos : "");
  }
}
