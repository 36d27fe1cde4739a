package dev.envx.translate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Version constraints between conda and PEP 440. {@code exact} says whether the translation means the same
 * set of versions (as far as the two orderings agree); when it is false, {@code reason} says why.
 */
public final class Versions {
  private static final Pattern RELEASE = Pattern.compile("(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*");
  private static final Pattern ATOM = Pattern.compile("(==|!=|>=|<=|~=|>|<)?(.+)");

  private Versions() {}

  public record Result(String spec, boolean exact, String reason) {
    static Result exact(String spec) {
      return new Result(spec, true, null);
    }

    static Result lossy(String spec, String reason) {
      return new Result(spec, false, reason);
    }
  }

  /**
   * A conda version spec (as stored in {@link CondaSpec#version()}) as PEP 440 specifiers joined by
   * {@code ,} ("" for any version).
   */
  public static Result condaToPep440(String condaVersion) {
    String v = CondaSpec.normalizeVersion(condaVersion);
    if (v.isEmpty()) {
      return Result.exact("");
    }
    if (v.contains("|") || v.contains("(")) {
      return Result.lossy("", "`|` (or) has no PEP 440 equivalent");
    }
    List<String> out = new ArrayList<>();
    for (String atom : v.split(",")) {
      if (atom.equals("*")) {
        continue;
      }
      Matcher m = ATOM.matcher(atom);
      if (!m.matches()) {
        return Result.lossy("", "`" + atom + "` is not a version constraint");
      }
      String op = m.group(1) == null ? "" : m.group(1);
      String ver = m.group(2);
      String core = ver.endsWith(".*") ? ver.substring(0, ver.length() - 2) : ver;
      if (core.contains("*")) {
        return Result.lossy("", "`" + atom + "` has a `*` inside the version");
      }
      if (!Pep508Line.VERSION_RE.matcher(core).matches()) {
        return Result.lossy("", "`" + core + "` is not a PEP 440 version");
      }
      if (core.startsWith("v") || core.startsWith("V")) {
        return Result.lossy("", "`" + core + "` has a `v` prefix");
      }
      boolean prefix = ver.endsWith(".*");
      if (prefix && !RELEASE.matcher(core).matches() && (op.isEmpty() || op.equals("==") || op.equals("!="))) {
        // PEP 440 allows `.*` only after a release segment (`1.2.*`, not `1.2.post1.*`)
        return Result.lossy(String.join(",", out) + (out.isEmpty() ? "" : ",") + (op.equals("!=") ? "!=" : "==")
            + core, "`" + atom + "`: PEP 440 allows `.*` only after release numbers");
      }
      switch (op) {
        case "" -> out.add("==" + ver); // normalized: bare fuzzy `1.2.*`
        case "==", "!=" -> out.add(op + ver);
        default -> {
          if (ver.endsWith(".*")) {
            return Result.lossy("", "`" + atom + "` mixes `" + op + "` with `.*`");
          }
          out.add(op + ver);
        }
      }
    }
    String pep = String.join(",", out);
    if (!pep.isEmpty()) {
      try {
        dev.envx.model.pep440.SpecifierSet.parse(pep);
      } catch (IllegalArgumentException e) {
        return Result.lossy("", "`" + pep + "` is not a valid PEP 440 specifier (" + e.getMessage() + ")");
      }
    }
    return Result.exact(pep);
  }

  /** PEP 440 specifiers ({@code >=1.2}, {@code ==1.2.*}) as a conda version spec ("" for any version). */
  public static Result pep440ToConda(List<String> specifiers) {
    List<String> out = new ArrayList<>();
    String reason = null;
    for (String s : specifiers) {
      if (s.startsWith("===")) {
        out.add("==" + s.substring(3));
        reason = "`===` (arbitrary equality) becomes `==`";
      } else if (s.startsWith("==") && s.endsWith(".*")) {
        out.add(s.substring(2));
      } else {
        out.add(s);
      }
    }
    String joined = String.join(",", out);
    return reason == null ? Result.exact(joined) : Result.lossy(joined, reason);
  }

  /** {@code requires-python} (PEP 440 specifiers) as a conda spec for {@code python}. */
  public static Result requiresPythonToConda(String requiresPython) {
    List<String> specs = new ArrayList<>();
    for (String part : requiresPython.split(",")) {
      String t = part.replace(" ", "");
      if (!t.isEmpty()) {
        specs.add(t);
      }
    }
    return pep440ToConda(specs);
  }
}
