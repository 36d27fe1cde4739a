package dev.envx.model.pep440;

/** The PEP 440 comparison operators. */
public enum Operator {
  COMPATIBLE("~="),
  EQUAL("=="),
  NOT_EQUAL("!="),
  LESS_EQUAL("<="),
  GREATER_EQUAL(">="),
  LESS("<"),
  GREATER(">"),
  ARBITRARY("===");

  private final String symbol;

  Operator(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  /** The operator spelled {@code symbol}, or null. */
  public static Operator fromSymbol(String symbol) {
    for (Operator op : values()) {
      if (op.symbol.equals(symbol)) {
        return op;
      }
    }
    return null;
  }

  /** The operator at the start of {@code text} (longest match), or null. */
  public static Operator prefixOf(String text) {
    if (text.startsWith("===")) {
      return ARBITRARY;
    }
    for (Operator op : new Operator[] {COMPATIBLE, EQUAL, NOT_EQUAL, LESS_EQUAL, GREATER_EQUAL}) {
      if (text.startsWith(op.symbol)) {
        return op;
      }
    }
    if (text.startsWith("<")) {
      return LESS;
    }
    if (text.startsWith(">")) {
      return GREATER;
    }
    return null;
  }

  @Override
  public String toString() {
    return symbol;
  }
}
