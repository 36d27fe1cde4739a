package dev.envx.model.pep440;

import java.util.ArrayList;
import java.util.List;

/**
 * The version-range view of specifiers (packaging's {@code _to_ranges}): each specifier becomes sorted,
 * disjoint ranges over the PEP 440 line, including the boundary points PEP 440 implies between real
 * versions ({@code <=1.0} admits {@code 1.0+local}; {@code >1.0} excludes {@code 1.0.post0}). Used for
 * {@link SpecifierSet#isUnsatisfiable()} and the subset/superset/disjoint relations.
 */
final class VersionRanges {
  private VersionRanges() {}

  enum Kind {
    EXACT,
    /** After V and every V+local, before V.post0. */
    AFTER_LOCALS,
    /** After every V.postN, before the next release. */
    AFTER_POSTS
  }

  /** A real version ({@code EXACT}) or a boundary just above a family of versions. */
  record Point(Pep440Version version, Kind kind) {
    // equals and hashCode written out, here and in the bounds and ranges: a record's generated ones are linked
    // through invokedynamic at first use, which costs a cold start more than the comparisons themselves
    @Override
    public boolean equals(Object o) {
      return o instanceof Point p && kind == p.kind && version.equals(p.version);
    }

    @Override
    public int hashCode() {
      return 31 * version.hashCode() + kind.hashCode();
    }

    static Point of(Pep440Version v) {
      return new Point(v, Kind.EXACT);
    }

    private boolean isFamily(Pep440Version other) {
      Pep440Version v = version;
      if (other.epoch() != v.epoch()
          || !java.util.Arrays.equals(other.trimmedRelease(1), v.trimmedRelease(1))
          || !other.pre().equals(v.pre())) {
        return false;
      }
      if (kind == Kind.AFTER_LOCALS) {
        return other.post().equals(v.post()) && other.dev().equals(v.dev());
      }
      return other.dev().equals(v.dev()) || other.post().isPresent();
    }

    int compareTo(Point o) {
      if (kind == Kind.EXACT && o.kind == Kind.EXACT) {
        return version.compareTo(o.version);
      }
      if (kind != Kind.EXACT && o.kind != Kind.EXACT) {
        int c = version.compareTo(o.version);
        return c != 0 ? c : Integer.compare(kind.ordinal(), o.kind.ordinal());
      }
      if (kind != Kind.EXACT) {
        return !isFamily(o.version) && version.compareTo(o.version) < 0 ? -1 : 1;
      }
      return -o.compareTo(this);
    }
  }

