package dev.envx.model.conda;

import dev.envx.diag.ParseError;
import java.util.Objects;

/**
 * conda's {@code BuildNumberMatch}: an exact build number ({@code 2}) or a comparison ({@code >=2}, {@code <3},
 * {@code !=1}; {@code =2} is {@code ==2}). {@code text} keeps the spelling for {@code toString()}.
 */
public record BuildNumberSpec(VersionSpec.Op op, long number, String text) {
  public BuildNumberSpec {
    Objects.requireNonNull(op);
    Objects.requireNonNull(text);
    if (number < 0) {
      throw new IllegalArgumentException("build number must not be negative");
    }
  }

  public static BuildNumberSpec exactly(long number) {
    return new BuildNumberSpec(VersionSpec.Op.EQ, number, Long.toString(number));
  }

  public static BuildNumberSpec parse(String input) {
    String s = input.strip();
    int i = 0;
    while (i < s.length() && "=<>!".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    String op = s.substring(0, i);
    VersionSpec.Op o = switch (op) {
      case "", "=", "==" -> VersionSpec.Op.EQ;
      case "!=" -> VersionSpec.Op.NE;
      case "<" -> VersionSpec.Op.LT;
      case "<=" -> VersionSpec.Op.LE;
      case ">" -> VersionSpec.Op.GT;
      case ">=" -> VersionSpec.Op.GE;
      default -> throw new ParseError("invalid build number operator `" + op + "`", input, input.indexOf(op),
          op.length(), "use one of `==`, `!=`, `<`, `<=`, `>`, `>=`");
    };
    String digits = s.substring(i).strip();
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9') || digits.length() > 18) {
      throw new ParseError("expected a build number (a non-negative integer)", input,
          input.length() - digits.length(), Math.max(1, digits.length()));
    }
    return new BuildNumberSpec(o, Long.parseLong(digits), s.substring(0, i) + digits);
  }

  public boolean matches(long buildNumber) {
    return op.test(Long.compare(buildNumber, number));
  }

  /** The number when this is an exact match, else null. */
  public Long exactValue() {
    return op == VersionSpec.Op.EQ ? number : null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BuildNumberSpec b && b.op == op && b.number == number;
  }

  @Override
  public int hashCode() {
    return op.hashCode() * 31 + Long.hashCode(number);
  }

  @Override
  public String toString() {
    return text;
  }
}
