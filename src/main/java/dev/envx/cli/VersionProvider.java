package dev.envx.cli;

import picocli.CommandLine.IVersionProvider;

/** envx's version, as Maven wrote it into {@link BuildVersion}. */
public final class VersionProvider implements IVersionProvider {
  public static String version() {
    return BuildVersion.VERSION;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"envx " + version()};
  }
}
