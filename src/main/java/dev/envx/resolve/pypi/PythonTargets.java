package dev.envx.resolve.pypi;

import dev.envx.diag.EnvxException;
import dev.envx.index.PackageRecord;
import dev.envx.index.RepodataIndex;
import dev.envx.model.conda.Platform;
import dev.envx.model.conda.VirtualPackage;
import dev.envx.model.pep440.Pep440Version;
import dev.envx.model.pep508.MarkerEnvironment;
import dev.envx.model.wheel.CompatibleTags;
import dev.envx.model.wheel.WheelTarget;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The CPython minor versions a solve can pick (those conda's {@code python} records offer, free-threaded builds
 * left out), and for each the wheel tags and the marker environment of the target. Markers see the newest
 * micro release of a minor ({@code python_full_version}); the chosen conda record may be an older micro.
 */
final class PythonTargets {
  /** conda-forge's free-threaded CPython builds end in {@code _cp313t}. */
  static final Pattern FREE_THREADED = Pattern.compile(".*cp3\\d+t$");

  /** One Python minor release on the target. */
  record Minor(int minor, Pep440Version newest, CompatibleTags tags, MarkerEnvironment env) {
    String version() {
      return "3." + minor;
    }
  }

  private final Map<Integer, Minor> minors;

  private PythonTargets(Map<Integer, Minor> minors) {
    this.minors = minors;
  }

  static PythonTargets of(RepodataIndex index, Platform target, Collection<VirtualPackage> virtuals) {
    if (!MarkerEnvironment.CONDA_PLATFORMS.contains(target.subdir())) {
      throw EnvxException.input("envx solves PyPI requirements for " + String.join(", ",
          MarkerEnvironment.CONDA_PLATFORMS) + ", not `" + target.subdir() + "`", null,
          "solve for one of those platforms, or leave the PyPI requirements out");
    }
    TreeMap<Integer, Pep440Version> newest = new TreeMap<>();
    for (PackageRecord r : index.records("python")) {
      if (FREE_THREADED.matcher(r.build()).matches()) {
        continue;
      }
      Pep440Version v = Pep440Version.tryParse(r.version()).orElse(null);
      int minor = minorOf(v);
      if (minor >= 0) {
        newest.merge(minor, v, (a, b) -> a.compareTo(b) >= 0 ? a : b);
      }
    }
    Map<Integer, Minor> out = new TreeMap<>();
    newest.forEach((minor, v) -> {
      WheelTarget t = WheelTarget.of(target, "3." + minor, virtuals);
      String full = v.release().size() >= 3 ? "3." + minor + "." + v.release().get(2) : "3." + minor + ".0";
      out.put(minor, new Minor(minor, v, CompatibleTags.of(t),
          MarkerEnvironment.forCondaPlatform(target.subdir(), full)));
    });
    return new PythonTargets(out);
  }

  /** The minor of a CPython 3 version, or -1. */
  static int minorOf(Pep440Version v) {
    if (v == null || v.release().size() < 2 || v.release().get(0) != 3) {
      return -1;
    }
    long m = v.release().get(1);
    return m > 1000 ? -1 : (int) m;
  }

  /** Newest first. */
  List<Minor> newestFirst() {
    return ((TreeMap<Integer, Minor>) minors).descendingMap().values().stream().toList();
  }

  Minor get(int minor) {
    return minors.get(minor);
  }

  boolean isEmpty() {
    return minors.isEmpty();
  }
}
