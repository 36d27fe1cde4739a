package dev.envx.format.envyml;

import dev.envx.diag.Diagnostic;
import dev.envx.diag.EnvxException;
import dev.envx.diag.SourceFile;
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
  /** The last source line that belongs to a value or key already read (trivia lines come after it). */
  private int consumed;
  private final Map<String, Integer> indents = new LinkedHashMap<>();
  private final Set<String> flow = new HashSet<>();
  private final Set<String> nulls = new HashSet<>();
  private final Map<String, Trivia> keyTrivia = new LinkedHashMap<>();
  private final Map<String, String> spelling = new LinkedHashMap<>();

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
      Optional<Node> doc = YamlLimits.compose(file, dev.envx.io.InputLimits.DEFAULT);
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
    List<String> keys = new ArrayList<>();
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
      keys.add(key);
      keyTrivia.put(key, keyTrivia(t.getKeyNode(), v));
      listStyle(key, v);
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
      if (spelling.containsKey(FLOW_SPELLING + key)) { // its comment lines are in the verbatim text
        consumed = Math.max(consumed, endLine(v));
      }
    }
    if (!errors.isEmpty()) {
      throw new EnvxException(EnvxException.USAGE, errors.subList(0, Math.min(MAX_ERRORS, errors.size())));
    }
    EnvLayout layout = new EnvLayout(keys, indents, flow, nulls, keyTrivia, endLines(),
        file.text().isEmpty() || file.text().endsWith("\n"), List.of(), List.of(), spelling, Map.of());
    return new EnvironmentYml(name, prefix, channels, deps, variables, platforms, category, pipRepos, layout);
  }

  // ---- layout and trivia: what was written around the values ----

  /**
   * The key under which {@link EnvLayout#spelling()} keeps a flow list written over several lines, verbatim
   * from {@code [} to {@code ]} (its comments included): {@code flow.channels}.
   */
  public static final String FLOW_SPELLING = "flow.";

  /** Block, flow ({@code [a, b]}) or no value: how a top-level list (or the pip list, {@code "pip"}) is written. */
  private void listStyle(String key, Node v) {
    if (isNull(v)) {
      nulls.add(key);
    } else if (v instanceof SequenceNode seq && seq.getFlowStyle() == org.snakeyaml.engine.v2.common.FlowStyle.FLOW) {
      flow.add(key);
      if (!key.equals("pip") && endLine(seq) > line(seq) && seq.getStartMark().isPresent()
          && seq.getEndMark().isPresent()) {
        Mark a = seq.getStartMark().get();
        Mark b = seq.getEndMark().get();
        spelling.put(FLOW_SPELLING + key, file.text().substring(file.offsetOf(a.getLine() + 1, a.getColumn() + 1),
            file.offsetOf(b.getLine() + 1, b.getColumn() + 1)));
      }
    } else if (v instanceof SequenceNode seq && seq.getStartMark().isPresent()) {
      indents.put(key, seq.getStartMark().get().getColumn());
    } else if (v instanceof MappingNode m && m.getFlowStyle() != org.snakeyaml.engine.v2.common.FlowStyle.FLOW
        && !m.getValue().isEmpty()) {
      m.getValue().get(0).getKeyNode().getStartMark().ifPresent(mk -> indents.put(key, mk.getColumn()));
    }
  }

  /** The lines before a key (from the end of what was read before it) and the rest of its line. */
  private Trivia keyTrivia(Node keyNode, Node value) {
    int line = line(keyNode);
    List<String> before = gap(line, true);
    consumed = Math.max(consumed, line);
    String after;
    if (!isNull(value) && (value instanceof ScalarNode || isFlow(value)) && endLine(value) == line) {
      after = rest(line, value.getEndMark().get().getColumn());
      consumed = Math.max(consumed, endLine(value));
    } else {
      after = restAfterColon(line, keyNode);
    }
    return new Trivia(before, after);
  }

  /** The trivia of a list item starting on {@code line} whose value ends at {@code n}'s end. */
  private Trivia itemTrivia(int line, Node n, boolean selectorComment) {
    List<String> before = gap(line, false);
    int end = endLine(n);
    consumed = Math.max(consumed, end);
    String rest = n.getEndMark().map(m -> file.lineText(m.getLine() + 1).substring(
        Math.min(m.getColumn(), file.lineText(m.getLine() + 1).length()))).orElse("");
    if (selectorComment) {
      Matcher m = SELECTOR_COMMENT_AT.matcher(rest);
      if (m.lookingAt()) {
        rest = rest.substring(m.end());
      }
    }
    return new Trivia(before, trailing(rest));
  }

  private static final Pattern SELECTOR_COMMENT_AT = Pattern.compile("\\s*#\\s*\\[([^\\]]+)\\]");

  /** Blank and comment lines (also {@code ---}/{@code ...} before a key) between what was read and {@code line}. */
  private List<String> gap(int line, boolean markers) {
    List<String> out = new ArrayList<>();
    for (int k = line - 1; k > consumed; k--) {
      String t = file.lineText(k);
      String s = t.strip();
      if (s.isEmpty() || s.startsWith("#") || markers && (s.equals("---") || s.equals("..."))) {
        out.add(0, t);
      } else {
        break;
      }
    }
    return out;
  }

  private List<String> endLines() {
    List<String> out = new ArrayList<>();
    int last = file.lineCount();
    if (file.text().endsWith("\n")) {
      last--; // the empty "line" after the final newline
    }
    for (int k = consumed + 1; k <= last; k++) {
      String s = file.lineText(k).strip();
      if (s.isEmpty() || s.startsWith("#") || s.equals("---") || s.equals("...")) {
        out.add(file.lineText(k));
      }
    }
    return out;
  }

  private String rest(int line, int column0) {
    String t = file.lineText(line);
    return trailing(t.substring(Math.min(column0, t.length())));
  }

  /** The rest of a key's line after its {@code :}. */
  private String restAfterColon(int line, Node keyNode) {
    String t = file.lineText(line);
    int from = keyNode.getEndMark().map(Mark::getColumn).orElse(0);
    int colon = t.indexOf(':', Math.min(from, t.length()));
    return colon < 0 ? "" : trailing(t.substring(colon + 1));
  }

  /** Blanks and a comment, as written; {@code ""} when the rest holds anything else (a flow list's next item). */
  private static String trailing(String rest) {
    String s = rest.strip();
    return s.isEmpty() || s.startsWith("#") ? rest : "";
  }

  private static boolean isFlow(Node n) {
    return n instanceof SequenceNode s && s.getFlowStyle() == org.snakeyaml.engine.v2.common.FlowStyle.FLOW
        || n instanceof MappingNode m && m.getFlowStyle() == org.snakeyaml.engine.v2.common.FlowStyle.FLOW;
  }

  private static int line(Node n) {
    return n.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }

  private int endLine(Node n) {
    // a plain value's end mark is right after it; one at column 0 belongs to the line before
    return n.getEndMark().map(m -> m.getColumn() == 0 && m.getLine() > 0 ? m.getLine() : m.getLine() + 1)
        .orElse(line(n));
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
        out.add(condaDep(s, null, line(s)));
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
          keyTrivia.put(EnvLayout.PIP_ENTRY, keyTrivia(t.getKeyNode(), t.getValueNode()));
          listStyle("pip", t.getValueNode());
          out.add(pipSection(t.getValueNode(), span(item)));
        } else if (sel != null && sel.matches()) {
          if (t.getValueNode() instanceof ScalarNode s && !isNull(s)) {
            out.add(condaDep(s, new Selector(sel.group(1), Selector.Style.SEL), line(item)));
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
        Selector sel = selectorAfter(s);
        lines.add(new PipLine(s.getValue(), sel, span(s), itemTrivia(line(s), s, sel != null)));
      } else {
        error("expected a pip requirement line", item, "quote lines that contain `: ` or start with `{`");
      }
    }
    return new PipSection(lines, span);
  }

  private CondaDependency condaDep(ScalarNode s, Selector sel, int line) {
    Selector comment = selectorAfter(s);
    if (sel != null && comment != null) {
      error("both `sel(...)` and a `# [...]` selector on one entry", s, "keep one of the two");
    }
    String text = s.getValue().strip();
    if (text.isEmpty()) {
      error("empty dependency entry", s);
      text = "?";
    }
    return new CondaDependency(text, sel != null ? sel : comment, span(s), itemTrivia(line, s, comment != null));
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
        Trivia tr = new Trivia(gap(line(t.getKeyNode()), false), "");
        consumed = Math.max(consumed, line(t.getKeyNode()));
        tr = isNull(s) ? tr.withAfter(restAfterColon(line(t.getKeyNode()), t.getKeyNode()))
            : tr.withAfter(itemTrivia(line(s), s, false).after());
        out.put(key, new Located<>(isNull(s) ? "" : s.getValue(), span(s), tr));
        String quoted = quotedAsWritten(s);
        if (quoted != null && !quoted.equals(EnvYmlWriter.scalar(s.getValue()))) {
          spelling.put(VARIABLE_SPELLING + key, quoted);
        }
      } else {
        error("the value of variable `" + key + "` must be a string", val);
      }
    }
    return out;
  }

  /**
   * The key under which {@link EnvLayout#spelling()} keeps how a variable's value was quoted
   * ({@code variables.NAME} → {@code "My Value"}).
   */
  public static final String VARIABLE_SPELLING = "variables.";

  /** The values of a flow list's verbatim text ({@link #FLOW_SPELLING}), or null when it is not one. */
  static List<String> flowValues(String raw) {
    try {
      Optional<Node> doc = new Compose(LoadSettings.builder().build()).composeString("k: " + raw);
      if (doc.isPresent() && doc.get() instanceof MappingNode m && m.getValue().size() == 1
          && m.getValue().get(0).getValueNode() instanceof SequenceNode seq) {
        List<String> out = new ArrayList<>();
        for (Node n : seq.getValue()) {
          if (!(n instanceof ScalarNode sc)) {
            return null;
          }
          out.add(sc.getValue());
        }
        return out;
      }
    } catch (YamlEngineException e) {
      return null;
    }
    return null;
  }

  /** A quoted scalar exactly as written, when its quotes hold it without escapes; else null. */
  private static String quotedAsWritten(ScalarNode s) {
    String v = s.getValue();
    return switch (s.getScalarStyle()) {
      case DOUBLE_QUOTED -> v.chars().anyMatch(c -> c == '"' || c == '\\' || c < 0x20) ? null : "\"" + v + "\"";
      case SINGLE_QUOTED -> v.chars().anyMatch(c -> c == '\'' || c < 0x20) ? null : "'" + v + "'";
      default -> null;
    };
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
        out.add(new Located<>(s.getValue().strip(), span(s), itemTrivia(line(s), s, false)));
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
