package dev.envx.format.lock;

import java.util.Objects;
import java.util.Optional;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One package of one platform of one environment in a lockfile.
 *
 * <p>{@link Resolved} is a package envx understands ({@link LockedPackage}); {@link Opaque} is one it can only
 * carry (a pixi source build, a PyPI package from a local directory or a git checkout, an {@code @EXPLICIT} line
 * that is not a conda file): kept field by field so that its own format writes it back, reported as a warning
 * when another format cannot hold it. Nothing a lockfile holds is silently dropped.
 */
public sealed interface LockEntry permits LockEntry.Resolved, LockEntry.Opaque {
  /** The default category: what conda-lock calls {@code main}. */
  String MAIN = "main";

  /** conda-lock categories / dependency groups this package belongs to ({@code main} when none other). */
  SortedSet<String> categories();

  LockedPackage.Ecosystem ecosystem();

  /** The package name as written. */
  String name();

  /** The download location or path, when there is one. */
  Optional<String> location();

  /** The format the format-specific fields came from ({@link LockFormat}). */
  LockFormat origin();

  /** Fields of the origin format envx does not model, in key order. */
  Map<String, Object> extra();

  /** The same entry in other categories. */
  LockEntry withCategories(SortedSet<String> categories);

  static SortedSet<String> categories(java.util.Collection<String> categories) {
    TreeSet<String> c = new TreeSet<>(categories == null ? java.util.List.of() : categories);
    if (c.isEmpty()) {
      c.add(MAIN);
    }
    for (String s : c) {
      if (s == null || s.isBlank()) {
        throw new IllegalArgumentException("a category needs a name");
      }
    }
    return java.util.Collections.unmodifiableSortedSet(c);
  }

  static SortedSet<String> main() {
    return categories(null);
  }

  /**
   * A package envx understands.
   *
   * @param pkg the package
   * @param categories categories ({@code main} when none other)
   * @param origin the format {@code extra} belongs to
   * @param extra fields of that format envx does not model (raw values, see {@link Raw})
   */
  record Resolved(LockedPackage pkg, SortedSet<String> categories, LockFormat origin,
      Map<String, Object> extra) implements LockEntry {
    public Resolved {
      Objects.requireNonNull(pkg, "pkg");
      Objects.requireNonNull(origin, "origin");
      categories = LockEntry.categories(categories);
      extra = Raw.freezeMap(extra);
    }

    public static Resolved of(LockedPackage pkg, LockFormat origin) {
      return new Resolved(pkg, null, origin, null);
    }

    @Override
    public LockedPackage.Ecosystem ecosystem() {
      return pkg.ecosystem();
    }

    @Override
    public String name() {
      return pkg.displayName();
    }

    @Override
    public Optional<String> location() {
      return pkg.location();
    }

    @Override
    public Resolved withCategories(SortedSet<String> c) {
      return new Resolved(pkg, c, origin, extra);
    }
  }

  /**
   * A package envx carries but does not model.
   *
   * @param ecosystem conda or PyPI
   * @param name the name, or the empty string when the format gives none
   * @param path the location as written (a redacted URL, a relative path, a source reference)
   * @param categories categories
   * @param origin the format whose fields {@code extra} holds
   * @param extra every other field as written (raw values)
   */
  record Opaque(LockedPackage.Ecosystem ecosystem, String name, String path, SortedSet<String> categories,
      LockFormat origin, Map<String, Object> extra) implements LockEntry {
    public Opaque {
      Objects.requireNonNull(ecosystem, "ecosystem");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(origin, "origin");
      Credentials.refuse(name.isEmpty() ? path : name, path);
      categories = LockEntry.categories(categories);
      extra = Raw.freezeMap(extra);
    }

    @Override
    public Optional<String> location() {
      return Optional.of(path);
    }

    @Override
    public Opaque withCategories(SortedSet<String> c) {
      return new Opaque(ecosystem, name, path, c, origin, extra);
    }
  }
}
