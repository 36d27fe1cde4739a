package dev.envx.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envx.model.conda.Platform;
import dev.envx.model.pep508.Requirement;
import dev.envx.testing.PypiSetChecker.Chosen;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The independent checker accepts a consistent set and names each kind of inconsistency. */
class PypiSetCheckerTest {
  private static final String REQUESTS = "requests-2.34.2-py3-none-any.whl";
  private static final String CHARSET =
      "charset_normalizer-3.5.2-cp311-cp311-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl";

  private PypiSetChecker checker;

  @BeforeEach
  void mirror() {
    checker = new PypiSetChecker(SharedData.require("pypi"));
  }

  private static List<Chosen> requestsSet() {
    return new ArrayList<>(List.of(Chosen.pypi(REQUESTS), Chosen.pypi(CHARSET),
        Chosen.pypi("idna-3.20-py3-none-any.whl"), Chosen.pypi("urllib3-2.8.0-py3-none-any.whl"),
        Chosen.pypi("certifi-2026.7.22-py3-none-any.whl")));
  }

  private static List<Requirement> roots(String... reqs) {
    return java.util.Arrays.stream(reqs).map(Requirement::parse).toList();
  }

  @Test
  void acceptsAConsistentSet() {
    checker.assertValid(roots("requests>=2.30"), requestsSet(), Platform.LINUX_64, "3.11");
  }

  @Test
  void extrasPullInTheirDependencies() {
    List<Chosen> set = requestsSet();
    assertThat(checker.problems(roots("requests[socks]"), set, Platform.LINUX_64, "3.11"))
        .containsExactly("`PySocks!=1.5.7,>=1.5.6; extra == \"socks\"` is not met: no `pysocks` is chosen");
    set.add(Chosen.pypi("PySocks-1.7.1-py3-none-any.whl"));
    checker.assertValid(roots("requests[socks]"), set, Platform.LINUX_64, "3.11");
    // without the extra, PySocks is extraneous
    assertThat(checker.problems(roots("requests"), set, Platform.LINUX_64, "3.11"))
        .containsExactly("`PySocks-1.7.1-py3-none-any.whl` is chosen but nothing requires `pysocks`");
  }

  @Test
  void condaMayProvideADependency() {
    List<Chosen> set = requestsSet();
    set.removeIf(c -> c.name().normalized().equals("urllib3"));
    set.add(Chosen.conda("urllib3", "2.2.3"));
    checker.assertValid(roots("requests"), set, Platform.LINUX_64, "3.11");
    set.removeIf(c -> c.name().normalized().equals("urllib3"));
    set.add(Chosen.conda("urllib3", "1.25.11"));
    assertThat(checker.problems(roots("requests"), set, Platform.LINUX_64, "3.11"))
        .containsExactly("`urllib3<3,>=1.26` is not met by `urllib3 1.25.11`");
  }

  @Test
  void namesEachKindOfProblem() {
    List<Chosen> missing = requestsSet();
    missing.removeIf(c -> c.name().normalized().equals("certifi"));
    assertThat(checker.problems(roots("requests"), missing, Platform.LINUX_64, "3.11"))
        .containsExactly("`certifi>=2023.5.7` is not met: no `certifi` is chosen");

    assertThat(checker.problems(roots("requests<2"), requestsSet(), Platform.LINUX_64, "3.11"))
        .containsExactly("`requests<2` is not met by `requests 2.34.2`");

    List<Chosen> twice = requestsSet();
    twice.add(Chosen.conda("idna", "3.7"));
    assertThat(checker.problems(roots("requests"), twice, Platform.LINUX_64, "3.11"))
        .containsExactly("`idna` is chosen twice");

    // the charset-normalizer wheel is for CPython 3.11 on Linux
    assertThat(checker.problems(roots("requests"), requestsSet(), Platform.WIN_64, "3.11"))
        .containsExactly("`" + CHARSET + "` does not fit win-64 cp311");
    assertThat(checker.problems(roots("requests"), requestsSet(), Platform.LINUX_64, "3.12"))
        .containsExactly("`" + CHARSET + "` does not fit linux-64 cp312 glibc 2.17");
    assertThat(checker.problems(roots("requests"), requestsSet(), Platform.LINUX_64, "3.11").size()).isZero();

    List<Chosen> unlisted = requestsSet();
    unlisted.removeIf(c -> c.name().normalized().equals("idna"));
    unlisted.add(Chosen.pypi("idna-3.7-py3-none-any.whl"));
    assertThat(checker.problems(roots("requests"), unlisted, Platform.LINUX_64, "3.11"))
        .containsExactly("`idna-3.7-py3-none-any.whl` is not listed on the mirror's page of `idna`");

    assertThatThrownBy(() -> checker.assertValid(roots("requests", "six"), requestsSet(), Platform.LINUX_64, "3.11"))
        .hasMessageContaining("`six` is not met: no `six` is chosen");
  }

  @Test
  void requiresPythonIsChecked() {
    List<Chosen> set = List.of(Chosen.pypi("idna-3.20-py3-none-any.whl"));
    assertThat(checker.problems(roots("idna"), set, Platform.LINUX_64, "3.11")).isEmpty();
    // requests 2.34.2 needs Python >= 3.10 (its pure-Python deps are fine on 3.9)
    List<Chosen> old = requestsSet();
    old.removeIf(c -> c.wheel() != null && c.wheel().equals(CHARSET));
    old.add(Chosen.conda("charset-normalizer", "3.4.0"));
    assertThat(checker.problems(roots("requests"), old, Platform.LINUX_64, "3.9"))
        .contains("`" + REQUESTS + "` requires Python `>=3.10`, the target has 3.9.0");
  }
}
