package dev.envx.lock;

import dev.envx.format.lock.LockEntry;
import dev.envx.format.lock.LockEnvironment;
import dev.envx.format.lock.LockedPackage;
import dev.envx.format.lock.Lockfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What differs between two locks, package by package: per environment and platform, each package added,
 * removed or changed (version, build, categories or location), in a stable order.
 *
 * @param changes the differences, sorted by environment, platform, ecosystem and name
 */
public record LockDiff(List<Change> changes) {
  public LockDiff {
    changes = List.copyOf(changes);
  }

  /**
   * One package that differs.
   *
   * @param before its form in the first lock ({@code version-build [categories]}), null when added
   * @param after its form in the second lock, null when removed
   */
  public record Change(String environment, String platform, String ecosystem, String name, String before,
      String after) {
    public Change {
      Objects.requireNonNull(environment, "environment");
      Objects.requireNonNull(platform, "platform");
      Objects.requireNonNull(name, "name");
      if (before == null && after == null) {
        throw new IllegalArgumentException("a change needs a before or an after");
      }
    }

    /** {@code linux-64: + openssl 3.3.1-h4ab18f5_1}, {@code - ...}, or {@code ~ xz 5.2.6-h_0 -> 5.4.6-h_1}. */
    public String line() {
      String where = (environment.equals(LockEnvironment.DEFAULT) ? "" : environment + "/") + platform + ": ";
      String what = (ecosystem.equals("pypi") ? "pypi:" : "") + name;
      if (before == null) {
        return where + "+ " + what + " " + after;
      }
      if (after == null) {
        return where + "- " + what + " " + before;
      }
      return where + "~ " + what + " " + before + " -> " + after;
    }
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** The differences from {@code before} to {@code after}. */
  public static LockDiff between(Lockfile before, Lockfile after) {
    Map<String, String> a = index(before);
    Map<String, String> b = index(after);
    TreeSet<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    List<Change> out = new ArrayList<>();
    for (String k : keys) {
      String x = a.get(k);
      String y = b.get(k);
      if (!Objects.equals(x, y)) {
        String[] f = k.split("\u0000", -1);
        out.add(new Change(f[0], f[1], f[2], f[3], x, y));
      }
    }
    return new LockDiff(out);
  }

  /** The lines of {@link Change#line()}, at most {@code max} (then a count of the rest). */
  public List<String> lines(int max) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < changes.size() && i < max; i++) {
      out.add(changes.get(i).line());
    }
    if (changes.size() > max) {
      out.add("... and " + (changes.size() - max) + " more");
    }
    return out;
  }

  /** environment, platform, ecosystem and lowercase name (NUL-separated) → the package's form. */
  static Map<String, String> index(Lockfile lock) {
    Map<String, String> out = new TreeMap<>();
    for (LockEnvironment e : lock.environments()) {
      e.packages().forEach((platform, entries) -> {
        Map<String, List<String>> forms = new LinkedHashMap<>();
        for (LockEntry entry : entries) {
          String k = e.name() + "\u0000" + platform + "\u0000" + entry.ecosystem().label() + "\u0000"
              + entry.name().toLowerCase(Locale.ROOT);
          forms.computeIfAbsent(k, x -> new ArrayList<>()).add(form(entry));
        }
        forms.forEach((k, v) -> out.put(k, String.join(", ", v)));
      });
    }
    return out;
  }

  /** {@code version-build} (conda) or {@code version} (PyPI), or the location, plus non-main categories. */
  static String form(LockEntry entry) {
    String s;
    if (entry instanceof LockEntry.Resolved r) {
      s = r.pkg() instanceof LockedPackage.Conda c ? c.versionText() + "-" + c.build() : r.pkg().versionText();
    } else {
      s = entry.location().orElse("?");
    }
    if (!entry.categories().equals(LockEntry.categories(null))) {
      s += " [" + String.join(",", entry.categories()) + "]";
    }
    return s;
  }
}
