package dev.envx.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The dependency files of a repository that {@code envx migrate} reads, by path relative to its root (with
 * {@code /}), and their texts. Pure: the caller lists and reads the files.
 *
 * @param texts every file that may matter (the sources and what they include), path → text
 */
public record Sources(Map<String, String> texts) {
  /** Folders an environment file is looked for in, in order of preference. */
  public static final List<String> ENV_DIRS = List.of("", "binder/", ".binder/", "envs/", "conda/", "ci/");

  public Sources {
    texts = java.util.Collections.unmodifiableMap(new TreeMap<>(texts));
  }

  public Optional<String> text(String path) {
    return Optional.ofNullable(texts.get(path));
  }

  /** Which kind of source a path is, or null: by its name ({@code x__requirements-dev.txt} counts too). */
  public static Kind kindOf(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    String n = name.toLowerCase(Locale.ROOT);
    String dir = path.substring(0, path.length() - name.length());
    boolean yaml = n.endsWith(".yml") || n.endsWith(".yaml");
    if (yaml && ENV_DIRS.contains(dir)
        && (n.endsWith("environment.yml") || n.endsWith("environment.yaml") || dir.equals("envs/") || dir.equals("conda/"))) {
      return Kind.ENVIRONMENT;
    }
    if (!dir.isEmpty() && !dir.equals("requirements/")) {
      return null;
    }
    if (n.matches("(.*__)?requirements.*\\.(txt|in)") || dir.equals("requirements/") && n.endsWith(".txt")) {
      return Kind.REQUIREMENTS;
    }
    if (n.endsWith("setup.cfg")) {
      return Kind.SETUP_CFG;
    }
    if (n.endsWith("setup.py")) {
      return Kind.SETUP_PY;
    }
    if (n.endsWith("pipfile")) {
      return Kind.PIPFILE;
    }
    if (n.equals("pyproject.toml")) {
      return Kind.PYPROJECT;
    }
    return null;
  }

  public enum Kind { ENVIRONMENT, REQUIREMENTS, SETUP_CFG, SETUP_PY, PIPFILE, PYPROJECT }

  /** The sources of one kind, in a stable order (environment files by folder preference). */
  public List<String> of(Kind kind) {
    List<String> out = new ArrayList<>();
    for (String p : texts.keySet()) {
      if (kindOf(p) == kind) {
        out.add(p);
      }
    }
    if (kind == Kind.ENVIRONMENT) {
      out.sort(java.util.Comparator.comparingInt((String p) -> ENV_DIRS.indexOf(p.substring(0, p.lastIndexOf('/') + 1)))
          .thenComparing(p -> p));
    }
    return out;
  }

  /**
   * The dependency-group name of a requirements file other than the main one: {@code requirements-dev.txt} →
   * {@code dev}, {@code requirements/test.txt} → {@code test}; null for the main file.
   */
  public static String groupOf(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    name = name.replaceFirst("^.*__", "");
    if (path.startsWith("requirements/")) {
      String g = name.replaceFirst("\\.(txt|in)$", "");
      return g.equals("base") || g.equals("main") || g.equals("requirements") ? null : normalize(g);
    }
    String g = name.replaceFirst("^requirements", "").replaceFirst("\\.(txt|in)$", "").replaceFirst("^[-_.]", "");
    return g.isEmpty() ? null : normalize(g);
  }

  private static String normalize(String g) {
    return g.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
  }
}
