package dev.envx.format.envyml;

import dev.envx.diag.Span;
import dev.envx.format.Selector;
import java.util.Objects;

/**
 * A conda MatchSpec entry, kept as the user wrote it (trimmed), with its optional selector and its position.
 */
public record CondaDependency(String spec, Selector selector, Span span) implements Dependency {
  public CondaDependency {
    Objects.requireNonNull(spec, "spec");
    spec = spec.strip();
    if (spec.isEmpty()) {
      throw new IllegalArgumentException("empty conda spec");
    }
  }

  public static CondaDependency of(String spec) {
    return new CondaDependency(spec, null, null);
  }
}
