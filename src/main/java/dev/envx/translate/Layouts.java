package dev.envx.translate;

import dev.envx.format.EnvLayout;
import dev.envx.format.Located;
import dev.envx.format.Selector;
import dev.envx.format.Trivia;
import dev.envx.format.envyml.CondaDependency;
import dev.envx.format.envyml.Dependency;
import dev.envx.format.envyml.EnvironmentYml;
import dev.envx.format.envyml.PipLine;
import dev.envx.format.envyml.PipSection;
import dev.envx.model.conda.MatchSpec;
import dev.envx.model.pep508.PyPiName;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * An environment file's {@link EnvLayout} on its way through pyproject.toml: what to record (only what differs
 * from how envx writes an environment file anyway), and the recorded entry order applied to the entries a
 * pyproject gives back.
 */
final class Layouts {
  private Layouts() {}

  private static final List<String> KEYS = List.of("name", "category", "channels", "dependencies", "variables",
      "platforms", "pip-repositories", "prefix");

  /** The part of {@code env}'s layout worth recording, with the entry order when sorting would lose it. */
  static EnvLayout toWrite(EnvironmentYml env, Map<String, String> spelling, Map<String, String> pipSpelling,
      java.util.Set<Object> repeated, Map<CondaDependency, MatchSpec> parsed) {
    EnvLayout l = env.layout();
    List<String> keys = l.keys().equals(defaultKeys(env)) ? List.of() : l.keys();
    Map<String, Integer> indents = new LinkedHashMap<>();
    int deps = l.indent("dependencies", 2);
    l.indents().forEach((k, v) -> {
      if (v != (k.equals("pip") ? deps + 4 : 2)) {
        indents.put(k, v);
      }
    });
    Map<String, Trivia> trivia = new LinkedHashMap<>();
    l.keyTrivia().forEach((k, v) -> {
      if (!v.isEmpty()) {
        trivia.put(k, v);
      }
    });
    List<String> order = new ArrayList<>();
    List<String> pipOrder = new ArrayList<>();
    // each pip line's requirement name, found once (a PEP 508 parse; the keys below ask for it three times)
    Map<String, Optional<PyPiName>> pipNames = new HashMap<>();
    Function<String, Optional<PyPiName>> names = t -> pipNames.computeIfAbsent(t, PipLines::nameOf);
    List<String> condaSorted = new ArrayList<>();
    for (Dependency d : env.dependencies()) {
      if (repeated.contains(d)) {
        continue;
      }
      if (d instanceof CondaDependency c) {
        MatchSpec m = parsed.containsKey(c) ? parsed.get(c) : parsedOrNull(c.spec());
        String key = condaKey(c.spec(), m, c.selector());
        order.add(key);
        condaSorted.add(Order.condaKey(c.spec(), m, c.selector()) + "\u0001" + key);
      } else if (d instanceof PipSection p) {
        order.add(EnvLayout.PIP_SECTION);
        for (PipLine line : p.lines()) {
          if (repeated.contains(line)) {
            continue;
          }
          pipOrder.add(pipKey(line.text(), line.selector(), names));
        }
      }
    }
    // what sorting gives back (PyprojectToEnv without an order): conda entries by name, the pip section last
    condaSorted.sort(null);
    List<String> natural = new ArrayList<>(condaSorted.stream().map(k -> k.substring(k.indexOf('\u0001') + 1)).toList());
    if (env.hasPipSection()) {
      natural.add(EnvLayout.PIP_SECTION);
    }
    if (natural.equals(order)) {
      order = List.of();
    }
    if (naturalPip(env.pip().stream().filter(p -> !repeated.contains(p)).toList(), names).equals(pipOrder)) {
      pipOrder = List.of();
    }
    // an empty list written `[]` is how envx writes it anyway
    java.util.Set<String> flow = new java.util.TreeSet<>(l.flow());
    flow.removeIf(k -> switch (k) {
      case "channels" -> env.channels().isEmpty();
      case "platforms" -> env.platforms().isEmpty();
      case "pip-repositories" -> env.pipRepositories().isEmpty();
      case "dependencies" -> env.dependencies().isEmpty();
      case "pip" -> env.pip().isEmpty();
      default -> false;
    });
    Map<String, String> spelled = new LinkedHashMap<>(spelling);
    l.spelling().forEach((k, v) -> { // variable quoting and multi-line flow lists, kept by the reader
      if (k.startsWith(dev.envx.format.envyml.EnvYmlReader.VARIABLE_SPELLING)
          || k.startsWith(dev.envx.format.envyml.EnvYmlReader.FLOW_SPELLING)) {
        spelled.put(k, v);
      }
    });
    return new EnvLayout(keys, indents, flow, l.nulls(), trivia, l.end(), l.finalNewline(), order, pipOrder,
        spelled, pipSpelling);
  }

  /** The keys {@code EnvYmlWriter} writes for {@code env} when the layout names none. */
  private static List<String> defaultKeys(EnvironmentYml env) {
    List<String> out = new ArrayList<>();
    for (String k : KEYS) {
      boolean present = switch (k) {
        case "name" -> env.name() != null;
        case "category" -> env.category() != null;
        case "prefix" -> env.prefix() != null;
        case "channels" -> !env.channels().isEmpty();
        case "platforms" -> !env.platforms().isEmpty();
        case "pip-repositories" -> !env.pipRepositories().isEmpty();
        case "variables" -> !env.variables().isEmpty();
        default -> true;
      };
      if (present) {
        out.add(k);
      }
    }
    return out;
  }

