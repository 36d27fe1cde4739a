package dev.envx.format.pyproject;

import dev.envx.format.Located;

/** A PEP 735 dependency-group entry: a requirement string or {@code {include-group = "name"}}. */
public sealed interface GroupEntry {
  record Requirement(Located<String> requirement) implements GroupEntry {}

  record IncludeGroup(Located<String> group) implements GroupEntry {}
}
