package dev.envx.check;

import dev.envx.testing.RecordEquality;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Entry's written-out equals/hashCode say what a record's generated ones say. */
class EntryEqualityTest {
  @Test
  void entriesAreEqualComponentByComponent() {
    RecordEquality.assertComponentwise(List.of(new Entries.Entry("conda", "numpy"),
        new Entries.Entry("conda", "numpy"), new Entries.Entry("pip", "numpy"), new Entries.Entry("conda", "scipy")));
  }
}
