package dev.envx.format.lock;

import java.util.ArrayList;
import java.util.List;

/** A lock as comparable lines: environment, platform, package, version, location, hashes, dependencies, categories. */
final class LockSummary {
  private LockSummary() {}

  static List<String> of(Lockfile lock, java.util.function.Predicate<LockEntry> keep) {
    return of(lock, keep, p -> p);
  }

  static List<String> of(Lockfile lock, java.util.function.Predicate<LockEntry> keep,
      java.util.function.UnaryOperator<String> platformName) {
    List<String> out = new ArrayList<>();
    for (LockEnvironment env : lock.environments()) {
      env.packages().forEach((platform, entries) -> {
        for (LockEntry e : entries) {
          if (keep.test(e)) {
            out.add(env.name() + " | " + platformName.apply(platform) + " | " + line(e));
          }
        }
      });
    }
    out.sort(null);
    return out;
  }

  static String line(LockEntry e) {
    StringBuilder sb = new StringBuilder();
    sb.append(e.ecosystem()).append(' ').append(e.name()).append(' ');
    if (e instanceof LockEntry.Resolved r) {
      LockedPackage p = r.pkg();
      sb.append(p.versionText()).append(' ').append(p.location().orElse("-")).append(" md5=")
          .append(p.hashes().md5()).append(" sha256=").append(p.hashes().sha256());
      if (p instanceof LockedPackage.Conda c) {
        sb.append(" build=").append(c.build()).append(" deps=").append(c.depends().stream().sorted().toList());
      } else if (p instanceof LockedPackage.Pypi py) {
        sb.append(" deps=").append(py.requiresDist().stream().map(Object::toString).sorted().toList());
      }
    } else {
      LockEntry.Opaque o = (LockEntry.Opaque) e;
      sb.append("opaque ").append(o.path());
    }
    sb.append(" categories=").append(e.categories());
    return sb.toString();
  }

  static long count(Lockfile lock, java.util.function.Predicate<LockEntry> p) {
    return lock.environments().stream().flatMap(e -> e.allEntries().stream()).filter(p).count();
  }
}
