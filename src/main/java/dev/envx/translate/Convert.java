package dev.envx.translate;

import dev.envx.diag.Diagnostic;
import dev.envx.format.envyml.EnvYmlEditor;
import dev.envx.format.envyml.EnvYmlReader;
import dev.envx.format.envyml.EnvYmlWriter;
import dev.envx.format.envyml.EnvironmentYml;
import dev.envx.format.pyproject.EnvxTable;
import dev.envx.format.pyproject.PyProject;
import dev.envx.format.pyproject.PyProjectEditor;
import dev.envx.format.pyproject.PyProjectReader;
import dev.envx.format.pyproject.PyProjectWriter;
import dev.envx.model.conda.MatchSpec;
import dev.envx.model.pep508.Requirement;
import java.util.ArrayList;
import java.util.List;

/** Text to text conversions (pure: the caller reads and writes the files). */
public final class Convert {
  private Convert() {}

  /** The converted text and what was reported on the way. */
  public record Output(String text, List<Diagnostic> diagnostics) {
    public Output {
      diagnostics = List.copyOf(diagnostics);
    }
  }

  /**
   * environment.yml text → pyproject.toml text.
   *
   * @param existing the current text of the target pyproject.toml to update in place, or null for a new file
   */
  public static Output environmentToPyproject(String text, String name, NameMapper mapper, String existing) {
    return environmentToPyproject(text, name, mapper, existing, ToolStyles.Style.envx);
  }

  /**
   * environment.yml text → pyproject.toml text with the conda side in envx's, pixi's or conda-lock's tables
   * (the latter two only for new files).
   */
  public static Output environmentToPyproject(String text, String name, NameMapper mapper, String existing,
      ToolStyles.Style style) {
    EnvironmentYml env = EnvYmlReader.parse(text, name);
    EnvToPyproject.Result r = EnvToPyproject.translate(env, mapper);
    if (style != ToolStyles.Style.envx) {
      if (existing != null) {
        throw new IllegalArgumentException("only envx's tables can be updated in place");
      }
      ToolStyles.Tables t = style == ToolStyles.Style.pixi ? ToolStyles.pixi(env) : ToolStyles.condaLock(env);
      List<Diagnostic> ds = new ArrayList<>(r.diagnostics());
      ds.addAll(t.diagnostics());
      return new Output(PyProjectWriter.newFile(r.project(), null) + "\n" + t.text(), ds);
    }
    String out = existing == null ? PyProjectWriter.newFile(r.project(), r.envx())
        : PyProjectEditor.update(existing, r.project(), r.envx().withMirror(existingMirror(existing)));
    return new Output(out, r.diagnostics());
  }

  /** pyproject.toml text → environment.yml text. */
  public static Output pyprojectToEnvironment(String text, String name, NameMapper mapper,
      PyprojectToEnv.Options options) {
    return pyprojectToEnvironment(text, name, mapper, options, null, null);
  }

  /**
   * pyproject.toml text → environment.yml text; with {@code existing}, that environment file is updated in
   * place (comments, order and the spelling of unchanged entries kept).
   */
  public static Output pyprojectToEnvironment(String text, String name, NameMapper mapper,
      PyprojectToEnv.Options options, String existing, String existingName) {
    return pyprojectToEnvironment(PyProjectReader.parseWithWarnings(text, name), mapper, options, existing,
        existingName);
  }

  /** As above, from a pyproject.toml parsed at the edge (its reading warnings are passed on). */
  public static Output pyprojectToEnvironment(PyProjectReader.Result read, NameMapper mapper,
      PyprojectToEnv.Options options, String existing, String existingName) {
    PyProject py = read.pyproject();
    PyprojectToEnv.Result r = PyprojectToEnv.translate(py, mapper, options);
    List<Diagnostic> ds = new ArrayList<>(read.warnings());
    ds.addAll(r.diagnostics());
    if (existing != null) {
      return new Output(EnvYmlEditor.update(existing, existingName, r.env(), Convert::condaKey,
          EnvSemantics::canonicalPip, Convert::condaName, Convert::pipName), ds);
    }
    return new Output(EnvYmlWriter.write(r.env()), ds);
  }

  /** The {@code mirror} / {@code mirror-of} declaration of the pyproject.toml being updated: it stays. */
  private static EnvxTable.Mirror existingMirror(String existing) {
    java.util.Map<String, Object> t = PyProjectReader.rawTable(existing, List.of("tool", "envx"));
    if (t == null) {
      return null;
    }
    for (String key : List.of("mirror", "mirror-of")) {
      if (t.get(key) instanceof String f && !f.isBlank()) {
        return new EnvxTable.Mirror(new dev.envx.format.Located<>(f, null), key.equals("mirror"));
      }
    }
    return null;
  }

  /** The exact package name of a conda spec, or null (a glob, a spec that does not parse). */
  private static String condaName(String spec) {
    try {
      return MatchSpec.parse(spec).exactName();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The normalized project name of a pip requirement line, or null (an option, a path, not a requirement). */
  private static String pipName(String line) {
    String t = line.strip();
    return PipLines.looksLikeRequirement(t) && PipLines.requirementBeforeOptions(t) == null
        ? Requirement.tryParse(t).map(r -> r.name().normalized()).orElse(null) : null;
  }

  private static String condaKey(String spec) {
    try {
      return MatchSpec.parse(spec).spelling();
    } catch (IllegalArgumentException e) {
      return spec;
    }
  }
}
