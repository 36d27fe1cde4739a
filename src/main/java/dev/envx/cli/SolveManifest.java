package dev.envx.cli;

import dev.envx.diag.Diagnostic;
import dev.envx.diag.EnvxException;
import dev.envx.diag.Span;
import dev.envx.format.Located;
import dev.envx.format.Selector;
import dev.envx.format.envyml.CondaDependency;
import dev.envx.format.envyml.EnvYmlReader;
import dev.envx.format.envyml.EnvironmentYml;
import dev.envx.format.envyml.PipLine;
import dev.envx.format.pyproject.EnvxTable;
import dev.envx.format.pyproject.PipOptions;
import dev.envx.format.pyproject.PyProject;
import dev.envx.format.pyproject.PyProjectReader;
import dev.envx.format.pyproject.SpecEntry;
import dev.envx.translate.Selectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code envx solve -f FILE} takes from a manifest: the conda entries and the PyPI entries (each with its
 * text and where it was written), channels, platforms, PyPI index options and the names that stay PyPI
 * ({@code pip:} entries of an environment.yml, {@code [tool.envx.pip] packages} of a pyproject.toml). A conda
 * entry's selector is decided per platform ({@link #conda(String)}). What the solve cannot take (an editable
 * or VCS pip line, a pip option envx does not know) is a warning naming the line, never dropped silently.
 */
record SolveManifest(List<Entry> conda, List<Entry> pypi, List<String> channels, List<String> platforms,
    String indexUrl, List<String> extraIndexUrls, List<String> findLinks, List<String> pypiNames,
    List<Diagnostic> warnings) {

  /** One entry: its text, its selector expression (null: none) and {@code file:line}. */
  record Entry(String text, String selector, String origin, Span span) {}

  /** The conda entries whose selector holds on {@code platform} (an unknown selector keeps the entry). */
  List<Entry> conda(String platform) {
    List<Entry> out = new ArrayList<>();
    for (Entry e : conda) {
      Boolean holds = e.selector() == null ? Boolean.TRUE : Selectors.holdsOn(e.selector(), platform);
      if (holds == null || holds) {
        out.add(e);
      }
    }
    return out;
  }

  static SolveManifest read(Path file) {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    String text = OutputFiles.read(file);
    if (name.endsWith(".toml")) {
      return pyproject(PyProjectReader.parse(text, file.toString()));
    }
    if (name.endsWith(".yml") || name.endsWith(".yaml")) {
      return environment(EnvYmlReader.parse(text, file.toString()));
    }
    throw EnvxException.input("`" + file + "` is neither an environment.yml nor a pyproject.toml", null,
        "name an `environment.yml` (`.yml`, `.yaml`) or a `pyproject.toml` (`.toml`)");
  }

  private static String where(Span s) {
    return s == null ? null : s.file().name() + ":" + s.line();
  }

  private static String selector(Selector s) {
    return s == null ? null : s.expression();
  }

  static SolveManifest environment(EnvironmentYml env) {
    List<Entry> conda = new ArrayList<>();
    for (CondaDependency d : env.conda()) {
      conda.add(new Entry(d.spec(), selector(d.selector()), where(d.span()), d.span()));
    }
    List<Entry> pypi = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<Diagnostic> warnings = new ArrayList<>();
    String indexUrl = null;
    List<String> extra = new ArrayList<>();
    List<String> links = new ArrayList<>();
    for (PipLine l : env.pip()) {
      String t = l.text();
      String[] opt = t.split("[\\s=]+", 2);
      if (t.startsWith("-")) {
        switch (opt[0]) {
          case "--index-url", "-i" -> indexUrl = opt.length > 1 ? opt[1] : null;
          case "--extra-index-url" -> {
            if (opt.length > 1) {
              extra.add(opt[1]);
            }
          }
          case "--find-links", "-f" -> {
            if (opt.length > 1) {
              links.add(opt[1]);
            }
          }
          default -> warnings.add(Diagnostic.warning("`envx solve` leaves out the pip line `" + t
              + "` (an editable, a requirements file or an option it does not solve)", l.span()));
        }
        continue;
      }
      Entry e = new Entry(t, selector(l.selector()), where(l.span()), l.span());
      if (dev.envx.model.pep508.Requirement.tryParse(t).isPresent()) {
        pypi.add(e);
        names.add(dev.envx.model.pep508.Requirement.tryParse(t).get().name().normalized());
      } else if (t.contains("://") || t.contains("/") || t.startsWith(".")) {
        warnings.add(Diagnostic.warning("`envx solve` leaves out the pip line `" + t
            + "` (a URL or path: envx solves index and find-links distributions only)", l.span()));
      } else {
        pypi.add(e); // parsed (and rejected with its column) where the request is built
      }
    }
    return new SolveManifest(conda, pypi, env.channelValues(), env.platforms().stream().map(Located::value)
        .toList(), indexUrl, extra, links, names, warnings);
  }

  static SolveManifest pyproject(PyProject p) {
    List<Entry> pypi = new ArrayList<>();
    if (p.project() != null) {
      if (p.project().requiresPython() != null) {
        Located<String> rp = p.project().requiresPython();
        pypi.add(new Entry("python" + rp.value().strip(), null, where(rp.span()), rp.span()));
      }
      for (Located<String> d : p.project().dependencies()) {
        pypi.add(new Entry(d.value(), null, where(d.span()), d.span()));
      }
    }
    List<Entry> conda = new ArrayList<>();
    List<String> channels = List.of();
    List<String> platforms = List.of();
    PipOptions pip = PipOptions.EMPTY;
    EnvxTable envx = p.envx();
    if (envx != null) {
      for (SpecEntry s : envx.condaDependencies()) {
        conda.add(new Entry(s.text(), selector(s.selector()), where(s.span()), s.span()));
      }
      channels = envx.channels().stream().map(Located::value).toList();
      platforms = envx.platforms().stream().map(Located::value).toList();
      pip = envx.pip();
    }
    List<Diagnostic> warnings = new ArrayList<>();
    for (SpecEntry r : pip.requirements()) {
      warnings.add(Diagnostic.warning("`envx solve` leaves out the pip requirement `" + r.text()
          + "` (an editable, URL, path or option: envx solves index and find-links distributions only)", r.span()));
    }
    return new SolveManifest(conda, pypi, channels, platforms,
        pip.indexUrl() == null ? null : pip.indexUrl().value(),
        pip.extraIndexUrls().stream().map(Located::value).toList(),
        pip.findLinks().stream().map(Located::value).toList(),
        pip.packages().stream().map(l -> dev.envx.model.pep508.PyPiName.normalize(l.value())).toList(), warnings);
  }
}
