package dev.envx.model.pep440;

import dev.envx.diag.ParseError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * A comma-separated set of PEP 440 specifiers (all must hold), with packaging's {@code SpecifierSet}
 * semantics. {@link #specifiers()} keeps the written order; {@link #toString()}, equality and hashing use
 * packaging's canonical order (deduplicated, sorted by the specifiers' strings). {@code prereleases} is the
 * optional explicit override and takes no part in equality.
 */
public record SpecifierSet(List<Specifier> specifiers, Boolean prereleases) {
  public static final SpecifierSet EMPTY = new SpecifierSet(List.of(), null);

  public SpecifierSet {
    specifiers = List.copyOf(Objects.requireNonNull(specifiers, "specifiers"));
  }

  public static SpecifierSet of(List<Specifier> specifiers) {
    return new SpecifierSet(specifiers, null);
  }

  /** Parses {@code ">=1.0, !=1.3.4, <2"}; the empty string is the empty set. */
  public static SpecifierSet parse(String text) {
    return parse(text, null);
  }

  public static SpecifierSet parse(String text, Boolean prereleases) {
    return parse(text, prereleases, text, 0);
  }

  /** Parses {@code text}, reporting errors against {@code input} where {@code text} starts at {@code base}. */
  static SpecifierSet parse(String text, Boolean prereleases, String input, int base) {
    Objects.requireNonNull(text, "text");
    List<Specifier> specs = new ArrayList<>();
    int start = 0;
    while (start <= text.length()) {
      int comma = text.indexOf(',', start);
      int end = comma < 0 ? text.length() : comma;
      String part = text.substring(start, end);
      if (!PyText.strip(part).isEmpty()) {
        try {
          specs.add(Specifier.parse(part));
        } catch (ParseError e) {
          throw Specifier.relocated(e, part, input, base + start);
        }
      }
      if (comma < 0) {
        break;
      }
      start = comma + 1;
    }
    return new SpecifierSet(specs, prereleases);
  }

  public SpecifierSet withPrereleases(Boolean value) {
    return new SpecifierSet(specifiers, value);
  }

  public boolean isEmpty() {
    return specifiers.isEmpty();
  }

  /** Deduplicated and sorted by string, as packaging's {@code _canonical_specs}. */
  public List<Specifier> canonicalSpecifiers() {
    List<Specifier> sorted = new ArrayList<>(specifiers);
    sorted.sort(Comparator.comparing(Specifier::toString));
    return List.copyOf(new LinkedHashSet<>(sorted));
  }

  /** packaging's {@code SpecifierSet.prereleases}: the override, else true when a member names a pre-release. */
  public Boolean effectivePrereleases() {
    if (prereleases != null) {
      return prereleases;
    }
    if (specifiers.isEmpty()) {
      return null;
    }
    for (Specifier s : specifiers) {
      if (Boolean.TRUE.equals(s.effectivePrereleases())) {
        return true;
      }
    }
    return null;
  }

  /** Whether a member is {@code ===} (arbitrary equality), which the set relations do not support. */
  public boolean hasArbitrary() {
    return specifiers.stream().anyMatch(s -> s.operator() == Operator.ARBITRARY);
  }

  public boolean contains(String item) {
    return contains(item, null, null);
  }

  public boolean contains(String item, Boolean prereleases) {
    return contains(item, prereleases, null);
  }

  /**
   * packaging's {@code SpecifierSet.contains(item, prereleases, installed)}: an installed pre-release is
   * accepted even where pre-releases would otherwise be excluded.
   */
  public boolean contains(String item, Boolean prereleases, Boolean installed) {
    Pep440Version v = Pep440Version.tryParse(item).orElse(null);
    if (v != null && Boolean.TRUE.equals(installed) && v.isPrerelease()) {
      prereleases = true;
    }
    String check = v == null || hasArbitrary() ? item : v.toString();
    return !filter(List.of(check), prereleases).isEmpty();
  }

  public boolean contains(Pep440Version item, Boolean prereleases) {
    return !filter(List.of(item.toString()), prereleases).isEmpty();
  }

  /** packaging's {@code SpecifierSet.filter}: the matching items in input order. */
  public List<String> filter(List<String> items, Boolean prereleases) {
    if (prereleases == null && effectivePrereleases() != null) {
      prereleases = effectivePrereleases();
    }
    if (!specifiers.isEmpty()) {
      boolean allow = prereleases == null || prereleases;
      List<String> filtered =
          specifiers.size() == 1 ? specifiers.get(0).filter(items, allow) : filterAll(items, allow);
      return prereleases != null ? filtered : pep440FilterPrereleases(filtered);
    }
    if (Boolean.TRUE.equals(prereleases)) {
      return List.copyOf(items);
    }
    if (Boolean.FALSE.equals(prereleases)) {
      List<String> out = new ArrayList<>();
      for (String item : items) {
        Pep440Version v = Pep440Version.tryParse(item).orElse(null);
        if (v == null || !v.isPrerelease()) {
          out.add(item);
        }
      }
      return out;
    }
    return pep440FilterPrereleases(items);
  }

  public List<String> filter(List<String> items) {
    return filter(items, null);
  }

