package dev.envx.model.conda;

import dev.envx.resolve.CondaRequirement;
import dev.envx.testing.RecordEquality;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MatchSpec's written-out equals/hashCode say what a record's generated ones say. */
class MatchSpecEqualityTest {
  private static final List<String> SPECS = List.of("numpy", "numpy", "numpy >=1.2", "numpy>=1.2", "numpy 1.2.*",
      "numpy=1.2", "numpy 1.2 py38_0", "numpy=1.2=py38_0", "conda-forge::numpy", "conda-forge/linux-64::numpy",
      "numpy[build_number=3]", "numpy[md5=abc]", "numpy[sha256=def]", "numpy[license=BSD]",
      "numpy[license_family=BSD]", "numpy[fn=numpy-1.2-0.tar.bz2]", "numpy[track_features=mkl]",
      "numpy[features=mkl]", "ns:numpy", "*[track_features=nomkl]", "scipy", "scipy >=1.2",
      "https://conda.anaconda.org/conda-forge/linux-64/numpy-1.2-0.tar.bz2", "numpy[extras=[a]]");

  @Test
  void matchSpecsAreEqualComponentByComponent() {
    List<MatchSpec> specs = new ArrayList<>();
    for (String s : SPECS) {
      try {
        specs.add(MatchSpec.parse(s));
      } catch (IllegalArgumentException e) {
        // a spec this version of the grammar rejects is not a sample
      }
    }
    RecordEquality.assertComponentwise(specs);
  }

  @Test
  void matchersAndVersionSpecsAreEqualComponentByComponent() {
    RecordEquality.assertComponentwise(List.of(new StringMatcher.Exact("numpy"), new StringMatcher.Exact("numpy"),
        new StringMatcher.Exact("scipy")));
    List<Record> specs = new ArrayList<>();
    for (String v : List.of("*", "*", ">=1,<2", ">=1,<2", ">=1,<3", ">=1|<2", ">=1|<2", ">=1|<3")) {
      specs.add((Record) VersionSpec.parse(v));
    }
    RecordEquality.assertComponentwise(specs);
  }

  @Test
  void requirementsAreEqualComponentByComponent() {
    List<CondaRequirement> reqs = new ArrayList<>();
    for (String s : List.of("numpy", "numpy", "numpy >=1.2", "numpy>=1.2", "scipy")) {
      reqs.add(CondaRequirement.parse(s));
    }
    reqs.add(new CondaRequirement(MatchSpec.parse("numpy"), null));
    RecordEquality.assertComponentwise(reqs);
  }
}
