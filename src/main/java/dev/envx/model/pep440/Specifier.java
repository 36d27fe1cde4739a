package dev.envx.model.pep440;

import dev.envx.diag.ParseError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One PEP 440 version specifier ({@code >=1.2}, {@code ==1.2.*}, {@code ~=1.4.5}, {@code ===foo}) with
 * packaging's {@code Specifier} semantics. {@code version} is the version text as written (including a
 * trailing {@code .*} for wildcards); {@code prereleases} is the optional explicit override (null = decide
 * from the specifier, as packaging does) and takes no part in equality.
 */
public record Specifier(Operator operator, String version, Boolean prereleases) {
  private static final String PRE = "(?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?";
  private static final String POST = "(?:(?:-[0-9]+)|(?:[-_.]?(?:post|rev|r)[-_.]?[0-9]*))?";
  private static final String DEV = "(?:[-_.]?dev[-_.]?[0-9]*)?";
  private static final String LOCAL = "(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?";

  /** packaging's {@code Specifier._specifier_regex_str}, also used by the PEP 508 tokenizer. */
  public static final String REGEX_BODY =
      "(?:"
          + "(?:===" + PyText.WS + "*[^" + PyText.WS_CHARS + ";)]*)"
          + "|(?:(?:==|!=)" + PyText.WS + "*v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*(?:\\.\\*|" + PRE + POST + DEV + LOCAL + ")?)"
          + "|(?:~=" + PyText.WS + "*v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)+" + PRE + POST + DEV + ")"
          + "|(?:(?:<=|>=|<|>)" + PyText.WS + "*v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*" + PRE + POST + DEV + ")"
          + ")";

  /**
   * The grammar's patterns, compiled when first needed (start-up: they are large, compiling them runs interpreted,
   * and the simple specifiers most files hold never need them; see {@link #simpleEnd}).
   */
  private static final class Grammar {
    private Grammar() {}

    static final Pattern TOKEN = Pattern.compile(REGEX_BODY, Pattern.CASE_INSENSITIVE);
    static final Pattern FULL =
        Pattern.compile(PyText.WS + "*" + REGEX_BODY + PyText.WS + "*", Pattern.CASE_INSENSITIVE);
  }

  /** The specifier grammar without surrounding whitespace, for prefix matching by tokenizers. */
  public static Pattern token() {
    return Grammar.TOKEN;
  }
  private static final String TOO_LARGE = "version number too large in `";
  private static final Pattern PREFIX_LETTERS = Pattern.compile("([0-9]+)((?:a|b|c|rc)[0-9]+)");

  public Specifier {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(version, "version");
    String text = operator.symbol() + version;
    if (simpleEnd(text, 0) != text.length() && !Grammar.FULL.matcher(text).matches()) {
      throw new ParseError(
          "Invalid specifier: " + PyText.repr(operator.symbol() + version),
          operator.symbol() + version,
          0,
          operator.symbol().length() + version.length());
    }
    // the grammar has no bound on a number's size, envx's versions do (long): say so here, not when the
    // specifier is matched or written
    if (operator != Operator.ARBITRARY && Pep440Version.parseOrNull(
        version.endsWith(".*") ? version.substring(0, version.length() - 2) : PyText.strip(version)) == null) {
      throw new ParseError(TOO_LARGE + text + "` (envx reads numbers up to "
          + Long.MAX_VALUE + ")", text, operator.symbol().length(), version.length());
    }
  }

