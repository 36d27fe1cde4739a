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
 * [tool.envx.layout]               # how the environment file was laid out (see EnvLayout), for a round trip
 * keys = ["channels", "name", "dependencies"]
 * order = ["python", "numpy", "pip:"]
 * </pre>
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
    EnvLayout layout) {
  public static final int FORMAT = 1;

  public EnvxTable(int format, Located<String> name, Located<String> prefix, Located<String> category,
      List<Located<String>> channels, List<Located<String>> platforms, List<SpecEntry> condaDependencies,
      PipOptions pip, Map<String, Located<String>> variables) {
    this(format, name, prefix, category, channels, platforms, condaDependencies, pip, variables, EnvLayout.DEFAULT);
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
  }
}
