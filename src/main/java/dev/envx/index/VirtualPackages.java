package dev.envx.index;

import dev.envx.diag.Diagnostic;
import dev.envx.diag.EnvxException;
import dev.envx.model.conda.Platform;
import dev.envx.model.conda.VirtualPackage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The virtual packages of a target platform, as conda and rattler define them: {@code __unix} / {@code __win},
 * {@code __linux} + {@code __glibc}, {@code __osx}, {@code __cuda} (only when overridden or configured) and
 * {@code __archspec} ({@code 1} with the microarchitecture as build string).
 *
 * <p>The target need not be the running machine, so nothing is detected from the host: values come from the
 * platform defaults, then the {@link VirtualPackageSettings}, then the standard {@code CONDA_OVERRIDE_GLIBC},
 * {@code CONDA_OVERRIDE_LINUX}, {@code CONDA_OVERRIDE_OSX}, {@code CONDA_OVERRIDE_WIN},
 * {@code CONDA_OVERRIDE_CUDA} and {@code CONDA_OVERRIDE_ARCHSPEC} variables, passed in as a map. An empty value
 * removes the package (as in conda).
 */
public final class VirtualPackages {
  public static final String DEFAULT_GLIBC = "2.17";
  public static final String DEFAULT_LINUX = "4.18";

  private VirtualPackages() {}

  /** Virtual packages for {@code target}, sorted by name. */
  public static List<VirtualPackage> forPlatform(Platform target, VirtualPackageSettings settings,
      Map<String, String> env) {
    List<VirtualPackage> out = new ArrayList<>();
    if (target.isUnix()) {
      out.add(VirtualPackage.of("__unix", "0"));
    }
    if (target.isWindows()) {
      add(out, "__win", pick("WIN", settings.win(), "0", env));
    }
    if (target.isLinux()) {
      add(out, "__linux", pick("LINUX", settings.linux(), DEFAULT_LINUX, env));
      add(out, "__glibc", pick("GLIBC", settings.glibc(), DEFAULT_GLIBC, env));
    }
    if (target.isOsx()) {
      add(out, "__osx", pick("OSX", settings.osx(), target == Platform.OSX_ARM64 ? "11.0" : "10.13", env));
    }
    if (!target.isNoarch()) {
      add(out, "__cuda", pick("CUDA", settings.cuda(), null, env));
      String arch = pick("ARCHSPEC", settings.archspec(), defaultArchspec(target), env);
      if (arch != null && !arch.isEmpty()) {
        out.add(create("__archspec", "1", arch, "CONDA_OVERRIDE_ARCHSPEC"));
      }
    }
    out.sort(null);
    return List.copyOf(out);
  }

  /** The generic microarchitecture of a platform, as rattler reports it for a cross target. */
  static String defaultArchspec(Platform p) {
    return switch (p) {
      case OSX_ARM64 -> "m1";
      case WIN_ARM64, LINUX_AARCH64 -> "aarch64";
      case NOARCH -> null;
      default -> p.arch().orElse(null);
    };
  }

  /**
   * The virtual packages as repodata records (channel-less, subdir of the target), for a solver that treats
   * them as always-installed packages.
   */
  public static List<PackageRecord> asRecords(List<VirtualPackage> packages, Platform target) {
    List<PackageRecord> out = new ArrayList<>();
    for (VirtualPackage v : packages) {
      out.add(PackageRecord.builder(v.name(), v.version(), v.build()).subdir(target.subdir())
          .fileName(v.name() + "-" + v.version() + "-" + v.build() + ".virtual").build());
    }
    return out;
  }

  private static String pick(String what, String configured, String fallback, Map<String, String> env) {
    String override = env.get("CONDA_OVERRIDE_" + what);
    if (override != null) {
      return override.strip();
    }
    return configured != null ? configured.strip() : fallback;
  }

  private static void add(List<VirtualPackage> out, String name, String version) {
    if (version != null && !version.isEmpty()) {
      out.add(create(name, version, "0", "CONDA_OVERRIDE_" + name.substring(2).toUpperCase(java.util.Locale.ROOT)));
    }
  }

  private static VirtualPackage create(String name, String version, String build, String variable) {
    try {
      return new VirtualPackage(name, version, build);
    } catch (IllegalArgumentException e) {
      throw EnvxException.input(Diagnostic.error("invalid value for `" + name + "`: " + e.getMessage(), null,
          "check `" + variable + "` or the virtual package settings"));
    }
  }
}
