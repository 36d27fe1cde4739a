package dev.envx.format.pyproject;

import dev.envx.diag.Diagnostic;
import dev.envx.diag.EnvxException;
import dev.envx.diag.SourceFile;
import dev.envx.io.InputLimits;
import dev.envx.diag.Span;
import dev.envx.format.EnvLayout;
import dev.envx.format.Located;
import dev.envx.format.Selector;
import dev.envx.format.Suggest;
import dev.envx.format.Trivia;
import dev.envx.model.conda.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads pyproject.toml with tomlj (positions from {@code inputPositionOf}). Errors in the tables envx owns
 * ({@code [project]} dependency keys, {@code [tool.envx]}) are errors with line and column; pixi's and
 * conda-lock's tables are read as inputs and what envx cannot carry from them is reported as warnings.
 */
public final class PyProjectReader {
  static final List<String> ENVX_KEYS = List.of("format", "name", "prefix", "category", "channels", "platforms",
      "conda-dependencies", "pip", "variables", "mapping", "mirror", "mirror-of", "layout", "prefer");
  static final List<String> LAYOUT_KEYS = List.of("keys", "indent", "flow", "no-value", "final-newline", "order",
      "pip-order", "end", "before", "after", "spelling", "pip-spelling");
  static final List<String> PIP_KEYS = List.of("index-url", "extra-index-urls", "find-links", "trusted-hosts",
      "pre", "packages", "requirements", "repositories");

  private final SourceFile file;
  private final TomlParseResult toml;
  private final List<Diagnostic> errors = new ArrayList<>();
  private final List<Diagnostic> warnings = new ArrayList<>();

  private PyProjectReader(SourceFile file, TomlParseResult toml) {
    this.file = file;
    this.toml = toml;
  }

  public static PyProject read(Path path) {
    try {
      return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
    } catch (IOException e) {
      throw EnvxException.cannotRead(path, e);
    }
  }

  /**
   * The parsed file, the warnings about what could not be carried (pixi/conda-lock features) and the
   * {@code [tool.envx.mapping]} table as plain maps (empty when absent), which {@code dev.envx.mapping} reads.
   */
  public record Result(PyProject pyproject, List<Diagnostic> warnings, Map<String, Object> mappingTable) {
    public Result {
      warnings = List.copyOf(warnings);
      mappingTable = Collections.unmodifiableMap(new LinkedHashMap<>(mappingTable));
    }
  }

  /**
   * A table as plain maps, or null (no such table, or the file does not parse: reading it reports that). For
   * callers that need one table of a file they do not otherwise translate; convert and export take
   * {@link Result#mappingTable()} from their one parse.
   */
  public static Map<String, Object> rawTable(String text, List<String> path) {
    try {
      checkLimits(SourceFile.of("pyproject.toml", text));
    } catch (EnvxException e) {
      return null;
    }
    TomlParseResult toml = Toml.parse(text);
    if (toml.hasErrors() || !(toml.get(path) instanceof TomlTable t)) {
      return null;
    }
    return t.toMap();
  }

  /** Size, line length and nesting within {@link InputLimits#DEFAULT}: tomlj recurses once per level. */
  public static void checkLimits(SourceFile file) {
    InputLimits.DEFAULT.checkText(file);
    InputLimits.DEFAULT.checkTomlDepth(file);
  }

  public static PyProject parse(String text, String name) {
    return parseWithWarnings(text, name).pyproject();
  }

  public static Result parseWithWarnings(String text, String name) {
    SourceFile file = SourceFile.of(name, text);
    TomlParseResult toml = parseToml(file);
    requireSomethingToRead(file, toml);
    PyProjectReader r = new PyProjectReader(file, toml);
    PyProject p = r.run();
    if (!r.errors.isEmpty()) {
      throw new EnvxException(EnvxException.USAGE, r.errors.subList(0, Math.min(8, r.errors.size())));
    }
    Map<String, Object> mapping = toml.get(List.of("tool", "envx", "mapping")) instanceof TomlTable t ? t.toMap()
        : Map.of();
    return new Result(p, r.warnings, mapping);
  }

