package dev.envx.model.conda;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A virtual package describing the target system ({@code __glibc=2.17=0}, {@code __osx=11.0=0},
 * {@code __archspec=1=x86_64}). Names start with {@code __}; the version is kept as a string and parsed by the
 * consumer.
 */
public record VirtualPackage(String name, String version, String build) implements Comparable<VirtualPackage> {
  private static final Pattern NAME = Pattern.compile("__[a-z0-9_][a-z0-9_.-]*");
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_.+!*-]+");

  public VirtualPackage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(build, "build");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid virtual package name `" + name + "` (must start with `__`)");
    }
    if (!TOKEN.matcher(version).matches()) {
      throw new IllegalArgumentException("invalid version `" + version + "` for virtual package `" + name + "`");
    }
    if (!TOKEN.matcher(build).matches()) {
      throw new IllegalArgumentException("invalid build `" + build + "` for virtual package `" + name + "`");
    }
  }

  public static VirtualPackage of(String name, String version) {
    return new VirtualPackage(name, version, "0");
  }

  /** Parses {@code name}, {@code name=version} or {@code name=version=build}. */
  public static VirtualPackage parse(String text) {
    String[] parts = text.strip().split("=", -1);
    if (parts.length > 3) {
      throw new dev.envx.diag.ParseError("expected `name=version=build`", text, 0, text.length());
    }
    try {
      return new VirtualPackage(parts[0], parts.length > 1 ? parts[1] : "0", parts.length > 2 ? parts[2] : "0");
    } catch (IllegalArgumentException e) {
      throw new dev.envx.diag.ParseError(e.getMessage(), text, 0, text.length());
    }
  }

  @Override
  public int compareTo(VirtualPackage o) {
    return name.compareTo(o.name);
  }

  /** {@code name=version=build}. */
  @Override
  public String toString() {
    return name + "=" + version + "=" + build;
  }
}
