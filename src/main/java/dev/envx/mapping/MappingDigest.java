package dev.envx.mapping;

import dev.envx.io.TabEscapes;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The pre-digested form of a cached upstream table: the {@link MappingLayer} it parses to, as tab-separated
 * lines read back with plain string splitting (no JSON/YAML parser on the way). Written at update time next
 * to the body and keyed by the body's SHA-256, so a digest that does not belong to the cached body is ignored.
 *
 * <pre>
 * envx-mapping-digest	1
 * sha256	&lt;hex&gt;
 * fetched	&lt;instant&gt;
 * url	&lt;url&gt;
 * label	&lt;label&gt;
 * size	&lt;bytes of the body&gt;
 * known	keys | list          (knownConda is the set of condaToPypi keys, or listed in k lines)
 * p	&lt;pypi&gt;[	&lt;name&gt;]*          (every target derived, any version, not bundled, no note)
 * P	&lt;pypi&gt;[	&lt;name&gt;	&lt;basis R|D|E&gt;	&lt;window&gt;	&lt;bundled 0|1&gt;	&lt;note&gt;]*
 * c	&lt;conda&gt;[	&lt;name&gt;]*  and  C	&lt;conda&gt;[	... five fields per target]*   (the same, the other way)
 * k	&lt;conda&gt;
 * x	&lt;pattern flags&gt;	&lt;pattern&gt;
 * e	&lt;pattern exception&gt;
 * end	&lt;p lines&gt;	&lt;c lines&gt;
 * </pre>
 *
 * Tabs, line breaks and backslashes inside fields are written as {@code \t}, {@code \n}, {@code \r}, {@code \\}.
 */
final class MappingDigest {
  static final String MAGIC = "envx-mapping-digest";
  static final int VERSION = 1;

  /** The header of a digest: what it was made from. */
  record Header(String sha256, long size, Instant fetched, String url, String label) {}

  private MappingDigest() {}

  static String encode(Header h, MappingLayer layer) {
    StringBuilder s = new StringBuilder(1 << 20);
    s.append(MAGIC).append('\t').append(VERSION).append('\n');
    s.append("sha256\t").append(esc(h.sha256())).append('\n');
    s.append("size\t").append(h.size()).append('\n');
    s.append("fetched\t").append(h.fetched()).append('\n');
    s.append("url\t").append(esc(h.url())).append('\n');
    s.append("label\t").append(esc(h.label())).append('\n');
    boolean keys = layer.knownConda().equals(layer.condaToPypi().keySet());
    s.append("known\t").append(keys ? "keys" : "list").append('\n');
    rows(s, 'p', layer.pypiToConda());
    rows(s, 'c', layer.condaToPypi());
    if (!keys) {
      new TreeSet<>(layer.knownConda()).forEach(k -> s.append("k\t").append(esc(k)).append('\n'));
    }
    for (Pattern p : layer.condaOnlyPatterns()) {
      s.append("x\t").append(p.flags()).append('\t').append(esc(p.pattern())).append('\n');
    }
    new TreeSet<>(layer.patternExceptions()).forEach(e -> s.append("e\t").append(esc(e)).append('\n'));
    s.append("end\t").append(layer.pypiToConda().size()).append('\t').append(layer.condaToPypi().size()).append('\n');
    return s.toString();
  }

  private static void rows(StringBuilder s, char kind, Map<String, List<Target>> m) {
    m.forEach((k, ts) -> {
      boolean plain = ts.stream().allMatch(t -> t.equals(Target.of(t.name(), Basis.DERIVED)));
      s.append(plain ? kind : Character.toUpperCase(kind)).append('\t').append(esc(k));
      for (Target t : ts) {
        if (plain) {
          s.append('\t').append(esc(t.name()));
          continue;
        }
        s.append('\t').append(esc(t.name())).append('\t').append(t.basis().name().charAt(0))
            .append('\t').append(esc(t.window().text())).append('\t').append(t.bundled() ? '1' : '0')
            .append('\t').append(esc(t.note()));
      }
      s.append('\n');
    });
  }

