package dev.envx.format.envyml;

import dev.envx.diag.Span;
import dev.envx.format.Located;
import dev.envx.format.Selector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Updates an existing environment file to a desired content, keeping its comments, order and spelling: entries
 * that are still wanted keep their line as written (compared with a caller-supplied key, e.g. the normalized
 * spec), entries no longer wanted lose their line, new entries are added after the last entry of their list with
 * the list's indentation. Scalars are replaced in place. Works on the lines of the original text, with the
 * positions the reader recorded.
 */
public final class EnvYmlEditor {
  private final List<String> lines;
  private final Map<Integer, String> replace = new HashMap<>();
  private final Map<Integer, List<String>> insertAfter = new TreeMap<>();
  private final java.util.Set<Integer> delete = new java.util.HashSet<>();
  private final List<String> append = new ArrayList<>();

  private EnvYmlEditor(String text) {
    String t = text.endsWith("\n") || text.isEmpty() ? text : text + "\n";
    this.lines = new ArrayList<>(List.of(t.split("\n", -1)));
    this.lines.remove(this.lines.size() - 1);
  }

  /**
   * @param condaKey how conda entries are compared (e.g. the normalized spec); equal keys (and selectors) keep
   *     the old line
   * @param pipKey the same for pip lines
   * @param condaName the package name of a conda entry (null: unknown); an entry whose spec changed keeps its
   *     line, position and comment when the old and the new one name the same package with the same selector
   * @param pipName the same for pip lines (the normalized project name)
   */
  public static String update(String existing, String name, EnvironmentYml want,
      Function<String, String> condaKey, Function<String, String> pipKey, Function<String, String> condaName,
      Function<String, String> pipName) {
    EnvironmentYml old = EnvYmlReader.parse(existing, name);
    EnvYmlEditor e = new EnvYmlEditor(existing);
    // a source without a name (a pyproject.toml whose [tool.envx] has none) says nothing about it: the file's stays
    e.scalar("name", old.name(), want.name() != null ? want.name() : old.name(), true);
    e.scalar("category", old.category(), want.category(), false);
    e.list("channels", old.channels(), want.channels());
    e.dependencies(old, want, condaKey, pipKey, condaName, pipName);
    e.variables(old, want);
    e.list("platforms", old.platforms(), want.platforms());
    e.list("pip-repositories", old.pipRepositories(), want.pipRepositories());
    e.scalar("prefix", old.prefix(), want.prefix(), false);
    return e.render();
  }

  private String render() {
    StringBuilder sb = new StringBuilder();
    for (String l : insertAfter.getOrDefault(-1, List.of())) {
      sb.append(l).append('\n');
    }
    for (int i = 0; i < lines.size(); i++) {
      if (!delete.contains(i)) {
        sb.append(replace.getOrDefault(i, lines.get(i))).append('\n');
      }
      for (String l : insertAfter.getOrDefault(i, List.of())) {
        sb.append(l).append('\n');
      }
    }
    for (String l : append) {
      sb.append(l).append('\n');
    }
    return sb.toString();
  }

  private void scalar(String key, Located<String> old, Located<String> want, boolean top) {
    if (old != null && want != null && old.value().equals(want.value())) {
      return;
    }
    if (old != null && old.span() != null) {
      int i = old.span().line() - 1;
      if (want == null) {
        delete.add(i);
      } else {
        String line = current(i);
        int c = old.span().column() - 1;
        replace.put(i, line.substring(0, c) + EnvYmlWriter.scalar(want.value())
            + line.substring(Math.min(line.length(), c + old.span().length())));
      }
    } else if (want != null) {
      String l = key + ": " + EnvYmlWriter.scalar(want.value());
      if (top) {
        insertAfter.computeIfAbsent(firstKeyLine() - 1, k -> new ArrayList<>()).add(l);
      } else {
        append.add(l);
      }
    }
  }

  private void list(String key, List<Located<String>> old, List<Located<String>> want) {
    List<String> o = old.stream().map(Located::value).toList();
    List<String> w = want.stream().map(Located::value).toList();
    if (o.equals(w)) {
      return;
    }
    int keyLine = keyLine(key);
    boolean flow = !old.isEmpty() && old.stream().allMatch(l -> l.span() != null && l.span().line() - 1 == keyLine);
    if (keyLine >= 0 && (flow || old.isEmpty())) {
      if (w.isEmpty()) {
        delete.add(keyLine);
      } else {
        replace.put(keyLine, key + ": [" + String.join(", ", w.stream().map(EnvYmlWriter::scalar).toList()) + "]");
      }
      return;
    }
    if (keyLine < 0) {
      if (!w.isEmpty()) {
        append.add(key + ":");
        w.forEach(v -> append.add("  - " + EnvYmlWriter.scalar(v)));
      }
      return;
    }
    String prefix = itemPrefix(old.get(0).span());
    for (Located<String> l : old) {
      delete.add(l.span().line() - 1);
    }
    if (w.isEmpty()) {
      delete.add(keyLine);
    }
    List<String> items = w.stream().map(v -> prefix + EnvYmlWriter.scalar(v)).toList();
    insertAfter.computeIfAbsent(old.get(old.size() - 1).span().line() - 1, k -> new ArrayList<>()).addAll(items);
  }