  /** A lower bound; a null point is -infinity. */
  record Lower(Point point, boolean inclusive) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Lower l && inclusive == l.inclusive && java.util.Objects.equals(point, l.point);
    }

    @Override
    public int hashCode() {
      return 31 * java.util.Objects.hashCode(point) + Boolean.hashCode(inclusive);
    }

    int compareTo(Lower o) {
      if (point == null || o.point == null) {
        return Boolean.compare(point != null, o.point != null);
      }
      int c = point.compareTo(o.point);
      return c != 0 ? c : Boolean.compare(!inclusive, !o.inclusive);
    }
  }

  /** An upper bound; a null point is +infinity. */
  record Upper(Point point, boolean inclusive) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Upper u && inclusive == u.inclusive && java.util.Objects.equals(point, u.point);
    }

    @Override
    public int hashCode() {
      return 31 * java.util.Objects.hashCode(point) + Boolean.hashCode(inclusive);
    }

    int compareTo(Upper o) {
      if (point == null || o.point == null) {
        return Boolean.compare(point == null, o.point == null);
      }
      int c = point.compareTo(o.point);
      return c != 0 ? c : Boolean.compare(inclusive, o.inclusive);
    }
  }

  record Range(Lower lower, Upper upper) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Range r && lower.equals(r.lower) && upper.equals(r.upper);
    }

    @Override
    public int hashCode() {
      return 31 * lower.hashCode() + upper.hashCode();
    }

    /**
     * packaging's {@code _range_is_empty}, plus two facts about the PEP 440 line that packaging 26.3+ also
     * knows: nothing lies below {@code 0.dev0}, and a boundary with an immediate successor (see
     * {@link #successor}) admits nothing before that successor.
     */
    boolean isEmpty() {
      if (upper.point() != null && upper.point().kind() == Kind.EXACT && !upper.inclusive()
          && upper.point().version().compareTo(MIN_VERSION) <= 0) {
        return true;
      }
      if (lower.point() == null || upper.point() == null) {
        return false;
      }
      int c = lower.point().compareTo(upper.point());
      if (c == 0) {
        return !(lower.inclusive() && upper.inclusive());
      }
      if (c > 0) {
        return true;
      }
      Pep440Version next = successor(lower.point());
      if (next == null) {
        return false;
      }
      int d = Point.of(next).compareTo(upper.point());
      return upper.inclusive() ? d > 0 : d >= 0;
    }
  }

  /**
   * The smallest real version above a boundary, where one exists: after the local family of {@code V.devN}
   * comes {@code V.dev(N+1)}, after that of {@code V} (no dev) comes {@code V.post(N+1).dev0} (or
   * {@code V.post0.dev0}); after the post family of a pre-release {@code XaN} comes {@code Xa(N+1).dev0}.
   * Finals have no immediate successor ({@code 1.0.0.1} has ever smaller predecessors).
   */
  static Pep440Version successor(Point p) {
    Pep440Version v = p.version();
    Pep440Version.Pre pre = v.pre().orElse(null);
    if (p.kind() == Kind.AFTER_LOCALS) {
      if (v.dev().isPresent()) {
        return v.withSuffixes(pre, v.post().orElse(null), v.dev().get() + 1, null);
      }
      return v.withSuffixes(pre, v.post().map(n -> n + 1).orElse(0L), 0L, null);
    }
    if (p.kind() == Kind.AFTER_POSTS && pre != null && v.dev().isEmpty() && v.post().isEmpty()) {
      return v.withSuffixes(new Pep440Version.Pre(pre.kind(), pre.number() + 1), null, 0L, null);
    }
    return null;
  }

  private static final Lower NEG_INF = new Lower(null, false);
  private static final Upper POS_INF = new Upper(null, false);
  static final List<Range> FULL = List.of(new Range(NEG_INF, POS_INF));
  private static final Pep440Version MIN_VERSION = Pep440Version.parse("0.dev0");

  private static Pep440Version dev0(Pep440Version v, long[] release) {
    List<Long> rel = new ArrayList<>();
    for (long n : release) {
      rel.add(n);
    }
    return Pep440Version.of(v.epoch(), rel, null, null, 0L, null);
  }

  private static Pep440Version nextPrefixDev0(Pep440Version v, int length) {
    long[] release = new long[length];
    for (int i = 0; i < length; i++) {
      release[i] = v.releaseAt(i);
    }
    release[length - 1]++;
    return dev0(v, release);
  }

  private static Pep440Version baseDev0(Pep440Version v) {
    long[] release = new long[v.releaseLength()];
    for (int i = 0; i < release.length; i++) {
      release[i] = v.releaseAt(i);
    }
    return dev0(v, release);
  }

  static List<Range> of(Specifier s) {
    Operator op = s.operator();
    String ver = s.version();
    if (op == Operator.ARBITRARY) {
      return FULL;
    }
    if (ver.endsWith(".*")) {
      Pep440Version base = Pep440Version.parse(ver.substring(0, ver.length() - 2));
      Point lower = Point.of(baseDev0(base));
      Point upper = Point.of(nextPrefixDev0(base, base.releaseLength()));
      if (op == Operator.EQUAL) {
        return List.of(new Range(new Lower(lower, true), new Upper(upper, false)));
      }
      return List.of(new Range(NEG_INF, new Upper(lower, false)), new Range(new Lower(upper, true), POS_INF));
    }
    Pep440Version v = Pep440Version.parse(ver);
    Pep440Version.Pre pre = v.pre().orElse(null);
    Long post = v.post().orElse(null);
    Long dev = v.dev().orElse(null);
    switch (op) {
      case GREATER_EQUAL:
        return List.of(new Range(new Lower(Point.of(v), true), POS_INF));
      case LESS_EQUAL:
        return List.of(new Range(NEG_INF, new Upper(new Point(v, Kind.AFTER_LOCALS), true)));
      case GREATER:
        if (dev != null) {
          return List.of(new Range(new Lower(Point.of(v.withSuffixes(pre, post, dev + 1, null)), true), POS_INF));
        }
        if (post != null) {
          return List.of(new Range(new Lower(Point.of(v.withSuffixes(pre, post + 1, 0L, null)), true), POS_INF));
        }
        return List.of(new Range(new Lower(new Point(v, Kind.AFTER_POSTS), false), POS_INF));
      case LESS: {
        Pep440Version bound = v.isPrerelease() ? v : v.withSuffixes(pre, post, 0L, null);
        if (bound.compareTo(MIN_VERSION) <= 0) {
          return List.of();
        }
        return List.of(new Range(NEG_INF, new Upper(Point.of(bound), false)));
      }
      case COMPATIBLE:
        return List.of(new Range(new Lower(Point.of(v), true),
            new Upper(Point.of(nextPrefixDev0(v, v.releaseLength() - 1)), false)));
      default: {
        Point exact = Point.of(v);
        Point upper = ver.contains("+") ? exact : new Point(v, Kind.AFTER_LOCALS);
        if (op == Operator.EQUAL) {
          return List.of(new Range(new Lower(exact, true), new Upper(upper, true)));
        }
        return List.of(new Range(NEG_INF, new Upper(exact, false)), new Range(new Lower(upper, false), POS_INF));
      }
    }
  }

  /** Intersection of two sorted, disjoint range lists. */
  static List<Range> intersect(List<Range> left, List<Range> right) {
    List<Range> result = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < left.size() && j < right.size()) {
      Range l = left.get(i);
      Range r = right.get(j);
      Lower lower = l.lower().compareTo(r.lower()) >= 0 ? l.lower() : r.lower();
      Upper upper = l.upper().compareTo(r.upper()) <= 0 ? l.upper() : r.upper();
      Range both = new Range(lower, upper);
      if (!both.isEmpty()) {
        result.add(both);
      }
      if (l.upper().compareTo(r.upper()) < 0) {
        i++;
      } else {
        j++;
      }
    }
    return result;
  }

  static List<Range> of(List<Specifier> specs) {
    List<Range> result = FULL;
    for (Specifier s : specs) {
      result = intersect(result, of(s));
      if (result.isEmpty()) {
        break;
      }
    }
    return result;
  }

  /** The smallest final (or post) release at or above {@code p}; null for -infinity. */
  static Pep440Version nearestNonPrerelease(Point p) {
    if (p == null) {
      return null;
    }
    Pep440Version inner = p.version();
    if (p.kind() != Kind.EXACT) {
      if (inner.isPrerelease()) {
        return inner.withSuffixes(null, inner.post().orElse(null), null, null);
      }
      long k = inner.post().map(n -> n + 1).orElse(0L);
      return inner.withSuffixes(null, k, inner.dev().orElse(null), null);
    }
    return inner.isPrerelease() ? inner.withSuffixes(null, inner.post().orElse(null), null, null) : inner;
  }
}
