package dev.envx.model.wheel;

import java.util.Comparator;
import java.util.Objects;

/**
 * The optional build tag of a wheel file name ({@code -1-}, {@code -2cuda-}): a number and the rest, compared
 * as packaging's {@code (int, str)} tuple. A wheel without a build tag sorts before any wheel with one.
 */
public record BuildTag(long number, String suffix) implements Comparable<BuildTag> {
  private static final Comparator<BuildTag> ORDER =
      Comparator.comparingLong(BuildTag::number).thenComparing(BuildTag::suffix);

  public BuildTag {
    Objects.requireNonNull(suffix, "suffix");
    if (number < 0) {
      throw new IllegalArgumentException("a build number is not negative: " + number);
    }
  }

  @Override
  public int compareTo(BuildTag o) {
    return ORDER.compare(this, o);
  }

  /** The build tag as written in a file name. */
  @Override
  public String toString() {
    return number + suffix;
  }
}
