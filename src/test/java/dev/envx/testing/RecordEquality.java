package dev.envx.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Objects;

/**
 * For records whose {@code equals}/{@code hashCode} are written out (start-up: the generated ones are linked
 * through invokedynamic): they must say what the generated ones say, component by component.
 */
public final class RecordEquality {
  private RecordEquality() {}

  /** Every pair of {@code samples}: equal exactly when all components are equal; equal ones hash alike. */
  public static <R extends Record> void assertComponentwise(List<R> samples) {
    assertThat(samples).hasSizeGreaterThan(1);
    int unequalPairs = 0;
    for (R a : samples) {
      for (R b : samples) {
        boolean expected = a.getClass() == b.getClass() && componentsEqual(a, b);
        assertThat(a.equals(b)).as("%s equals %s", a, b).isEqualTo(expected);
        if (expected) {
          assertThat(a.hashCode()).as("hash of %s and %s", a, b).isEqualTo(b.hashCode());
        } else {
          unequalPairs++;
        }
      }
      assertThat(a.equals(null)).isFalse();
      assertThat(a.equals(new Object())).isFalse();
    }
    assertThat(unequalPairs).as("the samples differ somewhere").isPositive();
  }

  private static boolean componentsEqual(Record a, Record b) {
    for (RecordComponent c : a.getClass().getRecordComponents()) {
      try {
        c.getAccessor().setAccessible(true);
        if (!Objects.equals(c.getAccessor().invoke(a), c.getAccessor().invoke(b))) {
          return false;
        }
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }
    return true;
  }
}
