package dev.envx.model.conda;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Conformance over the conda vectors in {@code ../shared/data/vectors}. Each case is evaluated; every case envx
 * deliberately does not follow is listed in {@link CondaVectorExceptions} with its reason. An excepted case that
 * starts passing fails too, so the list stays honest. Pass rates are printed per file.
 */
class CondaConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> versionOrder() throws IOException {
    return run("conda_version_order.json");
  }

  @TestFactory
  Stream<DynamicTest> versionParseCorpus() throws IOException {
    return run("conda_version_parse_corpus.json");
  }

  @TestFactory
  Stream<DynamicTest> versionSpec() throws IOException {
    return run("conda_version_spec.json");
  }

  @TestFactory
  Stream<DynamicTest> matchSpec() throws IOException {
    return run("conda_matchspec.json");
  }

  private Stream<DynamicTest> run(String file) throws IOException {
    Path path = SharedData.require("vectors").resolve(file);
    JsonNode root = JSON.readTree(path.toFile());
    List<DynamicTest> tests = new ArrayList<>();
    int passed = 0;
    int excepted = 0;
    int total = 0;
    List<String> failures = new ArrayList<>();
    for (JsonNode c : root.get("cases")) {
      total++;
      String id = c.get("id").asText();
      String problem;
      try {
        problem = evaluate(c);
      } catch (RuntimeException e) {
        problem = "unexpected " + e;
      }
      String reason = CondaVectorExceptions.REASONS.get(id);
      String message;
      if (problem == null && reason == null) {
        passed++;
        message = null;
      } else if (problem == null) {
        message = id + " is listed as an exception (" + reason + ") but passes: remove it from the list";
      } else if (reason != null) {
        excepted++;
        message = null;
      } else {
        message = id + " " + c.get("kind").asText() + ": " + problem + "\n  case: " + c;
      }
      if (message != null) {
        failures.add(message);
      }
      if (message != null || total % 500 == 1 || !file.contains("corpus")) {
        String m = message;
        tests.add(DynamicTest.dynamicTest(id, () -> {
          if (m != null) {
            fail(m);
          }
        }));
      }
    }
    System.out.printf("%s: %d/%d passed, %d excepted with reasons, %d failed%n", file, passed, total, excepted,
        failures.size());
    failures.stream().forEach(f -> System.out.println("  FAIL " + f));
    return tests.stream();
  }

  // ---------------------------------------------------------------- evaluation: null = pass, else what failed

  static String evaluate(JsonNode c) {
    String kind = c.get("kind").asText();
    return switch (kind) {
      case "version_parse" -> versionParse(c);
      case "version_order_sorted" -> versionSorted(c);
      case "version_equal" -> check(v(c, "left").equals(v(c, "right")) == c.get("expected").asBoolean(), "equality");
      case "version_startswith" ->
          check(v(c, "version").startsWith(v(c, "prefix")) == c.get("expected").asBoolean(), "startswith");
      case "version_compare" -> versionCompare(c);
      case "invalid" -> invalid(c);
      case "version_spec_match" -> check(VersionSpec.parse(c.get("spec").asText())
          .matches(CondaVersion.parse(c.get("version").asText())) == c.get("expected").asBoolean(), "match");
      case "version_spec_is_exact" ->
          check(VersionSpec.parse(c.get("spec").asText()).isExact() == c.get("expected").asBoolean(), "is_exact");
      case "version_spec_equal" -> check(VersionSpec.parse(c.get("left").asText())
          .equals(VersionSpec.parse(c.get("right").asText())) == c.get("expected").asBoolean(), "equality");
      case "version_str" -> {
        String s = VersionSpec.parse(c.get("input").asText()).toString();
        yield check(s.equals(c.get("expected").asText()) == c.path("equal").asBoolean(true), "got `" + s + "`");
      }
      case "matchspec_str" -> {
        String s = spec(c.get("spec")).toString();
        yield check(s.equals(c.get("expected").asText()) == c.path("equal").asBoolean(true), "got `" + s + "`");
      }
      case "matchspec_match" -> matchSpecMatch(c);
      case "matchspec_is_simple" -> {
        MatchSpec m = spec(c.get("spec"));
        boolean simple = m.exactName() != null && m.equals(MatchSpec.ofName(m.exactName()));
        yield check(simple == c.get("expected").asBoolean(), "is_simple " + simple);
      }
      case "matchspec_equal" ->
          check(spec(c.get("left")).equals(spec(c.get("right"))) == c.get("expected").asBoolean(), "equality");
      case "matchspec_exact_value" -> {
        Object got = exactValue(spec(c.get("spec")), c.get("field").asText());
        yield compareValue(got, c.get("expected"), c.path("equal").asBoolean(true));
      }
      case "matchspec_get" -> {
        Object got = get(spec(c.get("spec")), c.get("field").asText());
        yield compareValue(got, c.get("expected"), c.path("equal").asBoolean(true));
      }
      case "matchspec_attr" -> {
        Object got = attr(spec(c.get("spec")), c.get("attr").asText());
        yield compareValue(got, c.get("expected"), c.path("equal").asBoolean(true));
      }
      case "matchspec_parse" -> matchSpecParse(c);
      case "channel_match" -> check(MatchSpec.channelMatch(c.get("channel_spec").asText(), c.get("channel").asText())
          == c.get("expected").asBoolean(), "channel match");
      case "spec_from_line" -> {
        boolean rejected;
        try {
          MatchSpec.parse(c.get("line_input").asText());
          rejected = false;
        } catch (IllegalArgumentException e) {
          rejected = true;
        }
        yield check(rejected == c.get("expected").isNull(), "spec_from_line");
      }
      default -> "unknown kind " + kind;
    };
  }

  private static String check(boolean ok, String what) {
    return ok ? null : what + " differs";
  }

  private static CondaVersion v(JsonNode c, String field) {
    return CondaVersion.parse(c.get(field).asText());
  }

  private static String versionParse(JsonNode c) {
    CondaVersion v = CondaVersion.parse(c.get("input").asText());
    String comps = render(v.components());
    String expected = renderJson(c.get("expected_components"));
    if (!comps.equals(expected)) {
      return "components " + comps + " != " + expected;
    }
    if (c.has("expected_local") && !render(v.local()).equals(renderJson(c.get("expected_local")))) {
      return "local " + render(v.local());
    }
    if (c.has("expected_str") && !v.toString().equals(c.get("expected_str").asText())) {
      return "str " + v;
    }
    return null;
  }

  private static String render(List<List<Object>> parts) {
    StringBuilder b = new StringBuilder("[");
    for (List<Object> seg : parts) {
      b.append('[');
      for (Object o : seg) {
        b.append(o instanceof Double ? "inf" : o instanceof Long || o instanceof BigInteger ? o.toString() : "'" + o + "'")
            .append(',');
      }
      b.append(']');
    }
    return b.append(']').toString();
  }

  private static String renderJson(JsonNode parts) {
    StringBuilder b = new StringBuilder("[");
    for (JsonNode seg : parts) {
      b.append('[');
      for (JsonNode o : seg) {
        b.append(o.isNumber() ? o.bigIntegerValue().toString() : o.asText().equals("inf") ? "inf" : "'" + o.asText() + "'")
            .append(',');
      }
      b.append(']');
    }
    return b.append(']').toString();
  }

  private static String versionSorted(JsonNode c) {
    boolean strict = c.path("strict").asBoolean(false);
    List<CondaVersion> vs = new ArrayList<>();
    c.get("versions").forEach(n -> vs.add(CondaVersion.parse(n.asText())));
    for (int i = 1; i < vs.size(); i++) {
      int cmp = vs.get(i - 1).compareTo(vs.get(i));
      if (cmp > 0 || (strict && cmp == 0)) {
        return "order broken at " + vs.get(i - 1).original() + " / " + vs.get(i).original();
      }
    }
    return null;
  }

  private static String versionCompare(JsonNode c) {
    int cmp = v(c, "left").compareTo(v(c, "right"));
    boolean holds = switch (c.get("op").asText()) {
      case "==" -> cmp == 0;
      case "<" -> cmp < 0;
      case ">" -> cmp > 0;
      default -> throw new IllegalStateException(c.get("op").asText());
    };
    return check(holds == c.path("expected").asBoolean(true), "compare");
  }

  private static String invalid(JsonNode c) {
    String cls = c.path("cls").asText();
    JsonNode in = c.has("input") ? c.get("input") : c.get("spec");
    String text = in.isArray() ? in.get(0).asText() : in.asText();
    try {
      Object parsed = switch (cls) {
        case "VersionOrder", "Version" -> CondaVersion.parse(text);
        case "VersionSpec" -> VersionSpec.parse(text);
        default -> c.path("nameless").asBoolean(false) ? MatchSpec.parse(namelessToConda(text)) : MatchSpec.parse(text);
      };
      return "accepted: " + parsed;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Builds the spec of a conda case: a string, a positional list, or [positional, kwargs]. */
  static MatchSpec spec(JsonNode n) {
    if (n.isTextual()) {
      return MatchSpec.parse(n.asText());
    }
    if (n.size() == 2 && n.get(0).isArray() && n.get(1).isArray()) {
      String positional = n.get(0).size() > 0 ? n.get(0).get(0).asText() : "*";
      MatchSpec base = MatchSpec.parse(positional);
      StringBuilder brackets = new StringBuilder();
      String name = null;
      for (JsonNode kv : n.get(1)) {
        if (kv.get(0).asText().equals("name")) {
          name = kv.get(1).asText();
          continue;
        }
        brackets.append(brackets.length() == 0 ? "[" : ",").append(kv.get(0).asText()).append("='")
            .append(kv.get(1).asText()).append('\'');
      }
      String s = base.toString();
      if (name != null) {
        s = MatchSpec.ofName(name).toString() + s.substring(base.nameOrStar().length());
      }
      if (brackets.length() > 0) {
        s = s.contains("[") ? s.substring(0, s.length() - 1) + "," + brackets.substring(1) + "]" : s + brackets + "]";
      }
      return MatchSpec.parse(s);
    }
    return MatchSpec.parse(n.get(0).asText());
  }

  private static String matchSpecMatch(JsonNode c) {
    MatchSpec m = spec(c.get("spec"));
    String pkg = c.get("package").get(0).asText();
    String channel = "defaults";
    int sep = pkg.indexOf("::");
    if (sep >= 0) {
      channel = pkg.substring(0, sep);
      pkg = pkg.substring(sep + 2);
    }
    String stem = pkg.replaceAll("\\.tar\\.bz2$|\\.conda$", "");
    int b = stem.lastIndexOf('-');
    int v = stem.lastIndexOf('-', b - 1);
    String build = stem.substring(b + 1);
    long buildNumber = Long.parseLong(build.substring(build.lastIndexOf('_') + 1));
    PackageRecordRef rec = new PackageRecordRef.Simple(stem.substring(0, v), CondaVersion.parse(stem.substring(v + 1, b)),
        build, buildNumber, channel, "linux-64", "012345789", null);
    return check(m.matches(rec) == c.get("expected").asBoolean(), "match");
  }

  private static Object exactValue(MatchSpec m, String field) {
    return switch (field) {
      case "name" -> m.exactName();
      case "version" -> m.version() != null && m.version().isExact() ? m.version().toString() : null;
      case "build" -> m.build() == null ? null : m.build().exactValue();
      default -> throw new IllegalStateException(field);
    };
  }

  private static Object get(MatchSpec m, String field) {
    return switch (field) {
      case "build" -> Objects.toString(m.build(), null);
      case "version" -> Objects.toString(m.version(), null);
      case "md5" -> m.md5();
      case "when" -> m.when();
      case "extras" -> m.extras();
      case "flags" -> m.flags();
      default -> throw new IllegalStateException(field);
    };
  }

  private static Object attr(MatchSpec m, String attr) {
    return switch (attr) {
      case "name" -> m.nameOrStar();
      case "version" -> m.version() == null ? null : m.version().toString();
      case "strictness" -> strictness(m);
      default -> throw new IllegalStateException(attr);
    };
  }

  /** conda-build's strictness: 1 name only, 2 name and version, 3 anything more. */
  private static int strictness(MatchSpec m) {
    MatchSpec core = new MatchSpec(null, null, null, m.name(), m.version(), m.build(), null, null, null, null, null,
        null, null, null, null, null, null, null);
    if (!m.equals(core) || m.exactName() == null || m.build() != null) {
      return 3;
    }
    return m.version() != null ? 2 : 1;
  }

  private static String compareValue(Object got, JsonNode expected, boolean equal) {
    Object want = expected.isNull() ? null
        : expected.isArray() ? toList(expected) : expected.isNumber() ? (Object) expected.asInt() : expected.asText();
    boolean same = Objects.equals(got, want);
    return same == equal ? null : "got " + got;
  }

  private static List<String> toList(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.forEach(x -> out.add(x.asText()));
    return out;
  }

  /** rattler's nameless specs are a version (and build) without a name: conda's `*` name. */
  static String namelessToConda(String spec) {
    if (spec.endsWith(".tar.bz2") || spec.endsWith(".conda") || spec.startsWith("[")) {
      return spec.startsWith("[") ? "*" + spec : spec;
    }
    return "* " + spec;
  }

  private static String matchSpecParse(JsonNode c) {
    String impl = c.get("impl").asText();
    if (impl.equals("mamba")) {
      return MambaChecks.evaluate(c);
    }
    boolean nameless = c.path("nameless").asBoolean(false);
    String text = c.get("spec").asText();
    // conda's cases assert `_parse_spec_str`, which does not validate what MatchSpec's constructor rejects
    // (`numpy=`): the lenient mode is that reading; rattler's cases are checked strictly
    MatchSpec.Mode mode = impl.equals("conda") ? MatchSpec.Mode.LENIENT : MatchSpec.Mode.STRICT;
    MatchSpec m = MatchSpec.parse(nameless ? namelessToConda(text) : text, mode);
    JsonNode e = c.get("expected");
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, JsonNode> f : (Iterable<Map.Entry<String, JsonNode>>) e::fields) {
      String key = f.getKey();
      JsonNode want = f.getValue();
      switch (key) {
        case "_original_spec_str" -> { }
        case "name" -> expectEq(problems, key, m.nameOrStar(), want.asText());
        case "version" -> {
          VersionSpec wanted = VersionSpec.parse(want.asText());
          VersionSpec got = m.version() == null ? new VersionSpec.Any() : m.version();
          if (!wanted.equals(got)) {
            problems.add("version " + got + " != " + wanted);
          }
        }
        case "build" -> expectEq(problems, key, Objects.toString(m.build(), null), want.asText());
        case "build_number" -> {
          if (!BuildNumberSpec.parse(want.asText()).equals(m.buildNumber())) {
            problems.add("build_number " + m.buildNumber());
          }
        }
        case "channel" -> expectEq(problems, key, m.channel(), want.isObject() ? want.get("name").asText() : want.asText());
        case "subdir" -> expectEq(problems, key, m.subdir(), want.asText());
        case "md5" -> expectEq(problems, key, m.md5(), want.asText());
        case "fn" -> expectEq(problems, key, m.fn(), want.asText());
        case "url" -> expectEq(problems, key, m.url(), want.asText());
        default -> problems.add("unchecked key " + key);
      }
    }
    return problems.isEmpty() ? null : String.join("; ", problems);
  }

  static void expectEq(List<String> problems, String key, Object got, Object want) {
    if (!Objects.equals(got, want)) {
      problems.add(key + " `" + got + "` != `" + want + "`");
    }
  }
}
