package dev.envx.format.lock;

import dev.envx.diag.Diagnostic;
import dev.envx.diag.EnvxException;
import dev.envx.diag.SourceFile;
import dev.envx.diag.Span;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * A YAML lockfile composed by snakeyaml-engine, with typed accessors that fail with the node's
 * {@code file:line:col} (exit 2). Readers of the YAML formats share it.
 */
final class YamlTree {
  final SourceFile file;
  private final String formatName;

  private YamlTree(SourceFile file, String formatName) {
    this.file = file;
    this.formatName = formatName;
  }

  /** Composes the text; the root must be a mapping. */
  static YamlTree.Root parse(String text, String name, String formatName) {
    YamlTree t = new YamlTree(SourceFile.of(name, text), formatName);
    Node root;
    try {
      LoadSettings settings = LoadSettings.builder().setLabel(name).setAllowDuplicateKeys(false)
          .setCodePointLimit(Integer.MAX_VALUE).build();
      Optional<Node> doc = new Compose(settings).composeString(text);
      if (doc.isEmpty()) {
        throw EnvxException.input("the " + formatName + " is empty", new Span(t.file, 1, 1, 0));
      }
      root = doc.get();
    } catch (MarkedYamlEngineException e) {
      Span span = e.getProblemMark().map(t::spanAt).orElseGet(() -> t.unprintableOrStart(text));
      throw EnvxException.input("invalid YAML: " + e.getProblem(), span,
          "the file may be truncated or edited by hand; check the indentation and quoting around this place");
    } catch (YamlEngineException e) {
      // the reader's character checks carry no mark: point at the first character YAML does not allow
      throw EnvxException.input("invalid YAML: " + Diagnostic.lowerFirst(e.getMessage(), "unreadable text"),
          t.unprintableOrStart(text), "YAML allows tabs, line breaks and printable Unicode only");
    }
    return new Root(t, t.map(root, "the " + formatName));
  }

  record Root(YamlTree tree, MappingNode node) {}

  /** The first character YAML 1.2 does not allow (a control character, a lone surrogate), else the start. */
  Span unprintableOrStart(String text) {
    int line = 1;
    int col = 1;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      boolean ok = cp == 0x9 || cp == 0xA || cp == 0xD || cp >= 0x20 && cp <= 0x7E || cp == 0x85
          || cp >= 0xA0 && cp <= 0xD7FF || cp >= 0xE000 && cp <= 0xFFFD && cp != 0xFEFF || cp >= 0x10000;
      if (!ok && !(cp == 0xFEFF && i == 0)) {
        return new Span(file, line, col, 1);
      }
      if (cp == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
      i += Character.charCount(cp);
    }
    return new Span(file, 1, 1, 0);
  }

  Span spanAt(Mark m) {
    return new Span(file, m.getLine() + 1, m.getColumn() + 1, 1);
  }

  Span span(Node n) {
    if (n == null || n.getStartMark().isEmpty()) {
      return null;
    }
    Mark s = n.getStartMark().get();
    int len = n.getEndMark().map(e -> e.getLine() == s.getLine() ? Math.max(1, e.getColumn() - s.getColumn()) : 1)
        .orElse(1);
    return new Span(file, s.getLine() + 1, s.getColumn() + 1, len);
  }

  EnvxException error(String message, Node at, String... hints) {
    return EnvxException.input(message, span(at), hints);
  }

  MappingNode map(Node n, String what) {
    if (n instanceof MappingNode m) {
      return m;
    }
    throw error("expected a mapping for " + what + ", found " + describe(n), n);
  }

  List<Node> list(Node n, String what) {
    if (n instanceof SequenceNode s) {
      return s.getValue();
    }
    if (isNull(n)) {
      return List.of();
    }
    throw error("expected a list for " + what + ", found " + describe(n), n);
  }

