package dev.envx.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envx.model.conda.Platform;
import dev.envx.model.pep440.Pep440Version;
import dev.envx.model.pep508.MarkerEnvironment;
import dev.envx.model.pep508.PyPiName;
import dev.envx.model.pep508.Requirement;
import dev.envx.model.pep440.SpecifierSet;
import dev.envx.model.wheel.CompatibleTags;
import dev.envx.model.wheel.WheelFilename;
import dev.envx.model.wheel.WheelTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An independent check of a chosen set of PyPI distributions against the shared mirror
 * ({@code ../shared/data/pypi}). It does not use envx's index client, metadata parser or solver: it reads the
 * mirror's {@code simple/<name>/index.json} and each chosen wheel's {@code files/<wheel>.metadata} itself
 * (verifying the metadata file's sha256 against the index), scans the {@code Requires-Dist} lines, and checks,
 * with markers evaluated by {@code model.pep508} for the target:
 *
 * <ul>
 *   <li>no name is chosen twice, and every chosen wheel is listed for its project and version;
 *   <li>each wheel's tags fit the target and its {@code Requires-Python} allows the target's Python;
 *   <li>every root requirement and every applicable {@code Requires-Dist} of every chosen wheel (with the
 *       extras requested of it, transitively) is met by a chosen row whose version is in the specifier;
 *   <li>every chosen wheel is needed by a root (nothing extraneous).
 * </ul>
 *
 * A row without a wheel is "provided by conda": its version must satisfy the requirements on its name, but
 * its own dependencies are conda's business.
 */
public final class PypiSetChecker {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A chosen distribution; {@code wheel} is null for a name that conda provides. */
  public record Chosen(PyPiName name, Pep440Version version, String wheel) {
    public static Chosen pypi(String wheel) {
      WheelFilename w = WheelFilename.parse(wheel);
      return new Chosen(w.name(), w.version(), wheel);
    }

    public static Chosen conda(String name, String version) {
      return new Chosen(PyPiName.of(name), Pep440Version.parse(version), null);
    }
  }

  private final Path mirror;

  public PypiSetChecker(Path mirror) {
    this.mirror = mirror;
  }

  /** Every problem found, empty when the set is consistent. */
  public List<String> problems(List<Requirement> roots, List<Chosen> chosen, Platform platform, String python) {
    MarkerEnvironment env = MarkerEnvironment.forCondaPlatform(platform.subdir(), python);
    CompatibleTags tags = CompatibleTags.of(WheelTarget.of(platform, python));
    Pep440Version pythonVersion = Pep440Version.parse(env.pythonFullVersion());
    List<String> problems = new ArrayList<>();
    Map<PyPiName, Chosen> byName = new LinkedHashMap<>();
    for (Chosen c : chosen) {
      if (byName.putIfAbsent(c.name(), c) != null) {
        problems.add("`" + c.name() + "` is chosen twice");
      }
    }
    Map<PyPiName, List<String>> requires = new HashMap<>();
    for (Chosen c : chosen) {
      if (c.wheel() != null) {
        requires.put(c.name(), checkWheel(c, tags, pythonVersion, problems));
      }
    }
    // walk from the roots, carrying the requested extras
    Map<PyPiName, Set<String>> activated = new HashMap<>();
    Deque<Requirement> work = new ArrayDeque<>();
    for (Requirement r : roots) {
      if (r.appliesTo(env)) {
        work.add(r);
      }
    }
    Set<String> seen = new java.util.HashSet<>();
    while (!work.isEmpty()) {
      Requirement r = work.poll();
      if (!seen.add(r.toString())) {
        continue;
      }
      Chosen c = byName.get(r.name());
      if (c == null) {
        problems.add("`" + r + "` is not met: no `" + r.name() + "` is chosen");
        continue;
      }
      if (!r.specifier().isEmpty() && !r.specifier().contains(c.version(), true)) {
        problems.add("`" + r + "` is not met by `" + c.name() + " " + c.version() + "`");
      }
      boolean first = !activated.containsKey(c.name());
      Set<String> extras = activated.computeIfAbsent(c.name(), k -> new TreeSet<>());
      boolean grew = extras.addAll(r.normalizedExtras());
      if (c.wheel() == null || !(grew || first)) {
        continue;
      }
      for (String line : requires.getOrDefault(c.name(), List.of())) {
        Requirement dep = Requirement.parse(line);
        boolean applies = dep.appliesTo(env.with("extra", ""));
        for (String e : extras) {
          applies |= dep.appliesTo(env.with("extra", e));
        }
        if (applies) {
          work.add(dep);
        }
      }
    }
    for (Chosen c : chosen) {
      if (c.wheel() != null && !activated.containsKey(c.name())) {
        problems.add("`" + c.wheel() + "` is chosen but nothing requires `" + c.name() + "`");
      }
    }
    return problems;
  }

  /** Checks one wheel against the mirror; returns its Requires-Dist lines. */
  private List<String> checkWheel(Chosen c, CompatibleTags tags, Pep440Version python, List<String> problems) {
    WheelFilename w;
    try {
      w = WheelFilename.parse(c.wheel());
    } catch (IllegalArgumentException e) {
      problems.add("`" + c.wheel() + "` is not a wheel file name: " + e.getMessage());
      return List.of();
    }
    if (!w.name().equals(c.name()) || !w.version().equals(c.version())) {
      problems.add("`" + c.wheel() + "` is not `" + c.name() + " " + c.version() + "`");
    }
    JsonNode file = listed(c.name(), c.wheel());
    if (file == null) {
      problems.add("`" + c.wheel() + "` is not listed on the mirror's page of `" + c.name() + "`");
      return List.of();
    }
    if (!tags.isCompatible(w)) {
      problems.add("`" + c.wheel() + "` does not fit " + tags.target());
    }
    String rp = file.path("requires-python").asText("");
    if (!rp.isBlank() && !SpecifierSet.parse(rp).contains(python, true)) {
      problems.add("`" + c.wheel() + "` requires Python `" + rp + "`, the target has " + python);
    }
    Path meta = mirror.resolve("files").resolve(c.wheel() + ".metadata");
    try {
      byte[] bytes = Files.readAllBytes(meta);
      String expected = file.path("core-metadata").path("sha256").asText("");
      String got = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      if (!expected.isEmpty() && !expected.equals(got)) {
        problems.add("metadata of `" + c.wheel() + "` does not have the sha256 the index lists");
      }
      return requiresDist(new String(bytes, StandardCharsets.UTF_8));
    } catch (IOException e) {
      problems.add("cannot read `" + meta + "`: " + e.getMessage());
      return List.of();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The mirror's JSON entry of a file, or null. */
  private JsonNode listed(PyPiName name, String filename) {
    Path page = mirror.resolve("simple").resolve(name.normalized()).resolve("index.json");
    if (!Files.isRegularFile(page)) {
      return null;
    }
    try {
      for (JsonNode f : JSON.readTree(page.toFile()).path("files")) {
        if (f.path("filename").asText().equals(filename)) {
          return f;
        }
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code Requires-Dist} values of metadata text: header lines up to the first empty line. */
  static List<String> requiresDist(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\r\n|\n|\r", -1)) {
      if (line.isEmpty()) {
        break;
      }
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("Requires-Dist")) {
        out.add(line.substring(colon + 1).strip());
      }
    }
    return out;
  }

  /** Fails with every problem listed. */
  public void assertValid(List<Requirement> roots, List<Chosen> chosen, Platform platform, String python) {
    List<String> p = problems(roots, chosen, platform, python);
    if (!p.isEmpty()) {
      throw new AssertionError("the chosen set is not consistent:\n  " + String.join("\n  ", p));
    }
  }

  /** The names of a set, for messages. */
  public static Set<String> names(List<Chosen> chosen) {
    Set<String> out = new LinkedHashSet<>();
    chosen.forEach(c -> out.add(c.name().normalized()));
    return out;
  }
}