  /** Only the header, or empty when the text is not a digest of this format version. */
  static Optional<Header> header(String text) {
    if (!text.startsWith(MAGIC + "\t" + VERSION + "\n")) {
      return Optional.empty();
    }
    Map<String, String> h = new HashMap<>();
    int pos = text.indexOf('\n') + 1;
    while (pos < text.length() && h.size() < 6) {
      int nl = text.indexOf('\n', pos);
      if (nl < 0) {
        return Optional.empty();
      }
      int tab = text.indexOf('\t', pos);
      if (tab < 0 || tab > nl) {
        return Optional.empty();
      }
      h.put(text.substring(pos, tab), unesc(text.substring(tab + 1, nl)));
      pos = nl + 1;
    }
    try {
      return Optional.of(new Header(req(h, "sha256"), Long.parseLong(req(h, "size")), Instant.parse(req(h, "fetched")), req(h, "url"),
          req(h, "label")));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String req(Map<String, String> h, String key) {
    String v = h.get(key);
    if (v == null) {
      throw new IllegalArgumentException("missing `" + key + "`");
    }
    return v;
  }

  /** The layer of a digest, with the given provenance; throws {@link IOException} on any damage. */
  static MappingLayer decode(String text, Provenance provenance) throws IOException {
    try {
      return decodeLines(text, provenance);
    } catch (RuntimeException e) {
      throw new IOException("damaged mapping digest: " + e.getMessage(), e);
    }
  }

  private static MappingLayer decodeLines(String text, Provenance provenance) throws IOException {
    Map<String, List<Target>> p2c = new TreeMap<>(); // MappingLayer copies a sorted map in linear time
    Map<String, List<Target>> c2p = new TreeMap<>();
    Set<String> known = new HashSet<>();
    List<Pattern> patterns = new ArrayList<>();
    Set<String> exceptions = new TreeSet<>();
    Map<String, VersionWindow> windows = new HashMap<>();
    windows.put("", VersionWindow.ANY);
    Map<String, String> header = new HashMap<>();
    boolean ended = false;
    List<String> f = new ArrayList<>();
    int pos = text.indexOf('\n') + 1;
    while (pos < text.length()) {
      int nl = text.indexOf('\n', pos);
      if (nl < 0) {
        throw new IOException("damaged mapping digest: unterminated last line");
      }
      if (ended) {
        throw new IOException("damaged mapping digest: lines after `end`");
      }
      split(text, pos, nl, f);
      pos = nl + 1;
      String kind = f.get(0);
      switch (kind) {
        case "p" -> p2c.put(unesc(f.get(1)), derived(f));
        case "c" -> c2p.put(unesc(f.get(1)), derived(f));
        case "P" -> p2c.put(unesc(f.get(1)), targets(f, windows));
        case "C" -> c2p.put(unesc(f.get(1)), targets(f, windows));
        case "k" -> known.add(unesc(f.get(1)));
        case "x" -> patterns.add(Pattern.compile(unesc(f.get(2)), Integer.parseInt(f.get(1))));
        case "e" -> exceptions.add(unesc(f.get(1)));
        case "end" -> {
          if (Integer.parseInt(f.get(1)) != p2c.size() || Integer.parseInt(f.get(2)) != c2p.size()) {
            throw new IOException("damaged mapping digest: row counts differ");
          }
          ended = true;
        }
        default -> {
          if (f.size() != 2) {
            throw new IOException("damaged mapping digest: unexpected line `" + kind + "`");
          }
          header.put(kind, f.get(1));
        }
      }
    }
    if (!ended) {
      throw new IOException("damaged mapping digest: no `end` line");
    }
    String k = header.get("known");
    if ("keys".equals(k)) {
      known.addAll(c2p.keySet());
    } else if (!"list".equals(k)) {
      throw new IOException("damaged mapping digest: no `known` line");
    }
    return new MappingLayer(provenance, p2c, c2p, patterns, exceptions, known);
  }

  private static List<Target> derived(List<String> f) {
    Target[] out = new Target[f.size() - 2];
    for (int i = 2; i < f.size(); i++) {
      out[i - 2] = new Target(unesc(f.get(i)), Basis.DERIVED, VersionWindow.ANY, false, "");
    }
    return List.of(out);
  }

  private static List<Target> targets(List<String> f, Map<String, VersionWindow> windows) throws IOException {
    if ((f.size() - 2) % 5 != 0) {
      throw new IOException("damaged mapping digest: a row of " + f.size() + " fields");
    }
    List<Target> out = new ArrayList<>((f.size() - 2) / 5);
    for (int i = 2; i < f.size(); i += 5) {
      String w = unesc(f.get(i + 2));
      VersionWindow window = windows.computeIfAbsent(w, VersionWindow::parse);
      out.add(new Target(unesc(f.get(i)), basis(f.get(i + 1)), window, bundled(f.get(i + 3)), unesc(f.get(i + 4))));
    }
    return out;
  }

  private static Basis basis(String s) throws IOException {
    return switch (s) {
      case "D" -> Basis.DERIVED;
      case "E" -> Basis.EXPLICIT;
      case "R" -> Basis.RULE;
      default -> throw new IOException("damaged mapping digest: basis `" + s + "`");
    };
  }

  private static boolean bundled(String s) throws IOException {
    return switch (s) {
      case "0" -> false;
      case "1" -> true;
      default -> throw new IOException("damaged mapping digest: bundled `" + s + "`");
    };
  }

  private static void split(String text, int from, int to, List<String> out) {
    out.clear();
    int start = from;
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == '\t') {
        out.add(text.substring(start, i));
        start = i + 1;
      }
    }
    out.add(text.substring(start, to));
  }

  static String esc(String s) {
    return TabEscapes.escape(s);
  }

  static String unesc(String s) {
    return TabEscapes.unescape(s);
  }
}