  private void dependencies(EnvironmentYml old, EnvironmentYml want, Function<String, String> condaKey,
      Function<String, String> pipKey, Function<String, String> condaName, Function<String, String> pipName) {
    int keyLine = keyLine("dependencies");
    List<CondaDependency> oc = old.conda();
    Map<String, Integer> wanted = new HashMap<>();
    for (CondaDependency c : want.conda()) {
      wanted.merge(key(condaKey, c.spec(), c.selector()), 1, Integer::sum);
    }
    List<String> added = new ArrayList<>();
    Map<String, Integer> kept = new HashMap<>();
    List<CondaDependency> dropped = new ArrayList<>(); // no longer wanted as written, in file order
    for (CondaDependency c : oc) {
      String k = key(condaKey, c.spec(), c.selector());
      if (wanted.getOrDefault(k, 0) > kept.getOrDefault(k, 0)) {
        kept.merge(k, 1, Integer::sum);
      } else if (c.span() != null) {
        dropped.add(c);
      }
    }
    for (CondaDependency c : want.conda()) {
      String k = key(condaKey, c.spec(), c.selector());
      if (kept.getOrDefault(k, 0) > 0) {
        kept.merge(k, -1, Integer::sum);
        continue;
      }
      // the same package with another spec (`numpy=1.24  # pinned` -> `numpy=1.26`): its line, place and comment
      CondaDependency was = sameName(dropped, c.spec(), c.selector(), condaName, CondaDependency::spec,
          CondaDependency::selector);
      if (was != null && replaceValue(was.span(), was.spec(), c.spec())) {
        dropped.remove(was);
      } else {
        added.add(EnvYmlWriter.item(c.spec(), c.selector()));
      }
    }
    for (CondaDependency c : dropped) {
      delete.add(c.span().line() - 1);
    }
    String prefix = oc.isEmpty() || oc.get(0).span() == null ? "  - " : itemPrefix(oc.get(0).span());
    if (oc.isEmpty() && keyLine < 0) {
      append.add("dependencies:");
      added.forEach(a -> append.add(prefix + a));
      keyLine = -2;
    } else {
      int after = oc.isEmpty() ? keyLine : oc.get(oc.size() - 1).span().line() - 1;
      List<String> items = added.stream().map(a -> prefix + a).toList();
      insertAfter.computeIfAbsent(after, k -> new ArrayList<>()).addAll(items);
    }
    // the pip subsection
    PipSection op = null;
    for (Dependency d : old.dependencies()) {
      if (d instanceof PipSection p) {
        op = p;
      }
    }
    List<PipLine> wp = want.pip();
    if (op == null) {
      if (!want.hasPipSection()) {
        return;
      }
      List<String> block = new ArrayList<>();
      block.add(prefix + "pip:");
      String pipPrefix = " ".repeat(prefix.length() + 2) + "- ";
      for (PipLine l : wp) {
        block.add(pipPrefix + EnvYmlWriter.item(l.text(), l.selector())
            + movedComment(dropped, l, condaName, pipName));
      }
      if (keyLine == -2) {
        append.addAll(block);
      } else {
        int after = oc.isEmpty() ? keyLine : oc.get(oc.size() - 1).span().line() - 1;
        insertAfter.computeIfAbsent(after, k -> new ArrayList<>()).addAll(block);
      }
      return;
    }
    if (!want.hasPipSection()) {
      delete.add(op.span().line() - 1);
      op.lines().forEach(l -> delete.add(l.span().line() - 1));
      return;
    }
    Map<String, Integer> wantPip = new HashMap<>();
    for (PipLine l : wp) {
      wantPip.merge(key(pipKey, l.text(), l.selector()), 1, Integer::sum);
    }
    Map<String, Integer> keptPip = new HashMap<>();
    List<PipLine> droppedPip = new ArrayList<>();
    for (PipLine l : op.lines()) {
      String k = key(pipKey, l.text(), l.selector());
      if (wantPip.getOrDefault(k, 0) > keptPip.getOrDefault(k, 0)) {
        keptPip.merge(k, 1, Integer::sum);
      } else {
        droppedPip.add(l);
      }
    }
    String pipPrefix = op.lines().isEmpty() ? " ".repeat(prefix.length() + 2) + "- "
        : itemPrefix(op.lines().get(0).span());
    List<String> newPip = new ArrayList<>();
    for (PipLine l : wp) {
      String k = key(pipKey, l.text(), l.selector());
      if (keptPip.getOrDefault(k, 0) > 0) {
        keptPip.merge(k, -1, Integer::sum);
        continue;
      }
      PipLine was = sameName(droppedPip, l.text(), l.selector(), pipName, PipLine::text, PipLine::selector);
      if (was != null && replaceValue(was.span(), was.text(), l.text())) {
        droppedPip.remove(was);
      } else {
        newPip.add(pipPrefix + EnvYmlWriter.item(l.text(), l.selector())
            + movedComment(dropped, l, condaName, pipName));
      }
    }
    for (PipLine l : droppedPip) {
      delete.add(l.span().line() - 1);
    }
    int after = op.lines().isEmpty() ? op.span().line() - 1 : op.lines().get(op.lines().size() - 1).span().line() - 1;
    insertAfter.computeIfAbsent(after, k -> new ArrayList<>()).addAll(newPip);
  }

