package dev.envx.model.pep440;

import static dev.envx.model.pep440.Vectors.bool;
import static dev.envx.model.pep440.Vectors.same;
import static dev.envx.model.pep440.Vectors.strings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envx.diag.ParseError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Conformance with pypa/packaging over the PEP 440 vectors in {@code ../shared/data/vectors}. */
class Pep440ConformanceTest {
  /** Deliberate deviations from packaging, by case id, with the reason. */
  static final Map<String, String> VERSION_EXCEPTIONS = Map.of();

  static final Map<String, String> SPECIFIER_EXCEPTIONS = Map.of();

  @TestFactory
  Stream<DynamicTest> versions() {
    return Vectors.run("pep440_versions.json", Pep440ConformanceTest::checkVersion, VERSION_EXCEPTIONS);
  }

  @TestFactory
  Stream<DynamicTest> versionOrder() {
    return Vectors.run("pep440_version_order.json", Pep440ConformanceTest::checkOrder, Map.of());
  }

  @TestFactory
  Stream<DynamicTest> specifiers() {
    return Vectors.run("pep440_specifiers.json", Pep440ConformanceTest::checkSpecifier, SPECIFIER_EXCEPTIONS);
  }

  static String checkVersion(JsonNode c) {
    String input = c.get("input").asText();
    switch (c.get("kind").asText()) {
      case "valid":
        return same(c.get("expected").asBoolean(), Pep440Version.isValid(input));
      case "normalize":
        return same(c.get("expected").asText(), Pep440Version.parse(input).toString());
      case "property":
        return same(c.get("expected").toString(), property(Pep440Version.parse(input), c.get("property").asText()).toString());
      default:
        return "unknown kind";
    }
  }

  private static JsonNode property(Pep440Version v, String name) {
    var f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
    switch (name) {
      case "epoch":
        return f.numberNode(v.epoch());
      case "release": {
        var a = f.arrayNode();
        v.release().forEach(a::add);
        return a;
      }
      case "pre":
        return v.pre().<JsonNode>map(p -> f.arrayNode().add(p.kind().label()).add(p.number())).orElse(f.nullNode());
      case "post":
        return v.post().<JsonNode>map(f::numberNode).orElse(f.nullNode());
      case "dev":
        return v.dev().<JsonNode>map(f::numberNode).orElse(f.nullNode());
      case "local":
        return v.local().<JsonNode>map(f::textNode).orElse(f.nullNode());
      case "public":
        return f.textNode(v.publicVersion().toString());
      case "base_version":
        return f.textNode(v.baseVersion().toString());
      case "is_prerelease":
        return f.booleanNode(v.isPrerelease());
      case "is_devrelease":
        return f.booleanNode(v.isDevrelease());
      case "is_postrelease":
        return f.booleanNode(v.isPostrelease());
      case "major":
        return f.numberNode(v.major());
      case "minor":
        return f.numberNode(v.minor());
      case "micro":
        return f.numberNode(v.micro());
      default:
        throw new IllegalArgumentException("unknown property " + name);
    }
  }

  static String checkOrder(JsonNode c) {
    Pep440Version l = Pep440Version.parse(c.get("left").asText());
    Pep440Version r = Pep440Version.parse(c.get("right").asText());
    int cmp = l.compareTo(r);
    boolean actual = switch (c.get("op").asText()) {
      case "<" -> cmp < 0;
      case "<=" -> cmp <= 0;
      case "==" -> cmp == 0 && l.equals(r) && l.hashCode() == r.hashCode();
      case "!=" -> cmp != 0 && !l.equals(r);
      case ">=" -> cmp >= 0;
      case ">" -> cmp > 0;
      default -> throw new IllegalArgumentException(c.get("op").asText());
    };
    return same(c.get("expected").asBoolean(), actual);
  }

  static String checkSpecifier(JsonNode c) {
    JsonNode exp = c.get("expected");
    switch (c.get("kind").asText()) {
      case "specifier_valid": {
        boolean ok;
        try {
          Specifier.parse(c.get("specifier").asText());
          ok = true;
        } catch (ParseError e) {
          ok = false;
        }
        return same(exp.asBoolean(), ok);
      }
      case "specifier_str":
        return same(exp.asText(), Specifier.parse(c.get("specifier").asText()).toString());
      case "specifierset_str":
        return same(exp.asText(), SpecifierSet.parse(c.get("specifier").asText()).toString());
      case "specifier_contains": {
        Specifier s = Specifier.parse(c.get("specifier").asText(), bool(c.get("prereleases")));
        return same(exp.asBoolean(), s.contains(c.get("version").asText(), bool(c.get("contains_prereleases"))));
      }
      case "specifierset_contains": {
        SpecifierSet s = SpecifierSet.parse(c.get("specifier").asText(), bool(c.get("prereleases")));
        return same(exp.asBoolean(), s.contains(c.get("version").asText(),
            bool(c.get("contains_prereleases")), bool(c.get("installed"))));
      }
      case "specifier_prereleases_property":
        return same(bool(exp), Specifier.parse(c.get("specifier").asText()).effectivePrereleases());
      case "specifier_filter": {
        Specifier s = Specifier.parse(c.get("specifier").asText(), bool(c.get("prereleases")));
        return same(strings(exp), s.filter(strings(c.get("input")), bool(c.get("filter_prereleases"))));
      }
      case "specifierset_filter": {
        SpecifierSet s = SpecifierSet.parse(c.get("specifier").asText(), bool(c.get("prereleases")));
        return same(strings(exp), s.filter(strings(c.get("input")), bool(c.get("filter_prereleases"))));
      }
      case "specifier_equality": {
        boolean eq = Specifier.parse(c.get("left").asText()).equals(Specifier.parse(c.get("right").asText()));
        return same(exp.asBoolean(), c.get("op").asText().equals("==") ? eq : !eq);
      }
      case "specifierset_equality": {
        SpecifierSet l = SpecifierSet.parse(c.get("left").asText());
        SpecifierSet r = SpecifierSet.parse(c.get("right").asText());
        boolean eq = l.equals(r);
        if (eq && l.hashCode() != r.hashCode()) {
          return "equal sets with different hash codes";
        }
        return same(exp.asBoolean(), c.get("op").asText().equals("==") ? eq : !eq);
      }
      case "specifierset_prereleases_toggle": {
        SpecifierSet s = SpecifierSet.parse(c.get("specifier").asText(), bool(c.get("prereleases")));
        String v = c.get("version").asText();
        List<String> problems = new ArrayList<>();
        if (s.contains(v) != exp.asBoolean()) {
          problems.add("before toggle");
        }
        if (s.withPrereleases(bool(c.get("then_set_prereleases"))).contains(v) != c.get("expected_after").asBoolean()) {
          problems.add("after toggle");
        }
        return problems.isEmpty() ? null : String.join(", ", problems);
      }
      case "specifierset_relation": {
        SpecifierSet l = SpecifierSet.parse(c.get("left").asText());
        SpecifierSet r = SpecifierSet.parse(c.get("right").asText());
        boolean actual = switch (c.get("relation").asText()) {
          case "is_subset" -> l.isSubsetOf(r);
          case "is_superset" -> l.isSupersetOf(r);
          case "is_disjoint" -> l.isDisjointFrom(r);
          default -> throw new IllegalArgumentException(c.get("relation").asText());
        };
        return same(exp.asBoolean(), actual);
      }
      case "specifierset_unsatisfiable":
        return same(exp.asBoolean(), SpecifierSet.parse(c.get("specifier").asText()).isUnsatisfiable());
      default:
        return "unknown kind " + c.get("kind").asText();
    }
  }
}
