package dev.envx.install;

import dev.envx.format.lock.Hashes;
import dev.envx.model.pep508.PyPiName;
import java.util.List;
import java.util.Objects;

/** A package a prefix holds: a conda record in {@code conda-meta/} or a PyPI {@code *.dist-info}. */
public sealed interface Installed permits Installed.Conda, Installed.Wheel {
  String label();

  /** The files it owns, relative to the prefix. */
  List<String> files();

  /**
   * A {@code conda-meta/<name>-<version>-<build>.json} record.
   *
   * @param record the record's file name in conda-meta
   */
  record Conda(String name, String version, String build, String fileName, String url, Hashes hashes,
      String noarch, List<String> files, String record) implements Installed {
    public Conda {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(build, "build");
      files = List.copyOf(files);
    }

    @Override
    public String label() {
      return name + "-" + version + "-" + build;
    }
  }

  /**
   * A {@code *.dist-info} directory that no conda package owns.
   *
   * @param distInfo its path relative to the prefix
   * @param installer the INSTALLER file's first line, or empty
   * @param files the RECORD's paths, relative to the prefix (the dist-info's own files included)
   */
  record Wheel(PyPiName name, String version, String distInfo, String installer, List<String> files)
      implements Installed {
    public Wheel {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(version, "version");
      files = List.copyOf(files);
    }

    @Override
    public String label() {
      return name.normalized() + "==" + version;
    }
  }
}