  /**
   * Parses a pyproject.toml within the limits; a syntax error is bad input with the place of the mistake: the
   * opening quote of a string left open, else where tomlj stopped (on its own line: an error at the end of a
   * line is shown there, not at the start of the next one).
   */
  public static TomlParseResult parseToml(SourceFile file) {
    checkLimits(file);
    TomlParseResult toml = Toml.parse(file.text());
    if (toml.hasErrors()) {
      List<Diagnostic> ds = new ArrayList<>();
      for (TomlParseError e : toml.errors().subList(0, Math.min(5, toml.errors().size()))) {
        String msg = e.getMessage();
        int cut = msg.lastIndexOf(" (line ");
        if (cut > 0) {
          msg = msg.substring(0, cut);
        }
        Span open = e.position() == null ? null : openString(file, e.position().line());
        if (open != null && msg.toLowerCase(java.util.Locale.ROOT).startsWith("unexpected end of line")) {
          ds.add(Diagnostic.error("invalid TOML: unclosed string that starts here", open,
              "close it with the same quote on this line, or use `\"\"\"` for a string over several lines"));
          continue;
        }
        ds.add(Diagnostic.error("invalid TOML: " + Diagnostic.lowerFirst(msg, ""), errorSpan(file, e.position()),
            "see https://toml.io/en/v1.0.0 for the syntax"));
      }
      throw new EnvxException(EnvxException.USAGE, ds);
    }
    return toml;
  }

  /** Where tomlj's error points, kept on its line (blanks skipped up to the end of the line only). */
  private static Span errorSpan(SourceFile file, TomlPosition pos) {
    if (pos == null) {
      return null;
    }
    int line = Math.max(1, pos.line());
    String l = file.lineText(line);
    int col = Math.max(1, pos.column());
    while (col <= l.length() && (l.charAt(col - 1) == ' ' || l.charAt(col - 1) == '\t')) {
      col++;
    }
    return col > l.length() ? new Span(file, line, Math.min(col, l.length() + 1), 1) : span(file, pos, 1);
  }

  /** The span of the quote that opens a string still open at the end of {@code line}, or null. */
  private static Span openString(SourceFile file, int line) {
    String l = file.lineText(line);
    int open = -1;
    char q = 0;
    for (int i = 0; i < l.length(); i++) {
      char c = l.charAt(i);
      if (open >= 0) {
        if (c == '\\' && q == '"') {
          i++;
        } else if (c == q) {
          open = -1;
        }
      } else if (c == '#') {
        break;
      } else if (c == '"' || c == '\'') {
        if (l.startsWith(String.valueOf(c).repeat(3), i)) {
          return null; // a multi-line string: tomlj's place is the better one
        }
        open = i;
        q = c;
      }
    }
    return open < 0 ? null : new Span(file, line, open + 1, 1);
  }

  /** Tables an environment can come from; a file with none of them is not silently an empty environment. */
  private static final List<String> SOURCES = List.of("project", "tool.envx", "tool.pixi", "tool.conda-lock",
      "tool.poetry", "dependency-groups");

  private static void requireSomethingToRead(SourceFile file, TomlParseResult toml) {
    if (SOURCES.stream().anyMatch(t -> toml.get(t) instanceof TomlTable)) {
      return;
    }
    String what = toml.isEmpty() ? "`" + file.name() + "` is empty" : "no `[project]` table";
    throw EnvxException.input(what, toml.isEmpty() ? null : new Span(file, 1, 1, 1),
        "a pyproject.toml lists its dependencies in `[project]` (PEP 621) or `[tool.envx]`; e.g.\n"
            + "        [project]\n        name = \"demo\"\n        dependencies = [\"numpy>=2\"]");
  }

