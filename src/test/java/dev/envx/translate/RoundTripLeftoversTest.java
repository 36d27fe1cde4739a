package dev.envx.translate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The cases the corpus round trip once missed, each byte for byte. */
class RoundTripLeftoversTest {
  private static String roundTrip(String env) {
    Convert.Output py = Convert.environmentToPyproject(env, "environment.yml", GoldenTest.MAPPER, null);
    return Convert.pyprojectToEnvironment(py.text(), "pyproject.toml", GoldenTest.MAPPER,
        PyprojectToEnv.Options.DEFAULT).text();
  }

  @Test
  void aPackageListedTwiceComesBackTwice() {
    String env = "name: t\ndependencies:\n  - numpy\n  # docs\n  - pydot  # first\n  - scipy\n  - pydot\n";
    assertThat(roundTrip(env)).isEqualTo(env);
  }

  @Test
  void variablesKeepTheirQuotes() {
    String env = "name: t\ndependencies:\n  - numpy\nvariables:\n  A: \"My Value\"\n  B: 'single'\n  C: plain\n"
        + "  D: \"1\"\n";
    assertThat(roundTrip(env)).isEqualTo(env);
  }

  @Test
  void commentsOnAPreLineComeBack() {
    String env = "name: t\ndependencies:\n  - pip\n  - pip:\n    # nightly builds\n    - --pre  # for the rc\n"
        + "    - requests\n";
    assertThat(roundTrip(env)).isEqualTo(env);
  }

  @Test
  void commentsBeforeAHandWrittenClosingBracketComeBack() {
    String env = "name: t\nchannels: [\n  conda-forge,\n  # defaults is off\n]\ndependencies: [\n  numpy,  # fast\n"
        + "  scipy,\n  # pandas later\n]\n";
    assertThat(roundTrip(env)).isEqualTo(env);
  }

  /** Updating a hand-written pyproject.toml keeps a comment before the closing `]` of its dependencies. */
  @Test
  void updatingAPyprojectKeepsACommentBeforeItsClosingBracket() {
    String py = "[project]\nname = \"t\"\nversion = \"0\"\ndependencies = [\n  \"numpy\",\n"
        + "  # scipy once 1.14 is out\n]\n";
    String env = Convert.pyprojectToEnvironment(py, "pyproject.toml", GoldenTest.MAPPER,
        PyprojectToEnv.Options.DEFAULT).text();
    Convert.Output again = Convert.environmentToPyproject(env, "environment.yml", GoldenTest.MAPPER, py);
    assertThat(again.text()).startsWith(py);
  }
}
