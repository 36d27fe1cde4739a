package dev.envx.diag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {
  private static final List<String> NAMES = List.of("numpy", "numba", "pandas", "scikit-learn", "scikit-image",
      "requests", "xz", "zlib", "python", "pytest");

  @Test
  void closeNamesNearestFirst() {
    assertThat(DidYouMean.among("nunpy", NAMES)).containsExactly("numpy");
    assertThat(DidYouMean.among("pandsa", NAMES)).containsExactly("pandas"); // a swap is one edit
    assertThat(DidYouMean.among("Scikit_Learn", NAMES)).containsExactly("scikit-learn");
    assertThat(DidYouMean.among("pyton", NAMES)).containsExactly("python");
    assertThat(DidYouMean.among("xy", NAMES)).isEmpty(); // two characters: no guess
    assertThat(DidYouMean.among("numpy", NAMES)).containsExactly("numba"); // never the name itself
    assertThat(DidYouMean.among("tensorflow", NAMES)).isEmpty();
  }

  @Test
  void words() {
    assertThat(DidYouMean.words(List.of("a"))).isEqualTo("did you mean `a`?");
    assertThat(DidYouMean.words(List.of("a", "b", "c"))).isEqualTo("did you mean `a`, `b` or `c`?");
    assertThat(DidYouMean.words(List.of())).isNull();
  }

  /** One edit (insert, delete, substitute, swap) of a name of 5+ letters always finds it again. */
  @Property(tries = 300)
  void oneEditIsFound(@ForAll @AlphaChars @StringLength(min = 5, max = 20) String name,
      @ForAll @IntRange(min = 0, max = 3) int kind, @ForAll @IntRange(min = 0, max = 19) int at) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    int i = at % (n.length() - 1);
    String typo = switch (kind) {
      case 0 -> n.substring(0, i) + "q" + n.substring(i);
      case 1 -> n.substring(0, i) + n.substring(i + 1);
      case 2 -> n.substring(0, i) + (n.charAt(i) == 'z' ? 'y' : 'z') + n.substring(i + 1);
      default -> n.substring(0, i) + n.charAt(i + 1) + n.charAt(i) + n.substring(i + 2);
    };
    if (!typo.equals(n)) {
      assertThat(DidYouMean.among(typo, List.of(n, "unrelated-name-xyz"))).contains(n);
    }
    assertThat(DidYouMean.distance(typo, n, 3)).isEqualTo(DidYouMean.distance(n, typo, 3));
  }
}
