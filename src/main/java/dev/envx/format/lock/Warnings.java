package dev.envx.format.lock;

import dev.envx.diag.Diagnostic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Collects what a reader changed or a writer could not hold, one warning per kind (with a count and up to a few
 * examples) rather than one per package.
 */
final class Warnings {
  private record Kind(String message, String hint) {}

  private final Map<Kind, TreeSet<String>> examples = new LinkedHashMap<>();
  private final Map<Kind, Integer> counts = new LinkedHashMap<>();

  /** Records one occurrence of a warning ({@code what} names the package or field it concerns). */
  void add(String message, String hint, String what) {
    Kind k = new Kind(message, hint);
    examples.computeIfAbsent(k, x -> new TreeSet<>()).add(what);
    counts.merge(k, 1, Integer::sum);
  }

  boolean isEmpty() {
    return counts.isEmpty();
  }

  List<Diagnostic> diagnostics() {
    List<Diagnostic> out = new ArrayList<>();
    for (Map.Entry<Kind, Integer> e : counts.entrySet()) {
      TreeSet<String> ex = examples.get(e.getKey());
      List<String> shown = ex.stream().limit(5).toList();
      String list = String.join(", ", shown) + (ex.size() > shown.size() ? ", …" : "");
      String msg = e.getKey().message() + " (" + (e.getValue() == 1 ? "" : e.getValue() + ": ") + list + ")";
      out.add(e.getKey().hint() == null ? Diagnostic.warning(msg, null)
          : Diagnostic.warning(msg, null, e.getKey().hint()));
    }
    return List.copyOf(out);
  }
}
