package dev.envx.model.conda;

import dev.envx.diag.ParseError;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A conda platform, named by its subdir ({@code linux-64}, {@code osx-arm64}, {@code noarch}, ...). The set is
 * the one conda and rattler know; {@link #parse(String)} rejects anything else with the list of valid values.
 */
public enum Platform {
  NOARCH("noarch", Os.NONE, null),
  LINUX_32("linux-32", Os.LINUX, "x86"),
  LINUX_64("linux-64", Os.LINUX, "x86_64"),
  LINUX_AARCH64("linux-aarch64", Os.LINUX, "aarch64"),
  LINUX_ARMV6L("linux-armv6l", Os.LINUX, "armv6l"),
  LINUX_ARMV7L("linux-armv7l", Os.LINUX, "armv7l"),
  LINUX_PPC64("linux-ppc64", Os.LINUX, "ppc64"),
  LINUX_PPC64LE("linux-ppc64le", Os.LINUX, "ppc64le"),
  LINUX_RISCV64("linux-riscv64", Os.LINUX, "riscv64"),
  LINUX_S390X("linux-s390x", Os.LINUX, "s390x"),
  OSX_64("osx-64", Os.OSX, "x86_64"),
  OSX_ARM64("osx-arm64", Os.OSX, "arm64"),
  WIN_32("win-32", Os.WINDOWS, "x86"),
  WIN_64("win-64", Os.WINDOWS, "x86_64"),
  WIN_ARM64("win-arm64", Os.WINDOWS, "arm64"),
  FREEBSD_64("freebsd-64", Os.FREEBSD, "x86_64"),
  EMSCRIPTEN_WASM32("emscripten-wasm32", Os.EMSCRIPTEN, "wasm32"),
  WASI_WASM32("wasi-wasm32", Os.WASI, "wasm32"),
  ZOS_Z("zos-z", Os.ZOS, "z");

  /** The operating system family of a platform; {@code NONE} for {@code noarch}. */
  public enum Os {
    NONE, LINUX, OSX, WINDOWS, FREEBSD, EMSCRIPTEN, WASI, ZOS
  }

  private final String subdir;
  private final Os os;
  private final String arch;

  Platform(String subdir, Os os, String arch) {
    this.subdir = subdir;
    this.os = os;
    this.arch = arch;
  }

  /** The subdir name, e.g. {@code linux-64}. */
  public String subdir() {
    return subdir;
  }

  public Os os() {
    return os;
  }

  /** The CPU architecture ({@code x86_64}, {@code aarch64}, ...), empty for {@code noarch}. */
  public Optional<String> arch() {
    return Optional.ofNullable(arch);
  }

  public boolean isNoarch() {
    return this == NOARCH;
  }

  public boolean isLinux() {
    return os == Os.LINUX;
  }

  public boolean isOsx() {
    return os == Os.OSX;
  }

  public boolean isWindows() {
    return os == Os.WINDOWS;
  }

  /** Linux, macOS, FreeBSD and z/OS are unix ({@code __unix}); Windows, wasm and noarch are not. */
  public boolean isUnix() {
    return os == Os.LINUX || os == Os.OSX || os == Os.FREEBSD || os == Os.ZOS;
  }

  /** The subdir name. */
  @Override
  public String toString() {
    return subdir;
  }

  /** The platform with this subdir name, or empty. */
  public static Optional<Platform> fromSubdir(String subdir) {
    for (Platform p : values()) {
      if (p.subdir.equals(subdir)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * Parses a subdir name (surrounding whitespace ignored, case-insensitive).
   *
   * @throws ParseError when the name is not a known platform; the hint lists the valid values
   */
  public static Platform parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    Optional<Platform> p = fromSubdir(t);
    if (p.isPresent()) {
      return p.get();
    }
    int start = text.indexOf(text.strip().isEmpty() ? "" : text.strip());
    throw new ParseError("unknown platform `" + text.strip() + "`", text, Math.max(0, start),
        Math.max(1, text.strip().length()), "valid platforms: " + validValues());
  }

  private static final Set<String> SUBDIRS = subdirsMostUsedFirst();

  /**
   * The subdir names conda knows ({@code context.known_subdirs}): the one list of conda platforms that the
   * readers, MatchSpec's {@code channel/subdir} split and the commands' {@code --platform} use. The most used
   * platforms come first ({@code linux-64}, {@code osx-arm64}, {@code win-64}, {@code linux-aarch64},
   * {@code osx-64}), so that a "did you mean" suggestion prefers them among equally close names.
   */
  public static Set<String> subdirs() {
    return SUBDIRS;
  }

  private static Set<String> subdirsMostUsedFirst() {
    Set<String> out = new LinkedHashSet<>();
    for (Platform p : new Platform[] {LINUX_64, OSX_ARM64, WIN_64, LINUX_AARCH64, OSX_64}) {
      out.add(p.subdir);
    }
    for (Platform p : values()) {
      out.add(p.subdir);
    }
    return Collections.unmodifiableSet(out);
  }

  /** All subdir names, comma separated, for messages. */
  public static String validValues() {
    return Arrays.stream(values()).map(Platform::subdir).collect(Collectors.joining(", "));
  }

  /** The platform this JVM runs on, from {@code os.name} and {@code os.arch}. */
  public static Optional<Platform> current() {
    return current(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
  }

  /** The platform for Java's {@code os.name} / {@code os.arch} values, or empty when conda has none. */
  public static Optional<Platform> current(String osName, String osArch) {
    String os = osName.toLowerCase(Locale.ROOT);
    String arch = osArch.toLowerCase(Locale.ROOT);
    boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
    boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
    boolean x86 = arch.equals("x86") || arch.equals("i386") || arch.equals("i686");
    Platform p = null;
    if (os.startsWith("linux")) {
      p = x64 ? LINUX_64 : arm64 ? LINUX_AARCH64 : x86 ? LINUX_32
          : arch.equals("ppc64le") ? LINUX_PPC64LE : arch.equals("ppc64") ? LINUX_PPC64
          : arch.equals("s390x") ? LINUX_S390X : arch.equals("riscv64") ? LINUX_RISCV64
          : arch.startsWith("arm") ? LINUX_ARMV7L : null;
    } else if (os.startsWith("mac") || os.startsWith("darwin")) {
      p = x64 ? OSX_64 : arm64 ? OSX_ARM64 : null;
    } else if (os.startsWith("windows")) {
      p = x64 ? WIN_64 : arm64 ? WIN_ARM64 : x86 ? WIN_32 : null;
    } else if (os.startsWith("freebsd")) {
      p = x64 ? FREEBSD_64 : null;
    } else if (os.startsWith("z/os")) {
      p = ZOS_Z;
    }
    return Optional.ofNullable(p);
  }
}
