package dev.envx.resolve;

import java.util.List;

/** Distinct versions of one name for an explanation line: all of up to five, else the first three, … and the last. */
public final class VersionList {
  private VersionList() {}

  /** {@code 2.2.6 | 2.1.0}, or {@code 3.12.13 | 3.12.12 | 3.12.11 | … | 3.12.0}. */
  public static String join(List<String> versions) {
    if (versions.size() > 5) {
      return String.join(" | ", versions.subList(0, 3)) + " | … | " + versions.get(versions.size() - 1);
    }
    return String.join(" | ", versions);
  }
}
