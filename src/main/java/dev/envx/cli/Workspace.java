package dev.envx.cli;

import dev.envx.diag.EnvxException;
import dev.envx.format.Located;
import dev.envx.format.envyml.EnvYmlReader;
import dev.envx.format.pyproject.EnvxTable;
import dev.envx.format.pyproject.PyProjectReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The manifest a command without explicit files works on, and what follows from it: the default prefix
 * {@code .envx/envs/default} beside it, and its activation variables. The manifest is the one named by
 * {@code --manifest}, else the first found from the current directory upwards: a {@code pyproject.toml} with a
 * {@code [tool.envx]} or {@code [tool.pixi]} table, else an {@code environment.yml}/{@code .yaml}, else a
 * {@code pyproject.toml}.
 *
 * @param manifest the manifest, or null when there is none (then the root is the current directory)
 * @param root the directory the workspace lives in
 */
record Workspace(Path manifest, Path root) {
  static final Path DEFAULT_PREFIX = Path.of(".envx", "envs", "default");

  Workspace {
    root = root.toAbsolutePath().normalize();
    manifest = manifest == null ? null : manifest.toAbsolutePath().normalize();
  }

  /** The workspace of {@code explicitManifest}, or the one found from {@code start} upwards. */
  static Workspace find(Path explicitManifest, Path start) {
    if (explicitManifest != null) {
      if (!Files.isRegularFile(explicitManifest)) {
        throw EnvxException.input("no manifest `" + explicitManifest + "`", null,
            "name an environment.yml or pyproject.toml");
      }
      Path abs = explicitManifest.toAbsolutePath().normalize();
      return new Workspace(abs, abs.getParent());
    }
    Path dir = start.toAbsolutePath().normalize();
    for (Path d = dir; d != null; d = d.getParent()) {
      Path m = manifestIn(d);
      if (m != null) {
        return new Workspace(m, d);
      }
    }
    return new Workspace(null, dir);
  }

  private static Path manifestIn(Path dir) {
    Path py = dir.resolve("pyproject.toml");
    boolean hasPy = Files.isRegularFile(py);
    if (hasPy && hasCondaTable(py)) {
      return py;
    }
    for (String n : List.of("environment.yml", "environment.yaml")) {
      if (Files.isRegularFile(dir.resolve(n))) {
        return dir.resolve(n);
      }
    }
    return hasPy ? py : null;
  }

  private static boolean hasCondaTable(Path pyproject) {
    try {
      String text = Files.readString(pyproject, StandardCharsets.UTF_8);
      return text.contains("[tool.envx") || text.contains("[tool.pixi");
    } catch (IOException e) {
      return false; // reading it for real reports the problem
    }
  }

  /** {@code prefix} as given (absolute), or {@code .envx/envs/default} beside the manifest. */
  Path prefix(Path prefix) {
    return (prefix != null ? prefix.toAbsolutePath() : root.resolve(DEFAULT_PREFIX)).normalize();
  }

  /** The manifest's {@code variables} (environment.yml, {@code [tool.envx]}) or pixi's {@code activation.env}. */
  Map<String, String> variables() {
    Map<String, String> out = new LinkedHashMap<>();
    if (manifest == null) {
      return out;
    }
    Map<String, Located<String>> vars;
    if (manifest.getFileName().toString().endsWith(".toml")) {
      EnvxTable t = PyProjectReader.read(manifest).envx();
      vars = t == null ? Map.of() : t.variables();
    } else {
      vars = EnvYmlReader.read(manifest).variables();
    }
    vars.forEach((k, v) -> out.put(k, v.value()));
    return out;
  }
}
