package dev.envx.mapping;

import java.util.Objects;

/**
 * One name a table maps to. {@code bundled} marks a target read from a package that ships several
 * distributions (a conda package vendoring other dists), which is a weak claim; {@code note} says why the
 * entry exists, when a table says so.
 */
public record Target(String name, Basis basis, VersionWindow window, boolean bundled, String note) {
  public Target {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(basis, "basis");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(note, "note");
    if (name.isBlank()) {
      throw new IllegalArgumentException("empty package name");
    }
  }

  public static Target of(String name, Basis basis) {
    return new Target(name, basis, VersionWindow.ANY, false, "");
  }
}
