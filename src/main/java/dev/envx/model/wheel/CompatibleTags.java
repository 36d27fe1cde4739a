package dev.envx.model.wheel;

import dev.envx.model.conda.Platform;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The wheel tags a {@link WheelTarget} accepts, best first, in the order of packaging's {@code sys_tags}
 * (which pip uses; uv orders the same way): {@code cpython_tags} (the interpreter's ABI, then {@code abi3} /
 * {@code abi3t}, then {@code none}, each over all platforms, then {@code abi3} of older minors), then
 * {@code compatible_tags} ({@code py3X-none-<platform>}, {@code cp3X-none-any}, {@code py3X-none-any}).
 *
 * <p>Platforms per target: Linux gets PEP 600 {@code manylinux_2_N} tags from the glibc version down to 2.5
 * (x86_64, i686) or 2.17 (other architectures), each followed by its legacy alias ({@code manylinux2014},
 * {@code manylinux2010}, {@code manylinux1}), or {@code musllinux_1_N} tags for musl, then
 * {@code linux_<arch>}; macOS gets {@code macosx_*} tags from the deployment target down (with
 * {@code universal2}, and for x86_64 {@code intel}, {@code fat64}, {@code fat32}, {@code universal}); Windows
 * {@code win_amd64}, {@code win32} or {@code win_arm64}. Other conda platforms (FreeBSD, wasm, z/OS, noarch)
 * get no platform tags: only pure ({@code any}) wheels.
 */
public final class CompatibleTags {
  /** packaging's {@code _manylinux._ALLOWED_ARCHS} plus the two 32-bit ones it checks by ELF header. */
  private static final Set<String> MANYLINUX_ARCHS =
      Set.of("x86_64", "aarch64", "ppc64", "ppc64le", "s390x", "loongarch64", "riscv64", "i686", "armv7l");

  private static final int LAST_GLIBC_MINOR = 50;

  private final WheelTarget target;
  private final List<WheelTag> tags;
  private final Map<WheelTag, Integer> rank;

  private CompatibleTags(WheelTarget target, List<WheelTag> tags) {
    this.target = target;
    this.tags = List.copyOf(tags);
    Map<WheelTag, Integer> r = new HashMap<>();
    for (int i = 0; i < this.tags.size(); i++) {
      r.putIfAbsent(this.tags.get(i), i);
    }
    this.rank = Collections.unmodifiableMap(r);
  }

  /** The compatible tags of a target. */
  public static CompatibleTags of(WheelTarget target) {
    Objects.requireNonNull(target, "target");
    List<String> platforms = platformTags(target);
    Set<WheelTag> out = new LinkedHashSet<>();
    cpythonTags(target, platforms, out);
    compatibleTags(target, platforms, out);
    return new CompatibleTags(target, new ArrayList<>(out));
  }

  public WheelTarget target() {
    return target;
  }

  /** All compatible tags, best first. */
  public List<WheelTag> tags() {
    return tags;
  }

  /** The position of a tag in {@link #tags()} (0 is best), empty when incompatible. */
  public OptionalInt rank(WheelTag tag) {
    Integer r = rank.get(tag);
    return r == null ? OptionalInt.empty() : OptionalInt.of(r);
  }

  /**
   * The rank of a wheel: the rank of its best tag (as packaging's {@code create_compatible_tags_selector} and
   * pip's candidate sort key), empty when none of its tags is compatible.
   */
  public OptionalInt rank(WheelFilename wheel) {
    int best = Integer.MAX_VALUE;
    for (WheelTag t : wheel.tags()) {
      Integer r = rank.get(t);
      if (r != null && r < best) {
        best = r;
      }
    }
    return best == Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of(best);
  }

  public boolean isCompatible(WheelFilename wheel) {
    return rank(wheel).isPresent();
  }

  /**
   * Orders wheels of one release best first: compatible before incompatible, then by tag rank, then the
   * higher build tag (a wheel without one loses to any with one), as pip does.
   */
  public Comparator<WheelFilename> preference() {
    Comparator<WheelFilename> byRank = Comparator.comparingInt(w -> rank(w).orElse(Integer.MAX_VALUE));
    Comparator<WheelFilename> byBuild = Comparator.comparing(WheelFilename::build,
        Comparator.nullsFirst(Comparator.<BuildTag>naturalOrder())).reversed();
    return byRank.thenComparing(byBuild);
  }

  /** The best compatible wheel among {@code wheels}, or null. */
  public WheelFilename best(List<WheelFilename> wheels) {
    return wheels.stream().filter(this::isCompatible).min(preference()).orElse(null);
  }

  /** The platform tags of a target, best first (without {@code any}). */
  public static List<String> platformTags(WheelTarget target) {
    Platform p = target.platform();
    List<String> out = new ArrayList<>();
    switch (p.os()) {
      case LINUX -> linux(target, out);
      case OSX -> mac(target.macos() == null ? (p == Platform.OSX_ARM64 ? WheelTarget.DEFAULT_OSX_ARM64
          : WheelTarget.DEFAULT_OSX_64) : target.macos(), p == Platform.OSX_ARM64 ? "arm64" : "x86_64", out);
      case WINDOWS -> out.add(switch (p) {
        case WIN_32 -> "win32";
        case WIN_ARM64 -> "win_arm64";
        default -> "win_amd64";
      });
      default -> {
        // FreeBSD, wasm, z/OS and noarch have no wheel platform tags envx can know ahead of time
      }
    }
    return out;
  }

