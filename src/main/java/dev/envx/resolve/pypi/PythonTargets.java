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
 * left out), and for each the wheel tags and the marker environment of the target, at the newest micro release
 * and at each micro release conda has (for markers on {@code python_full_version}).
 */
final class PythonTargets {
  /** conda-forge's free-threaded CPython builds end in {@code _cp313t}. */
  static final Pattern FREE_THREADED = Pattern.compile(".*cp3\\d+t$");

  /** One conda {@code python} version and its marker environment. */
  record Full(int minor, Pep440Version version, MarkerEnvironment env) {}

  /** One Python minor release on the target; {@code fulls} are its conda versions, newest first. */
  record Minor(int minor, Pep440Version newest, CompatibleTags tags, MarkerEnvironment env, List<Full> fulls) {
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
    Map<Integer, java.util.TreeSet<Pep440Version>> all = new TreeMap<>();
    for (PackageRecord r : index.records("python")) {
      if (FREE_THREADED.matcher(r.build()).matches()) {
        continue;
      }
      Pep440Version v = Pep440Version.tryParse(r.version()).orElse(null);
      int minor = minorOf(v);
      if (minor >= 0) {
        newest.merge(minor, v, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        all.computeIfAbsent(minor, k -> new java.util.TreeSet<>()).add(v);
      }
    }
    Map<Integer, Minor> out = new TreeMap<>();
    newest.forEach((minor, v) -> {
      WheelTarget t = WheelTarget.of(target, "3." + minor, virtuals);
      List<Full> fulls = new java.util.ArrayList<>();
      for (Pep440Version x : all.get(minor).descendingSet()) {
        fulls.add(new Full(minor, x, MarkerEnvironment.forCondaPlatform(target.subdir(), markerVersion(minor, x))));
      }
      out.put(minor, new Minor(minor, v, CompatibleTags.of(t),
          MarkerEnvironment.forCondaPlatform(target.subdir(), markerVersion(minor, v)), List.copyOf(fulls)));
    });
    return new PythonTargets(out);
  }

  /** {@code 3.M.m} of a conda version ({@code 3.11.9}; {@code 3.14.0rc1} counts as {@code 3.14.0}). */
  private static String markerVersion(int minor, Pep440Version v) {
    return v.release().size() >= 3 ? "3." + minor + "." + v.release().get(2) : "3." + minor + ".0";
  }

  /** Every conda python version, newest first. */
  List<Full> allNewestFirst() {
    List<Full> out = new java.util.ArrayList<>();
    newestFirst().forEach(m -> out.addAll(m.fulls()));
    return out;
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
