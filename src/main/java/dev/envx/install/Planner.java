package dev.envx.install;

import dev.envx.diag.EnvxException;
import dev.envx.format.lock.Hashes;
import dev.envx.format.lock.LockedPackage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The pure half of an install: locked packages and a prefix's state in, an {@link InstallPlan} out. A package
 * already installed with the same identity (name, version, build and digest for conda; name and version for
 * PyPI) is kept; one that differs is unlinked and the locked one linked; one the lock no longer has is
 * unlinked. When python's X.Y changes, every noarch: python package and wheel is relinked.
 */
public final class Planner {
  private Planner() {}

  /** A plan that assumes nothing is in the package cache yet. */
  public static InstallPlan plan(List<LockedPackage> wanted, PrefixState current, PythonTarget pythonOverride) {
    return plan(wanted, current, pythonOverride, p -> false);
  }

  /**
   * @param pythonOverride the Python to install for when the lock has no conda {@code python} (e.g. wheels for
   *     a system interpreter), or null
   * @param cached which packages the cache already holds: those get no {@link InstallPlan.Download}
   */
  public static InstallPlan plan(List<LockedPackage> wanted, PrefixState current, PythonTarget pythonOverride,
      Predicate<LockedPackage> cached) {
    Map<String, LockedPackage> byKey = new LinkedHashMap<>();
    for (LockedPackage p : wanted) {
      LockedPackage previous = byKey.put(key(p), p);
      if (previous != null && !previous.equals(p)) {
        throw EnvxException.input("the lock has `" + p.displayName() + "` twice: " + InstallPlan.label(previous)
            + " and " + InstallPlan.label(p), null, "a prefix holds one version of a package; fix the lock");
      }
    }
    PythonTarget python = python(byKey.values(), pythonOverride);
    String newPy = python == null ? null : python.version();
    String oldPy = current.pythonVersion().orElse(pythonOverride == null ? null : pythonOverride.version());
    boolean pythonChanged = !Objects.equals(newPy, oldPy);

    Map<String, Installed> installed = new HashMap<>();
    current.conda().forEach(c -> installed.put("conda:" + c.name(), c));
    current.wheels().forEach(w -> installed.put("pypi:" + w.name().normalized(), w));

    List<InstallPlan.Step> downloads = new ArrayList<>();
    List<InstallPlan.Step> unlinks = new ArrayList<>();
    List<InstallPlan.Step> links = new ArrayList<>();
    List<InstallPlan.Step> keeps = new ArrayList<>();
    for (Map.Entry<String, LockedPackage> e : byKey.entrySet()) {
      LockedPackage p = e.getValue();
      Installed have = installed.remove(e.getKey());
      boolean pythonBound = p instanceof LockedPackage.Pypi || "python".equals(noarch(p));
      if (have != null && same(p, have) && !(pythonChanged && pythonBound)) {
        keeps.add(new InstallPlan.Keep(have));
        continue;
      }
      if (have != null) {
        unlinks.add(new InstallPlan.Unlink(have));
      }
      if (pythonBound && python == null) {
        throw EnvxException.input("`" + p.displayName() + "` needs a python to install into, and the lock has none",
            null, "add python to the lock, or pass --python X.Y (with the interpreter for scripts)");
      }
      if (!cached.test(p)) {
        downloads.add(new InstallPlan.Download(p));
      }
      links.add(new InstallPlan.Link(p));
    }
    installed.values().stream().sorted(java.util.Comparator.comparing(Installed::label))
        .forEach(i -> unlinks.add(new InstallPlan.Unlink(i)));
    List<InstallPlan.Step> steps = new ArrayList<>(downloads);
    steps.addAll(unlinks);
    links.sort(java.util.Comparator.comparing(s -> ((InstallPlan.Link) s).pkg() instanceof LockedPackage.Pypi));
    steps.addAll(links);
    steps.addAll(keeps);
    return new InstallPlan(current.prefix(), steps, python);
  }

  private static String key(LockedPackage p) {
    return p instanceof LockedPackage.Conda c ? "conda:" + c.name()
        : "pypi:" + ((LockedPackage.Pypi) p).name().normalized();
  }

  private static String noarch(LockedPackage p) {
    return p instanceof LockedPackage.Conda c ? c.noarch() : null;
  }

  private static PythonTarget python(Iterable<LockedPackage> wanted, PythonTarget override) {
    for (LockedPackage p : wanted) {
      if (p instanceof LockedPackage.Conda c && c.name().equals("python")) {
        String mm = PythonTarget.majorMinor(c.version().original());
        if (mm != null) {
          return new PythonTarget(mm, override == null || !override.version().equals(mm) ? null
              : override.interpreter());
        }
      }
    }
    return override;
  }

  private static boolean same(LockedPackage p, Installed have) {
    if (p instanceof LockedPackage.Conda c && have instanceof Installed.Conda i) {
      return c.version().original().equals(i.version()) && c.build().equals(i.build()) && sameDigest(c.hashes(),
          i.hashes(), c.url(), i.url());
    }
    if (p instanceof LockedPackage.Pypi w && have instanceof Installed.Wheel i) {
      return w.version().original().equals(i.version()) || w.version().equals(parse(i.version()));
    }
    return false;
  }

  private static Object parse(String v) {
    try {
      return dev.envx.model.pep440.Pep440Version.parse(v);
    } catch (RuntimeException e) {
      return v;
    }
  }

  private static boolean sameDigest(Hashes want, Hashes have, String wantUrl, String haveUrl) {
    if (want.sha256() != null && have.sha256() != null) {
      return want.sha256().equals(have.sha256());
    }
    if (want.md5() != null && have.md5() != null) {
      return want.md5().equals(have.md5());
    }
    return Objects.equals(wantUrl, haveUrl);
  }
}
