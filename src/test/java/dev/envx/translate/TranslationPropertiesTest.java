package dev.envx.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.format.Located;
import dev.envx.format.envyml.CondaDependency;
import dev.envx.format.envyml.EnvYmlReader;
import dev.envx.format.envyml.EnvYmlWriter;
import dev.envx.format.envyml.EnvironmentYml;
import dev.envx.format.pyproject.EnvxTable;
import dev.envx.format.pyproject.PipOptions;
import dev.envx.format.pyproject.PyProject;
import dev.envx.format.pyproject.PyProjectEditor;
import dev.envx.format.pyproject.PyProjectReader;
import dev.envx.format.pyproject.PyProjectWriter;
import dev.envx.model.conda.CondaVersion;
import dev.envx.model.conda.MatchSpec;
import dev.envx.model.conda.VersionSpec;
import dev.envx.model.pep508.Requirement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Round-trip properties of the writers, readers and version translation. */
class TranslationPropertiesTest {

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().withCharRange(' ', '~').withChars('\t', 'é', '"', '\\', '#', ':').ofMaxLength(30);
  }

  @Property(tries = 300)
  void yamlScalarsReadBackAsWritten(@ForAll("texts") String value) {
    Map<String, Located<String>> vars = new LinkedHashMap<>();
    vars.put("V", Located.of(value));
    EnvironmentYml env = new EnvironmentYml(Located.of("n"), null, List.of(Located.of("conda-forge")),
        List.of(CondaDependency.of("numpy")), vars, List.of(), null, List.of());
    EnvironmentYml back = EnvYmlReader.parse(EnvYmlWriter.write(env), "p.yml");
    assertThat(back.variables().get("V").value()).isEqualTo(value);
  }

  @Property(tries = 300)
  void tomlStringsReadBackAsWritten(@ForAll("texts") String value) {
    Map<String, Located<String>> vars = new LinkedHashMap<>();
    vars.put("V", Located.of(value));
    EnvxTable t = new EnvxTable(1, Located.of(value), null, null, List.of(Located.of(value)), List.of(),
        List.of(), PipOptions.EMPTY, vars);
    String text = PyProjectWriter.newFile(PyProjectWriter.ProjectKeys.of("x", "1", null, List.of()), t);
    PyProject p = PyProjectReader.parse(text, "p.toml");
    assertThat(p.envx().name().value()).isEqualTo(value);
    assertThat(p.envx().channels().get(0).value()).isEqualTo(value);
    assertThat(p.envx().variables().get("V").value()).isEqualTo(value);
  }

  @Provide
  Arbitrary<String> condaVersions() {
    Arbitrary<String> release = Arbitraries.integers().between(0, 30).list().ofMinSize(1).ofMaxSize(4)
        .map(l -> String.join(".", l.stream().map(String::valueOf).toList()));
    Arbitrary<String> atom = Combinators.combine(
        Arbitraries.of("", "=", "==", "!=", ">=", "<=", ">", "<", "~="), release, Arbitraries.of(false, true))
        .as((op, v, star) -> {
          boolean starOk = op.isEmpty() || op.equals("==") || op.equals("!=") || op.equals("=");
          return op + v + (star && starOk ? ".*" : "");
        });
    return atom.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(",", l));
  }

  @Property(tries = 500)
  void exactVersionTranslationComesBackTheSame(@ForAll("condaVersions") String version) {
    String spec = "pkg " + version;
    MatchSpec c = MatchSpec.parse(spec.contains(",") || !version.startsWith("=") ? spec : "pkg" + version);
    VersionTranslation.ToPep pep = VersionTranslation.toPep440(c.version());
    if (!pep.exact()) {
      return;
    }
    // the PEP 440 side parses as a requirement with the same set
    Requirement r = Requirement.parse("pkg" + VersionTranslation.written(pep.set()));
    assertThat(r.specifier().isEquivalentTo(pep.set())).isTrue();
    VersionTranslation.ToConda back = VersionTranslation.toConda(r.specifier());
    assertThat(back.exact()).as(back.reason()).isTrue();
    assertThat(VersionTranslation.comesBack(c.version())).isTrue();
    // the rendered conda spec parses to a constraint that admits the same conda versions as the original
    VersionSpec again = MatchSpec.parse(VersionTranslation.render("pkg", back.spec())).version();
    for (String v : List.of("0", "0.1", "1", "1.0", "1.2", "1.2.3", "2", "2.0.1", "3.1", "10", "12.5.7", "30.30")) {
      CondaVersion cv = CondaVersion.parse(v);
      boolean want = c.version() == null || c.version().matches(cv);
      assertThat(again == null || again.matches(cv)).as(version + " on " + v + " (back: " + again + ")")
          .isEqualTo(want);
    }
  }

  @Property(tries = 200)
  void updateKeepsEveryOtherByte(@ForAll("texts") String comment, @ForAll("texts") String value) {
    String c = comment.replace("\n", " ").replace("\r", " ");
    String before = "# " + c + "\n[tool.other]\nkey = \"" + value.replace("\\", "\\\\").replace("\"", "\\\"")
        + "\"   # " + c + "\n";
    String project = "[project]\nname = \"x\"\nversion = \"1\"\ndependencies = [\"old\"]\n";
    String after = "\n[tool.zzz]\na = 1\n";
    String original = before + project + after;
    EnvxTable t = new EnvxTable(1, null, null, null, List.of(Located.of("conda-forge")), List.of(), List.of(),
        PipOptions.EMPTY, Map.of());
    String updated = PyProjectEditor.update(original,
        PyProjectWriter.ProjectKeys.of("ignored", "9", ">=3.10", List.of("numpy")), t);
    assertThat(updated).startsWith(before + "[project]\nname = \"x\"\nversion = \"1\"\n");
    assertThat(updated).contains("requires-python = \">=3.10\"\n", "dependencies = [\n  \"numpy\",\n]\n",
        after, "[tool.envx]\nformat = 1\nchannels = [\"conda-forge\"]\n");
    assertThat(PyProjectEditor.update(updated,
        PyProjectWriter.ProjectKeys.of("ignored", "9", ">=3.10", List.of("numpy")), t)).isEqualTo(updated);
  }
}
