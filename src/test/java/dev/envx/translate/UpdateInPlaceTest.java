package dev.envx.translate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code envx convert pyproject.toml -o environment.yml --update}: an entry whose spec changed keeps its line,
 * its place and its comment (it used to be deleted and written anew after the last entry, without the comment);
 * an entry moved to {@code pip:} takes its comment along.
 */
class UpdateInPlaceTest {
  private static final String ENV = """
      name: analysis
      channels:
        - conda-forge
      dependencies:
        - python=3.11
        # numerics
        - numpy=1.24  # pinned for the paper
        - "scipy"  # solver
        - pywin32  # [win]
        - attrs  # records
        - pip:
          - rich==13.0  # pretty
          - httpx  # client
      """;

  /** The environment file converted to pyproject.toml, edited by {@code edit}, and written back over it. */
  private static String update(java.util.function.UnaryOperator<String> edit) {
    String py = Convert.environmentToPyproject(ENV, "environment.yml", PreferencesTest.MAPPER, null).text();
    String edited = edit.apply(py);
    assertThat(edited).as("the edit applies").isNotEqualTo(py);
    return Convert.pyprojectToEnvironment(edited, "pyproject.toml", PreferencesTest.MAPPER,
        PyprojectToEnv.Options.DEFAULT, ENV, "environment.yml").text();
  }

  @Test
  void nothingChangedIsTheSameFile() {
    String py = Convert.environmentToPyproject(ENV, "environment.yml", PreferencesTest.MAPPER, null).text();
    assertThat(Convert.pyprojectToEnvironment(py, "pyproject.toml", PreferencesTest.MAPPER,
        PyprojectToEnv.Options.DEFAULT, ENV, "environment.yml").text()).isEqualTo(ENV);
  }

  @Test
  void aChangedVersionIsWrittenInPlaceWithItsComment() {
    String out = update(py -> py.replace("numpy==1.24.*", "numpy==1.26.*").replace("rich==13.0", "rich==13.7"));
    assertThat(out).isEqualTo(ENV.replace("numpy=1.24  #", "numpy=1.26  #").replace("rich==13.0", "rich==13.7"));
  }

  @Test
  void aQuotedEntryAndOneWithASelectorKeepTheirPlaceToo() {
    String out = update(py -> py.replace("\"scipy\"", "\"scipy>=1.11\"").replace("\"pywin32\"", "\"pywin32>=306\""));
    assertThat(out).contains("""
          - numpy=1.24  # pinned for the paper
          - scipy>=1.11  # solver
          - pywin32>=306  # [win]
          - attrs  # records
        """);
  }

  @Test
  void anEntryMovedToPipTakesItsCommentAlong() {
    String out = update(py -> py + "\n[tool.envx.prefer]\nattrs = \"pypi\"\n");
    assertThat(out).doesNotContain("\n  - attrs").endsWith("    - httpx  # client\n    - attrs  # records\n");
  }

  @Test
  void anEntryMovedToANewPipSectionTakesItsCommentAlong() {
    String env = "channels:\n  - conda-forge\ndependencies:\n  - python=3.11\n  - attrs  # records\n";
    String py = Convert.environmentToPyproject(env, "environment.yml", PreferencesTest.MAPPER, null).text()
        + "\n[tool.envx.prefer]\nattrs = \"pypi\"\n";
    String out = Convert.pyprojectToEnvironment(py, "pyproject.toml", PreferencesTest.MAPPER,
        PyprojectToEnv.Options.DEFAULT, env, "environment.yml").text();
    assertThat(out).doesNotContain("\n  - attrs").contains("  - pip:\n").contains("- attrs  # records\n");
  }

  @Test
  void aRemovedEntryIsRemovedAndANewOneAddedAfterTheLast() {
    String out = update(py -> py.replace("\"attrs\",", "\"pandas\","));
    assertThat(out).doesNotContain("attrs").contains("  - pywin32  # [win]\n  - pandas\n  - pip:\n");
  }
}
