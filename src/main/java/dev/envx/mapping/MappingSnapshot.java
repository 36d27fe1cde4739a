package dev.envx.mapping;

import dev.envx.model.pep508.PyPiName;
import java.io.IOException;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The upstream tables embedded in the jar ({@code mappings/snapshot.tsv}, written by
 * {@code scripts/update-mappings}): one section per source, in a compact line format read back lazily.
 *
 * <pre>
 * envx-mapping-snapshot	1
 * source	&lt;id&gt;	conda|pypi	listing|inverted|forward
 * url	&lt;url&gt;
 * revision	&lt;commit or date&gt;
 * licence	&lt;licence&gt;
 * rows of the section
 * end	&lt;id&gt;	&lt;rows&gt;
 * </pre>
 *
 * A {@code conda} section (parselmouth: conda name to PyPI names) has one row per conda name, sorted:
 * {@code name} alone when the PyPI name is the PEP 503 form of the conda name, {@code name	-} when the package
 * holds no Python distribution, else {@code name	pypi[	pypi]*}. Then, sorted, {@code >pypi	[*]conda...} rows
 * give the PyPI-to-conda inversion for every PyPI name whose only carrier is not the conda package of exactly
 * that name ({@code *} marks a conda package that bundles several distributions); an inverted PyPI name without
 * such a row is carried by the same-named conda package alone (see {@link Scope}). A {@code pypi} section (grayskull's curated table, cf-scripts'
 * static table, cf-graph) has rows {@code pypi	conda	E|D	window}.
 *
 * <p>Decoding keeps the text and an index of the rows; a row becomes {@link Target}s only when looked up, so
 * loading costs one pass over the lines.
 */
public final class MappingSnapshot {
  static final String MAGIC = "envx-mapping-snapshot";
  static final int VERSION = 1;

  /** One embedded source as written in the snapshot. */
  public record Section(String id, boolean condaKeyed, Scope scope, String url, String revision, String licence,
      MappingLayer layer) {
    public Section {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(scope, "scope");
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(revision, "revision");
      Objects.requireNonNull(licence, "licence");
      Objects.requireNonNull(layer, "layer");
    }
  }

  /**
   * What a conda-keyed section is used for: {@code listing} lists a whole channel and is inverted for PyPI to
   * conda; {@code inverted} is inverted but partial; {@code forward} answers conda to PyPI only (tables of
   * other channels, bioconda and pytorch, whose packages are no conda-forge answer for a PyPI name).
   */
  public enum Scope { listing, inverted, forward }

  private MappingSnapshot() {}

  // ------------------------------------------------------------------------------------------ encode

  /** The snapshot text of the given sections (deterministic: rows sorted). */
  public static String encode(List<Section> sections) {
    StringBuilder s = new StringBuilder(1 << 20);
    s.append(MAGIC).append('\t').append(VERSION).append('\n');
    for (Section sec : sections) {
      s.append("source\t").append(sec.id()).append('\t').append(sec.condaKeyed() ? "conda" : "pypi").append('\t')
          .append(sec.scope().name()).append('\n');
      s.append("url\t").append(MappingDigest.esc(sec.url())).append('\n');
      s.append("revision\t").append(MappingDigest.esc(sec.revision())).append('\n');
      s.append("licence\t").append(MappingDigest.esc(sec.licence())).append('\n');
      int rows = sec.condaKeyed() ? condaRows(s, sec.layer(), sec.scope() != Scope.forward) : pypiRows(s, sec.layer());
      s.append("end\t").append(sec.id()).append('\t').append(rows).append('\n');
    }
    return s.toString();
  }

