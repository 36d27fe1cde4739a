package dev.envx.solve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Why a problem is unsolvable: the requirements and incompatibilities (an unsatisfiable core, collected from the
 * learned-clause graph) that together admit no solution. {@link #render()} turns it into an indented text tree,
 * merging candidates of one name that fail for the same reasons into one line; all display goes through the
 * {@link Provider}'s callbacks.
 */
public final class ConflictGraph {
  /** The owner of a root requirement or constraint. */
  public static final int ROOT = -1;

  /** {@code owner} (a candidate or {@link #ROOT}) requires {@code versionSet}, met by {@code candidates}. */
  public record Requires(int owner, int versionSet, int[] candidates) {
    public Requires {
      candidates = candidates.clone();
    }

    @Override
    public int[] candidates() {
      return candidates.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Requires r && r.owner == owner && r.versionSet == versionSet
          && Arrays.equals(r.candidates, candidates);
    }

    @Override
    public int hashCode() {
      return Objects.hash(owner, versionSet, Arrays.hashCode(candidates));
    }

    @Override
    public String toString() {
      return "Requires[owner=" + owner + ", versionSet=" + versionSet + ", candidates="
          + Arrays.toString(candidates) + "]";
    }
  }

  /** Something that forbids a candidate or a pair of candidates. */
  public sealed interface Incompatibility permits SameGroup, Constrained, Excluded {}

  /** {@code first} and {@code second} are in the same exclusion group; at most one can be chosen. */
  public record SameGroup(Group group, int first, int second) implements Incompatibility {
    public SameGroup {
      java.util.Objects.requireNonNull(group, "group");
    }
  }

  /**
   * An exclusion group: a name (every name is one: at most one candidate per name), or an extra group of
   * {@link Provider#extraGroups}, whose ids are a space of their own (extra group 3 is not name 3).
   */
  public record Group(boolean extra, int id) {
    public Group {
      if (id < 0) {
        throw new IllegalArgumentException("negative group id " + id);
      }
    }

    public static Group name(int name) {
      return new Group(false, name);
    }

    public static Group extra(int group) {
      return new Group(true, group);
    }

    /** The group for messages: the name, or the provider's {@link Provider#displayGroup} of an extra group. */
    public String display(Provider provider) {
      return extra ? provider.displayGroup(id) : provider.displayName(id);
    }
  }

  /** {@code owner} (a candidate or {@link #ROOT}) constrains {@code versionSet}, which excludes {@code candidate}. */
  public record Constrained(int owner, int versionSet, int candidate) implements Incompatibility {}

  /** The user forbids {@code candidate}. */
  public record Excluded(int candidate, String reason) implements Incompatibility {}

  private final Provider provider;
  private final List<Requires> requirements;
  private final List<Incompatibility> incompatibilities;

  private final java.util.function.IntUnaryOperator preference;

  /** A graph whose candidates, where listed together, are shown in ascending id order. */
  public ConflictGraph(Provider provider, List<Requires> requirements, List<Incompatibility> incompatibilities) {
    this(provider, requirements, incompatibilities, c -> c);
  }

  /** {@code preference} maps a candidate to a rank: lower ranks are listed first (e.g. provider order). */
  public ConflictGraph(Provider provider, List<Requires> requirements, List<Incompatibility> incompatibilities,
      java.util.function.IntUnaryOperator preference) {
    this.preference = Objects.requireNonNull(preference, "preference");
    this.provider = Objects.requireNonNull(provider, "provider");
    this.requirements = List.copyOf(requirements);
    this.incompatibilities = List.copyOf(incompatibilities);
  }

  public List<Requires> requirements() {
    return requirements;
  }

  public List<Incompatibility> incompatibilities() {
    return incompatibilities;
  }

  /** The explanation, at most 40 lines. */
  public String render() {
    return render(40);
  }

  /** The explanation as an indented tree of at most {@code maxLines} lines (longer trees are cut). */
  public String render(int maxLines) {
    List<String> out = new Renderer().render();
    if (out.size() > maxLines) {
      int cut = out.size() - (maxLines - 1);
      out = new ArrayList<>(out.subList(0, maxLines - 1));
      out.add("… and " + cut + " more lines");
    }
    return String.join("\n", out) + "\n";
  }

  @Override
  public String toString() {
    return render();
  }

  /** One rendering pass. */
  private final class Renderer {
    private final Map<Integer, List<Requires>> reqs = new LinkedHashMap<>();
    private final Map<Integer, String> excluded = new HashMap<>();
    private final Map<Integer, Integer> rootConstrained = new HashMap<>();
    private final Map<Integer, List<int[]>> edges = new HashMap<>(); // {type, partner, group or version set}
    private final Set<Integer> installable = new HashSet<>();
    private final Set<Integer> shown = new HashSet<>();
    private final List<String> lines = new ArrayList<>();

    private static final int GROUP = 0;
    private static final int CONSTRAINED_BY = 1;
    private static final int CONSTRAINS = 2;
    private static final int EXTRA_GROUP = 3;

    List<String> render() {
      Set<Integer> nodes = new TreeSet<>();
      for (Requires r : requirements) {
        reqs.computeIfAbsent(r.owner(), k -> new ArrayList<>()).add(r);
        if (r.owner() != ROOT) {
          nodes.add(r.owner());
        }
        for (int c : r.candidates) {
          nodes.add(c);
        }
      }
      for (Incompatibility inc : incompatibilities) {
        if (inc instanceof SameGroup s) {
          int type = s.group().extra() ? EXTRA_GROUP : GROUP;
          edge(s.first(), type, s.second(), s.group().id());
          edge(s.second(), type, s.first(), s.group().id());
        } else if (inc instanceof Constrained c) {
          if (c.owner() == ROOT) {
            rootConstrained.putIfAbsent(c.candidate(), c.versionSet());
          } else {
            edge(c.candidate(), CONSTRAINED_BY, c.owner(), c.versionSet());
            edge(c.owner(), CONSTRAINS, c.candidate(), c.versionSet());
          }
        } else if (inc instanceof Excluded e) {
          excluded.putIfAbsent(e.candidate(), e.reason());
        }
      }
      // candidates that could be installed on their own: greatest fixpoint over requirement edges
      for (int n : nodes) {
        if (!excluded.containsKey(n) && !rootConstrained.containsKey(n)) {
          installable.add(n);
        }
      }
      boolean changed = true;
      while (changed) {
        changed = false;
        for (int n : nodes) {
          if (installable.contains(n) && !requirementsViable(n)) {
            installable.remove(n);
            changed = true;
          }
        }
      }
      lines.add("the following requirements are incompatible:");
      List<List<Requires>> root = byVersionSet(reqs.getOrDefault(ROOT, List.of()));
      for (int i = 0; i < root.size(); i++) {
        requirement(root.get(i), "", i == root.size() - 1);
      }
      if (root.isEmpty()) {
        lines.add("└─ no requirement can be met");
      }
      return lines;
    }

    private void edge(int node, int type, int partner, int what) {
      edges.computeIfAbsent(node, k -> new ArrayList<>()).add(new int[] {type, partner, what});
    }

    private boolean requirementsViable(int n) {
      for (Requires r : reqs.getOrDefault(n, List.of())) {
        boolean any = false;
        for (int c : r.candidates) {
          if (installable.contains(c)) {
            any = true;
            break;
          }
        }
        if (!any) {
          return false;
        }
      }
      return true;
    }

    /** Groups requirements (of one or several merged owners) by version set, keeping first-seen order. */
    private List<List<Requires>> byVersionSet(List<Requires> rs) {
      Map<Integer, List<Requires>> m = new LinkedHashMap<>();
      for (Requires r : rs) {
        m.computeIfAbsent(r.versionSet(), k -> new ArrayList<>()).add(r);
      }
      return new ArrayList<>(m.values());
    }

    private void add(String indent, boolean last, String text) {
      lines.add(indent + (last ? "└─ " : "├─ ") + text);
    }

    private static String childIndent(String indent, boolean last) {
      return indent + (last ? "   " : "│  ");
    }

    private void requirement(List<Requires> same, String indent, boolean last) {
      int vs = same.get(0).versionSet();
      List<Integer> targets = new ArrayList<>();
      Set<Integer> seen = new HashSet<>();
      for (Requires r : same) {
        for (int c : r.candidates) {
          if (seen.add(c)) {
            targets.add(c);
          }
        }
      }
      String set = provider.displayVersionSet(vs);
      if (targets.isEmpty()) {
        add(indent, last, set + ", for which no candidates were found");
        return;
      }
      boolean viable = targets.stream().anyMatch(installable::contains);
      add(indent, last, set + (viable
          ? " can be installed with any of the following options:"
          : " cannot be installed because there are no viable options:"));
      List<List<Integer>> groups = mergeSiblings(targets);
      String ci = childIndent(indent, last);
      for (int i = 0; i < groups.size(); i++) {
        candidates(groups.get(i), ci, i == groups.size() - 1);
      }
    }

    /** Candidates of one name that fail for the same reasons share a line. */
    private List<List<Integer>> mergeSiblings(List<Integer> targets) {
      Map<String, List<Integer>> groups = new LinkedHashMap<>();
      for (int c : targets) {
        groups.computeIfAbsent(signature(c), k -> new ArrayList<>()).add(c);
      }
      return new ArrayList<>(groups.values());
    }

    private String signature(int c) {
      StringBuilder sb = new StringBuilder();
      sb.append(provider.nameOf(c)).append('|').append(excluded.get(c)).append('|').append(rootConstrained.get(c));
      TreeSet<Integer> sets = new TreeSet<>();
      for (Requires r : reqs.getOrDefault(c, List.of())) {
        sets.add(r.versionSet());
      }
      sb.append('|').append(sets).append('|').append(shown.contains(c));
      TreeSet<String> es = new TreeSet<>();
      for (int[] e : edges.getOrDefault(c, List.of())) {
        es.add(e[0] + ":" + e[2] + ":" + provider.nameOf(e[1]));
      }
      return sb.append('|').append(es).toString();
    }

    private void candidates(List<Integer> members, String indent, boolean last) {
      int[] ids = members.stream().mapToInt(Integer::intValue).toArray();
      String label = provider.displayCandidates(ids);
      String verb = ids.length > 1 ? " are" : " is";
      int first = ids[0];
      if (excluded.containsKey(first)) {
        add(indent, last, label + verb + " excluded because " + excluded.get(first));
        return;
      }
      if (rootConstrained.containsKey(first)) {
        add(indent, last, label + verb + " excluded by the constraint "
            + provider.displayVersionSet(rootConstrained.get(first)));
        return;
      }
      List<String> phrases = conflictPhrases(members);
      List<Requires> rs = new ArrayList<>();
      for (int c : members) {
        rs.addAll(reqs.getOrDefault(c, List.of()));
      }
      if (rs.isEmpty()) {
        add(indent, last, phrases.isEmpty() ? label : label + ", which " + String.join(", and ", phrases));
        return;
      }
      if (shown.containsAll(members)) {
        add(indent, last, label + " (see above)");
        return;
      }
      shown.addAll(members);
      add(indent, last, label + " would require");
      List<List<Requires>> bySet = byVersionSet(rs);
      String ci = childIndent(indent, last);
      for (int i = 0; i < bySet.size(); i++) {
        requirement(bySet.get(i), ci, i == bySet.size() - 1 && phrases.isEmpty());
      }
      for (int i = 0; i < phrases.size(); i++) {
        add(ci, i == phrases.size() - 1, "and " + phrases.get(i));
      }
    }

    private List<String> conflictPhrases(List<Integer> members) {
      // (type, what) -> partners in first-seen order
      Map<String, List<Integer>> partners = new LinkedHashMap<>();
      Map<String, int[]> keys = new HashMap<>();
      for (int c : members) {
        for (int[] e : edges.getOrDefault(c, List.of())) {
          String k = e[0] + ":" + e[2];
          keys.putIfAbsent(k, e);
          List<Integer> l = partners.computeIfAbsent(k, x -> new ArrayList<>());
          if (!l.contains(e[1])) {
            l.add(e[1]);
          }
        }
      }
      List<String> out = new ArrayList<>();
      for (Map.Entry<String, List<Integer>> en : partners.entrySet()) {
        int[] e = keys.get(en.getKey());
        String who = byName(en.getValue());
        switch (e[0]) {
          case GROUP, EXTRA_GROUP -> out.add("conflicts with " + who + " (only one `"
              + (e[0] == GROUP ? provider.displayName(e[2]) : provider.displayGroup(e[2])) + "` can be installed)");
          case CONSTRAINED_BY -> out.add("is excluded by the constraint " + provider.displayVersionSet(e[2])
              + " of " + who);
          default -> out.add("constrains " + provider.displayVersionSet(e[2]) + ", which excludes " + who);
        }
      }
      return out;
    }

    private String byName(List<Integer> cands) {
      Map<Integer, List<Integer>> perName = new LinkedHashMap<>();
      List<Integer> sorted = new ArrayList<>(cands);
      sorted.sort(java.util.Comparator.comparingInt(preference::applyAsInt));
      for (int c : sorted) {
        perName.computeIfAbsent(provider.nameOf(c), k -> new ArrayList<>()).add(c);
      }
      List<String> parts = new ArrayList<>();
      for (List<Integer> l : perName.values()) {
        parts.add(provider.displayCandidates(l.stream().mapToInt(Integer::intValue).toArray()));
      }
      return String.join(", ", parts);
    }
  }
}
