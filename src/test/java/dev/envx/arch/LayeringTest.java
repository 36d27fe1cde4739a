package dev.envx.arch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the package table of DESIGN.md true: dependencies point down only, nothing uses {@code cli}, and each
 * third-party library is used only by the packages that own it. Scans the code of every main source file (comments,
 * strings and character literals removed), so an import and a fully qualified name ({@code dev.envx.x.Type},
 * {@code org.tomlj.Toml}) count alike.
 */
class LayeringTest {
  /**
   * package (relative to dev.envx) -> packages it may use besides itself and its subpackages. An entry {@code p}
   * allows {@code p} and its subpackages, {@code =p} only {@code p} itself. The longest matching key applies.
   */
  private static final Map<String, List<String>> ALLOWED = Map.ofEntries(
      Map.entry("diag", List.of()),
      Map.entry("io", List.of("diag")),
      Map.entry("settings", List.of("diag")),
      Map.entry("model.pep440", List.of("diag")),
      Map.entry("model.pep508", List.of("model.pep440", "diag")),
      Map.entry("model.conda", List.of("diag")),
      Map.entry("http", List.of("settings", "io", "diag")),
      Map.entry("mapping", List.of("http", "settings", "model", "io", "diag")),
      Map.entry("format", List.of("model", "io", "diag")),
      Map.entry("format.envyml", List.of("=format", "model", "io", "diag")),
      Map.entry("format.pyproject", List.of("=format", "model", "io", "diag")),
      Map.entry("format.lock", List.of("=format", "model", "io", "diag")),
      Map.entry("translate", List.of("format", "mapping", "model", "diag")),
      Map.entry("solve", List.of()),
      Map.entry("index", List.of("http", "settings", "model", "io", "diag")),
      Map.entry("model.wheel", List.of("model.conda", "model.pep440", "model.pep508", "diag")),
      Map.entry("index.pypi", List.of("http", "settings", "model", "io", "diag")),
      Map.entry("resolve", List.of("solve", "index", "mapping", "model", "format.lock", "io", "diag")),
      // a source: the neutral core (=resolve) and what its ecosystem needs
      Map.entry("resolve.conda", List.of("=resolve", "solve", "index", "model", "format.lock", "diag")),
      Map.entry("lock", List.of("translate", "resolve", "index", "format", "model", "io", "diag")),
      // the PyPI source and the cross-ecosystem provider, which composes the conda source into one problem
      Map.entry("resolve.pypi", List.of("=resolve", "resolve.conda", "solve", "index", "mapping", "model",
          "format.lock", "diag")),
      Map.entry("install", List.of("format.lock", "model", "index", "http", "settings", "io", "diag")),
      Map.entry("activate", List.of("model", "io", "diag")),
      Map.entry("check", List.of("translate", "format", "mapping", "model", "io", "diag")),
      Map.entry("format.legacy", List.of("=format", "model", "io", "diag")),
      Map.entry("migrate", List.of("check", "translate", "format", "mapping", "model", "io", "diag")),
      Map.entry("cli", List.of("")));

  /** A third-party library: the Java package prefixes that identify it, and the envx packages that may use it. */
  record Library(String what, List<String> prefixes, List<String> users) {}

  private static final List<Library> LIBRARIES = List.of(
      new Library("YAML (snakeyaml, jackson-dataformat-yaml)",
          List.of("org.snakeyaml", "org.yaml.snakeyaml", "com.fasterxml.jackson.dataformat.yaml"),
          List.of("format.envyml", "format.lock",
              "mapping.UpstreamFormat")),   // reads the upstream mapping tables (YAML), to move behind format
      new Library("TOML (tomlj)", List.of("org.tomlj"),
          List.of("format.pyproject", "format.lock", "format.legacy",
              "mapping.MappingTables", "mapping.EmbeddedMapping", "mapping.MappingLoader", // mappings/*.toml
              "cli.MappingCommand")),       // reads [tool.envx.mapping] through MappingLoader's TOML result
      new Library("okhttp", List.of("okhttp3"), List.of("http")),
      new Library("msgpack", List.of("org.msgpack"), List.of("index")),
      new Library("zstd", List.of("com.github.luben"), List.of("index", "install")),
      new Library("picocli", List.of("picocli"), List.of("cli")),
      new Library("jgit", List.of("org.eclipse.jgit"), List.of("migrate")),
      new Library("commons-compress", List.of("org.apache.commons.compress"), List.of("install", "index.pypi")));

  /** {@code dev.envx.<package>.<Type>}: an import or a fully qualified reference. */
  private static final Pattern ENVX_REF = Pattern.compile("\\bdev\\.envx\\.((?:[a-z0-9_]+\\.)*[a-z0-9_]+)\\.[A-Z*]");

  @Test
  void dependenciesPointDownOnly() throws IOException {
    assertThat(violations(mainSources())).as("uses that break the layering of DESIGN.md").isEmpty();
  }

