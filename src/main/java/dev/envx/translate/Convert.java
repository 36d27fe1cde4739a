package dev.envx.translate;

import dev.envx.diag.Diagnostic;
import dev.envx.format.envyml.EnvYmlReader;
import dev.envx.format.envyml.EnvYmlWriter;
import dev.envx.format.envyml.EnvironmentYml;
import dev.envx.format.pyproject.PyProject;
import dev.envx.format.pyproject.PyProjectEditor;
import dev.envx.format.pyproject.PyProjectReader;
import dev.envx.format.pyproject.PyProjectWriter;
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
    EnvironmentYml env = EnvYmlReader.parse(text, name);
    EnvToPyproject.Result r = EnvToPyproject.translate(env, mapper);
    String out = existing == null ? PyProjectWriter.newFile(r.project(), r.envx())
        : PyProjectEditor.update(existing, r.project(), r.envx());
    return new Output(out, r.diagnostics());
  }

  /** pyproject.toml text → environment.yml text. */
  public static Output pyprojectToEnvironment(String text, String name, NameMapper mapper,
      PyprojectToEnv.Options options) {
    PyProjectReader.Result read = PyProjectReader.parseWithWarnings(text, name);
    PyProject py = read.pyproject();
    PyprojectToEnv.Result r = PyprojectToEnv.translate(py, mapper, options);
    List<Diagnostic> ds = new ArrayList<>(read.warnings());
    ds.addAll(r.diagnostics());
    return new Output(EnvYmlWriter.write(r.env()), ds);
  }
}
