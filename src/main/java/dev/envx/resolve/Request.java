package dev.envx.resolve;

import dev.envx.model.conda.ChannelPriority;
import dev.envx.model.conda.VirtualPackage;
import dev.envx.model.pep440.Pep440Version;
import dev.envx.model.pep508.PyPiName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What to solve for: typed requirements (each parsed once, where it entered) and the options of the sources.
 *
 * @param requirements the requested packages (each must be met)
 * @param constraints pins: restrict a name if it is installed, without requesting it
 * @param channelPriority how conda channel order limits and ranks candidates
 * @param virtualPackages the target system's virtual packages ({@code __glibc}, {@code __cuda}, ...)
 * @param locked dist strings ({@code name-version-build}) of a previous lock's conda packages and
 *     {@link #lockedPypi} keys of its PyPI distributions: tried first when they fit
 * @param avoided dist strings that are never chosen (the track-feature minimisation forbids candidates this
 *     way; a user's "exclude" could too)
 * @param origins where a requirement or constraint came from, for explanations ({@code environment.yml:7},
 *     {@code --pypi}); a requirement without an entry is shown without one
 */
public record Request(List<Requirement> requirements, List<Requirement> constraints,
    ChannelPriority channelPriority, List<VirtualPackage> virtualPackages, Set<String> locked, Set<String> avoided,
    Map<Requirement, String> origins) {

  public Request {
    requirements = List.copyOf(requirements);
    constraints = List.copyOf(constraints == null ? List.of() : constraints);
    Objects.requireNonNull(channelPriority, "channelPriority");
    virtualPackages = List.copyOf(virtualPackages == null ? List.of() : virtualPackages);
    locked = Set.copyOf(locked == null ? Set.of() : locked);
    avoided = Set.copyOf(avoided == null ? Set.of() : avoided);
    origins = Map.copyOf(origins == null ? Map.of() : origins);
  }

  public Request(List<Requirement> requirements, List<Requirement> constraints, ChannelPriority channelPriority,
      List<VirtualPackage> virtualPackages, Set<String> locked, Set<String> avoided) {
    this(requirements, constraints, channelPriority, virtualPackages, locked, avoided, Map.of());
  }

  public Request(List<Requirement> requirements, List<Requirement> constraints, ChannelPriority channelPriority,
      List<VirtualPackage> virtualPackages, Set<String> locked) {
    this(requirements, constraints, channelPriority, virtualPackages, locked, Set.of());
  }

  /** A request for conda specs (parsed here) with strict channel priority and no virtual packages, pins or lock. */
  public static Request conda(String... specs) {
    return new Request(CondaRequirement.parseAll(List.of(specs)), List.of(), ChannelPriority.STRICT, List.of(),
        Set.of());
  }

  /**
   * The {@link #locked} key of a PyPI release, {@code pypi:<normalized name>==<version>}: every candidate of that
   * release (one per Python minor) and of its extras is tried first. It cannot collide with a conda dist string,
   * which has no {@code :}.
   */
  public static String lockedPypi(PyPiName name, Pep440Version version) {
    return "pypi:" + name.normalized() + "==" + version;
  }

  /** The conda requirements, in request order. */
  public List<CondaRequirement> condaRequirements() {
    return conda(requirements);
  }

  /** The conda pins, in request order. */
  public List<CondaRequirement> condaConstraints() {
    return conda(constraints);
  }

  /** The PyPI requirements, in request order. */
  public List<PypiRequirement> pypiRequirements() {
    List<PypiRequirement> out = new ArrayList<>();
    for (Requirement r : requirements) {
      if (r instanceof PypiRequirement p) {
        out.add(p);
      }
    }
    return out;
  }

  /** Where {@code r} came from, or null. */
  public String origin(Requirement r) {
    return origins.get(r);
  }

  private static List<CondaRequirement> conda(List<Requirement> list) {
    List<CondaRequirement> out = new ArrayList<>();
    for (Requirement r : list) {
      if (r instanceof CondaRequirement c) {
        out.add(c);
      }
    }
    return out;
  }

  public Request withRequirements(List<Requirement> r) {
    return new Request(r, constraints, channelPriority, virtualPackages, locked, avoided, origins);
  }

  public Request withConstraints(List<Requirement> c) {
    return new Request(requirements, c, channelPriority, virtualPackages, locked, avoided, origins);
  }

  public Request withChannelPriority(ChannelPriority p) {
    return new Request(requirements, constraints, p, virtualPackages, locked, avoided, origins);
  }

  public Request withVirtualPackages(List<VirtualPackage> v) {
    return new Request(requirements, constraints, channelPriority, v, locked, avoided, origins);
  }

  public Request withLocked(Set<String> l) {
    return new Request(requirements, constraints, channelPriority, virtualPackages, l, avoided, origins);
  }

  public Request withAvoided(Set<String> a) {
    return new Request(requirements, constraints, channelPriority, virtualPackages, locked, a, origins);
  }

  public Request withOrigins(Map<Requirement, String> o) {
    return new Request(requirements, constraints, channelPriority, virtualPackages, locked, avoided, o);
  }
}