  private PyProject run() {
    ProjectTable project = project();
    Map<String, List<GroupEntry>> groups = groups();
    Map<String, List<Located<String>>> external = new LinkedHashMap<>();
    TomlTable ext = table(List.of("external"));
    if (ext != null) {
      for (String k : ext.keySet()) {
        List<String> path = List.of("external", k);
        if (ext.get(List.of(k)) instanceof TomlArray) {
          external.put(k, strings(path));
        } else if (ext.get(List.of(k)) instanceof TomlTable t) {
          for (String sub : t.keySet()) {
            external.put(k + "." + sub, strings(List.of("external", k, sub)));
          }
        }
      }
    }
    for (String tool : List.of("poetry", "pdm", "hatch", "flit")) {
      List<String> deps = List.of("tool", tool, "dependencies");
      if (table(deps) != null
          && (project == null || project.dependencies().isEmpty())) {
        warnings.add(Diagnostic.warning("`[tool." + tool + ".dependencies]` is not read by envx", at(deps),
            "list the dependencies in PEP 621 `[project] dependencies`"));
      }
    }
    EnvxTable envx = null;
    String source = null;
    if (table(List.of("tool", "envx")) != null) {
      envx = envx();
      source = "tool.envx";
      if (table(List.of("tool", "pixi")) != null || table(List.of("tool", "conda-lock")) != null) {
        warnings.add(Diagnostic.warning("`[tool.envx]` is used; `[tool.pixi]`/`[tool.conda-lock]` are ignored",
            at(List.of("tool", "envx"))));
      }
    } else if (table(List.of("tool", "pixi")) != null) {
      envx = new PixiTables(this).read();
      source = "tool.pixi";
      if (table(List.of("tool", "conda-lock")) != null) {
        warnings.add(Diagnostic.warning("`[tool.pixi]` is used; `[tool.conda-lock]` is ignored",
            at(List.of("tool", "conda-lock"))));
      }
    } else if (table(List.of("tool", "conda-lock")) != null) {
      envx = condaLock();
      source = "tool.conda-lock";
    }
    return new PyProject(file, project, groups, external, envx, source);
  }

  private ProjectTable project() {
    TomlTable p = table(List.of("project"));
    if (p == null) {
      return null;
    }
    Map<String, List<Located<String>>> optional = new LinkedHashMap<>();
    TomlTable opt = table(List.of("project", "optional-dependencies"));
    if (opt != null) {
      for (String k : opt.keySet()) {
        optional.put(k, strings(List.of("project", "optional-dependencies", k)));
      }
    }
    List<String> dynamic = strings(List.of("project", "dynamic")).stream().map(Located::value).toList();
    return new ProjectTable(string(List.of("project", "name")), string(List.of("project", "version")), dynamic,
        string(List.of("project", "requires-python")), strings(List.of("project", "dependencies")), optional);
  }

  private Map<String, List<GroupEntry>> groups() {
    Map<String, List<GroupEntry>> out = new LinkedHashMap<>();
    TomlTable g = table(List.of("dependency-groups"));
    if (g == null) {
      return out;
    }
    for (String k : g.keySet()) {
      List<String> path = List.of("dependency-groups", k);
      TomlArray a = array(path);
      if (a == null) {
        continue;
      }
      List<GroupEntry> entries = new ArrayList<>();
      for (int i = 0; i < a.size(); i++) {
        Object o = a.get(i);
        Span sp = span(file, a.inputPositionOf(i), 1);
        if (o instanceof String s) {
          entries.add(new GroupEntry.Requirement(new Located<>(s, sp)));
        } else if (o instanceof TomlTable t && t.get("include-group") instanceof String s && t.size() == 1) {
          entries.add(new GroupEntry.IncludeGroup(new Located<>(s, sp)));
        } else {
          errors.add(Diagnostic.error("expected a requirement string or `{include-group = \"...\"}`", sp));
        }
      }
      out.put(k, entries);
    }
    return out;
  }

