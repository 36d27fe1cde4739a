package dev.envx.resolve.pypi;

import dev.envx.index.pypi.DistributionFile;
import dev.envx.model.pep440.Pep440Version;

/**
 * One PyPI candidate: a distribution file of a release for one Python minor (a wheel that fits the target at
 * that minor, else an sdist), or the same for a {@code name[extra]}, or one conda {@code python} version of a
 * conditional requirement.
 *
 * @param node the PyPI-side name id
 * @param version the release; for a conditional requirement the conda {@code python} version
 * @param file the wheel or sdist (whose metadata an extra reads), null for a conditional requirement
 * @param minor the CPython 3 minor this candidate is for
 * @param rank the wheel's tag rank at that minor (0 best), {@code Integer.MAX_VALUE} for an sdist
 */
record PypiCandidate(int node, Pep440Version version, DistributionFile file, int minor, int rank) {
  boolean isSdist() {
    return file != null && file.wheel().isEmpty();
  }
}
