package dev.envx.format;

import dev.envx.testing.RecordEquality;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** EnvLayout's written-out equals/hashCode say what a record's generated ones say, one component changed at a time. */
class EnvLayoutEqualityTest {
  @Test
  void layoutsAreEqualComponentByComponent() {
    EnvLayout d = EnvLayout.DEFAULT;
    List<EnvLayout> samples = List.of(d,
        new EnvLayout(List.of(), Map.of(), Set.of(), Set.of(), Map.of(), List.of(), true, List.of(), List.of(),
            Map.of(), Map.of()),
        new EnvLayout(List.of("name"), Map.of(), Set.of(), Set.of(), Map.of(), List.of(), true, List.of(),
            List.of(), Map.of(), Map.of()),
        new EnvLayout(List.of(), Map.of("dependencies", 4), Set.of(), Set.of(), Map.of(), List.of(), true,
            List.of(), List.of(), Map.of(), Map.of()),
        new EnvLayout(List.of(), Map.of(), Set.of("channels"), Set.of(), Map.of(), List.of(), true, List.of(),
            List.of(), Map.of(), Map.of()),
        new EnvLayout(List.of(), Map.of(), Set.of(), Set.of("prefix"), Map.of(), List.of(), true, List.of(),
            List.of(), Map.of(), Map.of()),
        new EnvLayout(List.of(), Map.of(), Set.of(), Set.of(), Map.of("name", Trivia.trailing("x")), List.of(),
            true, List.of(), List.of(), Map.of(), Map.of()),
        new EnvLayout(List.of(), Map.of(), Set.of(), Set.of(), Map.of(), List.of("# end"), true, List.of(),
            List.of(), Map.of(), Map.of()),
        new EnvLayout(List.of(), Map.of(), Set.of(), Set.of(), Map.of(), List.of(), false, List.of(), List.of(),
            Map.of(), Map.of()),
        new EnvLayout(List.of(), Map.of(), Set.of(), Set.of(), Map.of(), List.of(), true, List.of("numpy"),
            List.of(), Map.of(), Map.of()),
        new EnvLayout(List.of(), Map.of(), Set.of(), Set.of(), Map.of(), List.of(), true, List.of(),
            List.of("attrs"), Map.of(), Map.of()),
        new EnvLayout(List.of(), Map.of(), Set.of(), Set.of(), Map.of(), List.of(), true, List.of(), List.of(),
            Map.of("numpy", "numpy=1"), Map.of()),
        new EnvLayout(List.of(), Map.of(), Set.of(), Set.of(), Map.of(), List.of(), true, List.of(), List.of(),
            Map.of(), Map.of("attrs", "attrs>=1")));
    RecordEquality.assertComponentwise(samples);
  }
}
