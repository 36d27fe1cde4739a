package dev.envx.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envx.diag.Diagnostic;
import dev.envx.diag.EnvxException;
import dev.envx.format.envyml.PipLine;
import dev.envx.format.pyproject.Preferences;
import dev.envx.format.pyproject.PyProject;
import dev.envx.format.pyproject.PyProjectReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code [tool.envx.prefer]}: read with located errors, carried into translation and into the lock input hash. */
class PreferencesTest {
  static final NameMapper MAPPER = new MappingNames(dev.envx.mapping.NameMapping.embedded());

  private static final String HEAD = """
      [project]
      name = "demo"
      version = "0"
      dependencies = ["numpy>=1.26", "Scikit_Learn", "attrs"]

      [tool.envx]
      channels = ["conda-forge"]
      """;

  private static PyProject read(String tail) {
    return PyProjectReader.parse(HEAD + tail, "pyproject.toml");
  }

  private static List<Diagnostic> errors(String tail) {
    try {
      read(tail);
    } catch (EnvxException e) {
      assertThat(e.exitCode()).isEqualTo(EnvxException.USAGE);
      return e.diagnostics();
    }
    throw new AssertionError("no error for " + tail);
  }

  @Test
  void tableAndInlineFormReadTheSame() {
    Preferences a = read("[tool.envx.prefer]\ndefault = \"pypi\"\nscikit-learn = \"conda\"\n").envx().prefer();
    Preferences b = read("prefer = { default = \"PyPI\", \"scikit.learn\" = \"conda\" }\n").envx().prefer();
    assertThat(a.lines()).containsExactly("default pypi", "scikit-learn conda");
    assertThat(b.lines()).isEqualTo(a.lines());
    assertThat(a.prefersPypi("scikit-learn")).isFalse();
    assertThat(a.prefersPypi("numpy")).isTrue(); // the default
    assertThat(read("").envx().prefer().isEmpty()).isTrue();
    assertThat(read("").envx().prefer().prefersPypi("numpy")).isFalse();
  }

  @Test
  void badValuesAreLocatedWithDidYouMean() {
    Diagnostic d = errors("[tool.envx.prefer]\nnumpy = \"pip\"\n").get(0);
    assertThat(d.message()).isEqualTo("unknown preference `pip` for `numpy`");
    assertThat(d.span().line()).isEqualTo(9);
    assertThat(d.hints()).contains("did you mean `pypi`?");
    assertThat(errors("[tool.envx.prefer]\ndefault = \"cond\"\n").get(0).hints()).contains("did you mean `conda`?");
    assertThat(errors("[tool.envx.prefer]\nnumpy = \"apt\"\n").get(0).hints()).noneMatch(h -> h.startsWith("did"));
    assertThat(errors("[tool.envx.prefer]\nnumpy = true\n").get(0).message())
        .isEqualTo("a preference is `\"conda\"` or `\"pypi\"`");
    assertThat(errors("prefer = \"pypi\"\n").get(0).hints().get(0)).contains("prefer = { default = \"pypi\" }");
    assertThat(errors("[tool.envx.prefer]\n\"not a name!\" = \"pypi\"\n").get(0).message())
        .isEqualTo("`not a name!` is not a PyPI project name");
    assertThat(errors("[tool.envx.prefer]\nscikit-learn = \"pypi\"\nscikit_learn = \"conda\"\n").get(0).message())
        .contains("the same PyPI name as `scikit-learn`");
    assertThat(errors("[tool.envx.pip]\npackages = [\"numpy\"]\n[tool.envx.prefer]\nnumpy = \"conda\"\n").get(0)
        .message()).contains("`[tool.envx.pip] packages` lists it for PyPI");
    assertThat(errors("[tool.envx.prefr]\nnumpy = \"conda\"\n").get(0).hints()).contains("did you mean `prefer`?");
  }

  @Test
  void aPypiPreferenceSendsTheDependencyToPip() {
    PyProject plain = read("");
    PyProject prefer = read("[tool.envx.prefer]\nscikit-learn = \"pypi\"\n");
    assertThat(pip(plain)).isEmpty();
    assertThat(pip(prefer)).containsExactly("Scikit_Learn");
    assertThat(pip(read("[tool.envx.prefer]\ndefault = \"pypi\"\nnumpy = \"conda\"\n")))
        .containsExactlyInAnyOrder("Scikit_Learn", "attrs");
  }