  private EnvxTable envx() {
    List<String> base = List.of("tool", "envx");
    TomlTable t = table(base);
    checkKeys(t, base, ENVX_KEYS, "`[tool.envx]`");
    int format = EnvxTable.FORMAT;
    Object f = t.get(List.of("format"));
    if (f instanceof Long l) {
      if (l < 1 || l > EnvxTable.FORMAT) {
        errors.add(Diagnostic.error("`[tool.envx]` format " + l + " is newer than this envx understands (format "
            + EnvxTable.FORMAT + ")", at(path(base, "format")), "upgrade envx"));
      } else {
        format = l.intValue();
      }
    } else if (f != null) {
      errors.add(Diagnostic.error("`format` must be an integer", at(path(base, "format"))));
    }
    Map<String, Located<String>> vars = new LinkedHashMap<>();
    TomlTable v = table(path(base, "variables"));
    if (v != null) {
      for (String k : v.keySet()) {
        Located<String> s = string(path(base, "variables", k));
        if (s != null) {
          vars.put(k, s);
        }
      }
    }
    PipOptions pip = PipOptions.EMPTY;
    List<String> pipBase = path(base, "pip");
    TomlTable pt = table(pipBase);
    if (pt != null) {
      checkKeys(pt, pipBase, PIP_KEYS, "`[tool.envx.pip]`");
      Object pre = pt.get(List.of("pre"));
      if (pre != null && !(pre instanceof Boolean)) {
        errors.add(Diagnostic.error("`pre` must be `true` or `false`", at(path(pipBase, "pre"))));
      }
      pip = new PipOptions(string(path(pipBase, "index-url")), strings(path(pipBase, "extra-index-urls")),
          strings(path(pipBase, "find-links")), strings(path(pipBase, "trusted-hosts")),
          Boolean.TRUE.equals(pre), strings(path(pipBase, "packages")),
          entries(path(pipBase, "requirements"), "line"), strings(path(pipBase, "repositories")));
    } else if (t.get(List.of("pip")) != null) {
      errors.add(Diagnostic.error("`pip` must be a table", at(path(base, "pip")), "write `[tool.envx.pip]`"));
    }
    return new EnvxTable(format, string(path(base, "name")), string(path(base, "prefix")),
        string(path(base, "category")), strings(path(base, "channels")), platforms(path(base, "platforms"), true),
        entries(path(base, "conda-dependencies"), "spec"), pip, vars, layout(path(base, "layout")), mirror(base),
        prefer(path(base, "prefer"), pip));
  }

  /**
   * {@code [tool.envx.prefer]} (also {@code prefer = { ... }}): PyPI names and {@code default}, each {@code "conda"}
   * or {@code "pypi"}. A name written twice (in two spellings), a value that is neither, and a name that
   * {@code [tool.envx.pip] packages} sends to PyPI but this table to conda are errors at the entry.
   */
  private Preferences prefer(List<String> base, PipOptions pip) {
    TomlTable t = table(base);
    if (t == null) {
      if (value(base) != null) {
        error("`prefer` must be a table of PyPI names", base,
            "write `prefer = { default = \"" + String.valueOf(value(base)).strip() + "\" }` or `[tool.envx.prefer]` "
                + "with `numpy = \"pypi\"` lines");
      }
      return Preferences.NONE;
    }
    Located<String> fallback = null;
    Map<String, Located<String>> byName = new LinkedHashMap<>();
    Map<String, String> spelled = new LinkedHashMap<>();
    java.util.Set<String> pipPackages = new java.util.HashSet<>();
    pip.packages().forEach(l -> pipPackages.add(dev.envx.model.pep508.PyPiName.normalize(l.value())));
    for (String k : t.keySet()) {
      List<String> at = path(base, k);
      Object v = t.get(List.of(k));
      if (!(v instanceof String s)) {
        error("a preference is `\"conda\"` or `\"pypi\"`", at, "write `" + Toml.joinKeyPath(List.of(k)) + " = \"pypi\"`");
        continue;
      }
      Located<String> value = string(at);
      String norm = s.strip().toLowerCase(java.util.Locale.ROOT);
      if (!Preferences.VALUES.contains(norm)) {
        List<String> hints = new ArrayList<>();
        String close = Suggest.hint(norm, Preferences.VALUES, 2);
        if (close != null) {
          hints.add(close);
        }
        hints.add("a preference is `conda` (a conda package first) or `pypi` (a PyPI distribution first)");
        errors.add(Diagnostic.error("unknown preference `" + s + "` for `" + k + "`", at(at), hints.toArray(String[]::new)));
        continue;
      }
      value = new Located<>(norm, value.span(), value.trivia());
      if (k.equals(Preferences.DEFAULT_KEY)) {
        fallback = value;
        continue;
      }
      if (!dev.envx.model.pep508.PyPiName.isValid(k)) {
        error("`" + k + "` is not a PyPI project name", at,
            "keys of `[tool.envx.prefer]` are PyPI names (letters, digits, `.`, `-`, `_`) or `default`");
        continue;
      }
      String name = dev.envx.model.pep508.PyPiName.normalize(k);
      if (spelled.containsKey(name)) {
        error("`" + k + "` is the same PyPI name as `" + spelled.get(name) + "` in `[tool.envx.prefer]`", at,
            "keep one of the two");
        continue;
      }
      if (norm.equals(Preferences.CONDA) && pipPackages.contains(name)) {
        error("`" + k + "` prefers conda here but `[tool.envx.pip] packages` lists it for PyPI", at,
            "remove it from one of the two");
        continue;
      }
      spelled.put(name, k);
      byName.put(name, value);
    }
    return new Preferences(fallback, byName);
  }

