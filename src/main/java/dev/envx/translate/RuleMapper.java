package dev.envx.translate;

import java.util.Optional;
import java.util.Set;

/**
 * The naming rule alone: a conda package is the PyPI package of the same (PEP 503 normalized) name, except a
 * few packages that are certainly not Python distributions. Used where no mapping table is available.
 */
public final class RuleMapper implements NameMapper {
  private static final Set<String> CONDA_ONLY = Set.of("python", "pip", "r-base", "nodejs", "git", "cmake",
      "make", "compilers", "c-compiler", "cxx-compiler", "fortran-compiler", "cudatoolkit", "mkl", "openssl",
      "zlib", "hdf5", "libgdal", "gdal", "proj", "geos", "graphviz", "ffmpeg", "openjdk", "go", "rust");

  @Override
  public Optional<String> toPypi(String condaName) {
    String n = condaName.toLowerCase(java.util.Locale.ROOT);
    if (CONDA_ONLY.contains(n) || n.startsWith("lib") || n.startsWith("r-") || n.startsWith("_")) {
      return Optional.empty();
    }
    return Optional.of(NameMapper.normalize(n));
  }

  @Override
  public Optional<String> toConda(String pypiName) {
    return Optional.of(NameMapper.normalize(pypiName));
  }
}
