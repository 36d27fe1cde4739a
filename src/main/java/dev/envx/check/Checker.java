package dev.envx.check;

import dev.envx.diag.EnvxException;
import dev.envx.format.envyml.EnvYmlReader;
import dev.envx.format.envyml.EnvironmentYml;
import dev.envx.format.lock.InputHash;
import dev.envx.format.lock.LockRead;
import dev.envx.format.lock.Lockfiles;
import dev.envx.format.pyproject.EnvxTable;
import dev.envx.format.pyproject.PyProject;
import dev.envx.format.pyproject.PyProjectReader;
import dev.envx.translate.Convert;
import dev.envx.translate.LockInputs;
import dev.envx.translate.NameMapper;
import dev.envx.translate.PyprojectToEnv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code envx check}: whether a project's manifests and lockfiles agree, without writing, fetching or solving.
 * A declared mirror agrees with its source when regenerating it (what {@code --fix} does, the same as
 * {@code envx export --conda --update} or {@code envx convert --update}) changes none of its entries; a lockfile
 * is fresh when its recorded {@link InputHash} is the hash of a manifest beside it.
 */
public final class Checker {
  private Checker() {}

  /** The findings about one project folder, and the files that were looked at. */
  public record Report(Path dir, List<Path> checked, List<Finding> findings) {
    public Report {
      checked = List.copyOf(checked);
      findings = List.copyOf(findings);
    }

    public boolean ok() {
      return findings.stream().noneMatch(Finding::failing);
    }
  }

  /**
   * Checks the project in {@code dir}.
   *
   * @param mapper the name mapping, asked for only when a mirror is compared (loading it takes a while)
   */
  public static Report check(Path dir, Supplier<NameMapper> mapper) {
    return check(dir, table -> mapper.get());
  }

  /**
   * As above; {@code mapper} is given the pyproject's {@code [tool.envx.mapping]} table (empty when there is
   * none), so that pyproject.toml is parsed once.
   */
  public static Report check(Path dir, Function<Map<String, Object>, NameMapper> mapper) {
    PyProjectReader.Result[] parsed = new PyProjectReader.Result[1];
    ProjectFiles files = ProjectFiles.read(dir, py -> {
      parsed[0] = PyProjectReader.parseWithWarnings(py.text(), py.name());
      EnvxTable t = parsed[0].pyproject().envx();
      return t == null || t.mirror() == null ? null : t.mirror().file().value();
    });
    PyProjectReader.Result read = parsed[0];
    return check(files, read, () -> mapper.apply(read == null ? Map.of() : read.mappingTable()));
  }

