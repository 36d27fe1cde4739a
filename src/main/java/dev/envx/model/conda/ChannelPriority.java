package dev.envx.model.conda;

import dev.envx.diag.ParseError;
import java.util.Locale;

/**
 * How the solver treats packages of one name found in several channels: {@code strict} takes them only from the
 * highest-priority channel that has the name, {@code flexible} prefers that channel but may use lower ones, and
 * {@code disabled} ignores channel order (highest version wins).
 */
public enum ChannelPriority {
  STRICT, FLEXIBLE, DISABLED;

  /** The lowercase config spelling. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code strict}, {@code flexible} or {@code disabled} (case-insensitive; conda's {@code true} means
   * flexible, {@code false} disabled).
   */
  public static ChannelPriority parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    switch (t) {
      case "strict":
        return STRICT;
      case "flexible":
      case "true":
        return FLEXIBLE;
      case "disabled":
      case "false":
        return DISABLED;
      default:
        throw new ParseError("unknown channel priority `" + text.strip() + "`", text,
            Math.max(0, text.indexOf(text.strip())), Math.max(1, text.strip().length()),
            "valid values: strict, flexible, disabled");
    }
  }
}
