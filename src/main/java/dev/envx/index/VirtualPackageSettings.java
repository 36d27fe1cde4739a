package dev.envx.index;

/**
 * Configured virtual package versions (later from {@code [tool.envx]}). Each value is a version, an empty
 * string to leave that virtual package out, or null for the platform default. The {@code CONDA_OVERRIDE_*}
 * variables win over these.
 *
 * @param glibc {@code __glibc} version (linux; default 2.17)
 * @param linux {@code __linux} version (linux; default 4.18)
 * @param osx {@code __osx} version (macOS; default 10.13 on osx-64, 11.0 on osx-arm64)
 * @param win {@code __win} version (windows; default 0)
 * @param cuda {@code __cuda} version (absent unless set)
 * @param archspec {@code __archspec} microarchitecture build string (default per platform)
 */
public record VirtualPackageSettings(String glibc, String linux, String osx, String win, String cuda,
    String archspec) {
  /** Platform defaults only. */
  public static VirtualPackageSettings defaults() {
    return new VirtualPackageSettings(null, null, null, null, null, null);
  }

  public VirtualPackageSettings withCuda(String version) {
    return new VirtualPackageSettings(glibc, linux, osx, win, version, archspec);
  }

  public VirtualPackageSettings withGlibc(String version) {
    return new VirtualPackageSettings(version, linux, osx, win, cuda, archspec);
  }

  public VirtualPackageSettings withOsx(String version) {
    return new VirtualPackageSettings(glibc, linux, version, win, cuda, archspec);
  }
}