  private static int condaRows(StringBuilder s, MappingLayer layer, boolean inverted) {
    int rows = 0;
    for (Map.Entry<String, List<Target>> e : new TreeMap<>(layer.condaToPypi()).entrySet()) {
      String conda = e.getKey();
      List<Target> ts = e.getValue();
      s.append(field(conda));
      if (ts.isEmpty()) {
        s.append("\t-");
      } else if (!(ts.size() == 1 && PyPiName.isValid(conda) && ts.get(0).name().equals(PyPiName.normalize(conda)))) {
        ts.forEach(t -> s.append('\t').append(field(t.name())));
      }
      s.append('\n');
      rows++;
    }
    for (Map.Entry<String, List<Target>> e : new TreeMap<>(inverted ? layer.pypiToConda() : Map.<String, List<Target>>of()).entrySet()) {
      List<Target> ts = e.getValue();
      if (ts.size() == 1 && !ts.get(0).bundled() && ts.get(0).name().equals(e.getKey())) {
        continue; // carried by the same-named conda package only: implied by the conda rows
      }
      s.append('>').append(field(e.getKey()));
      ts.forEach(t -> s.append('\t').append(t.bundled() ? "*" : "").append(field(t.name())));
      s.append('\n');
      rows++;
    }
    return rows;
  }

  private static int pypiRows(StringBuilder s, MappingLayer layer) {
    int rows = 0;
    for (Map.Entry<String, List<Target>> e : new TreeMap<>(layer.pypiToConda()).entrySet()) {
      for (Target t : e.getValue()) {
        s.append(field(e.getKey())).append('\t').append(field(t.name())).append('\t')
            .append(t.basis() == Basis.EXPLICIT ? 'E' : 'D').append('\t').append(MappingDigest.esc(t.window().text()))
            .append('\n');
        rows++;
      }
    }
    return rows;
  }

  private static String field(String name) {
    if (name.isEmpty() || name.equals("-") || name.startsWith(">") || name.startsWith("*")
        || name.chars().anyMatch(c -> c == '\t' || c == '\n' || c == '\r' || c == '\\')) {
      throw new IllegalArgumentException("package name `" + name + "` cannot be written to the snapshot");
    }
    return name;
  }

  // ------------------------------------------------------------------------------------------ decode

  /** The layers of a snapshot text, in file order; throws {@link IOException} on any damage. */
  public static List<MappingLayer> decode(String text, String location) throws IOException {
    return decode(text, location, true);
  }

  /**
   * The layers of the snapshot shipped in the jar, without checking the order of its rows: a row is found by a
   * binary search over the text itself, so loading costs only a scan for the line ends (no key is copied) and
   * each lookup reads a few rows. The shipped file is checked in full by {@link #decode(String, String)} in
   * {@code MappingSnapshotTest}, and {@code scripts/update-mappings} checks what it writes the same way.
   */
  static List<MappingLayer> decodeShipped(String text, String location) throws IOException {
    return decode(text, location, false);
  }

  private static List<MappingLayer> decode(String text, String location, boolean checkOrder) throws IOException {
    try {
      return decodeSections(text, location, checkOrder);
    } catch (RuntimeException e) {
      throw new IOException("damaged mapping snapshot " + location + ": " + e.getMessage(), e);
    }
  }

  private static List<MappingLayer> decodeSections(String text, String location, boolean checkOrder)
      throws IOException {
    if (!text.startsWith(MAGIC + "\t")) {
      throw new IOException("not an envx mapping snapshot: " + location);
    }
    int nl = text.indexOf('\n');
    int version = Integer.parseInt(text.substring(MAGIC.length() + 1, nl));
    if (version != VERSION) {
      throw new IOException("mapping snapshot format " + version + " is not " + VERSION + " (" + location + ")");
    }
    List<MappingLayer> out = new ArrayList<>();
    int pos = nl + 1;
    while (pos < text.length()) {
      String[] head = line(text, pos).split("\t", -1);
      if (head.length != 4 || !head[0].equals("source")) {
        throw new IOException("expected a `source` line");
      }
      pos = next(text, pos);
      String url = value(text, pos, "url");
      pos = next(text, pos);
      String revision = value(text, pos, "revision");
      pos = next(text, pos);
      value(text, pos, "licence");
      pos = next(text, pos);
      int start = pos;
      String end = "end\t" + head[1] + "\t";
      pos = text.startsWith(end, pos) ? pos : text.indexOf("\n" + end, pos - 1) + 1;
      if (pos <= 0) {
        throw new IOException("section `" + head[1] + "` has no `end` line");
      }
      int rows = Integer.parseInt(line(text, pos).substring(end.length()));
      Provenance p = Provenance.of(Layer.SNAPSHOT, head[1], url + " @ " + revision);
      MappingLayer layer = head[2].equals("conda")
          ? condaSection(text, start, pos, rows, p, Scope.valueOf(head[3]), checkOrder)
          : pypiSection(text, start, pos, rows, p);
      out.add(layer);
      pos = next(text, pos);
    }
    return out;
  }

