package dev.envx.model.conda;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Evaluates mamba's {@code MatchSpec::parse} checks (accessor, expected value or truthiness) against envx's
 * MatchSpec. Accessors with no envx equivalent ({@code raw_assertion} C++ snippets, mamba-only flags) are
 * skipped; mamba's own printing ({@code to_string}, {@code conda_build_form}) is compared as is and differences
 * are listed in {@link CondaVectorExceptions}.
 */
final class MambaChecks {
  private MambaChecks() {}

  static String evaluate(JsonNode c) {
    // mamba reads `""` as a free spec, like conda's _parse_spec_str: envx's lenient mode
    MatchSpec m = MatchSpec.parse(c.get("spec").asText(), MatchSpec.Mode.LENIENT);
    List<String> problems = new ArrayList<>();
    for (JsonNode check : c.path("checks")) {
      String accessor = check.path("accessor").asText(null);
      if (accessor == null) {
        continue; // raw C++ assertion
      }
      Object got;
      boolean semanticVersion = false;
      switch (accessor) {
        case "ms.name().to_string()" -> got = m.nameOrStar();
        case "ms.name().is_free()" -> got = m.name() == null;
        case "ms.version().to_string()" -> {
          got = m.version() == null ? new VersionSpec.Any() : m.version();
          semanticVersion = true;
        }
        case "ms.version().is_explicitly_free()" -> got = m.version() == null || m.version() instanceof VersionSpec.Any;
        case "ms.build_string().to_string()" -> got = Objects.toString(m.build(), null);
        case "ms.build_string().is_explicitly_free()" -> got = m.build() == null;
        case "ms.build_string().is_glob()" -> got = m.build() instanceof StringMatcher.Glob;
        case "ms.build_number().to_string()" -> got = m.buildNumber();
        case "ms.build_number().is_explicitly_free()" -> got = m.buildNumber() == null;
        case "ms.channel().has_value()" -> got = m.channel() != null;
        case "ms.channel().value().str()", "ms.channel()->location()" ->
            got = m.channel() + (m.subdir() != null && accessor.endsWith("str()") ? "[" + m.subdir() + "]" : "");
        case "ms.name_space()" -> got = Objects.toString(m.namespace(), "");
        case "ms.md5()" -> got = m.md5();
        case "ms.to_string()", "ms.str()" -> got = m.toString();
        case "ms.conda_build_form()" -> got = m.condaBuildForm();
        case "ms.is_only_package_name()" -> got = m.exactName() != null && m.equals(MatchSpec.ofName(m.exactName()));
        default -> {
          continue; // mamba-only accessor
        }
      }
      if (check.has("truthy")) {
        boolean truthy = got instanceof Boolean b ? b : got != null;
        if (truthy != check.get("truthy").asBoolean()) {
          problems.add(accessor + " is " + got);
        }
        continue;
      }
      String want = check.get("expected").asText();
      boolean ok;
      if (semanticVersion) {
        ok = VersionSpec.parse(want).equals(got);
      } else if (got instanceof BuildNumberSpec bn) {
        ok = BuildNumberSpec.parse(want).equals(bn);
      } else {
        ok = want.equals(Objects.toString(got, null));
      }
      if (ok != !"!=".equals(check.path("op").asText("=="))) {
        problems.add(accessor + " = `" + got + "`, mamba expects `" + want + "`");
      }
    }
    return problems.isEmpty() ? null : String.join("; ", problems);
  }
}