  private List<String> filterAll(List<String> items, boolean allowPrereleases) {
    List<String> out = new ArrayList<>();
    for (String item : items) {
      Pep440Version parsed = Pep440Version.tryParse(item).orElse(null);
      if (parsed == null) {
        if (specifiers.stream()
            .allMatch(s -> s.operator() == Operator.ARBITRARY && s.matchesArbitrary(item))) {
          out.add(item);
        }
      } else if (!allowPrereleases && parsed.isPrerelease()) {
        continue;
      } else if (specifiers.stream()
          .allMatch(
              s -> s.operator() == Operator.ARBITRARY ? s.matchesArbitrary(item) : s.matches(parsed))) {
        out.add(item);
      }
    }
    return out;
  }

  /** PEP 440: drop pre-releases unless nothing else is left. */
  private static List<String> pep440FilterPrereleases(List<String> items) {
    List<String> out = new ArrayList<>();
    List<String> nonFinal = new ArrayList<>();
    List<String> arbitrary = new ArrayList<>();
    boolean foundFinal = false;
    for (String item : items) {
      Pep440Version v = Pep440Version.tryParse(item).orElse(null);
      if (v == null) {
        if (foundFinal) {
          out.add(item);
        } else {
          arbitrary.add(item);
          nonFinal.add(item);
        }
        continue;
      }
      if (!v.isPrerelease()) {
        if (!foundFinal) {
          out.addAll(arbitrary);
          foundFinal = true;
        }
        out.add(item);
        continue;
      }
      if (!foundFinal) {
        nonFinal.add(item);
      }
    }
    if (!foundFinal) {
      out.addAll(nonFinal);
    }
    return out;
  }

  /**
   * packaging's {@code is_unsatisfiable()}: no version (nor, for {@code ===}, string) can satisfy every
   * member, taking the PEP 440 pre-release rules into account when pre-releases are explicitly excluded.
   */
  public boolean isUnsatisfiable() {
    if (specifiers.isEmpty()) {
      return false;
    }
    List<VersionRanges.Range> ranges = VersionRanges.of(specifiers);
    if (ranges.isEmpty() || arbitraryUnsatisfiable()) {
      return true;
    }
    return Boolean.FALSE.equals(effectivePrereleases()) && onlyPrereleases(ranges);
  }

  private static boolean onlyPrereleases(List<VersionRanges.Range> ranges) {
    for (VersionRanges.Range r : ranges) {
      Pep440Version nearest = VersionRanges.nearestNonPrerelease(r.lower().point());
      if (nearest == null || r.upper().point() == null) {
        return false;
      }
      int c = VersionRanges.Point.of(nearest).compareTo(r.upper().point());
      if (c < 0 || (c == 0 && r.upper().inclusive())) {
        return false;
      }
    }
    return true;
  }

  private boolean arbitraryUnsatisfiable() {
    List<Specifier> arbitrary =
        specifiers.stream().filter(s -> s.operator() == Operator.ARBITRARY).toList();
    if (arbitrary.isEmpty()) {
      return false;
    }
    String first = arbitrary.get(0).version().toLowerCase(java.util.Locale.ROOT);
    if (arbitrary.stream().anyMatch(s -> !s.version().toLowerCase(java.util.Locale.ROOT).equals(first))) {
      return true;
    }
    Pep440Version candidate = Pep440Version.tryParse(arbitrary.get(0).version()).orElse(null);
    if (Boolean.FALSE.equals(effectivePrereleases()) && candidate != null && candidate.isPrerelease()) {
      return true;
    }
    List<Specifier> standard =
        specifiers.stream().filter(s -> s.operator() != Operator.ARBITRARY).toList();
    if (standard.isEmpty()) {
      return false;
    }
    return candidate == null || !standard.stream().allMatch(s -> s.contains(candidate, null));
  }

  private List<VersionRanges.Range> rangesForRelation(SpecifierSet other) {
    if (hasArbitrary() || other.hasArbitrary()) {
      throw new IllegalArgumentException("set relations do not support `===` specifiers");
    }
    return VersionRanges.of(specifiers);
  }

  /** Whether every version this set admits is admitted by {@code other} (ranges; no {@code ===}). */
  public boolean isSubsetOf(SpecifierSet other) {
    List<VersionRanges.Range> mine = rangesForRelation(other);
    return VersionRanges.intersect(mine, VersionRanges.of(other.specifiers)).equals(mine);
  }

  /**
   * Whether both sets admit exactly the same versions ({@code >=1.0,<=1.0} is {@code ==1.0}); with {@code ===}
   * members, whether they are equal.
   */
  public boolean isEquivalentTo(SpecifierSet other) {
    if (specifiers.equals(other.specifiers)) {
      return true; // the same specifiers, one by one (the common case: a translation that came back as written)
    }
    if (hasArbitrary() || other.hasArbitrary()) {
      return equals(other);
    }
    return isSubsetOf(other) && other.isSubsetOf(this);
  }

  public boolean isSupersetOf(SpecifierSet other) {
    return other.isSubsetOf(this);
  }

  /** Whether no version is admitted by both sets (ranges; no {@code ===}). */
  public boolean isDisjointFrom(SpecifierSet other) {
    return VersionRanges.intersect(rangesForRelation(other), VersionRanges.of(other.specifiers)).isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SpecifierSet s && canonicalSpecifiers().equals(s.canonicalSpecifiers());
  }

  @Override
  public int hashCode() {
    return canonicalSpecifiers().hashCode();
  }

  /** As packaging's {@code str(SpecifierSet)}: canonical order, joined with commas. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Specifier s : canonicalSpecifiers()) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(s);
    }
    return sb.toString();
  }
}
