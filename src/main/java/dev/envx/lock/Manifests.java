package dev.envx.lock;

import dev.envx.diag.Diagnostic;
import dev.envx.diag.EnvxException;
import dev.envx.diag.ParseError;
import dev.envx.diag.Severity;
import dev.envx.diag.Span;
import dev.envx.format.Located;
import dev.envx.format.envyml.CondaDependency;
import dev.envx.format.envyml.EnvYmlReader;
import dev.envx.format.envyml.EnvironmentYml;
import dev.envx.format.envyml.PipLine;
import dev.envx.format.lock.LockEntry;
import dev.envx.format.pyproject.PyProject;
import dev.envx.format.pyproject.PyProjectReader;
import dev.envx.io.TextFiles;
import dev.envx.model.conda.Channel;
import dev.envx.model.conda.ChannelConfig;
import dev.envx.model.conda.Platform;
import dev.envx.resolve.CondaRequirement;
import dev.envx.resolve.PypiRequirement;
import dev.envx.resolve.Requirement;
import dev.envx.translate.NameMapper;
import dev.envx.translate.PyprojectToEnv;
import dev.envx.translate.Selectors;
import dev.envx.translate.SpecErrors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the manifests a lock is made from into a {@link LockInput}: environment.yml files (conda-lock style: each
 * file's {@code category}, default {@code main}; selectors decided per platform) or one pyproject.toml (translated
 * per platform as {@code envx export} does; each extra and each PEP 735 group becomes a category holding what it
 * adds to the main dependencies). Every entry is parsed here, once; a bad one is an error at its file:line:col.
 */
public final class Manifests {
  /** The platforms locked when neither the command line nor the manifest names any. */
  public static final List<Platform> DEFAULT_PLATFORMS =
      List.of(Platform.LINUX_64, Platform.OSX_64, Platform.OSX_ARM64, Platform.WIN_64);

  private Manifests() {}

  /** One requirement of one platform and category, with the line it adds to the input hash. */
  private record Entry(String key, Requirement requirement) {}

  /** Whether a manifest is a pyproject.toml (by its name). */
  public static boolean isPyproject(Path p) {
    return p.getFileName().toString().endsWith(".toml");
  }

  /**
   * Reads environment.yml files.
   *
   * @param override platforms from the command line (empty: the files' {@code platforms}, else the defaults)
   * @param sources how the lock names each file
   */
  public static LockInput environments(List<Path> files, List<String> sources, List<Platform> override,
      ChannelConfig config) {
    List<EnvironmentYml> envs = new ArrayList<>();
    for (Path f : files) {
      envs.add(EnvYmlReader.read(f));
    }
    LinkedHashSet<Platform> manifestPlatforms = new LinkedHashSet<>();
    for (EnvironmentYml e : envs) {
      for (Located<String> p : e.platforms()) {
        manifestPlatforms.add(platform(p));
      }
    }
    List<Platform> platforms = pick(override, manifestPlatforms);
    List<Diagnostic> warnings = new ArrayList<>();
    LinkedHashSet<Channel> channels = new LinkedHashSet<>();
    LinkedHashSet<String> indexUrls = new LinkedHashSet<>();
    LinkedHashSet<String> findLinks = new LinkedHashSet<>();
    for (EnvironmentYml e : envs) {
      channels.addAll(channels(e.channels(), config));
      e.pipRepositories().forEach(r -> indexUrls.add(r.value()));
    }
    if (channels.isEmpty()) {
      throw EnvxException.input("`" + files.get(0) + "` names no channel", null,
          "add `channels: [conda-forge]` (envx does not assume `defaults`)");
    }
    Map<Platform, Map<String, List<Requirement>>> categories = new LinkedHashMap<>();
    List<String> hashLines = new ArrayList<>();
    for (Platform p : platforms) {
      Map<String, List<Requirement>> byCategory = new LinkedHashMap<>();
      for (EnvironmentYml e : envs) {
        String category = e.category() == null ? LockEntry.MAIN : e.category().value();
        List<Entry> entries = entries(e, p, warnings, indexUrls, findLinks);
        List<Requirement> list = byCategory.computeIfAbsent(category, k -> new ArrayList<>());
        for (Entry en : entries) {
          list.add(en.requirement());
          hashLines.add(p.subdir() + " " + category + " " + en.key());
        }
      }
      categories.put(p, byCategory);
    }
    return new LockInput(sources, List.copyOf(channels), platforms, List.copyOf(indexUrls), List.copyOf(findLinks),
        categories, hashLines, "none", dedupe(warnings), null);
  }

