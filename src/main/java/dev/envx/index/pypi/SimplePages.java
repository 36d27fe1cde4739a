package dev.envx.index.pypi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envx.diag.ParseError;
import dev.envx.index.pypi.PypiIndexException.Kind;
import dev.envx.model.pep440.SpecifierSet;
import dev.envx.model.pep508.PyPiName;
import dev.envx.model.wheel.DistributionFilename;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads simple-index pages: PEP 691 JSON ({@code application/vnd.pypi.simple.v1+json}) and PEP 503 HTML
 * (anchors with {@code #hash=} fragments, {@code data-requires-python}, {@code data-yanked},
 * {@code data-core-metadata} / {@code data-dist-info-metadata}). A page that is neither, or whose api
 * version is a newer major, is a {@link Kind#NOT_AN_INDEX} error naming the URL.
 */
public final class SimplePages {
  public static final String JSON_V1 = "application/vnd.pypi.simple.v1+json";

  /** pip's and uv's preference: JSON, then HTML. */
  public static final String ACCEPT =
      JSON_V1 + ", application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>", Pattern.DOTALL);
  private static final Pattern ATTR = Pattern.compile(
      "([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'=<>`]+)))?");
  private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);");
  private static final Pattern HASH = Pattern.compile("([a-zA-Z0-9]+)=([0-9a-fA-F]+)");

  private SimplePages() {}

  /** The format of a response, from its media type (sniffed when there is none). */
  enum Format { JSON, HTML }

  static Format format(Fetcher.Response r, String shown) {
    String mt = r.mediaType();
    if (mt.equals(JSON_V1) || mt.equals("application/vnd.pypi.simple.latest+json")
        || mt.equals("application/json")) {
      return Format.JSON;
    }
    if (mt.equals("text/html") || mt.equals("application/vnd.pypi.simple.v1+html")
        || mt.equals("application/vnd.pypi.simple.latest+html") || mt.equals("application/xhtml+xml")) {
      return Format.HTML;
    }
    if (mt.isEmpty()) {
      String head = new String(r.body(), 0, Math.min(r.body().length, 64), StandardCharsets.UTF_8).strip();
      return head.startsWith("{") ? Format.JSON : Format.HTML;
    }
    throw notAnIndex(shown, "it answered with content type `" + mt + "`");
  }

  /** The project names of an index's root page. */
  public static List<String> projectList(Fetcher.Response r, String shown) {
    if (format(r, shown) == Format.JSON) {
      JsonNode root = json(r, shown);
      JsonNode projects = root.get("projects");
      if (projects == null || !projects.isArray()) {
        throw notAnIndex(shown, "its JSON has no `projects` list");
      }
      List<String> out = new ArrayList<>();
      for (JsonNode p : projects) {
        if (p.hasNonNull("name")) {
          out.add(p.get("name").asText());
        }
      }
      return out;
    }
    Html page = Html.parse(new String(r.body(), StandardCharsets.UTF_8));
    checkApiVersion(page.meta.getOrDefault("pypi:repository-version", "1.0"), shown);
    List<String> out = new ArrayList<>();
    for (Anchor a : page.anchors) {
      if (isProjectLink(a)) {
        out.add(a.text.strip());
      }
    }
    if (out.isEmpty() && !(page.anchors.isEmpty() && page.looksLikeIndex())) {
      throw notAnIndex(shown, page.anchors.isEmpty() ? "its HTML has no links to projects"
          : "none of its " + page.anchors.size() + (page.anchors.size() == 1 ? " link is" : " links is")
              + " a project page (PEP 503: `<a href=\"NAME/\">NAME</a>`)");
    }
    return out;
  }

  /** A project page; file URLs are resolved against {@code base} (the page URL without credentials). */
  public static ProjectPage projectPage(PyPiName project, Fetcher.Response r, URI base, String shown) {
    return format(r, shown) == Format.JSON ? jsonPage(project, r, base, shown) : htmlPage(project, r, base, shown);
  }

  private static ProjectPage jsonPage(PyPiName project, Fetcher.Response r, URI base, String shown) {
    JsonNode root = json(r, shown);
    JsonNode files = root.get("files");
    if (files == null || !files.isArray()) {
      throw notAnIndex(shown, "its JSON has no `files` list");
    }
    String api = apiVersion(root, shown);
    List<DistributionFile> out = new ArrayList<>();
    for (JsonNode f : files) {
      String filename = text(f, "filename");
      String url = text(f, "url");
      if (filename == null || url == null) {
        throw malformed(shown, "a file entry has no `filename` or `url`");
      }
      Map<String, String> hashes = new LinkedHashMap<>();
      JsonNode h = f.get("hashes");
      if (h != null && h.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          hashes.put(e.getKey(), e.getValue().asText());
        }
      }
      JsonNode y = f.get("yanked");
      String yanked = y == null || y.isNull() || y.isBoolean() && !y.asBoolean() ? null
          : y.isTextual() ? y.asText() : "";
      JsonNode cm = f.has("core-metadata") ? f.get("core-metadata") : f.get("dist-info-metadata");
      Map<String, String> meta = null;
      if (cm != null && cm.isObject()) {
        meta = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = cm.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          meta.put(e.getKey(), e.getValue().asText());
        }
      } else if (cm != null && cm.isBoolean() && cm.asBoolean()) {
        meta = Map.of();
      }
      long size = f.hasNonNull("size") && f.get("size").canConvertToLong() ? f.get("size").asLong() : -1;
      out.add(file(project, filename, resolve(base, url, shown), hashes, text(f, "requires-python"), yanked,
          meta, size));
    }
    return new ProjectPage(project, shown, api, out);
  }

  private static ProjectPage htmlPage(PyPiName project, Fetcher.Response r, URI base, String shown) {
    Html page = Html.parse(new String(r.body(), StandardCharsets.UTF_8));
    String api = page.meta.getOrDefault("pypi:repository-version", "1.0");
    checkApiVersion(api, shown);
    URI pageBase = page.base == null ? base : resolve(base, page.base, shown);
    List<DistributionFile> out = new ArrayList<>();
    int distributions = 0;
    for (Anchor a : page.anchors) {
      String href = a.attrs.get("href");
      if (href == null) {
        continue;
      }
      URI u = resolve(pageBase, href, shown);
      String fragment = u.getRawFragment();
      Map<String, String> hashes = new LinkedHashMap<>();
      if (fragment != null) {
        Matcher m = HASH.matcher(fragment);
        if (m.matches()) {
          hashes.put(m.group(1), m.group(2));
        }
      }
      String path = u.getRawPath() == null ? "" : u.getRawPath();
      String filename = java.net.URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1).replace("+", "%2B"),
          StandardCharsets.UTF_8);
      if (filename.isEmpty()) {
        filename = a.text.strip();
      }
      String cm = a.attrs.containsKey("data-core-metadata") ? a.attrs.get("data-core-metadata")
          : a.attrs.get("data-dist-info-metadata");
      Map<String, String> meta = null;
      if (cm != null) {
        Matcher m = HASH.matcher(cm.strip());
        meta = m.matches() ? Map.of(m.group(1), m.group(2)) : cm.strip().equalsIgnoreCase("false") ? null : Map.of();
      }
      DistributionFile f = file(project, filename, withoutFragment(u), hashes, a.attrs.get("data-requires-python"),
          a.attrs.get("data-yanked"), meta, -1);
      if (f.parsed() != null) {
        distributions++;
      }
      out.add(f);
    }
    if (distributions == 0 && !(page.anchors.isEmpty() && page.looksLikeIndex())) {
      throw notAnIndex(shown, page.anchors.isEmpty() ? "its HTML has no links"
          : "none of its " + page.anchors.size() + " links is a distribution of `" + project + "`");
    }
    return new ProjectPage(project, shown, api, out);
  }

  private static DistributionFile file(PyPiName project, String filename, URI url, Map<String, String> hashes,
      String requiresPython, String yanked, Map<String, String> meta, long size) {
    SpecifierSet rp = null;
    if (requiresPython != null && !requiresPython.isBlank()) {
      try {
        rp = SpecifierSet.parse(requiresPython);
      } catch (ParseError e) {
        rp = null; // kept as text; pip ignores an invalid Requires-Python too
      }
    }
    DistributionFilename parsed = DistributionFilename.tryParse(filename, project).orElse(null);
    return new DistributionFile(filename, url, hashes, rp, requiresPython, yanked, meta, size, parsed);
  }

  private static String apiVersion(JsonNode root, String shown) {
    JsonNode meta = root.get("meta");
    String api = meta == null || !meta.hasNonNull("api-version") ? null : meta.get("api-version").asText();
    if (api == null) {
      throw notAnIndex(shown, "its JSON has no `meta.api-version`");
    }
    checkApiVersion(api, shown);
    return api;
  }

  private static void checkApiVersion(String api, String shown) {
    if (!api.matches("\\d+\\.\\d+")) {
      throw malformed(shown, "invalid api version `" + api + "`");
    }
    if (!api.startsWith("1.")) {
      throw new PypiIndexException(Kind.NOT_AN_INDEX, "`" + shown + "` speaks simple API version " + api
          + ", envx reads 1.x", "upgrade envx, or use an index that serves version 1");
    }
  }

  private static JsonNode json(Fetcher.Response r, String shown) {
    try {
      JsonNode root = JSON.readTree(r.body());
      if (root == null || !root.isObject()) {
        throw notAnIndex(shown, "its JSON is not an object");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw notAnIndex(shown, "it is not valid JSON (line " + e.getLocation().getLineNr() + ")");
    } catch (java.io.IOException e) {
      throw malformed(shown, String.valueOf(e.getMessage()));
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static URI resolve(URI base, String href, String shown) {
    try {
      URI u = new URI(href.strip().replace(" ", "%20"));
      return base.resolve(u);
    } catch (URISyntaxException e) {
      throw malformed(shown, "invalid link `" + href + "`");
    }
  }

  private static URI withoutFragment(URI u) {
    if (u.getRawFragment() == null) {
      return u;
    }
    String s = u.toString();
    return URI.create(s.substring(0, s.indexOf('#')));
  }

  static PypiIndexException notAnIndex(String shown, String why) {
    return new PypiIndexException(Kind.NOT_AN_INDEX, "`" + shown + "` is not a simple package index: " + why,
        "`--index-url` points at a PEP 503/691 simple index, e.g. `https://pypi.org/simple/`",
        "`--find-links` takes a directory or a page of links to files");
  }

  static PypiIndexException malformed(String shown, String why) {
    return new PypiIndexException(Kind.MALFORMED, "malformed index page `" + shown + "`: " + why);
  }

  /** An anchor: its attributes (values unescaped) and text. */
  private record Anchor(Map<String, String> attrs, String text) {}

  /**
   * PEP 503's root page links each project as {@code <a href=".../NAME/">NAME</a>}: the text is a project name
   * and the link's last path segment is the same name (any spelling; PyPI normalizes both).
   */
  private static boolean isProjectLink(Anchor a) {
    String name = a.text.strip();
    String href = a.attrs.get("href");
    if (!PyPiName.isValid(name) || href == null) {
      return false;
    }
    String path = href.replaceFirst("[?#].*$", "");
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String last = path.substring(path.lastIndexOf('/') + 1);
    return PyPiName.isValid(last) && PyPiName.normalize(last).equals(PyPiName.normalize(name));
  }

  /** The parts of an HTML page an index uses: anchors, {@code <base href>}, {@code <meta name content>}. */
  private static final class Html {
    final List<Anchor> anchors = new ArrayList<>();
    final Map<String, String> meta = new HashMap<>();
    String base;
    boolean html;
    boolean linksFor;

    static Html parse(String text) {
      Html h = new Html();
      String lower = text.toLowerCase(Locale.ROOT);
      h.html = lower.contains("<html") || lower.contains("<!doctype html") || lower.contains("<body");
      h.linksFor = lower.contains("links for");
      Matcher m = TAG.matcher(text);
      Map<String, String> open = null;
      int textStart = 0;
      while (m.find()) {
        String name = m.group(2).toLowerCase(Locale.ROOT);
        boolean close = !m.group(1).isEmpty();
        if (name.equals("a") && !close) {
          open = attrs(m.group(3));
          textStart = m.end();
        } else if (name.equals("a") && open != null) {
          h.anchors.add(new Anchor(open, unescape(text.substring(textStart, m.start()).replaceAll("<[^>]*>", ""))));
          open = null;
        } else if (name.equals("base") && !close) {
          h.base = attrs(m.group(3)).get("href");
        } else if (name.equals("meta") && !close) {
          Map<String, String> a = attrs(m.group(3));
          if (a.containsKey("name") && a.containsKey("content")) {
            h.meta.put(a.get("name").toLowerCase(Locale.ROOT), a.get("content"));
          }
        }
      }
      if (open != null) {
        h.anchors.add(new Anchor(open, ""));
      }
      return h;
    }

    /** An empty page is an index only when it says so: the PEP 629 meta or PEP 503's "Links for" title. */
    boolean looksLikeIndex() {
      return html && (meta.containsKey("pypi:repository-version") || linksFor);
    }

    private static Map<String, String> attrs(String s) {
      Map<String, String> out = new HashMap<>();
      Matcher m = ATTR.matcher(s);
      while (m.find()) {
        String v = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
        out.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), v == null ? "" : unescape(v));
      }
      return out;
    }

    static String unescape(String s) {
      if (s.indexOf('&') < 0) {
        return s;
      }
      Matcher m = ENTITY.matcher(s);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        String e = m.group(1);
        String r;
        if (e.startsWith("#x") || e.startsWith("#X")) {
          r = new String(Character.toChars(Integer.parseInt(e.substring(2), 16)));
        } else if (e.startsWith("#")) {
          r = new String(Character.toChars(Integer.parseInt(e.substring(1))));
        } else {
          r = switch (e) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> "\u00a0";
            default -> m.group();
          };
        }
        m.appendReplacement(sb, Matcher.quoteReplacement(r));
      }
      m.appendTail(sb);
      return sb.toString();
    }
  }
}
