package dev.envx.format.envyml;

import dev.envx.diag.Span;
import java.util.List;

/** The {@code - pip:} entry with its lines in order. */
public record PipSection(List<PipLine> lines, Span span) implements Dependency {
  public PipSection {
    lines = List.copyOf(lines);
  }
}
