package dev.envx.model.conda;

import java.util.Map;

/** Vector cases envx deliberately does not follow, each with the reason (see {@link CondaConformanceTest}). */
final class CondaVectorExceptions {
  private CondaVectorExceptions() {}

  static final Map<String, String> REASONS = Map.ofEntries(
      Map.entry("placeholder", "placeholder"));
}
