package dev.envx.format.legacy;

import dev.envx.diag.Diagnostic;
import dev.envx.format.Located;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one legacy dependency file (requirements*.txt, setup.cfg, setup.py, Pipfile) says, read without running
 * anything: PEP 508 requirements (as written, each with its position), optional groups, the Python requirement,
 * pip options and lines pip understands that are not PEP 508 requirements, and what could not be carried.
 *
 * @param origin the file as shown to the user
 * @param kind what kind of file it is
 * @param requirements PEP 508 requirement strings
 * @param extras optional groups (setup.py/setup.cfg {@code extras_require}, Pipfile {@code dev-packages} as
 *     {@code dev}) to their requirements
 * @param requiresPython the PEP 440 Python requirement, or null
 * @param pipOptions index options as pip lines ({@code --index-url URL}, {@code --extra-index-url URL},
 *     {@code --find-links X}, {@code --trusted-host H}, {@code --pre})
 * @param pipLines lines pip installs that are not PEP 508 requirements ({@code -e .}, URLs, paths,
 *     {@code -c constraints.txt}), verbatim
 * @param left what was read but not carried, each a warning saying why (hashes, dynamic setup.py code, ...)
 */
public record LegacyManifest(String origin, Kind kind, List<Located<String>> requirements,
    Map<String, List<Located<String>>> extras, Located<String> requiresPython, List<Located<String>> pipOptions,
    List<Located<String>> pipLines, List<Diagnostic> left) {
  public enum Kind { REQUIREMENTS, SETUP_CFG, SETUP_PY, PIPFILE }

  public LegacyManifest {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(kind, "kind");
    requirements = List.copyOf(requirements);
    Map<String, List<Located<String>>> e = new LinkedHashMap<>();
    extras.forEach((k, v) -> e.put(k, List.copyOf(v)));
    extras = Collections.unmodifiableMap(e);
    pipOptions = List.copyOf(pipOptions);
    pipLines = List.copyOf(pipLines);
    left = List.copyOf(left);
  }

  /** Every requirement string: the main ones, then each extra's. */
  public List<Located<String>> allRequirements() {
    List<Located<String>> out = new java.util.ArrayList<>(requirements);
    extras.values().forEach(out::addAll);
    return out;
  }
}
