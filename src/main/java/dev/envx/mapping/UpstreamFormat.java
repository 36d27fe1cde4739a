package dev.envx.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.envx.model.pep508.PyPiName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The upstream table formats, recognised by shape (JSON or YAML):
 *
 * <ul>
 *   <li>{@link #PARSELMOUTH}: {@code {"<conda>": "<pypi>" | null}}, prefix.dev's conda-to-PyPI table read
 *       from the {@code *.dist-info} inside every conda-forge artifact (also pixi's custom mapping files);
 *   <li>{@link #PARSELMOUTH_V0}: {@code {"<conda>": ["<pypi>", ...] | null}}, every dist found in a package;
 *   <li>{@link #GRAYSKULL}: {@code {"<pypi>": {"conda_name": ..., "mapping_source": ...}}}, the
 *       cf-graph-countyfair {@code grayskull_pypi_mapping} table (also conda-lock's lookup files);
 *   <li>{@link #GRAYSKULL_STRATEGY}: {@code {"<pypi>": {"conda_forge": ..., "import_name": ...}}}, grayskull's
 *       curated {@code strategy/config.yaml};
 *   <li>{@link #CF_SCRIPTS}: {@code [{pypi_name, conda_name, delimiter_min?, delimiter_max?}]}, the conda-forge
 *       bot's hand-written overrides with version windows.
 * </ul>
 *
 * Conda-keyed tables are {@link Basis#DERIVED} and are inverted for the PyPI-to-conda direction; PyPI-keyed
 * tables are {@link Basis#EXPLICIT} except rows whose {@code mapping_source} is {@code regro-bot}.
 */
public enum UpstreamFormat {
  PARSELMOUTH, PARSELMOUTH_V0, GRAYSKULL, GRAYSKULL_STRATEGY, CF_SCRIPTS;

  /** A conda-keyed table with at least this many rows, some null, is taken as a listing of a whole channel. */
  static final int CHANNEL_LISTING = 1000;

  /** Jackson's mappers, made on first parse: {@link #add} also serves the embedded snapshot at start-up. */
  private static final class Mappers {
    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  }

  /** A parsed table and the format it was recognised as. */
  public record Parsed(UpstreamFormat format, MappingLayer layer, int rows) {}

  /** Parses and checks a table; throws {@link IOException} when the body is not a whole table. */
  public static Parsed parse(byte[] body, Provenance provenance) throws IOException {
    JsonNode root = read(body);
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new IOException("empty mapping table");
    }
    if (root.isArray()) {
      return cfScripts(root, provenance);
    }
    if (!root.isObject()) {
      throw new IOException("unrecognised mapping table: expected an object or a list at the top");
    }
    if (root.isEmpty()) {
      return new Parsed(GRAYSKULL, MappingLayer.of(provenance, Map.of(), Map.of()), 0);
    }
    JsonNode sample = null;
    for (JsonNode v : root) {
      if (!v.isNull()) {
        sample = v;
        break;
      }
    }
    if (sample == null || sample.isTextual() || sample.isArray()) {
      return condaKeyed(root, provenance, sample != null && sample.isArray());
    }
    if (sample.isObject() && sample.has("conda_name")) {
      return pypiKeyed(root, provenance, GRAYSKULL, "conda_name");
    }
    if (sample.isObject() && sample.has("conda_forge")) {
      return pypiKeyed(root, provenance, GRAYSKULL_STRATEGY, "conda_forge");
    }
    throw new IOException("unrecognised mapping table: values are neither names nor `conda_name` rows");
  }

  private static JsonNode read(byte[] body) throws IOException {
    int i = 0;
    while (i < body.length && Character.isWhitespace(body[i])) {
      i++;
    }
    boolean json = i < body.length && (body[i] == '{' || body[i] == '[');
    try {
      return (json ? Mappers.JSON : Mappers.YAML).readTree(body);
    } catch (JsonProcessingException e) {
      throw new IOException("not a complete " + (json ? "JSON" : "YAML") + " document: "
          + e.getOriginalMessage(), e);
    }
  }

  private static Parsed condaKeyed(JsonNode root, Provenance provenance, boolean lists) throws IOException {
    Map<String, List<Target>> c2p = new TreeMap<>();
    Map<String, List<Target>> p2c = new TreeMap<>();
    Set<String> known = new TreeSet<>();
    boolean anyNull = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String conda = e.getKey().toLowerCase(java.util.Locale.ROOT);
      JsonNode v = e.getValue();
      known.add(conda);
      List<String> pypis = new ArrayList<>();
      if (v.isNull()) {
        anyNull = true;
      } else if (v.isTextual()) {
        pypis.add(v.asText());
      } else if (v.isArray()) {
        for (JsonNode x : v) {
          if (!x.isTextual()) {
            throw new IOException("`" + conda + "`: expected PyPI names");
          }
          pypis.add(x.asText());
        }
      } else {
        throw new IOException("`" + conda + "`: expected a PyPI name, a list or null");
      }
      List<Target> targets = new ArrayList<>();
      boolean bundled = pypis.size() > 1;
      for (String p : pypis) {
        if (!PyPiName.isValid(p)) {
          continue;
        }
        String n = PyPiName.normalize(p);
        if (targets.stream().noneMatch(t -> t.name().equals(n))) {
          targets.add(Target.of(n, Basis.DERIVED));
          p2c.computeIfAbsent(n, k -> new ArrayList<>())
              .add(new Target(conda, Basis.DERIVED, VersionWindow.ANY, bundled, ""));
        }
      }
      c2p.put(conda, targets);
    }
    Set<String> listing = anyNull && known.size() >= CHANNEL_LISTING ? known : Set.of();
    return new Parsed(lists ? PARSELMOUTH_V0 : PARSELMOUTH,
        new MappingLayer(provenance, p2c, c2p, List.of(), Set.of(), listing), known.size());
  }

  private static Parsed pypiKeyed(JsonNode root, Provenance provenance, UpstreamFormat format, String field)
      throws IOException {
    Map<String, List<Target>> p2c = new TreeMap<>();
    Map<String, List<Target>> c2p = new TreeMap<>();
    int rows = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode row = e.getValue();
      String pypi = row.hasNonNull("pypi_name") ? row.get("pypi_name").asText() : e.getKey();
      JsonNode conda = row.get(field);
      if (conda == null || !conda.isTextual()) {
        throw new IOException("`" + e.getKey() + "`: missing `" + field + "`");
      }
      Basis basis = "regro-bot".equals(row.path("mapping_source").asText()) ? Basis.DERIVED : Basis.EXPLICIT;
      add(p2c, c2p, pypi, conda.asText(), basis, VersionWindow.ANY);
      rows++;
    }
    return new Parsed(format, MappingLayer.of(provenance, p2c, c2p), rows);
  }

  private static Parsed cfScripts(JsonNode root, Provenance provenance) throws IOException {
    Map<String, List<Target>> p2c = new TreeMap<>();
    Map<String, List<Target>> c2p = new TreeMap<>();
    int rows = 0;
    for (JsonNode row : root) {
      if (!row.hasNonNull("pypi_name") || !row.hasNonNull("conda_name")) {
        throw new IOException("row " + (rows + 1) + ": expected `pypi_name` and `conda_name`");
      }
      String min = row.path("delimiter_min").asText("");
      String max = row.path("delimiter_max").asText("");
      String w = (min.isEmpty() ? "" : ">=" + min) + (!min.isEmpty() && !max.isEmpty() ? "," : "")
          + (max.isEmpty() ? "" : "<" + max);
      add(p2c, c2p, row.get("pypi_name").asText(), row.get("conda_name").asText(), Basis.EXPLICIT,
          VersionWindow.parse(w));
      rows++;
    }
    return new Parsed(CF_SCRIPTS, MappingLayer.of(provenance, p2c, c2p), rows);
  }

  static void add(Map<String, List<Target>> p2c, Map<String, List<Target>> c2p, String pypiRaw,
      String condaRaw, Basis basis, VersionWindow window) throws IOException {
    if (!PyPiName.isValid(pypiRaw)) {
      throw new IOException("invalid PyPI name `" + pypiRaw + "`");
    }
    String pypi = PyPiName.normalize(pypiRaw);
    String conda = condaRaw.strip().toLowerCase(java.util.Locale.ROOT);
    List<Target> ts = p2c.computeIfAbsent(pypi, k -> new ArrayList<>());
    if (ts.stream().noneMatch(t -> t.name().equals(conda) && t.window().equals(window))) {
      ts.add(new Target(conda, basis, window, false, ""));
    }
    List<Target> back = c2p.computeIfAbsent(conda, k -> new ArrayList<>());
    if (back.stream().noneMatch(t -> t.name().equals(pypi))) {
      back.add(Target.of(pypi, Basis.DERIVED));
    }
  }
}