  /** The entries of a mapping by key, in order; keys must be scalars. */
  Map<String, NodeTuple> entries(MappingNode m) {
    Map<String, NodeTuple> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        throw error("expected a plain key", t.getKeyNode());
      }
      if (out.put(k.getValue(), t) != null) {
        throw error("duplicate key `" + k.getValue() + "`", k, "remove one of the two entries");
      }
    }
    return out;
  }

  Node get(MappingNode m, String key) {
    for (NodeTuple t : m.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
        return t.getValueNode();
      }
    }
    return null;
  }

  Node require(MappingNode m, String key, String what) {
    Node n = get(m, key);
    if (n == null) {
      throw error(what + " has no `" + key + "`", m, "a " + formatName + " entry needs `" + key + ":`");
    }
    return n;
  }

  static boolean isNull(Node n) {
    return n == null || (n instanceof ScalarNode s && s.getTag().equals(Tag.NULL));
  }

  /** A scalar's text (any plain scalar: {@code version: 0.1} is the string {@code 0.1}). */
  String str(Node n, String what) {
    if (n instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
      return s.getValue();
    }
    throw error("expected a string for " + what + ", found " + describe(n), n);
  }

  String strOrNull(Node n, String what) {
    return isNull(n) ? null : str(n, what);
  }

  long integer(Node n, String what) {
    if (n instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
      try {
        return Long.parseLong(s.getValue().replace("_", ""));
      } catch (NumberFormatException e) {
        // fall through to the error
      }
    }
    throw error("expected an integer for " + what + ", found " + describe(n), n);
  }

  boolean bool(Node n, String what) {
    if (n instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
      return s.getValue().equalsIgnoreCase("true");
    }
    throw error("expected `true` or `false` for " + what + ", found " + describe(n), n);
  }

  List<String> strings(Node n, String what) {
    List<String> out = new ArrayList<>();
    for (Node x : list(n, what)) {
      out.add(str(x, "an item of " + what));
    }
    return out;
  }

  /** A channel list ({@code - url: …} mappings or plain strings), credentials replaced by references. */
  List<String> channels(Node n, String what, Warnings w) {
    List<String> out = new ArrayList<>();
    for (Node c : list(n, what)) {
      String url = c instanceof MappingNode cm ? str(require(cm, "url", "a channel"), "a channel's `url`")
          : str(c, "a channel");
      out.add(Urls.sourceUrl(url, w));
    }
    return out;
  }

  /** A node as a raw value ({@link Raw}), scalars typed by YAML's core schema. */
  Object raw(Node n) {
    if (n instanceof ScalarNode s) {
      Tag tag = s.getTag();
      String v = s.getValue();
      if (tag.equals(Tag.NULL)) {
        return Raw.NULL;
      }
      if (tag.equals(Tag.BOOL)) {
        return v.equalsIgnoreCase("true");
      }
      if (tag.equals(Tag.INT)) {
        try {
          return Long.parseLong(v);
        } catch (NumberFormatException e) {
          try {
            return new BigInteger(v);
          } catch (NumberFormatException e2) {
            return v;
          }
        }
      }
      if (tag.equals(Tag.FLOAT)) {
        try {
          return Double.parseDouble(v);
        } catch (NumberFormatException e) {
          return v;
        }
      }
      return v;
    }
    if (n instanceof SequenceNode q) {
      List<Object> out = new ArrayList<>();
      for (Node x : q.getValue()) {
        out.add(raw(x));
      }
      return out;
    }
    MappingNode m = map(n, "a value");
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, NodeTuple> e : entries(m).entrySet()) {
      out.put(e.getKey(), raw(e.getValue().getValueNode()));
    }
    return out;
  }

  static String describe(Node n) {
    if (n == null) {
      return "nothing";
    }
    if (n instanceof MappingNode) {
      return "a mapping";
    }
    if (n instanceof SequenceNode) {
      return "a list";
    }
    ScalarNode s = (ScalarNode) n;
    if (s.getTag().equals(Tag.NULL)) {
      return "null";
    }
    String v = s.getValue();
    return "`" + (v.length() > 40 ? v.substring(0, 40) + "…" : v) + "`";
  }

  /** Fails for an unsupported format version, naming it and the newest envx knows. */
  EnvxException newerVersion(Node at, String found, String newest, String hint) {
    return error("this " + formatName + " has version " + found + ", newer than envx knows (newest: " + newest
        + ")", at, hint);
  }
}
