package dev.envx.mapping;

import dev.envx.model.pep508.PyPiName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * Builds a {@link MappingLayer} from the envx table shape, used by the embedded default, the user file
 * and {@code [tool.envx.mapping]} alike (documented in {@code mappings/README.md}):
 *
 * <pre>
 * [pypi-to-conda]
 * torch = ["pytorch", "pytorch-cpu"]          # first is preferred
 * pyqt5 = { conda = "pyqt", versions = "&gt;=5,&lt;6", note = "..." }
 * some-wheel-only = []                        # no conda package
 * [conda-to-pypi]
 * pyqt = "pyqt5"
 * [conda-only]
 * names = ["python", "hdf5"]
 * patterns = ["^lib"]
 * exceptions = ["libcst"]
 * </pre>
 *
 * Every {@code pypi-to-conda} entry also implies the reverse ({@code pytorch -> torch}) unless
 * {@code conda-to-pypi} says otherwise. Plain {@code Map}/{@code List}/{@code String} values (what a TOML
 * reader returns) are accepted, so the pyproject reader can pass its table without this class parsing files.
 */
public final class MappingTables {
  /** The newest table format this version reads. */
  public static final int FORMAT = 1;

  private MappingTables() {}

  /**
   * Reads a table; {@code where} names it in messages (e.g. {@code tool.envx.mapping}). Throws
   * {@link IllegalArgumentException} with a lowercase message naming the offending key.
   */
  public static MappingLayer fromMap(Map<String, ?> table, Provenance provenance, String where) {
    Map<String, List<Target>> p2c = new TreeMap<>();
    Map<String, List<Target>> c2p = new TreeMap<>();
    List<Pattern> patterns = new ArrayList<>();
    TreeSet<String> exceptions = new TreeSet<>();
    for (Map.Entry<String, ?> e : table.entrySet()) {
      String key = e.getKey();
      Object v = plain(e.getValue());
      switch (key) {
        case "format" -> {
          if (!(v instanceof Number n) || n.longValue() < 1) {
            throw bad(where, key, "expected a positive integer");
          }
          if (n.longValue() > FORMAT) {
            throw bad(where, key, "format " + n + " is newer than this envx reads (" + FORMAT + "); upgrade envx");
          }
        }
        case "pypi-to-conda" -> {
          for (Map.Entry<String, Object> row : table(v, where, key).entrySet()) {
            String sub = key + "." + row.getKey();
            String pypi;
            try {
              pypi = PyPiName.of(row.getKey()).normalized();
            } catch (IllegalArgumentException ex) {
              throw bad(where, sub, "invalid PyPI name");
            }
            p2c.put(pypi, targets(row.getValue(), where, sub, "conda", false));
          }
        }
        case "conda-to-pypi" -> {
          for (Map.Entry<String, Object> row : table(v, where, key).entrySet()) {
            String sub = key + "." + row.getKey();
            c2p.put(condaName(row.getKey(), where, sub), targets(row.getValue(), where, sub, "pypi", true));
          }
        }
        case "conda-only" -> {
          if (v instanceof List<?>) {
            for (String n : strings(v, where, key)) {
              c2p.putIfAbsent(condaName(n, where, key), List.of());
            }
          } else {
            Map<String, Object> t = table(v, where, key);
            for (Map.Entry<String, Object> row : t.entrySet()) {
              String sub = key + "." + row.getKey();
              List<String> items = strings(row.getValue(), where, sub);
              switch (row.getKey()) {
                case "names" -> items.forEach(n -> c2p.putIfAbsent(condaName(n, where, sub), List.of()));
                case "patterns" -> {
                  for (String p : items) {
                    try {
                      patterns.add(Pattern.compile(p));
                    } catch (PatternSyntaxException ex) {
                      throw bad(where, sub, "invalid pattern `" + p + "`");
                    }
                  }
                }
                case "exceptions" -> items.forEach(n -> exceptions.add(condaName(n, where, sub)));
                default -> throw bad(where, sub, "unknown key; expected `names`, `patterns` or `exceptions`");
              }
            }
          }
        }
        default -> throw bad(where, key,
            "unknown key; expected `pypi-to-conda`, `conda-to-pypi`, `conda-only` or `format`");
      }
    }
    // the reverse of every pypi-to-conda entry, where conda-to-pypi does not say otherwise
    Map<String, List<String>> implied = new TreeMap<>();
    p2c.forEach((pypi, ts) -> ts.forEach(t -> implied.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(pypi)));
    implied.forEach((conda, pypis) -> {
      if (!c2p.containsKey(conda)) {
        String same = PyPiName.normalize(conda);
        pypis.sort((a, b) -> a.equals(same) ? -1 : b.equals(same) ? 1 : a.compareTo(b));
        String note = pypis.size() > 1 ? "several PyPI names list this conda package" : "";
        c2p.put(conda, pypis.stream().map(p -> new Target(p, Basis.EXPLICIT, VersionWindow.ANY, false, note)).toList());
      }
    });
    return new MappingLayer(provenance, p2c, c2p, patterns, exceptions, java.util.Set.of());
  }