  @Test
  void everyPreferenceTheEnvironmentFileCannotHoldIsALocatedWarningNamingIt() {
    List<Diagnostic> ds = PyprojectToEnv.translate(read("""
        [tool.envx.prefer]
        default = "pypi"
        Numpy = "conda"
        attrs = "pypi"
        tabulate = "conda"
        """), MAPPER, PyprojectToEnv.Options.DEFAULT).diagnostics().stream()
        .filter(d -> d.message().contains("[tool.envx.prefer]")).toList();
    assertThat(ds).extracting(Diagnostic::message).containsExactly(
        "`[tool.envx.prefer] default = \"pypi\"` has no environment.yml form and is not carried; the dependencies "
            + "without an entry of their own are in `pip:`",
        "`[tool.envx.prefer] numpy = \"conda\"` has no environment.yml form and is not carried; `numpy` is a conda "
            + "package",
        "`[tool.envx.prefer] attrs = \"pypi\"` has no environment.yml form and is not carried; `attrs` is in `pip:`",
        "`[tool.envx.prefer] tabulate = \"conda\"` has no environment.yml form and is not carried; it names no "
            + "dependency of the environment");
    assertThat(ds).extracting(d -> d.span().line()).containsExactly(9, 10, 11, 12);
    assertThat(ds).allMatch(d -> d.severity() == dev.envx.diag.Severity.WARNING);
    assertThat(ds.get(0).hints()).singleElement().asString().contains("does not restore the table");
    assertThat(PyprojectToEnv.translate(read(""), MAPPER, PyprojectToEnv.Options.DEFAULT).diagnostics())
        .noneMatch(d -> d.message().contains("prefer"));
  }

  @Test
  void aCondaPreferenceWithoutACondaPackageSaysItGoesToPipAllTheSame() {
    PyProject py = PyProjectReader.parse(HEAD.replace("\"attrs\"", "\"some-private-pkg>=1\"")
        + "[tool.envx.prefer]\nsome-private-pkg = \"conda\"\n", "pyproject.toml");
    PyprojectToEnv.Result r = PyprojectToEnv.translate(py, MAPPER, PyprojectToEnv.Options.DEFAULT);
    assertThat(r.env().pip()).extracting(PipLine::text).containsExactly("some-private-pkg>=1");
    assertThat(r.diagnostics()).extracting(Diagnostic::message).contains("`[tool.envx.prefer] some-private-pkg = "
        + "\"conda\"` has no environment.yml form and is not carried; `some-private-pkg` is in `pip:` all the same "
        + "(no conda-forge package)");
  }

  @Test
  void convertAndExportWriteTheSameEnvironmentFileAndWarnings() {
    String text = HEAD + "[tool.envx.prefer]\nattrs = \"pypi\"\n";
    // `envx convert pyproject.toml` and `envx export --conda` both go through Convert.pyprojectToEnvironment;
    // updating an environment file that has attrs as a conda package moves it to pip: with the same warning
    Convert.Output fresh = Convert.pyprojectToEnvironment(text, "pyproject.toml", MAPPER,
        PyprojectToEnv.Options.DEFAULT);
    Convert.Output updated = Convert.pyprojectToEnvironment(text, "pyproject.toml", MAPPER,
        PyprojectToEnv.Options.DEFAULT, "channels:\n  - conda-forge\ndependencies:\n  - attrs\n  - numpy>=1.26\n",
        "environment.yml");
    assertThat(updated.text()).contains("  - pip:\n      - attrs\n").doesNotContain("\n  - attrs\n");
    assertThat(fresh.text()).contains("  - pip:\n      - attrs\n");
    assertThat(updated.diagnostics()).extracting(Diagnostic::message)
        .isEqualTo(fresh.diagnostics().stream().map(Diagnostic::message).toList())
        .contains("`[tool.envx.prefer] attrs = \"pypi\"` has no environment.yml form and is not carried; `attrs` is "
            + "in `pip:`");
  }

  @Test
  void preferencesArePartOfTheLockInputHash() {
    String plain = LockInputs.of(read("")).value();
    String pypi = LockInputs.of(read("[tool.envx.prefer]\nattrs = \"pypi\"\n")).value();
    String conda = LockInputs.of(read("[tool.envx.prefer]\nattrs = \"conda\"\n")).value();
    assertThat(pypi).isNotEqualTo(plain).isNotEqualTo(conda);
    assertThat(conda).isNotEqualTo(plain); // written, even where it is what conda-first does anyway
    assertThat(LockInputs.of(read("prefer = { attrs = \"pypi\" }\n")).value()).isEqualTo(pypi);
  }

  private static List<String> pip(PyProject py) {
    return PyprojectToEnv.translate(py, MAPPER, PyprojectToEnv.Options.DEFAULT).env().pip().stream()
        .map(PipLine::text).toList();
  }
}
