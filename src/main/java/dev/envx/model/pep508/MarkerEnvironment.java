package dev.envx.model.pep508;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The values PEP 508 markers are evaluated against. Field names follow the PEP 508 variable names;
 * {@link #value(String)} and {@link #with(String, String)} address them by those names.
 *
 * <p>{@code extra} is the extra being evaluated ({@code ""} when none, packaging's "metadata" context);
 * {@code extras} and {@code dependencyGroups} are the set-valued variables of lock files (PEP 751) and are
 * null (undefined: evaluating a marker that reads them fails) unless set.
 *
 * <p>Platform factories ({@link #forCondaPlatform}) describe a CPython interpreter on a conda platform; the
 * kernel-dependent {@code platform_release} and {@code platform_version} cannot be known for a target and are
 * empty strings there.
 */
public record MarkerEnvironment(
    String implementationName,
    String implementationVersion,
    String osName,
    String platformMachine,
    String platformRelease,
    String platformSystem,
    String platformVersion,
    String pythonFullVersion,
    String platformPythonImplementation,
    String pythonVersion,
    String sysPlatform,
    String extra,
    Set<String> extras,
    Set<String> dependencyGroups) {

  /** The PEP 508 string variables, in the order of the record components. */
  public static final java.util.List<String> KEYS =
      java.util.List.of(
          "implementation_name",
          "implementation_version",
          "os_name",
          "platform_machine",
          "platform_release",
          "platform_system",
          "platform_version",
          "python_full_version",
          "platform_python_implementation",
          "python_version",
          "sys_platform",
          "extra");

  /** os_name, platform_system, sys_platform and platform_machine of CPython on a conda platform. */
  private record Platform(String osName, String system, String sysPlatform, String machine) {}

  private static final java.util.Map<String, Platform> PLATFORMS =
      java.util.Map.of(
          "linux-64", new Platform("posix", "Linux", "linux", "x86_64"),
          "linux-aarch64", new Platform("posix", "Linux", "linux", "aarch64"),
          "osx-64", new Platform("posix", "Darwin", "darwin", "x86_64"),
          "osx-arm64", new Platform("posix", "Darwin", "darwin", "arm64"),
          "win-64", new Platform("nt", "Windows", "win32", "AMD64"));

  /** The conda platforms envx locks for. */
  public static final java.util.List<String> CONDA_PLATFORMS =
      java.util.List.of("linux-64", "linux-aarch64", "osx-64", "osx-arm64", "win-64");

  /**
   * The default environment: CPython 3.12.0 on Linux x86_64, i.e. {@code forCondaPlatform("linux-64",
   * "3.12.0")}: implementation_name {@code cpython}, implementation_version {@code 3.12.0}, os_name
   * {@code posix}, platform_machine {@code x86_64}, platform_release {@code ""}, platform_system
   * {@code Linux}, platform_version {@code ""}, python_full_version {@code 3.12.0},
   * platform_python_implementation {@code CPython}, python_version {@code 3.12}, sys_platform {@code linux},
   * extra {@code ""}.
   */
  public static final MarkerEnvironment DEFAULT = forCondaPlatform("linux-64", "3.12.0");

  public MarkerEnvironment {
    Objects.requireNonNull(implementationName, "implementation_name");
    Objects.requireNonNull(implementationVersion, "implementation_version");
    Objects.requireNonNull(osName, "os_name");
    Objects.requireNonNull(platformMachine, "platform_machine");
    Objects.requireNonNull(platformRelease, "platform_release");
    Objects.requireNonNull(platformSystem, "platform_system");
    Objects.requireNonNull(platformVersion, "platform_version");
    Objects.requireNonNull(pythonFullVersion, "python_full_version");
    Objects.requireNonNull(platformPythonImplementation, "platform_python_implementation");
    Objects.requireNonNull(pythonVersion, "python_version");
    Objects.requireNonNull(sysPlatform, "sys_platform");
    extra = extra == null || extra.isEmpty() ? "" : PyPiName.normalize(extra);
    extras = extras == null ? null : Set.copyOf(extras);
    dependencyGroups = dependencyGroups == null ? null : Set.copyOf(dependencyGroups);
  }

  /**
   * CPython {@code pythonVersion} ({@code 3.12} or {@code 3.12.4}; a two-part version means {@code .0}) on
   * one of {@link #CONDA_PLATFORMS}.
   */
  public static MarkerEnvironment forCondaPlatform(String condaPlatform, String pythonVersion) {
    String[] parts = pythonVersion.split("\\.");
    if (parts.length < 2 || parts.length > 3 || !pythonVersion.matches("[0-9]+(\\.[0-9]+){1,2}")) {
      throw new IllegalArgumentException(
          "expected a Python version like `3.12` or `3.12.4`, got `" + pythonVersion + "`");
    }
    String minor = parts[0] + "." + parts[1];
    String full = parts.length == 3 ? pythonVersion : minor + ".0";
    Platform p = PLATFORMS.get(condaPlatform);
    if (p == null) {
      throw new IllegalArgumentException(
          "no marker environment for conda platform `" + condaPlatform + "`; known: " + CONDA_PLATFORMS);
    }
    return new MarkerEnvironment(
        "cpython", full, p.osName(), p.machine(), "", p.system(), "", full, "CPython", minor, p.sysPlatform(),
        "", null, null);
  }

  /** The value of a PEP 508 variable ({@code extras}/{@code dependency_groups} are sets). */
  public Object value(String key) {
    Object v = switch (key) {
      case "implementation_name" -> implementationName;
      case "implementation_version" -> implementationVersion;
      case "os_name" -> osName;
      case "platform_machine" -> platformMachine;
      case "platform_release" -> platformRelease;
      case "platform_system" -> platformSystem;
      case "platform_version" -> platformVersion;
      case "python_full_version" -> pythonFullVersion.endsWith("+")
          ? pythonFullVersion + "local"
          : pythonFullVersion;
      case "platform_python_implementation" -> platformPythonImplementation;
      case "python_version" -> pythonVersion;
      case "sys_platform" -> sysPlatform;
      case "extra" -> extra;
      case "extras" -> extras;
      case "dependency_groups" -> dependencyGroups;
      default -> null;
    };
    if (v == null) {
      throw new MarkerEvaluationException(
          "marker variable `" + key + "` is not defined in this environment",
          "set it with `MarkerEnvironment.with(\"" + key + "\", ...)`");
    }
    return v;
  }

  /** A copy with one PEP 508 string variable replaced. */
  public MarkerEnvironment with(String key, String value) {
    Objects.requireNonNull(value, "value");
    String k = key.toLowerCase(Locale.ROOT);
    if (!KEYS.contains(k)) {
      throw new IllegalArgumentException("`" + key + "` is not a PEP 508 marker variable; known: " + KEYS);
    }
    return new MarkerEnvironment(
        k.equals("implementation_name") ? value : implementationName,
        k.equals("implementation_version") ? value : implementationVersion,
        k.equals("os_name") ? value : osName,
        k.equals("platform_machine") ? value : platformMachine,
        k.equals("platform_release") ? value : platformRelease,
        k.equals("platform_system") ? value : platformSystem,
        k.equals("platform_version") ? value : platformVersion,
        k.equals("python_full_version") ? value : pythonFullVersion,
        k.equals("platform_python_implementation") ? value : platformPythonImplementation,
        k.equals("python_version") ? value : pythonVersion,
        k.equals("sys_platform") ? value : sysPlatform,
        k.equals("extra") ? value : extra,
        extras,
        dependencyGroups);
  }

  /** A copy with the set-valued {@code extras} or {@code dependency_groups} variable replaced. */
  public MarkerEnvironment with(String key, Set<String> value) {
    if (!key.equals("extras") && !key.equals("dependency_groups")) {
      throw new IllegalArgumentException("`" + key + "` is not a set-valued marker variable");
    }
    boolean extrasKey = key.equals("extras");
    return new MarkerEnvironment(implementationName, implementationVersion, osName, platformMachine,
        platformRelease, platformSystem, platformVersion, pythonFullVersion, platformPythonImplementation,
        pythonVersion, sysPlatform, extra, extrasKey ? value : extras, extrasKey ? dependencyGroups : value);
  }
}