  private void variables(EnvironmentYml old, EnvironmentYml want) {
    if (old.variables().isEmpty() && want.variables().isEmpty()) {
      return;
    }
    int keyLine = keyLine("variables");
    int last = keyLine;
    for (Map.Entry<String, Located<String>> e : old.variables().entrySet()) {
      Located<String> w = want.variables().get(e.getKey());
      Span sp = e.getValue().span();
      last = Math.max(last, sp.line() - 1);
      if (w == null) {
        delete.add(sp.line() - 1);
      } else if (!w.value().equals(e.getValue().value())) {
        String line = current(sp.line() - 1);
        int c = sp.column() - 1;
        replace.put(sp.line() - 1, line.substring(0, c) + EnvYmlWriter.scalar(w.value())
            + line.substring(Math.min(line.length(), c + sp.length())));
      }
    }
    List<String> added = new ArrayList<>();
    want.variables().forEach((k, v) -> {
      if (!old.variables().containsKey(k)) {
        added.add("  " + EnvYmlWriter.scalar(k) + ": " + EnvYmlWriter.scalar(v.value()));
      }
    });
    if (keyLine < 0) {
      if (!added.isEmpty()) {
        append.add("variables:");
        append.addAll(added);
      }
    } else {
      insertAfter.computeIfAbsent(last, k -> new ArrayList<>()).addAll(added);
      if (want.variables().isEmpty()) {
        delete.add(keyLine);
      }
    }
  }

  /** The first of {@code dropped} that names the same package as {@code text} with the same selector, or null. */
  private static <T> T sameName(List<T> dropped, String text, Selector sel, Function<String, String> name,
      Function<T, String> textOf, Function<T, Selector> selectorOf) {
    String n = name.apply(text);
    if (n == null) {
      return null;
    }
    for (T d : dropped) {
      if (java.util.Objects.equals(selectorOf.apply(d), sel) && n.equals(name.apply(textOf.apply(d)))) {
        return d;
      }
    }
    return null;
  }

  /**
   * Writes {@code now} over the value {@code was} where the span has it, keeping what surrounds it (the item's
   * dash, a {@code sel(...)}, a selector or comment after it); false, changing nothing, when the span does not
   * hold exactly that one-line value (a scalar over several lines, a spelling the span does not show).
   */
  private boolean replaceValue(Span span, String was, String now) {
    int i = span.line() - 1;
    String line = current(i);
    int c = span.column() - 1;
    int end = c + span.length();
    if (end > line.length()) {
      return false;
    }
    String written = line.substring(c, end);
    boolean quoted = written.length() >= 2 && (written.charAt(0) == '"' || written.charAt(0) == '\'')
        && written.charAt(written.length() - 1) == written.charAt(0);
    boolean same = written.equals(was) || quoted && written.substring(1, written.length() - 1).equals(was);
    String rest = line.substring(end).strip();
    if (!same || !(rest.isEmpty() || rest.startsWith("#"))) {
      return false;
    }
    replace.put(i, line.substring(0, c) + EnvYmlWriter.scalar(now) + line.substring(end));
    return true;
  }

  /**
   * The comment after a conda entry that the new pip line {@code l} takes the place of (moved to pip by
   * {@code [tool.envx.prefer]}: the same name once normalized, neither with a selector), to be written after
   * {@code l}; empty when there is none.
   */
  private static String movedComment(List<CondaDependency> dropped, PipLine l, Function<String, String> condaName,
      Function<String, String> pipName) {
    String n = l.selector() == null ? pipName.apply(l.text()) : null;
    if (n == null) {
      return "";
    }
    for (CondaDependency c : dropped) {
      String conda = c.selector() == null && !c.trivia().after().isBlank() ? condaName.apply(c.spec()) : null;
      if (conda != null && n.equals(pipName.apply(conda))) { // the conda name read as a PyPI one, normalized
        return c.trivia().after();
      }
    }
    return "";
  }

  private static String key(Function<String, String> f, String text, Selector sel) {
    return f.apply(text) + (sel == null ? "" : "  " + sel);
  }

  private String current(int i) {
    return replace.getOrDefault(i, lines.get(i));
  }

  /** The text before an item's value on its line, e.g. {@code "  - "}. */
  private String itemPrefix(Span valueSpan) {
    String line = lines.get(valueSpan.line() - 1);
    String p = line.substring(0, Math.min(line.length(), valueSpan.column() - 1));
    int sel = p.indexOf("sel(");
    return sel >= 0 ? p.substring(0, sel) : p;
  }

  private int keyLine(String key) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(key + ":")) {
        return i;
      }
    }
    return -1;
  }

  private int firstKeyLine() {
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (!l.isBlank() && !l.startsWith("#")) {
        return i;
      }
    }
    return lines.size();
  }
}
