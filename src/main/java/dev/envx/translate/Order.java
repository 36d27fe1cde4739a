package dev.envx.translate;

import dev.envx.format.Selector;
import java.util.Comparator;
import java.util.Locale;

/** The one sort order of written dependency lists, so that converting an output again changes nothing. */
final class Order {
  private Order() {}

  static String condaKey(String spec, Selector sel) {
    String name;
    try {
      name = CondaSpec.parse(spec).nameLower();
    } catch (IllegalArgumentException e) {
      name = spec.toLowerCase(Locale.ROOT);
    }
    return name + "\u0000" + spec + "\u0000" + (sel == null ? "" : sel.toString());
  }

  static String requirementKey(String req) {
    String n = PipLines.nameOf(req);
    return (n == null ? "\uffff" + req.toLowerCase(Locale.ROOT) : n) + "\u0000" + req;
  }

  static final Comparator<String> REQUIREMENTS = Comparator.comparing(Order::requirementKey);
}
