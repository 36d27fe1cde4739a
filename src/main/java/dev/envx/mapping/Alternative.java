package dev.envx.mapping;

import java.util.Objects;

/** A name that was not chosen, with the table that proposed it and why it lost. */
public record Alternative(String name, Provenance provenance, String note) {
  public Alternative {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(provenance, "provenance");
    Objects.requireNonNull(note, "note");
  }
}
