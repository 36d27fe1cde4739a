package dev.envx.diag;

/** How bad a diagnostic is. */
public enum Severity {
  ERROR, WARNING, NOTE;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
