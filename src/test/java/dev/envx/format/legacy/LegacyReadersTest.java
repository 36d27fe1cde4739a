package dev.envx.format.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envx.diag.Diagnostic;
import dev.envx.diag.EnvxException;
import dev.envx.format.Located;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class LegacyReadersTest {
  private static List<String> values(List<Located<String>> ls) {
    return ls.stream().map(Located::value).toList();
  }

  private static List<String> messages(List<Diagnostic> ds) {
    return ds.stream().map(Diagnostic::message).toList();
  }

  @Test
  void requirementsWithIncludesOptionsHashesAndMarkers() {
    String main = """
        # comment
        -i https://example.org/simple
        --extra-index-url=https://download.pytorch.org/whl/cu118
        numpy>=1.20  # trailing comment
        pandas==2.0 ; python_version >= "3.9"
        requests==2.31.0 \\
            --hash=sha256:aaaa \\
            --hash=sha256:bbbb
        -r dev/extra.txt
        -c constraints.txt
        -e .
        git+https://github.com/org/repo@v1#egg=repo
        torch @ https://download.pytorch.org/whl/torch-2.0.whl
        --no-binary :all:
        --install-option=--x
        """;
    LegacyManifest m = RequirementsTxt.read("requirements.txt", main, RequirementsTxt.of(Map.of(
        "dev/extra.txt", "-r ../base.txt\nscipy\n", "base.txt", "zarr\n")));
    assertThat(values(m.requirements())).containsExactly("numpy>=1.20", "pandas==2.0 ; python_version >= \"3.9\"",
        "requests==2.31.0", "zarr", "scipy", "torch @ https://download.pytorch.org/whl/torch-2.0.whl");
    assertThat(values(m.pipOptions())).containsExactly("--index-url https://example.org/simple",
        "--extra-index-url https://download.pytorch.org/whl/cu118", "--no-binary :all:");
    assertThat(values(m.pipLines())).containsExactly("-c constraints.txt", "-e .",
        "git+https://github.com/org/repo@v1#egg=repo");
    assertThat(messages(m.left())).anyMatch(s -> s.contains("2 `--hash` pins of `requests==2.31.0`"))
        .anyMatch(s -> s.contains("`--install-option`"));
    assertThat(m.requirements().get(3).span().file().name()).isEqualTo("base.txt");
  }

  @Test
  void aRequirementsCycleIsAnErrorNamingTheChain() {
    assertThatThrownBy(() -> RequirementsTxt.read("requirements.txt", "numpy\n-r more.txt\n",
        RequirementsTxt.of(Map.of("more.txt", "-r requirements.txt\n"))))
        .isInstanceOf(EnvxException.class)
        .hasMessageContaining("cycle: requirements.txt -> more.txt -> requirements.txt");
    assertThatThrownBy(() -> RequirementsTxt.read("requirements.txt", "-r requirements.txt\n", p -> java.util.Optional.empty()))
        .hasMessageContaining("requirements.txt -> requirements.txt");
  }

  @Test
  void aMissingIncludeAndABadLineAreReportedNotDropped() {
    LegacyManifest m = RequirementsTxt.read("r.txt", "-r nope.txt\nfoo >= = 1\n", p -> java.util.Optional.empty());
    assertThat(values(m.pipLines())).containsExactly("foo >= = 1");
    assertThat(messages(m.left())).hasSize(2);
  }

  @Test
  void setupCfgOptionsAndExtras() {
    String cfg = """
        [metadata]
        name = demo
        [options]
        python_requires = >=3.8
        install_requires =
            numpy>=1.20
            pandas ; python_version<"3.12"
        setup_requires = setuptools_scm
        [options.extras_require]
        test =
            pytest
        docs = file: docs/requirements.txt
        """;
    LegacyManifest m = SetupCfg.read("setup.cfg", cfg, RequirementsTxt.of(Map.of("docs/requirements.txt", "sphinx\n")));
    assertThat(values(m.requirements())).containsExactly("numpy>=1.20", "pandas ; python_version<\"3.12\"");
    assertThat(m.requiresPython().value()).isEqualTo(">=3.8");
    assertThat(m.extras()).containsOnlyKeys("test", "docs");
    assertThat(values(m.extras().get("docs"))).containsExactly("sphinx");
    assertThat(messages(m.left())).singleElement().asString().contains("setup_requires");
  }

  @Test
  void setupPyLiteralsNamesAndConcatenationAreExtracted() {
    String py = """
        from setuptools import setup
        BASE = ["numpy>=1.20", 'scipy']  # comment
        EXTRA = {"plot": ["matplotlib"], 'all': BASE + ["dask[array]"]}
        def helper():
            BASE = []
        install_requires = BASE
        setup(
            name="demo",
            install_requires=install_requires + [
                "requests" ">=2",   # implicit concatenation
            ],
            extras_require=EXTRA,
            python_requires=">=3.9",
        )
        """;
    LegacyManifest m = SetupPy.read("setup.py", py);
    assertThat(values(m.requirements())).containsExactly("numpy>=1.20", "scipy", "requests>=2");
    assertThat(m.extras()).containsOnlyKeys("plot", "all");
    assertThat(values(m.extras().get("all"))).containsExactly("numpy>=1.20", "scipy", "dask[array]");
    assertThat(m.requiresPython().value()).isEqualTo(">=3.9");
    assertThat(m.left()).isEmpty();
  }

  @Test
  void setupPyDynamicPartsAreReportedNeverGuessed() {
    String py = """
        import setuptools
        deps = ["numpy"]
        if True:
            deps.append("torch")
        setuptools.setup(
            install_requires=deps,
            extras_require={"x": [l.strip() for l in open("r.txt")]},
            python_requires=f">={3}",
        )
        """;
    LegacyManifest m = SetupPy.read("setup.py", py);
    assertThat(m.requirements()).isEmpty();
    assertThat(m.extras()).isEmpty();
    assertThat(messages(m.left())).hasSize(3).allMatch(s -> s.contains("is computed"));
    assertThat(m.left().get(0).span().line()).isEqualTo(6);
  }

  @Test
  void aSetupPyThatDoesNotParseIsAnError() {
    assertThatThrownBy(() -> SetupPy.read("setup.py", "setup(install_requires=['numpy'\n"))
        .isInstanceOf(EnvxException.class).hasMessageContaining("setup.py");
    assertThatThrownBy(() -> SetupPy.read("setup.py", "setup(name='x)\n")).hasMessageContaining("unterminated string");
  }

  @Test
  void pipfilePackagesDevSourcesAndPython() {
    String p = """
        [[source]]
        url = "https://pypi.org/simple"
        [[source]]
        url = "https://example.org/simple"
        [packages]
        requests = "*"
        numpy = ">=1.20"
        django = {version = "==4.2", extras = ["bcrypt"], markers = "python_version >= '3.8'"}
        pywin32 = {version = "*", sys_platform = "== 'win32'"}
        mylib = {git = "https://github.com/org/mylib.git", ref = "v1"}
        local = {path = ".", editable = true}
        [dev-packages]
        pytest = "7.4"
        [requires]
        python_version = "3.10"
        [scripts]
        test = "pytest"
        """;
    LegacyManifest m = Pipfile.read("Pipfile", p);
    assertThat(values(m.requirements())).containsExactly("requests", "numpy>=1.20",
        "django[bcrypt]==4.2; python_version >= '3.8'", "pywin32; sys_platform == 'win32'",
        "mylib @ git+https://github.com/org/mylib.git@v1");
    assertThat(values(m.extras().get("dev"))).containsExactly("pytest==7.4");
    assertThat(m.requiresPython().value()).isEqualTo("==3.10.*");
    assertThat(values(m.pipOptions())).containsExactly("--index-url https://example.org/simple");
    assertThat(values(m.pipLines())).containsExactly("-e .");
    assertThat(messages(m.left())).singleElement().asString().contains("[scripts]");
  }

  @Test
  void aPipfileWithBadTomlIsAnErrorWithAPosition() {
    assertThatThrownBy(() -> Pipfile.read("Pipfile", "[packages]\nrequests = \n"))
        .isInstanceOf(EnvxException.class)
        .satisfies(e -> assertThat(((EnvxException) e).first().oneLine()).startsWith("Pipfile:2:"));
  }

  /** Any text: a reader either reads it or says why (an envx error), never crashes. */
  @Property(tries = 300, seed = "15")
  void readersNeverCrash(@ForAll @StringLength(max = 200) String text) {
    for (Runnable r : List.<Runnable>of(() -> RequirementsTxt.read("r.txt", text, p -> java.util.Optional.empty()),
        () -> SetupCfg.read("setup.cfg", text, p -> java.util.Optional.empty()), () -> SetupPy.read("setup.py", text),
        () -> Pipfile.read("Pipfile", text))) {
      try {
        r.run();
      } catch (EnvxException expected) {
        assertThat(expected.diagnostics()).isNotEmpty();
      }
    }
  }

  @Property(tries = 300, seed = "15")
  void setupPyFragmentsNeverCrash(@ForAll("pythonish") String text) {
    try {
      SetupPy.read("setup.py", text);
    } catch (EnvxException expected) {
      assertThat(expected.diagnostics()).isNotEmpty();
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> pythonish() {
    return net.jqwik.api.Arbitraries.of("setup(", "install_requires", "=", "[", "]", "'a'", "\"b\"", ",", "+", "X",
        "\n", "{", "}", ":", ")", "extras_require", "python_requires", "\"\"\"t\"\"\"", "#c", "\\\n", "r'x'")
        .list().ofMaxSize(40).map(l -> String.join("", l));
  }
}
