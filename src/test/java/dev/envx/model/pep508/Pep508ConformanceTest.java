package dev.envx.model.pep508;

import static dev.envx.model.pep440.Vectors.same;
import static dev.envx.model.pep440.Vectors.strings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envx.diag.ParseError;
import dev.envx.model.pep440.SpecifierSet;
import dev.envx.model.pep440.Vectors;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Conformance with pypa/packaging over the PEP 508 vectors in {@code ../shared/data/vectors}. */
class Pep508ConformanceTest {
  /**
   * Deliberate deviations from packaging, by case id, with the reason. Empty: every vector passes. The two
   * deviations envx does make (see {@link Marker}) are not exercised by the vectors and are pinned by
   * {@code Pep508Test.extrasAreNormalizedAtEveryDepth} and {@code Pep508Test.nestedGroupsKeepTheirMeaning}.
   */
  static final Map<String, String> REQUIREMENT_EXCEPTIONS = Map.of();

  static final Map<String, String> MARKER_EXCEPTIONS = Map.of();

  /**
   * packaging evaluates {@code environment: null} cases against the running interpreter; the vectors were
   * recorded with CPython on Linux, which our default environment also describes.
   */
  static final MarkerEnvironment RECORDING_MACHINE = MarkerEnvironment.DEFAULT;

  @TestFactory
  Stream<DynamicTest> requirements() {
    return Vectors.run("pep508_requirements.json", Pep508ConformanceTest::checkRequirement, REQUIREMENT_EXCEPTIONS);
  }

  @TestFactory
  Stream<DynamicTest> markers() {
    return Vectors.run("pep508_markers.json", Pep508ConformanceTest::checkMarker, MARKER_EXCEPTIONS);
  }

  static String checkRequirement(JsonNode c) {
    String input = c.get("input").asText();
    JsonNode exp = c.get("expected");
    switch (c.get("kind").asText()) {
      case "parse": {
        Requirement r = Requirement.parse(input);
        StringBuilder problems = new StringBuilder();
        if (exp.has("name")) {
          append(problems, "name", same(exp.get("name").asText(), r.name().original()));
        }
        if (exp.has("extras")) {
          append(problems, "extras", same(strings(exp.get("extras")), r.extras()));
        }
        if (exp.has("url")) {
          append(problems, "url", same(exp.get("url").isNull() ? null : exp.get("url").asText(), r.url()));
        }
        if (exp.has("specifier")) {
          append(problems, "specifier", same(SpecifierSet.parse(exp.get("specifier").asText()), r.specifier()));
        }
        if (exp.has("marker")) {
          Marker m = exp.get("marker").isNull() ? null : Marker.parse(exp.get("marker").asText());
          append(problems, "marker", same(m, r.marker()));
        }
        return problems.length() == 0 ? null : problems.toString();
      }
      case "str":
        return same(exp.asText(), Requirement.parse(input).toString());
      case "valid":
        return same(exp.asBoolean(), Requirement.tryParse(input).isPresent());
      case "equal": {
        Requirement a = Requirement.parse(input);
        Requirement b = Requirement.parse(c.get("other").asText());
        String r = same(exp.asBoolean(), a.equals(b));
        if (r == null && a.equals(b) && a.hashCode() != b.hashCode()) {
          r = "equal requirements with different hash codes";
        }
        if (r == null && c.has("str_differs")) {
          r = same(c.get("str_differs").asBoolean(), !a.toString().equals(b.toString()));
        }
        return r;
      }
      case "invalid": {
        ParseError e;
        try {
          Requirement.parse(input);
          return "parsed, expected an error";
        } catch (ParseError ex) {
          e = ex;
        }
        if (c.has("error_exconly")) {
          String actual = "packaging.requirements.InvalidRequirement: " + e.getMessage() + "\n    " + input
              + "\n    " + " ".repeat(e.offset()) + "~".repeat(Math.max(0, e.length() - 1)) + "^";
          return same(c.get("error_exconly").asText(), actual);
        }
        if (c.has("error_match_regex")) {
          return Pattern.compile(c.get("error_match_regex").asText()).matcher(e.getMessage()).find()
              ? null
              : "message <" + e.getMessage() + "> does not match <" + c.get("error_match_regex").asText() + ">";
        }
        return null;
      }
      default:
        return "unknown kind";
    }
  }

  private static void append(StringBuilder sb, String what, String problem) {
    if (problem != null) {
      sb.append(what).append(": ").append(problem).append("; ");
    }
  }

  static String checkMarker(JsonNode c) {
    String input = c.get("input").asText();
    JsonNode exp = c.get("expected");
    switch (c.get("kind").asText()) {
      case "valid": {
        boolean ok;
        try {
          Marker.parse(input);
          ok = true;
        } catch (ParseError e) {
          ok = false;
        }
        return same(exp.asBoolean(), ok);
      }
      case "str":
        return same(exp.asText(), Marker.parse(input).toString());
      case "evaluate": {
        MarkerEnvironment env = RECORDING_MACHINE;
        JsonNode e = c.get("environment");
        if (e != null && !e.isNull()) {
          for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getValue().isArray()) {
              env = env.with(f.getKey(), new HashSet<>(strings(f.getValue())));
            } else {
              env = env.with(f.getKey(), f.getValue().asText());
            }
          }
        }
        return same(exp.asBoolean(), Marker.parse(input).evaluate(env));
      }
      default:
        return "unknown kind";
    }
  }

}
