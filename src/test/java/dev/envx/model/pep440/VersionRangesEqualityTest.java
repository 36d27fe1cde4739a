package dev.envx.model.pep440;

import dev.envx.testing.RecordEquality;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ranges' written-out equals/hashCode say what a record's generated ones say. */
class VersionRangesEqualityTest {
  private static final List<String> SPECIFIERS = List.of("==1.0", "==1.0", "==1.0.0", ">=1.0", ">1.0", "<2", "<=2",
      "!=1.5", "~=1.4.2", "==1.*", "!=1.*", ">=1.0.post1", "<2.dev0", "==1.0+local", ">1.0a1");

  @Test
  void rangesBoundsAndPointsAreEqualComponentByComponent() {
    List<VersionRanges.Range> ranges = new ArrayList<>();
    for (String s : SPECIFIERS) {
      ranges.addAll(VersionRanges.of(Specifier.parse(s)));
    }
    RecordEquality.assertComponentwise(ranges);
    List<VersionRanges.Lower> lowers = new ArrayList<>();
    List<VersionRanges.Upper> uppers = new ArrayList<>();
    List<VersionRanges.Point> points = new ArrayList<>();
    for (VersionRanges.Range r : ranges) {
      lowers.add(r.lower());
      uppers.add(r.upper());
      if (r.lower().point() != null) {
        points.add(r.lower().point());
      }
      if (r.upper().point() != null) {
        points.add(r.upper().point());
      }
    }
    RecordEquality.assertComponentwise(lowers);
    RecordEquality.assertComponentwise(uppers);
    RecordEquality.assertComponentwise(points);
  }
}