  /**
   * Where the specifier starting at {@code from} ends when it is the common simple form (an operator, blanks,
   * a plain release such as {@code 1.2.3}, and {@code .*} after {@code ==}/{@code !=}), followed by the end
   * of input or one of {@code " \t,;)"}; -1 when the full grammar must decide. The result equals what
   * {@link #token()} would match there; it only spares the regex engine on the inputs that are most common.
   */
  public static int simpleEnd(String s, int from) {
    Operator op = Operator.prefixOf(s.substring(from, Math.min(s.length(), from + 3)));
    if (op == null || op == Operator.ARBITRARY) {
      return -1;
    }
    int i = from + op.symbol().length();
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    int parts = 0;
    while (true) {
      int start = i;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      if (i == start) {
        return -1;
      }
      parts++;
      if (i + 1 < s.length() && s.charAt(i) == '.' && s.charAt(i + 1) >= '0' && s.charAt(i + 1) <= '9') {
        i++;
        continue;
      }
      break;
    }
    if ((op == Operator.EQUAL || op == Operator.NOT_EQUAL) && s.startsWith(".*", i)) {
      i += 2;
    }
    if (op == Operator.COMPATIBLE && parts < 2) {
      return -1;
    }
    if (i < s.length() && " \t,;)".indexOf(s.charAt(i)) < 0) {
      return -1;
    }
    return i;
  }

  /** Parses one specifier such as {@code >= 1.0}; throws {@link ParseError} when invalid. */
  public static Specifier parse(String text) {
    return parse(text, null);
  }

  /** Parses one specifier with an explicit pre-release override (null = automatic). */
  public static Specifier parse(String text, Boolean prereleases) {
    Objects.requireNonNull(text, "text");
    String spec = PyText.strip(text);
    Operator op = Operator.prefixOf(spec);
    if (op == null) {
      throw invalid(text, text, 0);
    }
    try {
      // the compact constructor applies packaging's specifier grammar to operator + version
      return new Specifier(op, PyText.strip(spec.substring(op.symbol().length())), prereleases);
    } catch (ParseError e) {
      if (e.getMessage().startsWith(TOO_LARGE)) {
        int at = text.indexOf(spec) + op.symbol().length();
        throw new ParseError(e.getMessage(), text, PyText.skipSpace(text, at), text.length() - at);
      }
      throw invalid(text, text, 0);
    }
  }

  /**
   * {@code e} from {@link #parse(String)} of {@code spec}, located in {@code input} at {@code base}: a version too
   * large for envx keeps its message, anything else is packaging's "invalid specifier".
   */
  static ParseError relocated(ParseError e, String spec, String input, int base) {
    if (e.getMessage().startsWith(TOO_LARGE)) {
      return new ParseError(e.getMessage(), input, base + e.offset(), Math.max(1, spec.length() - e.offset()));
    }
    return invalid(spec, input, base);
  }

  /** The error packaging raises for an invalid specifier, located in {@code input} at {@code base}. */
  static ParseError invalid(String spec, String input, int base) {
    int lead = 0;
    lead = PyText.skipSpace(spec, 0);
    int offset = lead;
    Matcher m = Grammar.TOKEN.matcher(spec);
    m.region(lead, spec.length());
    if (m.lookingAt()) {
      offset = m.end();
    } else if (Operator.prefixOf(spec.substring(lead)) != null) {
      offset = lead + Operator.prefixOf(spec.substring(lead)).symbol().length();
    }
    return new ParseError(
        "Invalid specifier: " + PyText.repr(PyText.strip(spec)),
        input,
        base + offset,
        Math.max(1, spec.length() - offset),
        "a specifier is an operator (`~=`, `==`, `!=`, `<=`, `>=`, `<`, `>`, `===`) and a version,"
            + " e.g. `>=1.2`; `.*` only after `==`/`!=`, local labels (`+x`) only with `==`/`!=`/`===`");
  }

  /** A copy with an explicit pre-release override (null = automatic). */
  public Specifier withPrereleases(Boolean value) {
    return new Specifier(operator, version, value);
  }

  public boolean isWildcard() {
    return (operator == Operator.EQUAL || operator == Operator.NOT_EQUAL) && version.endsWith(".*");
  }

  /**
   * The version as a PEP 440 version (for wildcards: the prefix before {@code .*}); null for {@code ===}
   * with a string that is not a PEP 440 version.
   */
  public Pep440Version parsedVersion() {
    String v = isWildcard() ? version.substring(0, version.length() - 2) : version;
    return Pep440Version.tryParse(v).orElse(null);
  }