  /**
   * Reads a pyproject.toml: {@code [project]} dependencies (conda names through {@code mapper}), the conda side
   * from {@code [tool.envx]} (or pixi's / conda-lock's tables), each extra and dependency group as a category.
   */
  public static LockInput pyproject(Path file, String source, NameMapper mapper, List<Platform> override,
      ChannelConfig config) {
    String text;
    try {
      text = TextFiles.readUtf8(file);
    } catch (java.io.IOException e) {
      throw EnvxException.cannotRead(file, e);
    }
    PyProjectReader.Result read = PyProjectReader.parseWithWarnings(text, file.toString());
    PyProject py = read.pyproject();
    List<Diagnostic> warnings = new ArrayList<>(read.warnings());
    LinkedHashSet<Platform> manifestPlatforms = new LinkedHashSet<>();
    if (py.envx() != null) {
      py.envx().platforms().forEach(p -> manifestPlatforms.add(platform(p)));
    }
    List<Platform> platforms = pick(override, manifestPlatforms);
    List<String> extras = py.project() == null ? List.of() : List.copyOf(py.project().optionalDependencies().keySet());
    List<String> groups = List.copyOf(py.dependencyGroups().keySet());
    Map<Platform, Map<String, List<Requirement>>> categories = new LinkedHashMap<>();
    List<String> hashLines = new ArrayList<>();
    LinkedHashSet<Channel> channels = new LinkedHashSet<>();
    LinkedHashSet<String> indexUrls = new LinkedHashSet<>();
    LinkedHashSet<String> findLinks = new LinkedHashSet<>();
    for (Platform p : platforms) {
      EnvironmentYml main = translate(py, mapper, p, List.of(), List.of(), warnings);
      if (channels.isEmpty()) {
        channels.addAll(channels(main.channels(), config));
        main.pipRepositories().forEach(r -> indexUrls.add(r.value()));
      }
      Map<String, List<Requirement>> byCategory = new LinkedHashMap<>();
      List<Entry> mainEntries = entries(main, p, warnings, indexUrls, findLinks);
      Set<String> inMain = new java.util.HashSet<>();
      mainEntries.forEach(e -> inMain.add(e.key()));
      put(byCategory, hashLines, p, LockEntry.MAIN, mainEntries);
      Map<String, List<Entry>> optional = new LinkedHashMap<>();
      for (String x : extras) {
        optional.computeIfAbsent(x, k -> new ArrayList<>()).addAll(
            entries(translate(py, mapper, p, List.of(x), List.of(), warnings), p, warnings, indexUrls, findLinks));
      }
      for (String g : groups) {
        optional.computeIfAbsent(g, k -> new ArrayList<>()).addAll(
            entries(translate(py, mapper, p, List.of(), List.of(g), warnings), p, warnings, indexUrls, findLinks));
      }
      optional.forEach((name, list) -> {
        Set<String> seen = new java.util.HashSet<>(inMain);
        put(byCategory, hashLines, p, name, list.stream().filter(e -> seen.add(e.key())).toList());
      });
      categories.put(p, byCategory);
    }
    // the translated lines (conda names from the mapping) are hashed, so the mapping's effect is in the hash
    return new LockInput(List.of(source), List.copyOf(channels), platforms, List.copyOf(indexUrls),
        List.copyOf(findLinks), categories, hashLines, "translated-entries", dedupe(warnings), null);
  }

  private static void put(Map<String, List<Requirement>> byCategory, List<String> hashLines, Platform p,
      String category, List<Entry> entries) {
    List<Requirement> list = byCategory.computeIfAbsent(category, k -> new ArrayList<>());
    for (Entry e : entries) {
      list.add(e.requirement());
      hashLines.add(p.subdir() + " " + category + " " + e.key());
    }
  }

