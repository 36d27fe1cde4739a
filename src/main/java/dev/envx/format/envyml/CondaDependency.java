package dev.envx.format.envyml;

import dev.envx.diag.Span;
import dev.envx.format.Selector;
import java.util.Objects;

/**
 * A conda MatchSpec entry, kept as the user wrote it (trimmed), with its optional selector, its position and a
 * comment written after it ({@code ""} for none; not a selector).
 */
public record CondaDependency(String spec, Selector selector, Span span, String comment) implements Dependency {
  public CondaDependency {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(comment, "comment");
    if (comment.indexOf('\n') >= 0 || comment.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("a comment is one line");
    }
    spec = spec.strip();
    if (spec.isEmpty()) {
      throw new IllegalArgumentException("empty conda spec");
    }
  }

  public CondaDependency(String spec, Selector selector, Span span) {
    this(spec, selector, span, "");
  }

  public static CondaDependency of(String spec) {
    return new CondaDependency(spec, null, null);
  }
}