  private Pep440Version requireVersion() {
    Pep440Version v = Pep440Version.tryParse(version).orElse(null);
    if (v == null) {
      throw new IllegalStateException("specifier version `" + version + "` is not a PEP 440 version");
    }
    return v;
  }

  /**
   * packaging's {@code Specifier.prereleases}: the explicit override, else whether the specifier itself
   * names a pre-release ({@code !=} and wildcards never do; null for an unparseable {@code ===}).
   */
  public Boolean effectivePrereleases() {
    if (prereleases != null) {
      return prereleases;
    }
    if (operator == Operator.NOT_EQUAL) {
      return false;
    }
    if (operator == Operator.EQUAL && version.endsWith(".*")) {
      return false;
    }
    Pep440Version v = Pep440Version.tryParse(version).orElse(null);
    return v == null ? null : v.isPrerelease();
  }

  /** Whether {@code version} (a version string, not necessarily PEP 440) satisfies this specifier. */
  public boolean contains(String item, Boolean prereleases) {
    return !filter(List.of(item), prereleases).isEmpty();
  }

  public boolean contains(String item) {
    return contains(item, null);
  }

  public boolean contains(Pep440Version item, Boolean prereleases) {
    return contains(item.toString(), prereleases);
  }

  /** packaging's {@code Specifier.filter}: keeps input order; pre-releases only when allowed or nothing else matched. */
  public List<String> filter(List<String> items, Boolean prereleases) {
    List<String> out = new ArrayList<>();
    List<String> pres = new ArrayList<>();
    boolean foundFinal = false;
    Boolean auto = effectivePrereleases();
    boolean include = prereleases != null ? prereleases : Boolean.TRUE.equals(auto);
    boolean deferPres = prereleases == null && !Boolean.FALSE.equals(this.prereleases);
    for (String item : items) {
      Pep440Version parsed = Pep440Version.tryParse(item).orElse(null);
      boolean match = false;
      if (parsed == null) {
        if (operator == Operator.ARBITRARY && matchesArbitrary(item)) {
          out.add(item);
        }
      } else if (operator == Operator.ARBITRARY) {
        match = matchesArbitrary(item);
      } else {
        match = matches(parsed);
      }
      if (match && parsed != null) {
        if (!parsed.isPrerelease() || include) {
          foundFinal = true;
          out.add(item);
        } else if (deferPres) {
          pres.add(item);
        }
      }
    }
    if (!foundFinal && deferPres) {
      out.addAll(pres);
    }
    return out;
  }

  boolean matchesArbitrary(String item) {
    return item.toLowerCase(Locale.ROOT).equals(version.toLowerCase(Locale.ROOT));
  }

  /** The operator's comparison alone, without pre-release filtering (not for {@code ===}). */
  public boolean matches(Pep440Version v) {
    return switch (operator) {
      case COMPATIBLE -> compatible(v);
      case EQUAL -> equal(v, version);
      case NOT_EQUAL -> !equal(v, version);
      case LESS_EQUAL -> v.publicVersion().compareTo(requireVersion()) <= 0;
      case GREATER_EQUAL -> v.publicVersion().compareTo(requireVersion()) >= 0;
      case LESS -> less(v);
      case GREATER -> greater(v);
      case ARBITRARY -> matchesArbitrary(v.toString());
    };
  }

  private boolean compatible(Pep440Version v) {
    List<String> split = versionSplit(version);
    List<String> kept = new ArrayList<>();
    for (String seg : split) {
      if (!isNotSuffix(seg)) {
        break;
      }
      kept.add(seg);
    }
    kept = kept.subList(0, Math.max(0, kept.size() - 1));
    String prefix = versionJoin(kept) + ".*";
    return v.publicVersion().compareTo(requireVersion()) >= 0 && equal(v, prefix);
  }