  private static EnvironmentYml translate(PyProject py, NameMapper mapper, Platform p, List<String> extras,
      List<String> groups, List<Diagnostic> warnings) {
    PyprojectToEnv.Result r = PyprojectToEnv.translate(py, mapper,
        new PyprojectToEnv.Options(p.subdir(), "conda-forge", extras, groups));
    for (Diagnostic d : r.diagnostics()) {
      if (d.severity() != Severity.NOTE) {
        warnings.add(d);
      }
    }
    return r.env();
  }

  /** The requirements of one environment file for one platform: selectors decided, every entry parsed. */
  private static List<Entry> entries(EnvironmentYml env, Platform p, List<Diagnostic> warnings,
      Set<String> indexUrls, Set<String> findLinks) {
    List<Entry> out = new ArrayList<>();
    for (CondaDependency d : env.conda()) {
      if (!holds(d.selector() == null ? null : d.selector().expression(), d.span(), p, warnings)) {
        continue;
      }
      CondaRequirement r;
      try {
        r = CondaRequirement.parse(d.spec());
      } catch (ParseError e) {
        throw EnvxException.input(SpecErrors.at(e, d.span(), "conda spec"));
      }
      out.add(new Entry("conda " + d.spec(), r));
    }
    for (PipLine l : env.pip()) {
      if (!holds(l.selector() == null ? null : l.selector().expression(), l.span(), p, warnings)) {
        continue;
      }
      String t = l.text();
      if (t.startsWith("-")) {
        String[] parts = t.split("[\\s=]+", 2);
        switch (parts[0]) {
          case "--index-url", "-i", "--extra-index-url" -> {
            if (parts.length < 2) {
              throw EnvxException.input("`" + parts[0] + "` needs a URL", l.span());
            }
            indexUrls.add(parts[1].strip());
          }
          case "--find-links", "-f" -> {
            if (parts.length < 2) {
              throw EnvxException.input("`" + parts[0] + "` needs a directory", l.span());
            }
            findLinks.add(parts[1].strip());
          }
          case "--trusted-host", "--pre" -> warnings.add(Diagnostic.warning(
              "pip option `" + t + "` is not part of a lock", l.span()));
          default -> throw EnvxException.input("`envx lock` cannot lock the pip line `" + t + "`", l.span(),
              "lock requirements (`name>=1.0`) and index URLs (`--index-url URL`); install local or editable "
                  + "projects after the lock");
        }
        continue;
      }
      dev.envx.model.pep508.Requirement req;
      try {
        req = dev.envx.model.pep508.Requirement.parse(t);
      } catch (ParseError e) {
        throw EnvxException.input(SpecErrors.at(e, l.span(), "requirement"));
      }
      out.add(new Entry("pypi " + t, new PypiRequirement(req)));
    }
    return out;
  }

  private static boolean holds(String selector, Span span, Platform p, List<Diagnostic> warnings) {
    if (selector == null) {
      return true;
    }
    Boolean h = Selectors.holdsOn(selector, p.subdir());
    if (h == null) {
      warnings.add(Diagnostic.warning("selector `[" + selector + "]` is not understood; the entry is locked on "
          + "every platform", span, "use platform selectors such as `linux`, `osx`, `win`, `linux64`, `arm64`"));
      return true;
    }
    return h;
  }

  private static List<Channel> channels(List<Located<String>> written, ChannelConfig config) {
    List<Channel> out = new ArrayList<>();
    for (Located<String> c : written) {
      try {
        out.addAll(Channel.expand(List.of(c.value()), config));
      } catch (ParseError e) {
        throw EnvxException.input(SpecErrors.at(e, c.span(), "channel"));
      }
    }
    return out;
  }

  private static Platform platform(Located<String> p) {
    try {
      return Platform.parse(p.value());
    } catch (ParseError e) {
      throw EnvxException.input(SpecErrors.at(e, p.span(), "platform"));
    }
  }

  private static List<Platform> pick(List<Platform> override, Set<Platform> fromManifest) {
    if (!override.isEmpty()) {
      return List.copyOf(new LinkedHashSet<>(override));
    }
    return fromManifest.isEmpty() ? DEFAULT_PLATFORMS : List.copyOf(fromManifest);
  }

  private static List<Diagnostic> dedupe(List<Diagnostic> ds) {
    return List.copyOf(new LinkedHashSet<>(ds));
  }
}
