package dev.envx.mapping;

/**
 * Where a mapping fact comes from, lowest precedence first. A later layer wins over an earlier one for
 * facts of the same {@link Basis}; see {@link NameMapping} for the whole rule.
 */
public enum Layer {
  /** The naming rule (PEP 503 normalized name = conda-forge name), used when no table knows a name. */
  RULE("naming rule"),
  /**
   * The upstream tables embedded in the jar ({@code mappings/snapshot.tsv}, made by
   * {@code scripts/update-mappings}); a fetched table of the same id replaces its section.
   */
  SNAPSHOT("embedded snapshot"),
  /** The curated table shipped in the jar ({@code mappings/default.toml}). */
  EMBEDDED("embedded default"),
  /** A table fetched by {@code envx mapping update} (or {@code --from}) and cached. */
  UPSTREAM("upstream"),
  /** The user-level override file. */
  USER("user override"),
  /** The {@code [tool.envx.mapping]} table of the project. */
  PROJECT("project override");

  private final String label;

  Layer(String label) {
    this.label = label;
  }

  /** A machine-made table (fetched or its embedded snapshot): its "no Python dist" rows are derived facts. */
  public boolean isMachineTable() {
    return this == SNAPSHOT || this == UPSTREAM;
  }

  public String label() {
    return label;
  }
}
