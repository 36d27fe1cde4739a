package dev.envx.format;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How an environment file was laid out, beyond what its values say, so that environment.yml → pyproject.toml →
 * environment.yml gives the file back: the order of its top-level keys, the indentation of each list, lists
 * written in flow style ({@code channels: [a, b]}, {@code channels: []}) or with no value ({@code dependencies:}),
 * the comment and blank lines around each key ({@code keys}: a key's lines before it and the rest of its line;
 * {@code "dependencies.pip"} is the {@code - pip:} entry; {@code end} the lines after the last value), whether
 * the file ends with a newline, and the order of the entries: {@code order} names each {@code dependencies:}
 * entry ({@link #condaKey}, {@code "pip:"} for the pip subsection) and {@code pipOrder} each pip line
 * ({@link #pipKey}); {@code spelling} and {@code pipSpelling} map an entry's key to how the user spelled it where
 * envx would spell it differently (used only while it still means what the entry says). Empty lists and maps
 * mean "as envx writes it".
 */
public record EnvLayout(
    List<String> keys,
    Map<String, Integer> indents,
    Set<String> flow,
    Set<String> nulls,
    Map<String, Trivia> keyTrivia,
    List<String> end,
    boolean finalNewline,
    List<String> order,
    List<String> pipOrder,
    Map<String, String> spelling,
    Map<String, String> pipSpelling) {
  public static final EnvLayout DEFAULT = new EnvLayout(List.of(), Map.of(), Set.of(), Set.of(), Map.of(),
      List.of(), true, List.of(), List.of(), Map.of(), Map.of());
  /** The marker of the {@code - pip:} subsection in {@link #order}. */
  public static final String PIP_SECTION = "pip:";
  /** The key of the {@code - pip:} entry in {@link #keyTrivia} and {@link #indents} (its list: "pip"). */
  public static final String PIP_ENTRY = "dependencies.pip";

  public EnvLayout {
    keys = List.copyOf(keys);
    indents = Collections.unmodifiableMap(new LinkedHashMap<>(indents));
    flow = Collections.unmodifiableSet(new TreeSet<>(flow));
    nulls = Collections.unmodifiableSet(new TreeSet<>(nulls));
    keyTrivia = Collections.unmodifiableMap(new LinkedHashMap<>(keyTrivia));
    end = List.copyOf(end);
    order = List.copyOf(order);
    pipOrder = List.copyOf(pipOrder);
    spelling = Collections.unmodifiableMap(new LinkedHashMap<>(spelling));
    pipSpelling = Collections.unmodifiableMap(new LinkedHashMap<>(pipSpelling));
    for (int i : indents.values()) {
      if (i < 0 || i > 64) {
        throw new IllegalArgumentException("indentation out of range: " + i);
      }
    }
    for (String l : end) {
      if (!l.isBlank() && !l.strip().startsWith("#") && !l.strip().equals("---") && !l.strip().equals("...")) {
        throw new IllegalArgumentException("not a comment or blank line: " + l);
      }
    }
  }

  public int indent(String key, int otherwise) {
    return indents.getOrDefault(key, otherwise);
  }

  public Trivia trivia(String key) {
    return keyTrivia.getOrDefault(key, Trivia.EMPTY);
  }

  public boolean isDefault() {
    return equals(DEFAULT);
  }

  // equals and hashCode written out: a record's generated ones are linked through invokedynamic at first use,
  // which costs a cold start (every conversion asks isDefault) more than the comparison itself
  @Override
  public boolean equals(Object o) {
    return o instanceof EnvLayout l && finalNewline == l.finalNewline && keys.equals(l.keys)
        && indents.equals(l.indents) && flow.equals(l.flow) && nulls.equals(l.nulls) && keyTrivia.equals(l.keyTrivia)
        && end.equals(l.end) && order.equals(l.order) && pipOrder.equals(l.pipOrder) && spelling.equals(l.spelling)
        && pipSpelling.equals(l.pipSpelling);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(keys, indents, flow, nulls, keyTrivia, end, finalNewline, order, pipOrder,
        spelling, pipSpelling);
  }

  public EnvLayout withEntries(List<String> newOrder, List<String> newPipOrder, Map<String, String> newSpelling,
      Map<String, String> newPipSpelling) {
    return new EnvLayout(keys, indents, flow, nulls, keyTrivia, end, finalNewline, newOrder, newPipOrder,
        newSpelling, newPipSpelling);
  }

  /**
   * The name under which a {@code dependencies:} entry is ordered: its package name ({@code name}: what precedes
   * the first blank or operator after an optional {@code channel::}) and its selector, so that a changed version
   * keeps its place.
   */
  public static String condaKey(String name, Selector selector) {
    return selector == null ? name : name + " [" + selector.expression() + "]";
  }

  /** The name under which a pip line is ordered: its normalized requirement name, else the line itself. */
  public static String pipKey(String normalizedNameOrNull, String line, Selector selector) {
    String k = normalizedNameOrNull == null ? line : normalizedNameOrNull;
    return selector == null ? k : k + " [" + selector.expression() + "]";
  }
}
