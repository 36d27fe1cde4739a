package dev.envx.translate;

import dev.envx.format.Located;
import dev.envx.format.envyml.CondaDependency;
import dev.envx.format.envyml.EnvironmentYml;
import dev.envx.format.envyml.PipLine;
import dev.envx.model.conda.MatchSpec;
import dev.envx.model.pep508.Requirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Semantic equality of two environment files: same name, prefix, category, channels in order, platforms,
 * variables, pip repositories; the same conda specs after normalization (as a multiset, with selectors); the
 * same pip options and pip lines (PEP 508 lines compared in canonical form).
 */
public final class EnvSemantics {
  private EnvSemantics() {}

  /** The differences, empty when the two are semantically equal. */
  public static List<String> diff(EnvironmentYml a, EnvironmentYml b) {
    List<String> out = new ArrayList<>();
    same(out, "name", value(a.name()), value(b.name()));
    same(out, "prefix", value(a.prefix()), value(b.prefix()));
    same(out, "category", value(a.category()), value(b.category()));
    same(out, "channels", values(a.channels()), values(b.channels()));
    same(out, "platforms", values(a.platforms()), values(b.platforms()));
    same(out, "pip-repositories", values(a.pipRepositories()), values(b.pipRepositories()));
    same(out, "variables", vars(a.variables()), vars(b.variables()));
    sets(out, "conda specs", conda(a), conda(b));
    sets(out, "pip lines", pip(a), pip(b));
    return out;
  }

  private static String value(Located<String> l) {
    return l == null ? null : l.value();
  }

  private static List<String> values(List<Located<String>> l) {
    return l.stream().map(Located::value).toList();
  }

  private static Map<String, String> vars(Map<String, Located<String>> m) {
    Map<String, String> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, v.value()));
    return out;
  }

  private static List<String> conda(EnvironmentYml e) {
    List<String> out = new ArrayList<>();
    for (CondaDependency c : e.conda()) {
      String s;
      try {
        s = MatchSpec.parse(c.spec()).spelling();
      } catch (IllegalArgumentException ex) {
        s = c.spec();
      }
      out.add(s + (c.selector() == null ? "" : "  " + c.selector()));
    }
    return out;
  }

  private static List<String> pip(EnvironmentYml e) {
    List<String> out = new ArrayList<>();
    for (PipLine l : e.pip()) {
      out.add(canonicalPip(l.text()) + (l.selector() == null ? "" : "  " + l.selector()));
    }
    return out;
  }

  /** A pip line in a canonical spelling (options, PEP 508 requirements), for comparisons. */
  public static String canonicalPip(String line) {
    PipLines.Option o = PipLines.option(line);
    if (o != null) {
      return o.name() + " " + o.value();
    }
    String t = line.strip();
    if (PipLines.looksLikeRequirement(t) && PipLines.requirementBeforeOptions(t) == null) {
      try {
        return PipLines.text(Requirement.parse(t));
      } catch (IllegalArgumentException e) {
        return t;
      }
    }
    return t.replaceAll("\\s+", " ");
  }

  private static void same(List<String> out, String what, Object a, Object b) {
    if (!java.util.Objects.equals(a, b)) {
      out.add(what + " differ: " + a + " vs " + b);
    }
  }

  private static void sets(List<String> out, String what, List<String> a, List<String> b) {
    // duplicates say nothing more than one entry: compare as sets
    java.util.Set<String> onlyA = new java.util.TreeSet<>(a);
    java.util.Set<String> onlyB = new java.util.TreeSet<>(b);
    onlyA.removeAll(b);
    onlyB.removeAll(a);
    if (!onlyA.isEmpty() || !onlyB.isEmpty()) {
      out.add(what + " differ: lost " + onlyA + ", gained " + onlyB);
    }
  }
}