  private static String line(String text, int pos) throws IOException {
    int nl = text.indexOf('\n', pos);
    if (nl < 0) {
      throw new IOException("unterminated last line");
    }
    return text.substring(pos, nl);
  }

  private static int next(String text, int pos) throws IOException {
    int nl = text.indexOf('\n', pos);
    if (nl < 0) {
      throw new IOException("unterminated last line");
    }
    return nl + 1;
  }

  private static String value(String text, int pos, String key) throws IOException {
    String l = line(text, pos);
    if (!l.startsWith(key + "\t")) {
      throw new IOException("expected a `" + key + "` line");
    }
    return MappingDigest.unesc(l.substring(key.length() + 1));
  }

  private static MappingLayer condaSection(String text, int from, int to, int rows, Provenance p, Scope scope,
      boolean checkOrder) throws IOException {
    // conda rows first, then the `>` rows; each group sorted
    int split = text.startsWith(">", from) ? from : text.indexOf("\n>", from) + 1;
    if (split <= 0 || split > to) {
      split = to;
    }
    int condaRows = countRows(text, from, split, p);
    int pypiRows = countRows(text, split, to, p);
    if (condaRows + pypiRows != rows) {
      throw new IOException("section `" + p.source() + "`: " + (condaRows + pypiRows)
          + " rows, the `end` line says " + rows);
    }
    CondaSide conda = new CondaSide(text, from, split, condaRows);
    PypiSide pypiSide = new PypiSide(text, split, to, pypiRows, conda);
    if (checkOrder) {
      conda.checkOrder(p);
      pypiSide.checkOrder(p);
      for (int pos = split; pos < to; pos = next(text, pos)) {
        if (text.charAt(pos) != '>') {
          throw new IOException("section `" + p.source() + "`: rows out of order at `" + line(text, pos) + "`");
        }
      }
    }
    Map<String, List<Target>> pypi = scope == Scope.forward ? Map.of() : pypiSide;
    return new MappingLayer(p, pypi, conda, List.of(), Set.of(), scope == Scope.listing ? conda.keySet() : Set.of());
  }

  /** The rows between two line starts (an empty row is damage). */
  private static int countRows(String text, int from, int to, Provenance p) throws IOException {
    int n = 0;
    for (int pos = from; pos < to; n++) {
      int nl = text.indexOf('\n', pos);
      if (nl == pos || nl < 0) {
        throw new IOException("section `" + p.source() + "`: " + (nl < 0 ? "unterminated last line" : "empty row"));
      }
      pos = nl + 1;
    }
    return n;
  }

  private static MappingLayer pypiSection(String text, int from, int to, int rows, Provenance p) throws IOException {
    Map<String, List<Target>> p2c = new TreeMap<>();
    Map<String, List<Target>> c2p = new TreeMap<>();
    int n = 0;
    for (int pos = from; pos < to; pos = next(text, pos)) {
      String[] f = line(text, pos).split("\t", -1);
      if (f.length != 4 || !(f[2].equals("E") || f[2].equals("D"))) {
        throw new IOException("section `" + p.source() + "`: a row of " + f.length + " fields");
      }
      UpstreamFormat.add(p2c, c2p, f[0], f[1], f[2].equals("E") ? Basis.EXPLICIT : Basis.DERIVED,
          VersionWindow.parse(MappingDigest.unesc(f[3])));
      n++;
    }
    if (n != rows) {
      throw new IOException("section `" + p.source() + "`: " + n + " rows, the `end` line says " + rows);
    }
    return MappingLayer.of(p, p2c, c2p);
  }

