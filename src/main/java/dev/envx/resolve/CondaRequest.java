package dev.envx.resolve;

import dev.envx.model.conda.ChannelPriority;
import dev.envx.model.conda.MatchSpec;
import dev.envx.model.conda.VirtualPackage;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What to solve for, over a given index.
 *
 * @param specs the requested MatchSpecs as the user wrote them (each must be met); parsed here, so a bad spec
 *     throws {@link dev.envx.diag.ParseError} with its offset
 * @param constraints pins: MatchSpecs that restrict a name if it is installed, without requesting it
 * @param channelPriority how channel order limits and ranks candidates
 * @param virtualPackages the target system's virtual packages ({@code __glibc}, {@code __cuda}, ...)
 * @param locked dist strings ({@code name-version-build}) of a previous lock: tried first when they fit
 */
public record CondaRequest(List<String> specs, List<String> constraints, ChannelPriority channelPriority,
    List<VirtualPackage> virtualPackages, Set<String> locked) {

  public CondaRequest {
    specs = List.copyOf(specs);
    constraints = List.copyOf(constraints == null ? List.of() : constraints);
    Objects.requireNonNull(channelPriority, "channelPriority");
    virtualPackages = List.copyOf(virtualPackages == null ? List.of() : virtualPackages);
    locked = Set.copyOf(locked == null ? Set.of() : locked);
    for (String s : specs) {
      requireName(MatchSpec.parse(s), s);
    }
    for (String s : constraints) {
      requireName(MatchSpec.parse(s), s);
    }
  }

  private static void requireName(MatchSpec m, String text) {
    if (m.exactName() == null) {
      throw new dev.envx.diag.ParseError("a request needs an exact package name", text, 0, text.length(),
          "name the package, e.g. `numpy >=2`");
    }
  }

  /** A request with strict channel priority and no virtual packages, pins or lock. */
  public static CondaRequest of(String... specs) {
    return new CondaRequest(List.of(specs), List.of(), ChannelPriority.STRICT, List.of(), Set.of());
  }

  public CondaRequest withSpecs(List<String> s) {
    return new CondaRequest(s, constraints, channelPriority, virtualPackages, locked);
  }

  public CondaRequest withConstraints(List<String> c) {
    return new CondaRequest(specs, c, channelPriority, virtualPackages, locked);
  }

  public CondaRequest withChannelPriority(ChannelPriority p) {
    return new CondaRequest(specs, constraints, p, virtualPackages, locked);
  }

  public CondaRequest withVirtualPackages(List<VirtualPackage> v) {
    return new CondaRequest(specs, constraints, channelPriority, v, locked);
  }

  public CondaRequest withLocked(Set<String> l) {
    return new CondaRequest(specs, constraints, channelPriority, virtualPackages, l);
  }
}
