package dev.envx.activate;

import dev.envx.diag.EnvxException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What activating one prefix does to an environment, as conda's and micromamba's activators do it (no
 * stacking): the previous environment's directories leave {@code PATH} and this one's are put first
 * ({@code bin} on Unix; on Windows the prefix, {@code Library/mingw-w64/bin}, {@code Library/usr/bin},
 * {@code Library/bin}, {@code Scripts}, {@code bin}); {@code CONDA_PREFIX}, {@code CONDA_DEFAULT_ENV},
 * {@code CONDA_PROMPT_MODIFIER} and {@code CONDA_SHLVL} are set (the previous prefix kept as
 * {@code CONDA_PREFIX_<level>}); the environment's own variables ({@code conda-meta/state}'s {@code env_vars},
 * as {@code conda env config vars} writes them) and then the manifest's are exported; then the
 * {@code etc/conda/activate.d} scripts of the shell run, in file-name order.
 *
 * @param prefix the environment (absolute)
 * @param name what {@code CONDA_DEFAULT_ENV} and the prompt call it
 * @param windows whether the prefix has the Windows layout
 * @param variables the environment's and then the manifest's variables, in the order they are exported
 * @param scripts every file in {@code etc/conda/activate.d}, in file-name order
 */
public record Activation(Path prefix, String name, boolean windows, Map<String, String> variables,
    List<Path> scripts) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public Activation {
    Objects.requireNonNull(prefix, "prefix");
    if (!prefix.isAbsolute()) {
      throw new IllegalArgumentException("the prefix must be absolute: " + prefix);
    }
    Objects.requireNonNull(name, "name");
    for (String k : variables.keySet()) {
      if (!NAME.matcher(k).matches()) {
        throw EnvxException.input("`" + k + "` cannot be an environment variable's name", null,
            "a variable's name is letters, digits and `_`, not starting with a digit");
      }
    }
    variables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    scripts = List.copyOf(scripts);
  }

  /**
   * Reads what activating {@code prefix} needs from it: its {@code conda-meta/state} variables and its
   * activation scripts. A prefix that is not an environment is an error.
   *
   * @param manifestVariables the manifest's {@code variables} / {@code activation.env}, exported after the
   *     environment's own
   */
  public static Activation read(Path prefix, String name, boolean windows, Map<String, String> manifestVariables) {
    Path p = prefix.toAbsolutePath().normalize();
    if (!Files.isDirectory(p.resolve("conda-meta"))) {
      throw EnvxException.failure("`" + p + "` is not an installed environment (it has no conda-meta)",
          "install it first: `envx install`");
    }
    Map<String, String> vars = new LinkedHashMap<>(stateVariables(p.resolve("conda-meta/state")));
    vars.putAll(manifestVariables);
    List<Path> scripts = new ArrayList<>();
    Path dir = p.resolve("etc/conda/activate.d");
    if (Files.isDirectory(dir)) {
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
        ds.forEach(f -> {
          if (Files.isRegularFile(f)) {
            scripts.add(f);
          }
        });
      } catch (IOException e) {
        throw EnvxException.failure("cannot list `" + dir + "`: " + e.getMessage());
      }
    }
    scripts.sort(java.util.Comparator.comparing(f -> f.getFileName().toString()));
    return new Activation(p, name, windows, vars, scripts);
  }

  /** conda's {@code conda-meta/state}: {@code {"env_vars": {"NAME": "value"}}}; absent reads as none. */
  static Map<String, String> stateVariables(Path state) {
    if (!Files.isRegularFile(state)) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    try {
      var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(state.toFile());
      var env = node == null ? null : node.get("env_vars");
      if (env != null && env.isObject()) {
        Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = env.fields();
        while (it.hasNext()) {
          var e = it.next();
          out.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
        }
      }
    } catch (IOException e) {
      throw EnvxException.failure("`" + state + "` is not conda's JSON state file: " + e.getMessage(),
          "fix or remove it (it holds `conda env config vars`)");
    }
    return out;
  }

  /** The activation scripts of {@code shell} ({@code *.sh} for bash and zsh, {@code *.fish}, {@code *.ps1}). */
  public List<Path> scripts(Shell shell) {
    return scripts.stream().filter(f -> f.getFileName().toString().endsWith(shell.scriptSuffix())).toList();
  }

  /** The directories this environment puts first on {@code PATH}. */
  public List<String> pathDirs() {
    return pathDirs(prefix, windows);
  }

  private static List<String> pathDirs(Path prefix, boolean windows) {
    if (!windows) {
      return List.of(prefix.resolve("bin").toString());
    }
    // joined with the prefix's own separator: a previous environment `C:\old` names `C:\old\Scripts` even where
    // envx runs with `/` (a Windows prefix seen from elsewhere, and the tests)
    String p = prefix.toString();
    String sep = p.contains("\\") ? "\\" : p.contains("/") ? "/" : java.io.File.separator;
    String base = p.endsWith(sep) ? p.substring(0, p.length() - 1) : p;
    List<String> out = new ArrayList<>();
    out.add(p);
    for (String d : List.of("Library/mingw-w64/bin", "Library/usr/bin", "Library/bin", "Scripts", "bin")) {
      out.add(base + sep + d.replace("/", sep));
    }
    return out;
  }

  /**
   * The environment a command sees in the activated environment (before the scripts run): {@code base} with
   * the changes above.
   */
  public Map<String, String> environment(Map<String, String> base) {
    Map<String, String> env = new TreeMap<>(base);
    changes(base).forEach((k, v) -> {
      if (v == null) {
        env.remove(k);
      } else {
        env.put(k, v);
      }
    });
    return env;
  }

  /** The variables activation sets (a null value: removes), in the order they are exported. */
  public Map<String, String> changes(Map<String, String> base) {
    String sep = windows ? ";" : ":";
    String pathVar = windows && !base.containsKey("PATH") && base.containsKey("Path") ? "Path" : "PATH";
    String oldPrefix = base.get("CONDA_PREFIX");
    Set<String> drop = new LinkedHashSet<>();
    if (oldPrefix != null && !oldPrefix.isEmpty()) {
      drop.addAll(pathDirs(Path.of(oldPrefix), windows));
    }
    List<String> mine = pathDirs();
    List<String> path = new ArrayList<>(mine);
    String old = base.get(pathVar);
    if (old != null && !old.isEmpty()) {
      for (String d : old.split(Pattern.quote(sep), -1)) {
        if (!drop.contains(d) && !mine.contains(d)) {
          path.add(d);
        }
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    out.put(pathVar, String.join(sep, path));
    int level = 0;
    try {
      level = Integer.parseInt(base.getOrDefault("CONDA_SHLVL", "0").strip());
    } catch (NumberFormatException e) {
      level = 0; // not a number: conda starts over too
    }
    boolean same = prefix.toString().equals(oldPrefix);
    if (oldPrefix != null && !oldPrefix.isEmpty() && !same) {
      out.put("CONDA_PREFIX_" + level, oldPrefix);
    }
    out.put("CONDA_PREFIX", prefix.toString());
    out.put("CONDA_DEFAULT_ENV", name);
    out.put("CONDA_PROMPT_MODIFIER", "(" + name + ") ");
    out.put("CONDA_SHLVL", Integer.toString(same ? Math.max(level, 1) : level + 1));
    out.putAll(variables);
    return out;
  }

  /**
   * What {@code eval} (or {@code Invoke-Expression}, or fish's {@code source}) needs to activate a shell of
   * kind {@code shell} whose environment is {@code base}: one statement per changed variable, then the
   * shell's activation scripts.
   */
  public String hook(Shell shell, Map<String, String> base) {
    StringBuilder sb = new StringBuilder();
    changes(base).forEach((k, v) -> sb.append(v == null ? shell.unset(k) : shell.export(k, v)).append('\n'));
    for (Path s : scripts(shell)) {
      sb.append(shell.source(s.toString())).append('\n');
    }
    return sb.toString();
  }
}