  // ------------------------------------------------------------------------------------------ lazy tables

  /** Marks the snapshot's immutable, lazily decoded maps, which {@link MappingLayer} keeps without copying. */
  interface Frozen {}

  /**
   * A sorted, read-only map over rows of the snapshot text (the lines from {@code from} to {@code to}, each
   * starting with {@code prefix} then the key); a key is found by a binary search over the text, and a row
   * becomes {@link Target}s only when it is looked up. The keys are copied out only when the map is iterated.
   */
  private abstract static class RowMap extends AbstractMap<String, List<Target>> implements Frozen {
    final String text;
    final int from;
    final int to;
    final int count;
    final int prefix;
    private volatile String[] keys;

    RowMap(String text, int from, int to, int count, int prefix) {
      this.text = text;
      this.from = from;
      this.to = to;
      this.count = count;
      this.prefix = prefix;
    }

    /** The start of the row with this key, or -1. */
    int index(Object key) {
      if (!(key instanceof String s)) {
        return -1;
      }
      int lo = from;
      int hi = to; // rows start in [lo, hi)
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        int row = mid == from ? from : Math.max(lo, text.lastIndexOf('\n', mid - 1) + 1);
        int c = compareKey(row, s);
        if (c == 0) {
          return row;
        } else if (c > 0) {
          hi = row;
        } else {
          lo = text.indexOf('\n', row) + 1;
        }
      }
      return -1;
    }

    /** The row's key compared with {@code s} (as {@link String#compareTo}). */
    private int compareKey(int row, String s) {
      int k = row + prefix;
      int n = s.length();
      for (int i = 0; ; i++, k++) {
        char c = text.charAt(k);
        boolean keyEnded = c == '\t' || c == '\n';
        if (keyEnded || i == n) {
          return keyEnded ? (i == n ? 0 : -1) : 1;
        }
        if (c != s.charAt(i)) {
          return c - s.charAt(i);
        }
      }
    }

    String keyAt(int row) {
      int nl = text.indexOf('\n', row);
      int tab = text.indexOf('\t', row);
      return text.substring(row + prefix, tab < 0 || tab > nl ? nl : tab);
    }

    String[] keys() {
      String[] k = keys;
      if (k == null) {
        k = new String[count];
        int i = 0;
        for (int pos = from; pos < to; pos = text.indexOf('\n', pos) + 1) {
          k[i++] = keyAt(pos);
        }
        keys = k;
      }
      return k;
    }

    void checkOrder(Provenance p) throws IOException {
      String[] a = keys();
      for (int i = 1; i < a.length; i++) {
        if (a[i - 1].compareTo(a[i]) >= 0) {
          throw new IOException("section `" + p.source() + "`: rows out of order at `" + a[i] + "`");
        }
      }
    }

    /** The fields after the key of the row at {@code row} (an empty array for a key-only row). */
    String[] fields(int row) {
      int nl = text.indexOf('\n', row);
      int tab = text.indexOf('\t', row);
      if (tab < 0 || tab > nl) {
        return new String[0];
      }
      return text.substring(tab + 1, nl).split("\t", -1);
    }

    abstract List<Target> decode(String key, int row);

    @Override
    public List<Target> get(Object key) {
      int i = index(key);
      return i < 0 ? null : decode((String) key, i);
    }

    @Override
    public boolean containsKey(Object key) {
      return index(key) >= 0;
    }

    @Override
    public int size() {
      return count;
    }

