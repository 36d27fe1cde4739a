package dev.envx.translate;

import dev.envx.diag.ParseError;
import dev.envx.model.conda.CondaVersion;
import dev.envx.model.conda.VersionSpec;
import dev.envx.model.pep440.Operator;
import dev.envx.model.pep440.Pep440Version;
import dev.envx.model.pep440.Specifier;
import dev.envx.model.pep440.SpecifierSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Version constraints between conda and PEP 440, on the model's types: a {@link VersionSpec} tree becomes a
 * {@link SpecifierSet} leaf by leaf, and a specifier set becomes a conjunction of conda leaves. A leaf is exact
 * when both orderings give it the same meaning (as far as they agree: conda and PEP 440 order pre-, post- and dev
 * releases alike); whether a whole translation comes back is decided with the PEP 440 set algebra
 * ({@link SpecifierSet#isSubsetOf}), never by printing and re-reading text.
 */
final class VersionTranslation {
  private VersionTranslation() {}

  /** conda → PEP 440: the set ({@link SpecifierSet#EMPTY} for any version); {@code reason} says what is lost. */
  record ToPep(SpecifierSet set, String reason) {
    boolean exact() {
      return reason == null;
    }
  }

  /** PEP 440 → conda: the spec (null for any version); {@code reason} says what is lost. */
  record ToConda(VersionSpec spec, String reason) {
    boolean exact() {
      return reason == null;
    }
  }

  /** A conda version constraint (null: any) as PEP 440 specifiers; leaves without a PEP 440 form are left out. */
  static ToPep toPep440(VersionSpec spec) {
    List<Specifier> out = new ArrayList<>();
    String reason = spec == null ? null : conjoin(spec, out);
    return new ToPep(SpecifierSet.of(out), reason);
  }

  /** Adds the specifiers of {@code spec} (a conjunction) to {@code out}; returns the first loss, or null. */
  private static String conjoin(VersionSpec spec, List<Specifier> out) {
    if (spec instanceof VersionSpec.And and) {
      String reason = null;
      for (VersionSpec s : and.specs()) {
        String r = conjoin(s, out);
        reason = reason == null ? r : reason;
      }
      return reason;
    }
    if (spec instanceof VersionSpec.Any) {
      return null;
    }
    if (spec instanceof VersionSpec.Or) {
      return "`|` (or) has no PEP 440 equivalent";
    }
    if (spec instanceof VersionSpec.Relational r) {
      return leaf(r.version(), pepOperator(r.op()), false, r, out);
    }
    if (spec instanceof VersionSpec.StartsWith s) {
      return leaf(s.prefix(), s.negated() ? Operator.NOT_EQUAL : Operator.EQUAL, true, s, out);
    }
    if (spec instanceof VersionSpec.Compatible c) {
      // conda's `~=V` with a one-segment V is only `>=V` (no prefix); PEP 440 needs two segments for `~=`
      return leaf(c.version(), c.prefix() == null ? Operator.GREATER_EQUAL : Operator.COMPATIBLE, false, c, out);
    }
    if (spec instanceof VersionSpec.Regex) {
      return "`" + spec + "` is a regular expression on the version string";
    }
    return "`" + spec + "` has a `*` inside the version"; // a Glob
  }

  private static Operator pepOperator(VersionSpec.Op op) {
    return switch (op) {
      case EQ -> Operator.EQUAL;
      case NE -> Operator.NOT_EQUAL;
      case LT -> Operator.LESS;
      case LE -> Operator.LESS_EQUAL;
      case GT -> Operator.GREATER;
      case GE -> Operator.GREATER_EQUAL;
    };
  }

  /** One leaf: {@code op version} (or {@code op version.*} for a prefix match) when PEP 440 can say it. */
  private static String leaf(CondaVersion version, Operator op, boolean prefix, VersionSpec leaf,
      List<Specifier> out) {
    String v = version.original().strip();
    if (v.startsWith("v") || v.startsWith("V")) {
      return "`" + v + "` has a `v` prefix";
    }
    Pep440Version pep = Pep440Version.tryParse(v).orElse(null);
    if (pep == null) {
      return "`" + v + "` is not a PEP 440 version";
    }
    if (prefix && (pep.isPrerelease() || pep.post().isPresent() || pep.hasLocal() || pep.dev().isPresent())) {
      // the nearest PEP 440 form is the version itself (`==1.2.post1` for conda's `1.2.post1.*`)
      out.add(Specifier.parse(op.symbol() + v));
      return "`" + leaf + "`: PEP 440 allows `.*` only after release numbers";
    }
    try {
      out.add(Specifier.parse(op.symbol() + v + (prefix ? ".*" : "")));
      return null;
    } catch (ParseError e) {
      return "`" + leaf + "` has no PEP 440 form (" + e.getMessage() + ")";
    }
  }

  /** PEP 440 specifiers as a conda conjunction (null for none). */
  static ToConda toConda(SpecifierSet set) {
    List<VersionSpec> leaves = new ArrayList<>();
    String reason = null;
    for (Specifier s : set.specifiers()) {
      if (s.operator() == Operator.ARBITRARY) {
        reason = reason == null ? "`===` (arbitrary equality) becomes `==`" : reason;
        leaves.add(new VersionSpec.Relational(VersionSpec.Op.EQ, condaVersion(s.version())));
        continue;
      }
      String v = s.isWildcard() ? s.version().substring(0, s.version().length() - 2) : s.version();
      CondaVersion cv = condaVersion(v);
      leaves.add(switch (s.operator()) {
        case EQUAL -> s.isWildcard() ? new VersionSpec.StartsWith(cv) : new VersionSpec.Relational(VersionSpec.Op.EQ, cv);
        case NOT_EQUAL -> s.isWildcard() ? new VersionSpec.StartsWith(cv, true, VersionSpec.PrefixForm.STAR)
            : new VersionSpec.Relational(VersionSpec.Op.NE, cv);
        case COMPATIBLE -> VersionSpec.Compatible.of(cv);
        case LESS -> new VersionSpec.Relational(VersionSpec.Op.LT, cv);
        case LESS_EQUAL -> new VersionSpec.Relational(VersionSpec.Op.LE, cv);
        case GREATER -> new VersionSpec.Relational(VersionSpec.Op.GT, cv);
        case GREATER_EQUAL -> new VersionSpec.Relational(VersionSpec.Op.GE, cv);
        case ARBITRARY -> throw new IllegalStateException();
      });
    }
    VersionSpec spec = leaves.isEmpty() ? null : leaves.size() == 1 ? leaves.get(0) : new VersionSpec.And(leaves);
    if (reason == null && !sameSet(set, toPep440(spec))) {
      reason = "conda reads `" + spec + "` differently from PEP 440's `" + set + "`";
    }
    return new ToConda(spec, reason);
  }

  /**
   * The version for conda: the user's spelling, unless conda cannot read it or reads it differently: a {@code -}
   * ({@code 1.0-1} is {@code 1.0.post1} in PEP 440, {@code 1.0_1} to conda) gives PEP 440's normal form.
   */
  private static CondaVersion condaVersion(String pep) {
    if (pep.indexOf('-') < 0) {
      try {
        return CondaVersion.parse(pep);
      } catch (ParseError e) {
        // fall through to the normal form
      }
    }
    return CondaVersion.parse(Pep440Version.tryParse(pep).map(Pep440Version::toString).orElse(pep));
  }

  /** Whether the conda → PEP 440 translation {@code back} admits exactly the versions of {@code set}. */
  private static boolean sameSet(SpecifierSet set, ToPep back) {
    return back.exact() && set.isEquivalentTo(back.set());
  }

  /**
   * Whether {@code conda}, written as PEP 440 and converted back, is the same constraint: both translations are
   * exact, so both sides mean the PEP 440 set (decided by the set algebra in {@link #toConda}).
   */
  static boolean comesBack(VersionSpec conda) {
    ToPep pep = toPep440(conda);
    return pep.exact() && toConda(pep.set()).exact();
  }

  /** The specifiers as written into files: in the order the user wrote them, joined by {@code ,} ("" for none). */
  static String written(SpecifierSet set) {
    StringBuilder b = new StringBuilder(); // a loop, not a stream: it runs for every entry of a conversion
    for (Specifier s : set.specifiers()) {
      b.append(b.isEmpty() ? "" : ",").append(s);
    }
    return b.toString();
  }

  /** {@code name} with a version, in the spelling conda users write ({@code numpy=1.21}, {@code numpy>=1}). */
  static String render(String name, VersionSpec version) {
    if (version == null || version instanceof VersionSpec.Any) {
      return name;
    }
    if (version instanceof VersionSpec.StartsWith s && !s.negated()) {
      return name + "=" + s.prefix().original().strip();
    }
    String v = version.toString();
    return Character.isLetterOrDigit(v.charAt(0)) ? name + " " + v : name + v;
  }
}