  private static boolean equal(Pep440Version prospective, String spec) {
    if (spec.endsWith(".*")) {
      List<String> splitSpec = versionSplit(canonicalize(spec.substring(0, spec.length() - 2)));
      int specNumeric = numericPrefixLength(splitSpec);
      List<String> splitProspective = versionSplit(prospective.publicVersion().toString());
      List<String> padded = leftPad(splitProspective, specNumeric);
      List<String> shortened = padded.subList(0, Math.min(padded.size(), splitSpec.size()));
      return shortened.equals(splitSpec);
    }
    Pep440Version specVersion = Pep440Version.parse(spec);
    if (!specVersion.hasLocal()) {
      prospective = prospective.publicVersion();
    }
    return prospective.equals(specVersion);
  }

  private boolean less(Pep440Version v) {
    Pep440Version spec = requireVersion();
    if (v.compareTo(spec) >= 0) {
      return false;
    }
    Pep440Version earliest = spec.withSuffixes(spec.pre().orElse(null), spec.post().orElse(null), 0L, null);
    return spec.isPrerelease() || !v.isPrerelease() || v.compareTo(earliest) < 0;
  }

  private boolean greater(Pep440Version v) {
    Pep440Version spec = requireVersion();
    if (v.compareTo(spec) <= 0) {
      return false;
    }
    if (!spec.isPostrelease()
        && v.isPostrelease()
        && v.withSuffixes(v.pre().orElse(null), null, null, null).equals(spec)) {
      return false;
    }
    return !(v.hasLocal() && v.publicVersion().equals(spec));
  }

  /** canonicalize_version(text, strip_trailing_zero=False): the normalized form, or the text unchanged. */
  private static String canonicalize(String text) {
    return Pep440Version.tryParse(text).map(Pep440Version::toString).orElse(text);
  }

  private static List<String> versionSplit(String version) {
    List<String> result = new ArrayList<>();
    int bang = version.lastIndexOf('!');
    String epoch = bang < 0 ? "" : version.substring(0, bang);
    String rest = bang < 0 ? version : version.substring(bang + 1);
    result.add(epoch.isEmpty() ? "0" : epoch);
    for (String item : rest.split("\\.", -1)) {
      Matcher m = PREFIX_LETTERS.matcher(item);
      if (m.matches()) {
        result.add(m.group(1));
        result.add(m.group(2));
      } else {
        result.add(item);
      }
    }
    return result;
  }

  private static String versionJoin(List<String> components) {
    if (components.isEmpty()) {
      return "";
    }
    return components.get(0) + "!" + String.join(".", components.subList(1, components.size()));
  }

  private static boolean isNotSuffix(String segment) {
    for (String p : new String[] {"dev", "a", "b", "rc", "post"}) {
      if (segment.startsWith(p)) {
        return false;
      }
    }
    return true;
  }

  private static int numericPrefixLength(List<String> split) {
    int count = 0;
    for (String s : split) {
      if (s.isEmpty() || !s.chars().allMatch(Character::isDigit)) {
        break;
      }
      count++;
    }
    return count;
  }

  private static List<String> leftPad(List<String> split, int target) {
    int numeric = numericPrefixLength(split);
    if (target <= numeric) {
      return split;
    }
    List<String> out = new ArrayList<>(split.subList(0, numeric));
    for (int i = numeric; i < target; i++) {
      out.add("0");
    }
    out.addAll(split.subList(numeric, split.size()));
    return out;
  }

  /** packaging's {@code _canonical_spec}: the form used for equality and hashing. */
  public String canonicalForm() {
    if (operator == Operator.ARBITRARY || version.endsWith(".*")) {
      return operator.symbol() + version;
    }
    return operator.symbol() + requireVersion().canonical(operator != Operator.COMPATIBLE);
  }

  @Override
  public boolean equals(Object o) {
    // the same operator and text have the same canonical form, which is not computed then (it parses the version:
    // a conversion compares every translated specifier with its way back)
    return o instanceof Specifier s && (operator == s.operator && version.equals(s.version)
        || canonicalForm().equals(s.canonicalForm()));
  }

  @Override
  public int hashCode() {
    return canonicalForm().hashCode();
  }

  /** As packaging's {@code str(Specifier)}: operator and version without whitespace. */
  @Override
  public String toString() {
    return operator.symbol() + version;
  }
}
