package dev.envx.cli;

/**
 * envx's version, written into this source by Maven ({@code templating-maven-plugin}, from the POM's
 * {@code project.version}). A constant rather than a filtered resource: reading a resource from the jar opens it
 * and asks the boot loader's modules first (~5 ms of a warm solve, which needs the version for its HTTP user agent).
 */
final class BuildVersion {
  static final String VERSION = "${project.version}";

  private BuildVersion() {}
}
