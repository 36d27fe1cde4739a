package dev.envx.mapping;

/** Which way a look-up goes. */
public enum Direction {
  PYPI_TO_CONDA("pypi", "conda"),
  CONDA_TO_PYPI("conda", "pypi");

  private final String from;
  private final String to;

  Direction(String from, String to) {
    this.from = from;
    this.to = to;
  }

  public String from() {
    return from;
  }

  public String to() {
    return to;
  }
}