    @Override
    public Set<Entry<String, List<Target>>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, List<Target>>> iterator() {
          return new Iterator<>() {
            int pos = from;

            @Override
            public boolean hasNext() {
              return pos < to;
            }

            @Override
            public Entry<String, List<Target>> next() {
              if (pos >= to) {
                throw new NoSuchElementException();
              }
              int row = pos;
              pos = text.indexOf('\n', pos) + 1;
              String key = keyAt(row);
              return Map.entry(key, decode(key, row));
            }
          };
        }

        @Override
        public int size() {
          return count;
        }
      };
    }

    @Override
    public Set<String> keySet() {
      return new Keys(this);
    }
  }

  /** The sorted key set of a row map: membership by binary search, the keys copied out only to iterate. */
  private static final class Keys extends AbstractSet<String> implements Frozen {
    private final RowMap map;

    Keys(RowMap map) {
      this.map = map;
    }

    @Override
    public boolean contains(Object o) {
      return map.index(o) >= 0;
    }

    @Override
    public Iterator<String> iterator() {
      return Arrays.asList(map.keys()).iterator();
    }

    @Override
    public int size() {
      return map.count;
    }
  }

  /** conda name to PyPI names. */
  private static final class CondaSide extends RowMap {
    CondaSide(String text, int from, int to, int count) {
      super(text, from, to, count, 0);
    }

    @Override
    List<Target> decode(String key, int row) {
      String[] f = fields(row);
      if (f.length == 0) {
        return List.of(Target.of(PyPiName.normalize(key), Basis.DERIVED));
      }
      if (f.length == 1 && f[0].equals("-")) {
        return List.of();
      }
      Target[] out = new Target[f.length];
      for (int k = 0; k < f.length; k++) {
        out[k] = Target.of(f[k], Basis.DERIVED);
      }
      return List.of(out);
    }

    boolean carriesItself(String name) {
      int i = index(name);
      return i >= 0 && fields(i).length == 0 && PyPiName.normalize(name).equals(name);
    }
  }

  /**
   * PyPI name to the conda packages carrying it: the explicit {@code >} rows, and every PyPI name carried
   * only by the conda package of the same spelling. The key set of the second kind needs a pass over the conda
   * rows; it is built only when the whole map is iterated.
   */
  private static final class PypiSide extends RowMap {
    private final CondaSide conda;
    private volatile Map<String, List<Target>> all;

    PypiSide(String text, int from, int to, int count, CondaSide conda) {
      super(text, from, to, count, 1);
      this.conda = conda;
    }

    @Override
    List<Target> decode(String key, int row) {
      String[] f = fields(row);
      Target[] out = new Target[f.length];
      for (int k = 0; k < f.length; k++) {
        boolean bundled = f[k].startsWith("*");
        out[k] = new Target(bundled ? f[k].substring(1) : f[k], Basis.DERIVED, VersionWindow.ANY, bundled, "");
      }
      return List.of(out);
    }

    @Override
    public List<Target> get(Object key) {
      int i = index(key);
      if (i >= 0) {
        return decode((String) key, i);
      }
      if (key instanceof String s && conda.carriesItself(s)) {
        return List.of(Target.of(s, Basis.DERIVED));
      }
      return null;
    }

    @Override
    public boolean containsKey(Object key) {
      return get(key) != null;
    }

    private Map<String, List<Target>> all() {
      Map<String, List<Target>> a = all;
      if (a == null) {
        TreeMap<String, List<Target>> m = new TreeMap<>();
        for (Map.Entry<String, List<Target>> e : super.entrySet()) {
          m.put(e.getKey(), e.getValue());
        }
        for (String c : conda.keys()) {
          if (!m.containsKey(c) && conda.carriesItself(c)) {
            m.put(c, List.of(Target.of(c, Basis.DERIVED)));
          }
        }
        a = java.util.Collections.unmodifiableMap(m);
        all = a;
      }
      return a;
    }

    @Override
    public int size() {
      return all().size();
    }

    @Override
    public Set<Entry<String, List<Target>>> entrySet() {
      return all().entrySet();
    }

    @Override
    public Set<String> keySet() {
      return all().keySet();
    }
  }
}