  /** {@code mirror = "environment.yml"} or {@code mirror-of = "environment.yml"}, at most one of them. */
  private EnvxTable.Mirror mirror(List<String> base) {
    Located<String> to = string(path(base, "mirror"));
    Located<String> of = string(path(base, "mirror-of"));
    if (to != null && of != null) {
      error("both `mirror` and `mirror-of` in `[tool.envx]`", path(base, "mirror-of"),
          "`mirror = \"environment.yml\"`: the environment file is made from this pyproject.toml; "
              + "`mirror-of = \"environment.yml\"`: this file is made from it; keep one");
      return null;
    }
    Located<String> f = to != null ? to : of;
    if (f == null) {
      return null;
    }
    if (f.value().isBlank()) {
      error("`" + (to != null ? "mirror" : "mirror-of") + "` is empty", path(base, to != null ? "mirror" : "mirror-of"),
          "name the environment file, e.g. `mirror = \"environment.yml\"`");
      return null;
    }
    return new EnvxTable.Mirror(f, to != null);
  }

  /** {@code [tool.envx.layout]} (see {@link EnvLayout}); {@link EnvLayout#DEFAULT} when absent. */
  private EnvLayout layout(List<String> base) {
    TomlTable t = table(base);
    if (t == null) {
      if (value(base) != null) {
        error("`layout` must be a table", base, "write `[tool.envx.layout]`");
      }
      return EnvLayout.DEFAULT;
    }
    checkKeys(t, base, LAYOUT_KEYS, "`[tool.envx.layout]`");
    Map<String, Integer> indents = new LinkedHashMap<>();
    TomlTable ind = table(path(base, "indent"));
    if (ind != null) {
      for (String k : ind.keySet()) {
        if (ind.get(List.of(k)) instanceof Long l && l >= 0 && l <= 64) {
          indents.put(k, l.intValue());
        } else {
          error("an indentation is a number of spaces from 0 to 64", path(base, "indent", k));
        }
      }
    }
    Object nl = t.get(List.of("final-newline"));
    if (nl != null && !(nl instanceof Boolean)) {
      error("`final-newline` must be `true` or `false`", path(base, "final-newline"));
    }
    Map<String, Trivia> keyTrivia = new LinkedHashMap<>();
    TomlTable before = table(path(base, "before"));
    if (before != null) {
      for (String k : before.keySet()) {
        keyTrivia.put(k, new Trivia(lines(path(base, "before", k), true), ""));
      }
    }
    TomlTable after = table(path(base, "after"));
    if (after != null) {
      for (String k : after.keySet()) {
        Located<String> a = string(path(base, "after", k));
        if (a != null && !a.value().isBlank() && !a.value().strip().startsWith("#") || a != null
            && (a.value().contains("\n") || a.value().contains("\r"))) {
          error("the rest of a line is blanks and a comment", path(base, "after", k));
        } else if (a != null) {
          keyTrivia.put(k, keyTrivia.getOrDefault(k, Trivia.EMPTY).withAfter(a.value()));
        }
      }
    }
    return new EnvLayout(values(path(base, "keys")), indents, new java.util.HashSet<>(values(path(base, "flow"))),
        new java.util.HashSet<>(values(path(base, "no-value"))), keyTrivia, lines(path(base, "end"), true),
        !Boolean.FALSE.equals(nl), values(path(base, "order")), values(path(base, "pip-order")),
        stringMap(path(base, "spelling")), stringMap(path(base, "pip-spelling")));
  }

