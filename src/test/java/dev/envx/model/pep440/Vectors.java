package dev.envx.model.pep440;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs the conformance vectors of one file from {@code ../shared/data/vectors}: every case becomes a
 * dynamic test, and a pass rate is printed per file. Cases listed in {@code exceptions} are deliberate
 * deviations: their test asserts that the case still deviates (so a stale entry fails the build).
 */
public final class Vectors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Vectors() {}

  public static JsonNode load(String file) {
    Path path = SharedData.require("vectors").resolve(file);
    try {
      return JSON.readTree(path.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code check} returns null when the case passes, else a description of the mismatch. */
  public static Stream<DynamicTest> run(
      String file, Function<JsonNode, String> check, Map<String, String> exceptions) {
    return run(file, check, exceptions, Map.of());
  }

  /** As {@link #run(String, Function, Map)}, with whole kinds excepted ({@code kindExceptions}: kind to reason). */
  public static Stream<DynamicTest> run(
      String file,
      Function<JsonNode, String> check,
      Map<String, String> exceptions,
      Map<String, String> kindExceptions) {
    JsonNode root = load(file);
    List<DynamicTest> tests = new ArrayList<>();
    int passed = 0;
    int total = 0;
    int excepted = 0;
    List<String> failures = new ArrayList<>();
    for (JsonNode c : root.get("cases")) {
      String id = c.get("id").asText();
      String result;
      try {
        result = check.apply(c);
      } catch (RuntimeException e) {
        result = "threw " + e;
      }
      total++;
      String reason = exceptions.getOrDefault(id, kindExceptions.get(c.get("kind").asText()));
      String name = id + " " + c.get("kind").asText();
      final String mismatch = result;
      if (reason != null) {
        excepted++;
        tests.add(DynamicTest.dynamicTest(name + " (exception: " + reason + ")",
            () -> assertThat(mismatch).as("exception %s no longer needed", id).isNotNull()));
        continue;
      }
      if (result == null) {
        passed++;
      } else if (failures.size() < 40) {
        failures.add(id + ": " + result + "  case=" + c);
      }
      tests.add(DynamicTest.dynamicTest(name,
          () -> assertThat(mismatch).as("case %s", c).isNull()));
    }
    System.out.printf("%s: %d/%d passed%s%n", file, passed, total - excepted,
        excepted == 0 ? "" : " (" + excepted + " listed exceptions, not counted)");
    failures.forEach(f -> System.out.println("  FAIL " + f));
    return tests.stream();
  }

  /** null when equal, else "expected X but was Y". */
  public static String same(Object expected, Object actual) {
    return java.util.Objects.equals(expected, actual) ? null : "expected <" + expected + "> but was <" + actual + ">";
  }

  public static Boolean bool(JsonNode n) {
    return n == null || n.isNull() ? null : n.asBoolean();
  }

  public static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.forEach(x -> out.add(x.asText()));
    return out;
  }
}
