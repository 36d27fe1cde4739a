package dev.envx.translate;

import dev.envx.format.Selector;
import dev.envx.model.conda.MatchSpec;
import dev.envx.model.pep508.PyPiName;
import java.util.Locale;
import java.util.Optional;

/** The one sort order of written dependency lists, so that converting an output again changes nothing. */
final class Order {
  private Order() {}

  static String condaKey(String spec, Selector sel) {
    return condaKey(spec, Layouts.parsedOrNull(spec), sel);
  }

  /** As above, for a spec already parsed ({@code parsed} null when it does not parse). */
  static String condaKey(String spec, MatchSpec parsed, Selector sel) {
    String name = parsed == null ? spec.toLowerCase(Locale.ROOT) : parsed.nameOrStar();
    return name + "\u0000" + spec + "\u0000" + (sel == null ? "" : sel.toString());
  }

  static String requirementKey(String req) {
    return requirementKey(req, PipLines::nameOf);
  }

  /** As above, with the requirement's name from {@code names} ({@link PipLines#nameOf} or its memo). */
  static String requirementKey(String req, java.util.function.Function<String, Optional<PyPiName>> names) {
    return names.apply(req).map(PyPiName::normalized).orElse("\uffff" + req.toLowerCase(Locale.ROOT))
        + "\u0000" + req;
  }

  /** Sorts by a key computed once per element (keys parse specs, so they are not computed per comparison). */
  static <T> void sortBy(java.util.List<T> list, java.util.function.Function<T, String> key) {
    java.util.List<java.util.Map.Entry<String, T>> decorated = new java.util.ArrayList<>(list.size());
    for (T t : list) {
      decorated.add(java.util.Map.entry(key.apply(t), t));
    }
    decorated.sort(java.util.Map.Entry.comparingByKey());
    list.clear();
    decorated.forEach(e -> list.add(e.getValue()));
  }
}