  private static List<Target> targets(Object v, String where, String key, String field, boolean pypiSide) {
    VersionWindow window = VersionWindow.ANY;
    String note = "";
    Object names = v;
    if (v instanceof Map<?, ?>) {
      Map<String, Object> t = table(v, where, key);
      names = t.get(field);
      if (names == null) {
        throw bad(where, key, "missing `" + field + "`");
      }
      for (String k : t.keySet()) {
        if (!k.equals(field) && !k.equals("versions") && !k.equals("note")) {
          throw bad(where, key + "." + k, "unknown key; expected `" + field + "`, `versions` or `note`");
        }
      }
      if (t.get("versions") != null) {
        try {
          window = VersionWindow.parse(string(t.get("versions"), where, key + ".versions"));
        } catch (IllegalArgumentException ex) {
          throw bad(where, key + ".versions", ex.getMessage());
        }
      }
      if (t.get("note") != null) {
        note = string(t.get("note"), where, key + ".note");
      }
    }
    List<String> list = names instanceof String s ? List.of(s) : strings(names, where, key);
    List<Target> out = new ArrayList<>();
    for (String n : list) {
      String name;
      if (pypiSide) {
        if (!PyPiName.isValid(n)) {
          throw bad(where, key, "invalid PyPI name `" + n + "`");
        }
        name = PyPiName.normalize(n);
      } else {
        name = condaName(n, where, key);
      }
      out.add(new Target(name, Basis.EXPLICIT, window, false, note));
    }
    return out;
  }

  private static final Pattern CONDA_NAME = Pattern.compile("^[a-z0-9_][a-z0-9_.+-]*$");

  /** A conda package name: lowercase letters, digits, {@code _ . + -}. */
  public static String condaName(String raw, String where, String key) {
    String n = raw.strip().toLowerCase(Locale.ROOT);
    if (!CONDA_NAME.matcher(n).matches()) {
      throw bad(where, key, "invalid conda package name `" + raw + "`");
    }
    return n;
  }

  private static Map<String, Object> table(Object v, String where, String key) {
    if (!(v instanceof Map<?, ?> m)) {
      throw bad(where, key, "expected a table");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
    return out;
  }

  private static List<String> strings(Object v, String where, String key) {
    if (!(v instanceof List<?> l)) {
      throw bad(where, key, "expected a string or an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (Object o : l) {
      out.add(string(o, where, key));
    }
    return out;
  }

  private static String string(Object v, String where, String key) {
    if (!(v instanceof String s)) {
      throw bad(where, key, "expected a string");
    }
    return s;
  }

  private static Object plain(Object v) {
    if (v instanceof TomlTable t) {
      return t.toMap();
    }
    if (v instanceof TomlArray a) {
      return a.toList();
    }
    return v;
  }

  private static IllegalArgumentException bad(String where, String key, String message) {
    return new IllegalArgumentException("`" + (where.isEmpty() ? "" : where + ".") + key + "`: " + message);
  }
}