  private Map<String, String> stringMap(List<String> path) {
    Map<String, String> out = new LinkedHashMap<>();
    TomlTable t = table(path);
    if (t == null) {
      if (value(path) != null) {
        error("`" + Toml.joinKeyPath(path) + "` must be a table of strings", path);
      }
      return out;
    }
    for (String k : t.keySet()) {
      Located<String> v = string(path(path, k));
      if (v != null) {
        out.put(k, v.value());
      }
    }
    return out;
  }

  private List<String> values(List<String> path) {
    return strings(path).stream().map(Located::value).toList();
  }

  /** Strings that are whole blank or comment lines (or document markers, when {@code markers}). */
  private List<String> lines(List<String> path, boolean markers) {
    List<String> out = new ArrayList<>();
    for (Located<String> l : strings(path)) {
      String s = l.value().strip();
      if (l.value().contains("\n") || l.value().contains("\r")
          || !(s.isEmpty() || s.startsWith("#") || markers && (s.equals("---") || s.equals("...")))) {
        errors.add(Diagnostic.error("expected a blank line or a comment line in `" + Toml.joinKeyPath(path) + "`",
            l.span()));
      } else {
        out.add(l.value());
      }
    }
    return out;
  }

  private EnvxTable condaLock() {
    List<String> base = List.of("tool", "conda-lock");
    TomlTable t = table(base);
    List<SpecEntry> deps = new ArrayList<>();
    List<Located<String>> pypi = new ArrayList<>();
    TomlTable d = table(path(base, "dependencies"));
    if (d != null) {
      for (String name : d.keySet()) {
        List<String> p = path(base, "dependencies", name);
        Object v = d.get(List.of(name));
        Span sp = at(p);
        if (v instanceof String s) {
          deps.add(new SpecEntry(condaSpec(name, s, null, null), null, sp));
        } else if (v instanceof TomlTable vt && vt.get("source") != null) {
          // `{ source = "pypi" }`: the `[project.dependencies]` entry of that name is installed by pip
          if ("pypi".equals(vt.get("source"))) {
            pypi.add(new Located<>(name, sp));
          } else {
            warnings.add(Diagnostic.warning("conda-lock source `" + vt.get("source") + "` of `" + name
                + "` is not carried (only `pypi` is)", sp));
          }
          for (String k : vt.keySet()) {
            if (!k.equals("source")) {
              warnings.add(Diagnostic.warning("conda-lock option `" + k + "` of `" + name + "` is not carried", sp));
            }
          }
        } else if (v instanceof TomlTable vt) {
          Object ver = vt.get("version");
          deps.add(new SpecEntry(condaSpec(name, ver instanceof String s ? s : "*",
              vt.get("channel") instanceof String c ? c : null, null), null, sp));
          for (String k : vt.keySet()) {
            if (!k.equals("version") && !k.equals("channel")) {
              warnings.add(Diagnostic.warning("conda-lock option `" + k + "` of `" + name + "` is not carried", sp));
            }
          }
        } else {
          errors.add(Diagnostic.error("expected a version string for `" + name + "`", sp));
        }
      }
    }
    Located<String> source = string(path(base, "default-non-conda-source"));
    if (source != null && source.value().equals("pip")) {
      // every `[project.dependencies]` entry is installed by pip
      for (Located<String> dep : strings(List.of("project", "dependencies"))) {
        String n = dep.value().strip().split("[^A-Za-z0-9._-]", 2)[0];
        if (!n.isEmpty()) {
          pypi.add(new Located<>(n, dep.span()));
        }
      }
    } else if (source != null && !source.value().equals("conda")) {
      warnings.add(Diagnostic.warning("conda-lock `default-non-conda-source = \"" + source.value()
          + "\"` is not carried (envx reads `conda` or `pip`)", source.span()));
    }
    for (String k : t.keySet()) {
      if (!List.of("channels", "platforms", "dependencies", "pip-repositories", "default-non-conda-source")
          .contains(k)) {
        warnings.add(Diagnostic.warning("conda-lock setting `" + k + "` is not carried by envx",
            at(path(base, k))));
      }
    }
    PipOptions pip = new PipOptions(null, List.of(), List.of(), List.of(), false, pypi, List.of(),
        strings(path(base, "pip-repositories")));
    return new EnvxTable(EnvxTable.FORMAT, null, null, null, strings(path(base, "channels")),
        platforms(path(base, "platforms"), false), deps, pip, Map.of());
  }

