package dev.envx.mapping;

/** How a mapping fact was established; explicit facts beat derived ones, derived facts beat the rule. */
public enum Basis {
  /** Guessed from the naming convention only. */
  RULE,
  /** Derived by a machine: read from package contents (parselmouth) or by inverting such a table. */
  DERIVED,
  /** Written by a person: a curated table entry or an override. */
  EXPLICIT
}