  static Report check(ProjectFiles files, PyProjectReader.Result read, Supplier<NameMapper> mapper) {
    PyProject py = read == null ? null : read.pyproject();
    List<Path> checked = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    ProjectFiles.Text pyText = files.pyproject();
    ProjectFiles.Text envText = files.environment();
    EnvxTable.Mirror mirror = py == null || py.envx() == null ? null : py.envx().mirror();
    EnvironmentYml env = envText == null ? null : EnvYmlReader.parse(envText.text(), envText.name());
    if (pyText != null) {
      checked.add(pyText.path());
    }
    if (envText != null) {
      checked.add(envText.path());
    }

    // the manifests a lock may be made from, the mirror's source first
    Map<Path, InputHash> manifests = new LinkedHashMap<>();
    if (mirror != null) {
      Path mirrorPath = ProjectFiles.at(files.dir(), mirror.file().value());
      if (mirror.generatedFromPyproject()) {
        findings.addAll(envFromPyproject(read, pyText, envText, env, mirrorPath, mapper));
      } else if (envText == null) {
        throw EnvxException.input("`" + pyText.path() + "` is declared a mirror of `" + mirrorPath
            + "`, which does not exist", mirror.file().span(),
            "restore the environment file, or drop `mirror-of` from `[tool.envx]`");
      } else {
        findings.addAll(pyprojectFromEnv(pyText, envText, mapper));
        manifests.put(envText.path(), LockInputs.of(env));
      }
    } else if (pyText != null && envText != null) {
      findings.add(new Finding.Undeclared(envText.path(), pyText.path()));
    }
    if (py != null) {
      manifests.putIfAbsent(pyText.path(), LockInputs.of(py));
    }
    if (env != null) {
      manifests.putIfAbsent(envText.path(), LockInputs.of(env));
    }
    // a stale or missing mirror counts as what the fix makes of it: a lock of the old mirror is stale too
    for (Finding f : findings) {
      if (f instanceof Finding.StaleMirror m) {
        manifests.put(m.file(), inputsOf(m.file(), m.fixed()));
      } else if (f instanceof Finding.MissingMirror m) {
        manifests.put(m.file(), inputsOf(m.file(), m.fixed()));
      }
    }

    for (ProjectFiles.Text lock : files.lockfiles()) {
      checked.add(lock.path());
      LockRead lockRead = Lockfiles.parse(lock.text(), lock.name(), null);
      String recorded = lockRead.lock().metadata().inputHash();
      if (recorded == null) {
        findings.add(new Finding.UncheckedLock(lock.path(), "it records no envx input hash (not made by `envx lock`)"));
        continue;
      }
      if (manifests.isEmpty()) {
        findings.add(new Finding.UncheckedLock(lock.path(), "there is no pyproject.toml or environment.yml beside it"));
        continue;
      }
      boolean fresh = manifests.values().stream().anyMatch(h -> h.value().equals(recorded));
      if (!fresh) {
        Map.Entry<Path, InputHash> first = manifests.entrySet().iterator().next();
        findings.add(new Finding.StaleLock(lock.path(), first.getKey(), recorded, first.getValue().value(),
            "envx check --fix --lock" + dirArgument(files.dir())));
      }
    }
    return new Report(files.dir(), checked, findings);
  }

  private static InputHash inputsOf(Path file, String text) {
    return file.getFileName().toString().endsWith(".toml") ? LockInputs.of(PyProjectReader.parse(text, file.toString()))
        : LockInputs.of(EnvYmlReader.parse(text, file.toString()));
  }

  /** pyproject.toml is the source, the environment file its mirror. */
  private static List<Finding> envFromPyproject(PyProjectReader.Result read, ProjectFiles.Text py,
      ProjectFiles.Text env, EnvironmentYml envParsed, Path mirrorPath, Supplier<NameMapper> mapper) {
    String fix = "envx export --conda -p " + py.path() + " -o " + mirrorPath + (env == null ? "" : " --update");
    if (env == null) {
      Convert.Output out = Convert.pyprojectToEnvironment(read, mapper.get(), PyprojectToEnv.Options.DEFAULT,
          null, null);
      return List.of(new Finding.MissingMirror(mirrorPath, py.path(), fix, out.text()));
    }
    Convert.Output out = Convert.pyprojectToEnvironment(read, mapper.get(), PyprojectToEnv.Options.DEFAULT,
        env.text(), env.name());
    List<Difference> d = Entries.diff(Entries.of(EnvYmlReader.parse(out.text(), env.name())),
        Entries.of(envParsed));
    return d.isEmpty() ? List.of() : List.of(new Finding.StaleMirror(env.path(), py.path(), d, fix, out.text()));
  }

  /** The environment file is the source, pyproject.toml's envx entries its mirror. */
  private static List<Finding> pyprojectFromEnv(ProjectFiles.Text py, ProjectFiles.Text env,
      Supplier<NameMapper> mapper) {
    String fix = "envx convert " + env.path() + " -o " + py.path() + " --update";
    Convert.Output out = Convert.environmentToPyproject(env.text(), env.name(), mapper.get(), py.text());
    List<Difference> d = Entries.diff(Entries.of(PyProjectReader.parse(out.text(), py.name())),
        Entries.of(PyProjectReader.parse(py.text(), py.name())));
    return d.isEmpty() ? List.of() : List.of(new Finding.StaleMirror(py.path(), env.path(), d, fix, out.text()));
  }

  /** {@code " DIR"} for a project outside the current folder. */
  static String dirArgument(Path dir) {
    String s = dir.normalize().toString();
    return s.isEmpty() || s.equals(".") ? "" : " " + s;
  }
}