  /**
   * A conda spec string from pixi/conda-lock's {@code name = "version"} form, spelled the way envx writes conda
   * specs: {@code name=1.7} (fuzzy), {@code name>=1.2,<2}, {@code name 1.2} (exact), {@code name=1.2=build}.
   */
  static String condaSpec(String name, String version, String channel, String build) {
    StringBuilder sb = new StringBuilder();
    if (channel != null && !channel.isBlank()) {
      sb.append(channel).append("::");
    }
    sb.append(name);
    String v = version == null ? "" : version.replace(" ", "");
    boolean anyVersion = v.isEmpty() || v.equals("*");
    boolean fuzzy = v.matches("[0-9A-Za-z_.+!-]*[0-9A-Za-z_+!-]\\.\\*");
    if (build != null) {
      if (anyVersion) {
        sb.append("=*=").append(build);
      } else { // `name=1.2=build` would pin 1.2 exactly: a prefix match keeps its `.*`
        sb.append(' ').append(v).append(' ').append(build);
      }
    } else if (fuzzy) {
      sb.append('=').append(v, 0, v.length() - 2);
    } else if (!anyVersion) {
      sb.append(Character.isLetterOrDigit(v.charAt(0)) ? " " : "").append(v);
    }
    return sb.toString();
  }

  /** Platform names, checked: unknown ones are errors in envx's table, dropped with a warning elsewhere. */
  List<Located<String>> platforms(List<String> path, boolean strict) {
    List<Located<String>> out = new ArrayList<>();
    for (Located<String> p : strings(path)) {
      if (Platform.subdirs().contains(p.value())) {
        out.add(p);
      } else if (strict) {
        String s = Suggest.hint(p.value(), Platform.subdirs());
        errors.add(s == null ? Diagnostic.error("unknown platform `" + p.value() + "`", p.span())
            : Diagnostic.error("unknown platform `" + p.value() + "`", p.span(), s));
      } else {
        warnings.add(Diagnostic.warning("unknown platform `" + p.value() + "` is dropped", p.span()));
      }
    }
    return out;
  }

  // ---- helpers shared with PixiTables ----

  TomlTable table(List<String> path) {
    Object o = toml.get(path);
    return o instanceof TomlTable t ? t : null;
  }

  TomlArray array(List<String> path) {
    Object o = toml.get(path);
    if (o == null) {
      return null;
    }
    if (o instanceof TomlArray a) {
      return a;
    }
    errors.add(Diagnostic.error("`" + Toml.joinKeyPath(path) + "` must be an array", at(path)));
    return null;
  }

  Object value(List<String> path) {
    return toml.get(path);
  }

  Located<String> string(List<String> path) {
    Object o = toml.get(path);
    if (o == null) {
      return null;
    }
    if (o instanceof String s) {
      TomlPosition pos = toml.inputPositionOf(path);
      Trivia tr = pos == null ? Trivia.EMPTY
          : TomlTrivia.ofKey(file, file.offsetOf(Math.max(1, pos.line()), Math.max(1, pos.column())));
      return new Located<>(s, at(path), tr);
    }
    errors.add(Diagnostic.error("`" + Toml.joinKeyPath(path) + "` must be a string", at(path)));
    return null;
  }

  List<Located<String>> strings(List<String> path) {
    List<Located<String>> out = new ArrayList<>();
    eachElement(path, (o, sp) -> {
      if (o instanceof String s) {
        out.add(new Located<>(s, sp, trivia(sp)));
      } else {
        errors.add(Diagnostic.error("expected a string in `" + Toml.joinKeyPath(path) + "`", sp));
      }
    });
    return out;
  }

  /** Calls {@code each} with every element of the array at {@code path} and its span (nothing when absent). */
  private void eachElement(List<String> path, java.util.function.BiConsumer<Object, Span> each) {
    TomlArray a = array(path);
    for (int i = 0; a != null && i < a.size(); i++) {
      each.accept(a.get(i), span(file, a.inputPositionOf(i), 1));
    }
  }