  /** Pip line keys in the order PyprojectToEnv writes them without a recorded order: options, then sorted. */
  private static List<String> naturalPip(List<PipLine> lines, Function<String, Optional<PyPiName>> names) {
    List<String> options = new ArrayList<>();
    List<String> reqs = new ArrayList<>();
    for (String opt : PipLines.OPTION_ORDER) {
      for (PipLine l : lines) {
        PipLines.Option o = l.selector() == null ? PipLines.option(l.text()) : null;
        if (o != null && o.name().equals(opt)) {
          options.add(pipKey(l.text(), null, names));
        }
      }
    }
    for (PipLine l : lines) {
      if (l.selector() == null && PipLines.isPre(l.text()) && l.trivia().isEmpty()) { // else a line of its own
        options.add(pipKey(l.text(), null, names));
      } else if (l.selector() != null || PipLines.option(l.text()) == null) {
        reqs.add(Order.requirementKey(l.text(), names) + (l.selector() == null ? "" : l.selector().toString())
            + "\u0001" + pipKey(l.text(), l.selector(), names));
      }
    }
    reqs.sort(null);
    reqs.forEach(k -> options.add(k.substring(k.lastIndexOf('\u0001') + 1)));
    return options;
  }

  /** The order key of a conda entry: its package name (the spec when it names none) and its selector. */
  static String condaKey(String spec, Selector sel) {
    return condaKey(spec, parsedOrNull(spec), sel);
  }

  /** As above, for a spec already parsed ({@code parsed} null when it does not parse). */
  static String condaKey(String spec, MatchSpec parsed, Selector sel) {
    String name = parsed == null ? null : parsed.exactName();
    return EnvLayout.condaKey(name == null ? spec : name, sel);
  }

  static MatchSpec parsedOrNull(String spec) {
    try {
      return MatchSpec.parse(spec);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The order key of a pip line: an option with its value, a requirement's name, else the line. */
  static String pipKey(String text, Selector sel) {
    return pipKey(text, sel, PipLines::nameOf);
  }

  /** As above, with the requirement names of pip lines from {@code names}. */
  private static String pipKey(String text, Selector sel, Function<String, Optional<PyPiName>> names) {
    PipLines.Option o = PipLines.option(text);
    if (o != null) {
      return EnvLayout.pipKey(o.name() + " " + o.value(), text, sel);
    }
    if (PipLines.isPre(text)) {
      return EnvLayout.pipKey("--pre", text, sel);
    }
    return EnvLayout.pipKey(names.apply(text).map(PyPiName::normalized).orElse(null), text, sel);
  }

  /**
   * {@code items} in the recorded order: each takes the place of the next unused occurrence of its key; items
   * the order does not name (added in the pyproject) follow in their own order.
   */
  static <T> List<T> ordered(List<T> items, Function<T, String> key, List<String> order) {
    if (order.isEmpty()) {
      return items;
    }
    Map<String, ArrayDeque<Integer>> places = new HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      places.computeIfAbsent(order.get(i), k -> new ArrayDeque<>()).add(i);
    }
    List<Map.Entry<Integer, T>> placed = new ArrayList<>();
    int extra = order.size();
    for (T t : items) {
      ArrayDeque<Integer> q = places.get(key.apply(t));
      placed.add(Map.entry(q == null || q.isEmpty() ? extra++ : q.poll(), t));
    }
    placed.sort(Map.Entry.comparingByKey());
    return new ArrayList<>(placed.stream().map(Map.Entry::getValue).toList());
  }

  /** Where the pip subsection goes among the ordered conda entries (their count when the order has no place). */
  static int pipSectionIndex(List<CondaDependency> ordered, List<String> order) {
    int at = order.indexOf(EnvLayout.PIP_SECTION);
    if (at < 0) {
      return ordered.size();
    }
    // the conda entries placed before the marker: those whose recorded place precedes it
    Map<String, Integer> seen = new HashMap<>();
    int before = 0;
    for (CondaDependency c : ordered) {
      String k = condaKey(c.spec(), c.selector());
      int n = seen.merge(k, 1, Integer::sum);
      int place = nth(order, k, n);
      if (place >= 0 && place < at) {
        before++;
      }
    }
    return before;
  }

  private static int nth(List<String> order, String key, int n) {
    for (int i = 0; i < order.size(); i++) {
      if (order.get(i).equals(key) && --n == 0) {
        return i;
      }
    }
    return -1;
  }


  /** The user's spelling of a derived conda spec, while it still means the same. */
  static String spelledConda(String spec, Selector sel, EnvLayout layout) {
    String user = layout.spelling().get(condaKey(spec, sel));
    if (user == null) {
      return spec;
    }
    try {
      return MatchSpec.parse(user).spelling().equals(MatchSpec.parse(spec).spelling()) ? user : spec;
    } catch (IllegalArgumentException e) {
      return spec;
    }
  }

  /** The user's spelling of a pip requirement, while it still means the same. */
  static String spelledPip(String line, EnvLayout layout) {
    String user = layout.pipSpelling().get(pipKey(line, null));
    return user != null && EnvSemantics.canonicalPip(user).equals(EnvSemantics.canonicalPip(line)) ? user : line;
  }
}