  private static String linuxArch(Platform p) {
    return switch (p) {
      case LINUX_32 -> "i686";
      default -> p.arch().orElseThrow();
    };
  }

  private static void linux(WheelTarget target, List<String> out) {
    String arch = linuxArch(target.platform());
    WheelTarget.Libc libc = target.libc();
    if (libc != null && libc.kind() == WheelTarget.Libc.Kind.GLIBC && MANYLINUX_ARCHS.contains(arch)) {
      manylinux(libc, arch, out);
    } else if (libc != null && libc.kind() == WheelTarget.Libc.Kind.MUSL) {
      for (int minor = libc.minor(); minor >= 0; minor--) {
        out.add("musllinux_" + libc.major() + "_" + minor + "_" + arch);
      }
    }
    out.add("linux_" + arch);
  }

  /** packaging's {@code _manylinux.platform_tags} for a known glibc version. */
  private static void manylinux(WheelTarget.Libc glibc, String arch, List<String> out) {
    boolean old = arch.equals("x86_64") || arch.equals("i686");
    int tooOldMajor = 2;
    int tooOldMinor = old ? 4 : 16;
    List<int[]> maxList = new ArrayList<>();
    maxList.add(new int[] {glibc.major(), glibc.minor()});
    for (int major = glibc.major() - 1; major > 1; major--) {
      maxList.add(new int[] {major, LAST_GLIBC_MINOR});
    }
    for (int[] max : maxList) {
      int minMinor = max[0] == tooOldMajor ? tooOldMinor : -1;
      for (int minor = max[1]; minor > minMinor; minor--) {
        out.add("manylinux_" + max[0] + "_" + minor + "_" + arch);
        if (max[0] == 2) {
          String legacy = switch (minor) {
            case 17 -> "manylinux2014";
            case 12 -> "manylinux2010";
            case 5 -> "manylinux1";
            default -> null;
          };
          if (legacy != null) {
            out.add(legacy + "_" + arch);
          }
        }
      }
    }
  }

  /** packaging's {@code mac_platforms(version, arch)} for a 64-bit interpreter. */
  private static void mac(WheelTarget.MacVersion version, String arch, List<String> out) {
    if (version.major() == 10) {
      for (int minor = version.minor(); minor >= 0; minor--) {
        for (String f : macFormats(10, minor, arch)) {
          out.add("macosx_10_" + minor + "_" + f);
        }
      }
      return;
    }
    for (int major = version.major(); major > 10; major--) {
      for (String f : macFormats(major, 0, arch)) {
        out.add("macosx_" + major + "_0_" + f);
      }
    }
    for (int minor = 16; minor > 3; minor--) {
      if (arch.equals("x86_64")) {
        for (String f : macFormats(10, minor, arch)) {
          out.add("macosx_10_" + minor + "_" + f);
        }
      } else {
        out.add("macosx_10_" + minor + "_universal2");
      }
    }
  }

  /** packaging's {@code _mac_binary_formats} for the two architectures conda has. */
  private static List<String> macFormats(int major, int minor, String arch) {
    List<String> formats = new ArrayList<>();
    formats.add(arch);
    if (arch.equals("x86_64")) {
      if (major == 10 && minor < 4) {
        return List.of();
      }
      formats.addAll(List.of("intel", "fat64", "fat32"));
    }
    formats.add("universal2");
    if (arch.equals("x86_64")) {
      formats.add("universal");
    }
    return formats;
  }

  /** packaging's {@code cpython_tags(python_version, abis=[cp3X(t)], platforms)}. */
  private static void cpythonTags(WheelTarget t, List<String> platforms, Set<WheelTag> out) {
    String interpreter = "cp" + t.pythonMajor() + t.pythonMinor();
    String abi = interpreter + (t.freeThreaded() ? "t" : "");
    for (String p : platforms) {
      out.add(new WheelTag(interpreter, abi, p));
    }
    boolean abi3 = t.pythonMinor() >= 2 && !t.freeThreaded();
    boolean abi3t = t.pythonMinor() >= 2 && t.freeThreaded();
    String stable = abi3 ? "abi3" : "abi3t";
    if (abi3 || abi3t) {
      for (String p : platforms) {
        out.add(new WheelTag(interpreter, stable, p));
      }
    }
    for (String p : platforms) {
      out.add(new WheelTag(interpreter, "none", p));
    }
    if (abi3 || abi3t) {
      for (int minor = t.pythonMinor() - 1; minor > 1; minor--) {
        for (String p : platforms) {
          out.add(new WheelTag("cp" + t.pythonMajor() + minor, stable, p));
        }
      }
    }
  }

  /** packaging's {@code compatible_tags(python_version, interpreter="cp3X", platforms)}. */
  private static void compatibleTags(WheelTarget t, List<String> platforms, Set<WheelTag> out) {
    List<String> range = new ArrayList<>();
    range.add("py" + t.pythonMajor() + t.pythonMinor());
    range.add("py" + t.pythonMajor());
    for (int minor = t.pythonMinor() - 1; minor >= 0; minor--) {
      range.add("py" + t.pythonMajor() + minor);
    }
    for (String v : range) {
      for (String p : platforms) {
        out.add(new WheelTag(v, "none", p));
      }
    }
    out.add(new WheelTag("cp" + t.pythonMajor() + t.pythonMinor(), "none", "any"));
    for (String v : range) {
      out.add(new WheelTag(v, "none", "any"));
    }
  }

  @Override
  public String toString() {
    return "CompatibleTags[" + target + ", " + tags.size() + " tags]";
  }
}
