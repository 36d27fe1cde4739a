package dev.envx.check;

import dev.envx.format.Located;
import dev.envx.format.Selector;
import dev.envx.format.envyml.CondaDependency;
import dev.envx.format.envyml.EnvironmentYml;
import dev.envx.format.envyml.PipLine;
import dev.envx.format.pyproject.EnvxTable;
import dev.envx.format.pyproject.PipOptions;
import dev.envx.format.pyproject.ProjectTable;
import dev.envx.format.pyproject.PyProject;
import dev.envx.format.pyproject.SpecEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A manifest as the entries a mirror must agree on, each with its section, and the difference of two such lists
 * (as multisets: the order of dependencies does not matter, a duplicate does).
 */
final class Entries {
  /** One entry: its section and its text. */
  record Entry(String section, String text) {
    // equals and hashCode written out: a record's generated ones are linked through invokedynamic at first
    // use, which costs a cold start (several ms) more than the comparison itself
    @Override
    public boolean equals(Object o) {
      return o instanceof Entry e && section.equals(e.section) && text.equals(e.text);
    }

    @Override
    public int hashCode() {
      return 31 * section.hashCode() + text.hashCode();
    }
  }

  private Entries() {}

  /** An environment file's entries. */
  static List<Entry> of(EnvironmentYml env) {
    List<Entry> out = new ArrayList<>();
    if (env.name() != null) {
      out.add(new Entry("name", env.name().value()));
    }
    if (env.prefix() != null) {
      out.add(new Entry("prefix", env.prefix().value()));
    }
    if (env.category() != null) {
      out.add(new Entry("category", env.category().value()));
    }
    // channel order is priority: each channel with its rank
    List<Located<String>> channels = env.channels();
    for (int i = 0; i < channels.size(); i++) {
      out.add(new Entry("channels", channels.get(i).value() + (channels.size() > 1 ? " (#" + (i + 1) + ")" : "")));
    }
    for (CondaDependency c : env.conda()) {
      out.add(new Entry("dependencies", c.spec() + selector(c.selector())));
    }
    for (PipLine l : env.pip()) {
      out.add(new Entry("pip", l.text() + selector(l.selector())));
    }
    env.variables().forEach((k, v) -> out.add(new Entry("variables", k + "=" + v.value())));
    env.platforms().forEach(p -> out.add(new Entry("platforms", p.value())));
    env.pipRepositories().forEach(p -> out.add(new Entry("pip-repositories", p.value())));
    return out;
  }

  /** The entries of a pyproject.toml that envx writes: {@code [project]}'s dependencies and {@code [tool.envx]}. */
  static List<Entry> of(PyProject py) {
    List<Entry> out = new ArrayList<>();
    ProjectTable p = py.project();
    if (p != null) {
      if (p.requiresPython() != null) {
        out.add(new Entry("[project] requires-python", p.requiresPython().value()));
      }
      p.dependencies().forEach(d -> out.add(new Entry("[project] dependencies", d.value())));
    }
    EnvxTable t = py.envx();
    if (t == null) {
      return out;
    }
    String envx = "[tool.envx] ";
    opt(out, envx + "name", t.name());
    opt(out, envx + "prefix", t.prefix());
    opt(out, envx + "category", t.category());
    List<Located<String>> channels = t.channels();
    for (int i = 0; i < channels.size(); i++) {
      out.add(new Entry(envx + "channels", channels.get(i).value() + (channels.size() > 1 ? " (#" + (i + 1) + ")" : "")));
    }
    t.platforms().forEach(v -> out.add(new Entry(envx + "platforms", v.value())));
    for (SpecEntry s : t.condaDependencies()) {
      out.add(new Entry(envx + "conda-dependencies", s.text() + selector(s.selector())));
    }
    PipOptions pip = t.pip();
    String tp = "[tool.envx.pip] ";
    opt(out, tp + "index-url", pip.indexUrl());
    pip.extraIndexUrls().forEach(v -> out.add(new Entry(tp + "extra-index-urls", v.value())));
    pip.findLinks().forEach(v -> out.add(new Entry(tp + "find-links", v.value())));
    pip.trustedHosts().forEach(v -> out.add(new Entry(tp + "trusted-hosts", v.value())));
    if (pip.pre()) {
      out.add(new Entry(tp + "pre", "true"));
    }
    pip.packages().forEach(v -> out.add(new Entry(tp + "packages", v.value())));
    for (SpecEntry s : pip.requirements()) {
      out.add(new Entry(tp + "requirements", s.text() + selector(s.selector())));
    }
    pip.repositories().forEach(v -> out.add(new Entry(tp + "repositories", v.value())));
    t.variables().forEach((k, v) -> out.add(new Entry("[tool.envx.variables]", k + "=" + v.value())));
    return out;
  }

  /**
   * What {@code want} (the source's view) has that {@code have} (the mirror) lacks ({@code missing}), then what
   * only {@code have} has, each in its list's order.
   */
  static List<Difference> diff(List<Entry> want, List<Entry> have) {
    Map<Entry, Integer> haveCount = count(have);
    Map<Entry, Integer> wantCount = count(want);
    List<Difference> out = new ArrayList<>();
    for (Entry e : want) {
      if (haveCount.merge(e, -1, Integer::sum) < 0) {
        out.add(new Difference(e.section(), e.text(), true));
      }
    }
    for (Entry e : have) {
      if (wantCount.merge(e, -1, Integer::sum) < 0) {
        out.add(new Difference(e.section(), e.text(), false));
      }
    }
    return out;
  }

  private static Map<Entry, Integer> count(List<Entry> es) {
    Map<Entry, Integer> m = new HashMap<>();
    es.forEach(e -> m.merge(e, 1, Integer::sum));
    return m;
  }

  private static void opt(List<Entry> out, String section, Located<String> v) {
    if (v != null) {
      out.add(new Entry(section, v.value()));
    }
  }

  private static String selector(Selector s) {
    return s == null ? "" : "  # [" + s.expression() + "]";
  }
}
