package dev.envx.format.pyproject;

import dev.envx.format.EnvLayout;
import dev.envx.format.Located;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * envx's own {@code [tool.envx]} table: the conda side of a project that PEP 621 cannot express.
 *
 * <pre>
 * [tool.envx]
 * format = 1
 * name = "my-env"                  # environment name (environment.yml `name:`)
 * channels = ["conda-forge", "nodefaults"]
 * platforms = ["linux-64", "osx-arm64"]
 * conda-dependencies = [           # exact conda MatchSpecs; they win over what is derived from [project]
 *   "python=3.11",
 *   "gdal>=3.6",
 *   "pytorch::pytorch=2.0.0",
 *   { spec = "psutil", selector = "linux64" },
 * ]
 * [tool.envx.pip]
 * index-url = "https://..."
 * packages = ["torch"]             # [project.dependencies] installed by pip rather than conda
 * requirements = ["-e .", "git+https://github.com/x/y"]
 * [tool.envx.variables]
 * MY_VAR = "value"
 * [tool.envx.prefer]               # conda or PyPI first when both can meet a PyPI name (see Preferences)
 * numpy = "pypi"
 * [tool.envx.layout]               # how the environment file was laid out (see EnvLayout), for a round trip
 * keys = ["channels", "name", "dependencies"]
 * order = ["python", "numpy", "pip:"]
 * </pre>
 *
 * @param mirror null, or which environment file mirrors this pyproject.toml and in which direction
 *     ({@code mirror = "environment.yml"}: generated from this file; {@code mirror-of = "environment.yml"}: this
 *     file's envx entries are generated from it), as {@code envx check} compares them
 * @param prefer {@code [tool.envx.prefer]}: conda or PyPI first, per PyPI name and by default
 */
public record EnvxTable(
    int format,
    Located<String> name,
    Located<String> prefix,
    Located<String> category,
    List<Located<String>> channels,
    List<Located<String>> platforms,
    List<SpecEntry> condaDependencies,
    PipOptions pip,
    Map<String, Located<String>> variables,
    EnvLayout layout,
    Mirror mirror,
    Preferences prefer) {
  public static final int FORMAT = 1;

  /**
   * A declared mirror: the environment file (relative to the pyproject.toml's folder) and which side is the
   * source.
   *
   * @param file the path as written
   * @param generatedFromPyproject true for {@code mirror} (the environment file is made from pyproject.toml),
   *     false for {@code mirror-of} (pyproject.toml is made from the environment file)
   */
  public record Mirror(Located<String> file, boolean generatedFromPyproject) {
    public Mirror {
      java.util.Objects.requireNonNull(file, "file");
      if (file.value().isBlank()) {
        throw new IllegalArgumentException("empty mirror path");
      }
    }

    /** The TOML key that declares it. */
    public String key() {
      return generatedFromPyproject ? "mirror" : "mirror-of";
    }
  }

  /** A table with envx's own layout and no mirror declaration. */
  public EnvxTable(int format, Located<String> name, Located<String> prefix, Located<String> category,
      List<Located<String>> channels, List<Located<String>> platforms, List<SpecEntry> condaDependencies,
      PipOptions pip, Map<String, Located<String>> variables) {
    this(format, name, prefix, category, channels, platforms, condaDependencies, pip, variables, EnvLayout.DEFAULT,
        null);
  }

  /** A table with a recorded layout and no mirror declaration. */
  public EnvxTable(int format, Located<String> name, Located<String> prefix, Located<String> category,
      List<Located<String>> channels, List<Located<String>> platforms, List<SpecEntry> condaDependencies,
      PipOptions pip, Map<String, Located<String>> variables, EnvLayout layout) {
    this(format, name, prefix, category, channels, platforms, condaDependencies, pip, variables, layout, null);
  }

  /** A table with a recorded layout, a mirror declaration (or null) and no preferences. */
  public EnvxTable(int format, Located<String> name, Located<String> prefix, Located<String> category,
      List<Located<String>> channels, List<Located<String>> platforms, List<SpecEntry> condaDependencies,
      PipOptions pip, Map<String, Located<String>> variables, EnvLayout layout, Mirror mirror) {
    this(format, name, prefix, category, channels, platforms, condaDependencies, pip, variables, layout, mirror,
        Preferences.NONE);
  }

  /** The same table with {@code mirror} as its declaration (null: none). */
  public EnvxTable withMirror(Mirror mirror) {
    return new EnvxTable(format, name, prefix, category, channels, platforms, condaDependencies, pip, variables,
        layout, mirror, prefer);
  }

  /** The same table with {@code prefer} as its preferences. */
  public EnvxTable withPrefer(Preferences prefer) {
    return new EnvxTable(format, name, prefix, category, channels, platforms, condaDependencies, pip, variables,
        layout, mirror, prefer);
  }

  public EnvxTable {
    layout = layout == null ? EnvLayout.DEFAULT : layout;
    if (format < 1 || format > FORMAT) {
      throw new IllegalArgumentException("unsupported format " + format);
    }
    channels = List.copyOf(channels);
    platforms = List.copyOf(platforms);
    condaDependencies = List.copyOf(condaDependencies);
    pip = pip == null ? PipOptions.EMPTY : pip;
    variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    prefer = prefer == null ? Preferences.NONE : prefer;
  }
}
