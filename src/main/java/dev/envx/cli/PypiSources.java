package dev.envx.cli;

import dev.envx.diag.EnvxException;
import dev.envx.format.pyproject.Preferences;
import dev.envx.format.pyproject.PyProjectReader;
import dev.envx.index.pypi.PypiClient;
import dev.envx.index.pypi.PypiSettings;
import dev.envx.index.pypi.SimpleIndex;
import dev.envx.index.pypi.Transport;
import dev.envx.mapping.MappingLoader;
import dev.envx.mapping.MappingSettings;
import dev.envx.resolve.pypi.Prefer;
import dev.envx.resolve.pypi.PypiSource;
import dev.envx.settings.Settings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PyPI side of a cross-ecosystem solve, as {@code envx solve} and {@code envx lock} build it: the index, the
 * extra indexes and find-links directories (each checked here, an error naming the option), the run's cache, offline
 * flag and http layer, the PyPI ⇄ conda name mapping (the pyproject.toml's {@code [tool.envx.mapping]} table when
 * there is one) and the names that stay PyPI.
 *
 * @param indexUrl the primary index (http(s)://, file:// or a directory), or null for the default
 * @param extraIndexUrls further indexes
 * @param findLinks directories of wheels and sdists, relative to the working directory
 */
record PypiSources(String indexUrl, List<String> extraIndexUrls, List<String> findLinks) {
  PypiSources {
    extraIndexUrls = List.copyOf(extraIndexUrls);
    findLinks = List.copyOf(findLinks);
  }

  /**
   * The source.
   *
   * @param pyproject the manifest whose mapping table and {@code [tool.envx.prefer]} apply, or null
   * @param preference the command line's {@code --prefer}, or null: the manifest's {@code default}, else conda
   * @param pypiNames names met by PyPI distributions whatever {@code preference} says
   */
  PypiSource source(Cli cli, Path cwd, Path pyproject, Prefer preference, Collection<String> pypiNames) {
    Settings run = cli.settings();
    PypiSettings ps = PypiSettings.defaults().withCacheDir(run.cacheDir()).withOffline(run.offline());
    if (indexUrl != null) {
      ps = ps.withIndexUrl(localIndex(PypiSettings.parseIndexUrl(indexUrl, "--index-url"), indexUrl, "--index-url"));
    }
    List<URI> extra = new ArrayList<>();
    for (String e : extraIndexUrls) {
      extra.add(localIndex(PypiSettings.parseIndexUrl(e, "--extra-index-url"), e, "--extra-index-url"));
    }
    List<Path> dirs = new ArrayList<>();
    for (String l : findLinks) {
      Path d = cwd.resolve(l).normalize();
      if (!Files.isDirectory(d)) {
        throw EnvxException.input("`--find-links " + l + "` is not a directory", null,
            "give a directory of wheels and sdists");
      }
      dirs.add(d);
    }
    ps = ps.withExtraIndexUrls(extra).withFindLinks(dirs);
    PyProjectReader.Result read = pyproject == null ? null
        : PyProjectReader.parseWithWarnings(OutputFiles.read(pyproject), pyproject.toString());
    Map<String, Object> table = read == null || read.mappingTable().isEmpty() ? null : read.mappingTable();
    MappingLoader.Loaded loaded = MappingLoader.load(MappingSettings.of(run.withOffline(true)), table, pyproject);
    cli.report(loaded.warnings());
    Preferences prefer = read == null || read.pyproject().envx() == null ? Preferences.NONE
        : read.pyproject().envx().prefer();
    Map<String, Prefer> perName = new LinkedHashMap<>();
    pypiNames.forEach(n -> perName.put(n, Prefer.PYPI));
    prefer.byName().forEach((n, v) -> perName.put(n, Prefer.parse(v.value())));
    Prefer fallback = preference != null ? preference
        : prefer.fallback() != null ? Prefer.parse(prefer.fallback().value()) : Prefer.CONDA;
    return new PypiSource(new PypiClient(ps, cli.http()), loaded.mapping(), fallback, perName);
  }

  /**
   * A {@code file://} index must be a directory laid out as a simple index (a root page, or at least one
   * {@code <project>/index.html}).
   */
  private static URI localIndex(URI u, String text, String option) {
    if ("file".equalsIgnoreCase(u.getScheme())) {
      if (!Files.isDirectory(Path.of(u))) {
        throw EnvxException.input("`" + option + " " + text + "` is not a directory", null,
            "give a directory laid out as a simple index (`<dir>/<project>/index.html`), or an http(s):// URL");
      }
      SimpleIndex.checkLocalLayout(Path.of(u), Transport.shown(u));
    }
    return u;
  }
}
