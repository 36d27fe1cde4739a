package dev.envx.mapping;

/**
 * Where a mapping fact comes from, lowest precedence first. A later layer wins over an earlier one for
 * facts of the same {@link Basis}; see {@link NameMapping} for the whole rule.
 */
public enum Layer {
  /** The naming rule (PEP 503 normalized name = conda-forge name), used when no table knows a name. */
  RULE("naming rule"),
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

  public String label() {
    return label;
  }
}