  @Test
  void aFullyQualifiedCrossLayerReferenceIsCaught() {
    Map<String, String> planted = Map.of(
        "solve/Planted.java", "package dev.envx.solve;\nclass Planted { dev.envx.resolve.conda.CondaSource s; }\n",
        "model/conda/Planted.java", "package dev.envx.model.conda;\nclass Planted {\n"
            + "  Object o = new okhttp3.OkHttpClient();\n}\n");
    assertThat(violations(planted)).containsExactlyInAnyOrder(
        "solve/Planted.java uses dev.envx.resolve.conda",
        "model/conda/Planted.java uses okhttp (okhttp3)");
  }

  @Test
  void commentsAndStringsAreNotReferences() {
    Map<String, String> planted = Map.of("solve/Planted.java", "package dev.envx.solve;\n"
        + "/** See {@link dev.envx.resolve.Request}. */\nclass Planted {\n"
        + "  // dev.envx.cli.Main\n  String s = \"dev.envx.index.RepodataIndex okhttp3.Call\";\n"
        + "  char c = '\"'; String t = \"\\\" dev.envx.cli.Main\";\n}\n");
    assertThat(violations(planted)).isEmpty();
  }

  @Test
  void anImportOfTheCliIsCaughtEverywhereButInTheCli() {
    Map<String, String> planted = Map.of(
        "resolve/Planted.java", "package dev.envx.resolve;\nimport dev.envx.cli.Main;\nclass Planted {}\n",
        "cli/Planted.java", "package dev.envx.cli;\nimport dev.envx.resolve.Request;\nclass Planted {}\n");
    assertThat(violations(planted)).containsExactly("resolve/Planted.java uses dev.envx.cli");
  }

  private static Map<String, String> mainSources() throws IOException {
    Path src = SharedData.projectRoot().resolve("src/main/java/dev/envx");
    Map<String, String> out = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(src)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        out.put(src.relativize(f).toString().replace('\\', '/'), Files.readString(f));
      }
    }
    return out;
  }

  /** The violations in sources given as path relative to {@code dev/envx} -> text. */
  static List<String> violations(Map<String, String> sources) {
    List<String> violations = new ArrayList<>();
    for (Map.Entry<String, String> e : sources.entrySet()) {
      String path = e.getKey();
      int slash = path.lastIndexOf('/');
      String pkg = slash < 0 ? "" : path.substring(0, slash).replace('/', '.');
      String type = pkg + "." + path.substring(slash + 1).replaceFirst("\\.java$", "");
      String rule = ruleFor(pkg);
      if (rule == null) {
        violations.add(path + ": package " + pkg + " has no rule in LayeringTest");
        continue;
      }
      String code = codeOnly(e.getValue());
      Matcher m = ENVX_REF.matcher(code);
      while (m.find()) {
        String target = m.group(1);
        if (target.equals(pkg) || target.startsWith(pkg + ".") || allowed(rule, target)) {
          continue;
        }
        String v = path + " uses dev.envx." + target;
        if (!violations.contains(v)) {
          violations.add(v);
        }
      }
      for (Library lib : LIBRARIES) {
        for (String prefix : lib.prefixes()) {
          if (Pattern.compile("(?<![\\w.])" + Pattern.quote(prefix) + "\\.").matcher(code).find()
              && lib.users().stream().noneMatch(u -> pkg.equals(u) || pkg.startsWith(u + ".") || type.equals(u))) {
            violations.add(path + " uses " + lib.what() + " (" + prefix + ")");
          }
        }
      }
    }
    return violations;
  }

  private static String ruleFor(String pkg) {
    String best = null;
    for (String k : ALLOWED.keySet()) {
      if ((pkg.equals(k) || pkg.startsWith(k + ".")) && (best == null || k.length() > best.length())) {
        best = k;
      }
    }
    return best;
  }

  private static boolean allowed(String rule, String target) {
    if (target.equals("cli") || target.startsWith("cli.")) {
      return rule.equals("cli");
    }
    for (String a : ALLOWED.get(rule)) {
      if (a.isEmpty() || (a.startsWith("=") ? target.equals(a.substring(1))
          : target.equals(a) || target.startsWith(a + "."))) {
        return true;
      }
    }
    return false;
  }

  /** Java source with comments, string literals (text blocks included) and character literals blanked. */
  static String codeOnly(String src) {
    StringBuilder out = new StringBuilder(src.length());
    int i = 0;
    int n = src.length();
    while (i < n) {
      char c = src.charAt(i);
      if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
        while (i < n && src.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
        int end = src.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
        out.append(' ');
      } else if (src.startsWith("\"\"\"", i)) {
        int end = src.indexOf("\"\"\"", i + 3);
        i = end < 0 ? n : end + 3;
        out.append("\"\"");
      } else if (c == '"' || c == '\'') {
        i++;
        while (i < n && src.charAt(i) != c && src.charAt(i) != '\n') {
          i += src.charAt(i) == '\\' ? 2 : 1;
        }
        i++;
        out.append(c).append(c);
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