  /** An array of strings or {@code {<key> = "...", selector|sel = "..."}} tables. */
  List<SpecEntry> entries(List<String> path, String key) {
    List<SpecEntry> out = new ArrayList<>();
    eachElement(path, (o, sp) -> {
      if (o instanceof String s && !s.isBlank()) {
        out.add(new SpecEntry(s, null, sp, trivia(sp)));
      } else if (o instanceof TomlTable t && t.get(key) instanceof String s && !s.isBlank()) {
        Selector sel = null;
        for (String k : t.keySet()) {
          Object v = t.get(List.of(k));
          if (k.equals(key)) {
            continue;
          }
          if ((k.equals("selector") || k.equals("sel")) && v instanceof String e && !e.isBlank()) {
            if (sel != null) {
              errors.add(Diagnostic.error("both `selector` and `sel` on one entry", sp, "keep one of the two"));
            }
            sel = new Selector(e, k.equals("sel") ? Selector.Style.SEL : Selector.Style.COMMENT);
          } else {
            errors.add(Diagnostic.error("unknown key `" + k + "` in an entry of `" + Toml.joinKeyPath(path) + "`",
                sp, "an entry is `{ " + key + " = \"...\", selector = \"linux64\" }` or "
                    + "`{ " + key + " = \"...\", sel = \"linux\" }`"));
          }
        }
        out.add(new SpecEntry(s, sel, sp, trivia(sp)));
      } else {
        errors.add(Diagnostic.error("expected a string or `{ " + key + " = \"...\", selector = \"...\" }` in `"
            + Toml.joinKeyPath(path) + "`", sp));
      }
    });
    return out;
  }

  /** The comments around the array element at {@code sp}. */
  private Trivia trivia(Span sp) {
    return sp == null ? Trivia.EMPTY : TomlTrivia.ofElement(file, file.offsetOf(sp.line(), sp.column()));
  }

  void checkKeys(TomlTable t, List<String> base, List<String> known, String what) {
    for (String k : t.keySet()) {
      if (!known.contains(k)) {
        List<String> hints = new ArrayList<>();
        String s = Suggest.hint(k, known);
        if (s != null) {
          hints.add(s);
        }
        hints.add("known keys: " + String.join(", ", known));
        errors.add(Diagnostic.error("unknown key `" + k + "` in " + what, at(path(base, k)),
            hints.toArray(String[]::new)));
      }
    }
  }

  void warn(String message, List<String> path) {
    warnings.add(Diagnostic.warning(message, at(path)));
  }

  void error(String message, List<String> path, String... hints) {
    errors.add(Diagnostic.error(message, at(path), hints));
  }

  Span at(List<String> path) {
    TomlPosition pos = toml.inputPositionOf(path);
    if (pos == null) {
      return null;
    }
    int len = Math.max(1, path.get(path.size() - 1).length());
    return span(file, pos, len);
  }

  static List<String> path(List<String> base, String... more) {
    List<String> p = new ArrayList<>(base);
    p.addAll(List.of(more));
    return p;
  }

  /** The span of a value: tomlj reports where parsing started, so skip blanks, comments and commas to it. */
  private static Span span(SourceFile file, TomlPosition pos, int len) {
    if (pos == null) {
      return null;
    }
    String t = file.text();
    int off = file.offsetOf(Math.max(1, pos.line()), Math.max(1, pos.column()));
    while (off < t.length()) {
      char c = t.charAt(off);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',') {
        off++;
      } else if (c == '#') {
        while (off < t.length() && t.charAt(off) != '\n') {
          off++;
        }
      } else {
        break;
      }
    }
    if (off >= t.length()) {
      return new Span(file, Math.max(1, pos.line()), Math.max(1, pos.column()), len);
    }
    int end = off;
    if (t.charAt(off) == '"' || t.charAt(off) == '\'') {
      char q = t.charAt(off);
      end = off + 1;
      while (end < t.length() && t.charAt(end) != q && t.charAt(end) != '\n') {
        end += t.charAt(end) == '\\' && q == '"' ? 2 : 1;
      }
      end = Math.min(t.length(), end + 1);
    } else {
      end = off + len;
    }
    return Span.ofOffsets(file, off, Math.max(off + 1, end));
  }

}
