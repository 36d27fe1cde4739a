package dev.envx.resolve;

/**
 * One requested (or pinned) package of a {@link Request}, parsed at the edge and typed from there on: a conda
 * MatchSpec or a PEP 508 requirement. Sources match only their own kind.
 */
public sealed interface Requirement permits CondaRequirement, PypiRequirement {

  /** The requirement as the user wrote it (for messages), or its canonical form when envx built it. */
  String display();
}
