package dev.envx.format.envyml;

import dev.envx.diag.Diagnostic;
import dev.envx.diag.EnvxException;
import dev.envx.diag.SourceFile;
import dev.envx.diag.Span;
import dev.envx.format.Located;
import dev.envx.format.Selector;
import dev.envx.format.Suggest;
import dev.envx.model.conda.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads an environment file with snakeyaml-engine's composer, so that every value keeps its line and column.
 * Selector comments ({@code # [linux64]}) are taken from the source line after the entry. Unknown keys and
 * unknown subsections are errors, never silently dropped.
 */
public final class EnvYmlReader {
  /** Top-level keys: conda's and conda-lock's. */
  public static final List<String> KEYS =
      List.of("name", "prefix", "channels", "dependencies", "variables", "platforms", "category",
          "pip-repositories");

  /** Platforms conda knows (subdirs): {@link Platform#subdirs()}. */
  public static final Set<String> PLATFORMS = Platform.subdirs();

  private static final Pattern SELECTOR_COMMENT = Pattern.compile("#\\s*\\[([^\\]]+)\\]");
  private static final Pattern SEL_KEY = Pattern.compile("sel\\((.+)\\)");
  private static final int MAX_ERRORS = 8;

  private final SourceFile file;
  private final List<Diagnostic> errors = new ArrayList<>();

  private EnvYmlReader(SourceFile file) {
    this.file = file;
  }

  public static EnvironmentYml read(Path path) {
    try {
      return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
    } catch (IOException e) {
      throw EnvxException.cannotRead(path, e);
    }
  }

  /** Parses {@code text} shown under {@code name}; throws {@link EnvxException} (exit 2) on bad input. */
  public static EnvironmentYml parse(String text, String name) {
    return new EnvYmlReader(SourceFile.of(name, text)).run();
  }

  private EnvironmentYml run() {
    Node root;
    try {
      YamlLimits.check(file, dev.envx.io.InputLimits.DEFAULT);
      LoadSettings settings = YamlLimits.settings(file.name(), dev.envx.io.InputLimits.DEFAULT);
      Optional<Node> doc = new Compose(settings).composeString(file.text());
      if (doc.isEmpty()) {
        throw EnvxException.input("the environment file is empty", new Span(file, 1, 1, 0),
            "an environment file needs at least a `dependencies:` list");
      }
      root = doc.get();
    } catch (MarkedYamlEngineException e) {
      Span span = e.getProblemMark().map(this::spanAt).orElse(null);
      if (e.getProblem().contains("end of stream") && e.getContextMark().isPresent()) {
        // an unclosed quote or bracket: point where it opens, not at the end of the file
        throw EnvxException.input("invalid YAML: " + e.getContext().replace("while scanning a quoted scalar", "unclosed quoted string").replace("while scanning", "unclosed")
            + " that starts here", spanAt(e.getContextMark().get()), "close it, or check the quoting on this line");
      }
      throw EnvxException.input("invalid YAML: " + e.getProblem(), span,
          "check the indentation and quoting around this place");
    } catch (YamlEngineException e) {
      throw EnvxException.input("invalid YAML: " + e.getMessage(), null);
    }
    if (!(root instanceof MappingNode map)) {
      throw EnvxException.input("expected a mapping with `name:`, `channels:` and `dependencies:`", span(root),
          "an environment file is a YAML mapping; see "
              + "https://docs.conda.io/projects/conda/en/latest/user-guide/tasks/manage-environments.html");
    }
    Located<String> name = null;
    Located<String> prefix = null;
    Located<String> category = null;
    List<Located<String>> channels = new ArrayList<>();
    List<Dependency> deps = new ArrayList<>();
    Map<String, Located<String>> variables = new LinkedHashMap<>();
    List<Located<String>> platforms = new ArrayList<>();
    List<Located<String>> pipRepos = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (NodeTuple t : map.getValue()) {
      String key = scalarText(t.getKeyNode());
      if (key == null) {
        error("expected a plain key", t.getKeyNode());
        continue;
      }
      if (!seen.add(key)) {
        error("duplicate key `" + key + "`", t.getKeyNode(), "remove one of the two `" + key + ":` entries");
        continue;
      }
      Node v = t.getValueNode();
      switch (key) {
        case "name" -> name = scalar(v, key);
        case "prefix" -> prefix = scalar(v, key);
        case "category" -> category = scalar(v, key);
        case "channels" -> channels = scalarList(v, key);
        case "platforms" -> {
          platforms = scalarList(v, key);
          for (Located<String> p : platforms) {
            if (!PLATFORMS.contains(p.value())) {
              errorAt("unknown platform `" + p.value() + "`", p.span(), Suggest.hint(p.value(), PLATFORMS),
                  "known platforms: linux-64, linux-aarch64, osx-64, osx-arm64, win-64, ...");
            }
          }
        }
        case "pip-repositories" -> pipRepos = scalarList(v, key);
        case "variables" -> variables = variables(v);
        case "dependencies" -> deps = dependencies(v);
        default -> error("unknown key `" + key + "` in the environment file", t.getKeyNode(),
            Suggest.hint(key, KEYS), "known keys: " + String.join(", ", KEYS));
      }
    }
    if (!errors.isEmpty()) {
      throw new EnvxException(EnvxException.USAGE, errors.subList(0, Math.min(MAX_ERRORS, errors.size())));
    }
    return new EnvironmentYml(name, prefix, channels, deps, variables, platforms, category, pipRepos);
  }

  private List<Dependency> dependencies(Node v) {
    List<Dependency> out = new ArrayList<>();
    if (isNull(v)) {
      return out;
    }
    if (!(v instanceof SequenceNode seq)) {
      error("`dependencies` must be a list", v, "write one `- spec` per line");
      return out;
    }
    boolean pipSeen = false;
    for (Node item : seq.getValue()) {
      if (item instanceof ScalarNode s) {
        if (isNull(s)) {
          error("empty dependency entry", s, "remove the lone `-`");
          continue;
        }
        out.add(condaDep(s, null));
      } else if (item instanceof MappingNode m && m.getValue().size() == 1) {
        NodeTuple t = m.getValue().get(0);
        String key = scalarText(t.getKeyNode());
        Matcher sel = key == null ? null : SEL_KEY.matcher(key);
        if ("pip".equals(key)) {
          if (pipSeen) {
            error("second `pip:` subsection", t.getKeyNode(), "merge the two `pip:` lists into one");
            continue;
          }
          pipSeen = true;
          out.add(pipSection(t.getValueNode(), span(item)));
        } else if (sel != null && sel.matches()) {
          if (t.getValueNode() instanceof ScalarNode s && !isNull(s)) {
            out.add(condaDep(s, new Selector(sel.group(1), Selector.Style.SEL)));
          } else {
            error("expected a spec after `" + key + ":`", t.getValueNode(), "write e.g. `- sel(linux): gcc`");
          }
        } else {
          error("unknown subsection `" + key + "` in `dependencies`", t.getKeyNode(),
              "only `pip:` subsections and `sel(...)` entries are allowed; conda specs are plain strings");
        }
      } else {
        error("expected a conda spec or a `pip:` subsection", item,
            "a spec containing `: ` must be quoted");
      }
    }
    return out;
  }

  private PipSection pipSection(Node v, Span span) {
    List<PipLine> lines = new ArrayList<>();
    if (isNull(v)) {
      return new PipSection(lines, span);
    }
    if (!(v instanceof SequenceNode seq)) {
      error("`pip:` must be a list of requirement lines", v, "write one `- requirement` per line");
      return new PipSection(lines, span);
    }
    for (Node item : seq.getValue()) {
      if (item instanceof ScalarNode s && !isNull(s)) {
        lines.add(new PipLine(s.getValue(), selectorAfter(s), span(s)));
      } else {
        error("expected a pip requirement line", item, "quote lines that contain `: ` or start with `{`");
      }
    }
    return new PipSection(lines, span);
  }

  private CondaDependency condaDep(ScalarNode s, Selector sel) {
    Selector comment = selectorAfter(s);
    if (sel != null && comment != null) {
      error("both `sel(...)` and a `# [...]` selector on one entry", s, "keep one of the two");
    }
    String text = s.getValue().strip();
    if (text.isEmpty()) {
      error("empty dependency entry", s);
      text = "?";
    }
    return new CondaDependency(text, sel != null ? sel : comment, span(s), commentAfter(s));
  }

  /**
   * The plain comment written after a node on its last line ({@code ""} for none), after a {@code # [expr]}
   * selector when there is one.
   */
  private String commentAfter(Node n) {
    Optional<Mark> end = n.getEndMark();
    if (end.isEmpty()) {
      return "";
    }
    String line = file.lineText(end.get().getLine() + 1);
    String rest = line.substring(Math.min(end.get().getColumn(), line.length()));
    int hash = rest.indexOf('#');
    if (hash < 0) {
      return "";
    }
    rest = rest.substring(hash);
    Matcher m = SELECTOR_COMMENT.matcher(rest);
    if (m.lookingAt()) {
      rest = rest.substring(m.end());
      hash = rest.indexOf('#');
      if (hash < 0) {
        return "";
      }
      rest = rest.substring(hash);
    }
    return rest.substring(1).strip();
  }

  /** The {@code # [expr]} selector written after a node on its last line, if any. */
  private Selector selectorAfter(Node n) {
    Optional<Mark> end = n.getEndMark();
    if (end.isEmpty()) {
      return null;
    }
    String line = file.lineText(end.get().getLine() + 1);
    int col = Math.min(end.get().getColumn(), line.length());
    String rest = line.substring(col);
    int hash = rest.indexOf('#');
    if (hash < 0) {
      return null;
    }
    Matcher m = SELECTOR_COMMENT.matcher(rest.substring(hash));
    if (m.lookingAt()) {
      return new Selector(m.group(1), Selector.Style.COMMENT);
    }
    return null;
  }

  private Map<String, Located<String>> variables(Node v) {
    Map<String, Located<String>> out = new LinkedHashMap<>();
    if (isNull(v)) {
      return out;
    }
    if (!(v instanceof MappingNode m)) {
      error("`variables` must be a mapping of names to values", v, "write `variables:` then `  NAME: value`");
      return out;
    }
    for (NodeTuple t : m.getValue()) {
      String key = scalarText(t.getKeyNode());
      if (key == null) {
        error("expected a variable name", t.getKeyNode());
        continue;
      }
      if (out.containsKey(key)) {
        error("duplicate variable `" + key + "`", t.getKeyNode());
        continue;
      }
      Node val = t.getValueNode();
      if (val instanceof ScalarNode s) {
        out.put(key, new Located<>(isNull(s) ? "" : s.getValue(), span(s)));
      } else {
        error("the value of variable `" + key + "` must be a string", val);
      }
    }
    return out;
  }

  private Located<String> scalar(Node v, String key) {
    if (v instanceof ScalarNode s && !isNull(s)) {
      return new Located<>(s.getValue(), span(s));
    }
    if (isNull(v)) {
      return null;
    }
    error("`" + key + "` must be a string", v);
    return null;
  }

  private List<Located<String>> scalarList(Node v, String key) {
    List<Located<String>> out = new ArrayList<>();
    if (isNull(v)) {
      return out;
    }
    if (!(v instanceof SequenceNode seq)) {
      error("`" + key + "` must be a list", v, "write one `- value` per line");
      return out;
    }
    for (Node item : seq.getValue()) {
      if (item instanceof ScalarNode s && !isNull(s)) {
        out.add(new Located<>(s.getValue().strip(), span(s)));
      } else {
        error("expected a string in `" + key + "`", item);
      }
    }
    return out;
  }

  private static boolean isNull(Node n) {
    return n instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
  }

  private static String scalarText(Node n) {
    return n instanceof ScalarNode s ? s.getValue() : null;
  }

  private void error(String message, Node at, String... hints) {
    errorAt(message, span(at), hints);
  }

  private void errorAt(String message, Span at, String... hints) {
    errors.add(Diagnostic.error(message, at, java.util.Arrays.stream(hints)
        .filter(h -> h != null && !h.isEmpty()).toArray(String[]::new)));
  }

  private Span span(Node n) {
    Optional<Mark> start = n.getStartMark();
    if (start.isEmpty()) {
      return null;
    }
    Mark s = start.get();
    int length = 1;
    Optional<Mark> end = n.getEndMark();
    if (end.isPresent() && end.get().getLine() == s.getLine()) {
      length = Math.max(1, end.get().getColumn() - s.getColumn());
    } else if (end.isPresent()) {
      length = Math.max(1, file.lineText(s.getLine() + 1).length() - s.getColumn());
    }
    return new Span(file, s.getLine() + 1, s.getColumn() + 1, length);
  }

  private Span spanAt(Mark m) {
    return new Span(file, m.getLine() + 1, m.getColumn() + 1, 1);
  }
}
