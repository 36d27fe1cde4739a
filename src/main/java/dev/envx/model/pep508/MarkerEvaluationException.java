package dev.envx.model.pep508;

import dev.envx.diag.EnvxException;

/** A marker that cannot be evaluated: an undefined comparison or a variable missing from the environment. */
public class MarkerEvaluationException extends IllegalArgumentException {
  private final String hint;

  public MarkerEvaluationException(String message) {
    this(message, null);
  }

  public MarkerEvaluationException(String message, String hint) {
    super(message);
    this.hint = hint;
  }

  public String hint() {
    return hint;
  }
}
