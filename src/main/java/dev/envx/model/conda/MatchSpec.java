package dev.envx.model.conda;

import dev.envx.diag.ParseError;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A conda package query ({@code MatchSpec}) with conda's grammar:
 * {@code (channel(/subdir):(namespace):)name(version(build))[key=value,...]}, e.g. {@code numpy>=1.7},
 * {@code numpy 1.7.* py39*}, {@code numpy=1.7=py39_0}, {@code conda-forge/linux-64::numpy==1.7},
 * {@code numpy[version='>=1.7',build_number=2]}, a package URL or file, {@code *[md5=...]}.
 *
 * <p>{@code name} null means {@code *}. {@code channel} and {@code subdir} are plain strings (the canonical channel
 * name or URL). {@code toString()} is conda's canonical {@code str(MatchSpec(...))}.
 */
public record MatchSpec(
    String channel,
    String subdir,
    String namespace,
    StringMatcher name,
    VersionSpec version,
    StringMatcher build,
    BuildNumberSpec buildNumber,
    Set<String> trackFeatures,
    Set<String> features,
    String url,
    String md5,
    String sha256,
    String license,
    String licenseFamily,
    String fn,
    String when,
    List<String> extras,
    List<String> flags) {

  // equals and hashCode written out: a record's generated ones are linked through invokedynamic at first use,
  // which costs a cold start (several ms) more than the comparison itself
  @Override
  public boolean equals(Object o) {
    return o instanceof MatchSpec m && Objects.equals(channel, m.channel) && Objects.equals(subdir, m.subdir)
        && Objects.equals(namespace, m.namespace) && Objects.equals(name, m.name)
        && Objects.equals(version, m.version) && Objects.equals(build, m.build)
        && Objects.equals(buildNumber, m.buildNumber) && Objects.equals(trackFeatures, m.trackFeatures)
        && Objects.equals(features, m.features) && Objects.equals(url, m.url) && Objects.equals(md5, m.md5)
        && Objects.equals(sha256, m.sha256) && Objects.equals(license, m.license)
        && Objects.equals(licenseFamily, m.licenseFamily) && Objects.equals(fn, m.fn)
        && Objects.equals(when, m.when) && Objects.equals(extras, m.extras) && Objects.equals(flags, m.flags);
  }

  @Override
  public int hashCode() {
    return Objects.hash(channel, subdir, namespace, name, version, build, buildNumber, trackFeatures, features,
        url, md5, sha256, license, licenseFamily, fn, when, extras, flags);
  }

  /** The subdirs conda knows (context.known_subdirs); used to split {@code channel/subdir}. */
  static final Set<String> KNOWN_SUBDIRS = Platform.subdirs();

  private static final Set<String> KEYS = Set.of("channel", "subdir", "name", "version", "build", "build_number",
      "track_features", "features", "url", "md5", "sha256", "license", "license_family", "fn", "when", "extras",
      "flags", "build_string");

  /**
   * The patterns of specs with blanks or an unusual character, compiled when first needed (start-up: compiling a
   * pattern runs interpreted, and most specs need none of them).
   */
  static final class Patterns {
    private Patterns() {}

    /** conda's pattern that splits the text after the name into version and build. */
    static final Pattern VERSION_PLUS_BUILD =
        Pattern.compile("((?:.+?)[^><!,|]?)(?:(?<![=!|,<>~])(?:[ =])([^-=,|<>~]+?))?$", Pattern.DOTALL);

    static final Pattern BLANK_AFTER_OPERATOR = Pattern.compile("([<>=!~]=?|,)\\s+(?=\\S)");
    static final Pattern BLANK_BEFORE_COMMA = Pattern.compile("\\s+,");
    static final Pattern WHITESPACE = Pattern.compile("\\s+");
  }

  public MatchSpec {
    if (version instanceof VersionSpec.Any) {
      version = null; // `*` constrains nothing; conda prints neither
    }
    trackFeatures = trackFeatures == null ? Set.of() : Set.copyOf(new TreeSet<>(trackFeatures));
    features = features == null ? Set.of() : Set.copyOf(new TreeSet<>(features));
    extras = extras == null ? null : List.copyOf(extras);
    flags = flags == null ? null : List.copyOf(flags);
    if (when != null && when.isBlank()) {
      throw new IllegalArgumentException("`when` must not be blank");
    }
  }

  /** A spec that only names a package. */
  public static MatchSpec ofName(String name) {
    return new MatchSpec(null, null, null, StringMatcher.parse(name.toLowerCase(Locale.ROOT)), null, null, null,
        null, null, null, null, null, null, null, null, null, null, null);
  }

  /** How strictly {@link #parse(String, Mode)} reads a spec. */
  public enum Mode {
    /** As conda 25.x's {@code MatchSpec}: {@code ""}, {@code foo=}, {@code pkg..name}, {@code pkg--name} are errors. */
    STRICT,
    /**
     * For reading old files, as conda's {@code _parse_spec_str} (which does not validate): {@code ""} matches every
     * package, {@code foo=} is {@code foo}, a doubled {@code .} or {@code -} in a name is kept. Everything else is
     * as strict.
     */
    LENIENT
  }

  /** Parses a spec as conda 25.x does ({@link Mode#STRICT}); throws {@link ParseError} with the column. */
  public static MatchSpec parse(String text) {
    return parse(text, Mode.STRICT);
  }

  public static MatchSpec parse(String text, Mode mode) {
    return new MatchSpecParser(text, mode == Mode.LENIENT).parse();
  }

  /** The exact package name, or null for {@code *} and globs. */
  public String exactName() {
    return name == null ? null : name.exactValue();
  }

  /**
   * Whether this spec says nothing beyond a name and a version: no channel, subdir, namespace, build, build
   * number, features, URL, hashes, license, file name, condition, extras or flags.
   */
  public boolean constrainsOnlyNameAndVersion() {
    return channel == null && subdir == null && namespace == null && build == null && buildNumber == null
        && trackFeatures.isEmpty() && features.isEmpty() && url == null && md5 == null && sha256 == null
        && license == null && licenseFamily == null && fn == null && when == null && extras == null && flags == null;
  }

  /** This spec without channel, subdir and build (the parts a {@code { version, build, channel }} table holds). */
  public MatchSpec withoutChannelAndBuild() {
    return new MatchSpec(null, null, namespace, name, version, null, buildNumber, trackFeatures, features, url,
        md5, sha256, license, licenseFamily, fn, when, extras, flags);
  }

  /** conda's {@code name}: the exact name or {@code *}. */
  public String nameOrStar() {
    String n = exactName();
    return n == null ? "*" : n;
  }

  // ---------------------------------------------------------------- matching

  /** Whether {@code record} satisfies every field of this spec (conda's {@code MatchSpec.match}). */
  public boolean matches(PackageRecordRef record) {
    if (name != null && !name.matches(record.name())) {
      return false;
    }
    if (version != null && !version.matches(record.version())) {
      return false;
    }
    if (build != null && !build.matches(record.build())) {
      return false;
    }
    if (buildNumber != null && !buildNumber.matches(record.buildNumber())) {
      return false;
    }
    if (channel != null && !channel.equals("*") && !channelMatches(record.channel())) {
      return false;
    }
    if (subdir != null && !subdir.equals(record.subdir())) {
      return false;
    }
    if (md5 != null && !md5.equals(record.md5())) {
      return false;
    }
    if (sha256 != null && !sha256.equals(record.sha256())) {
      return false;
    }
    if (fn != null && !fn.equals(record.fn())) {
      return false;
    }
    if (url != null && !url.equals(record.url())) {
      return false;
    }
    if (license != null && !license.equalsIgnoreCase(String.valueOf(record.license()))) {
      return false;
    }
    if (licenseFamily != null && !licenseFamily.equalsIgnoreCase(String.valueOf(record.licenseFamily()))) {
      return false;
    }
    if (!trackFeatures.isEmpty() && !trackFeatures.equals(record.trackFeatures())) {
      return false;
    }
    return features.isEmpty() || features.equals(record.features());
  }

  private boolean channelMatches(String recordChannel) {
    if (recordChannel == null) {
      return false;
    }
    if (channel.indexOf('*') >= 0) {
      return StringMatcher.parse(channel).matches(recordChannel);
    }
    return channelMatch(channel, recordChannel);
  }

  /**
   * conda's {@code ChannelMatch(spec).match(channel)}: the spec's channel name equals the record channel's name
   * or canonical name ({@code defaults} matches {@code pkgs/main}, not the other way round). Names below the
   * default channel alias and {@code repo.anaconda.com} are short; other URLs stay whole.
   */
  public static boolean channelMatch(String specChannel, String recordChannel) {
    String specName = MatchSpecParser.channelName(specChannel);
    String name = MatchSpecParser.channelName(recordChannel);
    return specName.equals(name) || specName.equals(MatchSpecParser.canonicalChannel(recordChannel));
  }

  /** conda's {@code conda_build_form()}: {@code name version build} separated by blanks. */
  public String condaBuildForm() {
    StringBuilder b = new StringBuilder(nameOrStar());
    String v = version == null ? null : version.toString();
    if (build != null) {
      b.append(' ').append(v == null ? "*" : v).append(' ').append(build);
    } else if (v != null) {
      b.append(' ').append(v);
    }
    return b.toString();
  }

  // ---------------------------------------------------------------- canonical string

  /** conda's {@code str(MatchSpec)}: a URL spec prints as {@code channel/subdir::name==version=build}. */
  @Override
  public String toString() {
    return render(false);
  }

  /**
   * The form envx writes back into files: {@link #toString()}, except that a spec with a package URL keeps it.
   * A spec read from a package file's URL (or path) is that URL, which conda reads back to the same file,
   * channel, subdir, name, version and build ({@code str()} would lose the file: {@code @EXPLICIT}-style pins);
   * a {@code url} key next to a channel stays in the brackets.
   */
  public String spelling() {
    if (url == null) {
      return toString();
    }
    if (isPackageFile(url)) {
      try {
        if (parse(url).equals(this)) {
          return url;
        }
      } catch (ParseError e) {
        // not a URL conda reads on its own: keep the key form below
      }
    }
    return render(true);
  }

  private static boolean isPackageFile(String s) {
    return s.endsWith(".tar.bz2") || s.endsWith(".conda");
  }

  private String render(boolean keepUrl) {
    StringBuilder b = new StringBuilder();
    List<String> brackets = new ArrayList<>();
    boolean channelExact = channel != null && channel.indexOf('*') < 0;
    if (channelExact) {
      b.append(channel);
    } else if (channel != null && !channel.equals("*")) {
      brackets.add("channel=" + channel);
    }
    if (subdir != null) {
      if (channelExact) {
        b.append('/').append(subdir);
      } else {
        brackets.add("subdir=" + subdir);
      }
    }
    if (b.length() > 0) {
      b.append("::");
    }
    b.append(name == null ? "*" : name.toString());
    boolean versionExact = false;
    if (version != null && !(version instanceof VersionSpec.Any)) {
      String v = version.toString();
      if (containsAny(v, "><$^|,")) {
        brackets.add("version='" + v + "'");
      } else if (v.startsWith("!=") || v.startsWith("~=")) {
        if (build != null) {
          brackets.add("version='" + v + "'");
        } else {
          b.append(v);
        }
      } else if (v.endsWith(".*")) {
        b.append('=').append(v, 0, v.length() - 2);
      } else if (v.endsWith("*")) {
        b.append('=').append(v, 0, v.length() - 1);
      } else if (v.startsWith("=")) {
        b.append(v);
        versionExact = v.startsWith("==");
      } else {
        b.append("==").append(v);
        versionExact = true;
      }
    }
    if (build != null) {
      String s = build.toString();
      if (containsAny(s, "><$^|,")) {
        brackets.add("build='" + s + "'");
      } else if (s.indexOf('*') >= 0) {
        brackets.add("build=" + s);
      } else if (versionExact) {
        b.append('=').append(s);
      } else {
        brackets.add("build=" + s);
      }
    }
    if (buildNumber != null) {
      brackets.add(keyValue("build_number", buildNumber.toString()));
    }
    if (!trackFeatures.isEmpty()) {
      brackets.add(keyValue("track_features", String.join(" ", new TreeSet<>(trackFeatures))));
    }
    if (!features.isEmpty()) {
      brackets.add(keyValue("features", String.join(" ", new TreeSet<>(features))));
    }
    if (url != null && (channel == null || keepUrl)) {
      brackets.add(keyValue("url", url));
    }
    addIfSet(brackets, "md5", md5);
    addIfSet(brackets, "sha256", sha256);
    addIfSet(brackets, "license", license);
    addIfSet(brackets, "license_family", licenseFamily);
    if (fn != null && url == null) {
      brackets.add(keyValue("fn", fn));
    }
    if (when != null) {
      brackets.add(keyValue("when", when));
    }
    if (extras != null) {
      brackets.add("extras=" + pythonList(extras));
    }
    if (flags != null) {
      brackets.add("flags=" + pythonList(flags));
    }
    if (!brackets.isEmpty()) {
      b.append('[').append(String.join(",", brackets)).append(']');
    }
    return b.toString();
  }

  private static void addIfSet(List<String> brackets, String key, String value) {
    if (value != null) {
      brackets.add(keyValue(key, value));
    }
  }

  private static String keyValue(String key, String value) {
    return containsAny(value, ", =") ? key + "='" + value + "'" : key + "=" + value;
  }

  private static String pythonList(List<String> values) {
    List<String> sorted = new ArrayList<>(new TreeSet<>(values));
    StringBuilder b = new StringBuilder("[");
    for (String v : sorted) {
      if (b.length() > 1) {
        b.append(", ");
      }
      b.append('\'').append(v).append('\'');
    }
    return b.append(']').toString();
  }

  /** Whether {@code s} has a character regex {@code \\s} matches (space, tab, newline, VT, FF, CR). */
  /**
   * What {@link Patterns#VERSION_PLUS_BUILD} finds in {@code s}: its groups {@code [version, build or null]}, or
   * null when it finds nothing. Worked out by hand for ASCII text without line breaks (conda's names, versions and
   * builds; the pattern, run cold, cost a conversion of a few hundred specs ~5 ms), by the pattern otherwise: its
   * {@code .} steps over whole code points and its {@code $} also matches before a final line break.
   * MatchSpecFastPathProperties checks that the two agree.
   */
  static String[] versionPlusBuild(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80 || c == '\n' || c == '\r') {
        Matcher m = Patterns.VERSION_PLUS_BUILD.matcher(s);
        return m.find() ? new String[] {m.group(1), m.group(2)} : null;
      }
    }
    // the build group `([^-=,|<>~]+?)$` can start at `tail` or later: from there on no character is one of those
    int tail = n;
    while (tail > 0 && "-=,|<>~".indexOf(s.charAt(tail - 1)) < 0) {
      tail--;
    }
    // the pattern's order of trials from the start: `.+?` takes p = 1, 2, ... characters; `[^><!,|]?` then takes
    // the next one when it can, else none; at the position q reached, first the ` build` / `=build` group, then
    // the end of the text
    for (int p = 1; p <= n; p++) {
      if (p < n && "><!,|".indexOf(s.charAt(p)) < 0) {
        if (buildAt(s, p + 1, tail)) {
          return new String[] {s.substring(0, p + 1), s.substring(p + 2)};
        }
        if (p + 1 == n) {
          return new String[] {s, null};
        }
      }
      if (buildAt(s, p, tail)) {
        return new String[] {s.substring(0, p), s.substring(p + 1)};
      }
      if (p == n) {
        return new String[] {s, null};
      }
    }
    return null; // empty text: `.+?` needs a character
  }

  /** Whether {@code (?<![=!|,<>~])[ =]([^-=,|<>~]+?)$} matches at {@code q} (0 < q). */
  private static boolean buildAt(String s, int q, int tail) {
    return q + 1 < s.length() && q + 1 >= tail && (s.charAt(q) == ' ' || s.charAt(q) == '=')
        && "=!|,<>~".indexOf(s.charAt(q - 1)) < 0;
  }

  private static boolean hasWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ' || c >= '\t' && c <= '\r') {
        return true;
      }
    }
    return false;
  }

  static boolean containsAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- parser

  /** conda's {@code _parse_spec_str}, with offsets for errors. */
  static final class MatchSpecParser {
    private final String input;
    private final Map<String, String> fields = new LinkedHashMap<>();
    private final Map<String, Integer> offsets = new LinkedHashMap<>();

    private final boolean lenient;

    MatchSpecParser(String input, boolean lenient) {
      this.input = input;
      this.lenient = lenient;
    }

    private ParseError error(String message, int offset, int length, String hint) {
      return new ParseError(message, input, offset, length, hint);
    }

    MatchSpec parse() {
      String s = input;
      if (s.isBlank() && lenient) {
        // conda's _parse_spec_str("") has no components: it matches every record
        return new MatchSpec(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null);
      }
      if (s.isBlank()) {
        // conda 25.x: MatchSpec("") is InvalidMatchSpec (no package name)
        throw error("empty spec: no package name found", 0, Math.max(1, s.length()),
            "a spec starts with a package name, e.g. `numpy`; `*` matches every package");
      }
      if (s.endsWith("@")) {
        return build(Map.of("name", "*", "track_features", s.substring(0, s.length() - 1)), Map.of());
      }
      int hash = s.indexOf('#');
      if (hash >= 0) {
        s = s.substring(0, hash);
      }
      int cond = s.indexOf(" if ");
      if (cond >= 0) {
        s = s.substring(0, cond);
      }
      String trimmed = s.strip();
      if (trimmed.endsWith(".tar.bz2") || trimmed.endsWith(".conda")) {
        return packageFile(trimmed);
      }
      // brackets
      Map<String, String> brackets = new LinkedHashMap<>();
      Map<String, Integer> bracketOffsets = new LinkedHashMap<>();
      int open = findOutsideQuotes(s, '[', 0);
      if (open >= 0) {
        int close = matchingBracket(s, open);
        parseBrackets(s, open + 1, close, brackets, bracketOffsets);
        String rest = s.substring(close + 1);
        if (findOutsideQuotes(rest, '[', 0) >= 0) {
          throw error("multiple bracket sections are not allowed", close + 1 + rest.indexOf('['), 1, null);
        }
        String restStripped = rest.strip();
        if (!restStripped.isEmpty() && !(restStripped.startsWith("(") && restStripped.endsWith(")"))) {
          throw error("unexpected text after `]`", close + 1, rest.length(), null);
        }
        s = s.substring(0, open);
      }
      // parens: (target=...,optional) are ignored
      int paren = s.indexOf('(');
      if (paren >= 0 && s.strip().endsWith(")")) {
        s = s.substring(0, paren);
      }
      // channel::namespace:name
      String channelStr = null;
      String namespace = null;
      int lastColon = s.lastIndexOf(':');
      int base = 0;
      if (lastColon >= 0) {
        int secondColon = s.lastIndexOf(':', lastColon - 1);
        if (secondColon >= 0) {
          channelStr = s.substring(0, secondColon);
          namespace = s.substring(secondColon + 1, lastColon);
        } else {
          namespace = s.substring(0, lastColon);
        }
        base = lastColon + 1;
        s = s.substring(lastColon + 1);
      }
      String channel = null;
      String subdir = null;
      if (channelStr != null && !channelStr.isEmpty()) {
        String[] cs = splitChannel(channelStr);
        channel = cs[0];
        subdir = cs[1];
      }
      if (brackets.containsKey("channel")) {
        String[] cs = splitChannel(brackets.remove("channel"));
        if (cs[0] != null) {
          channel = cs[0];
        }
        if (cs[1] != null) {
          subdir = cs[1];
        }
      }
      if (brackets.containsKey("subdir")) {
        subdir = brackets.remove("subdir");
      }
      // name
      int lead = 0;
      while (lead < s.length() && Character.isWhitespace(s.charAt(lead))) {
        lead++;
      }
      int nameEnd = lead;
      while (nameEnd < s.length() && " =<>!~".indexOf(s.charAt(nameEnd)) < 0) {
        nameEnd++;
      }
      String name = s.substring(lead, nameEnd);
      if (name.isEmpty()) {
        throw error("no package name found", base + lead, 1, "a spec starts with a package name, e.g. `numpy`");
      }
      validateName(name, base + lead);
      String rest = s.substring(nameEnd).strip();
      String version = null;
      String build = null;
      if (!rest.isEmpty()) {
        // lenient like mamba and conda's docstring (`>=1.0 , < 2.0`): no blanks after operators or around commas
        boolean blanks = hasWhitespace(rest);
        if (blanks) {
          rest = Patterns.BLANK_AFTER_OPERATOR.matcher(Patterns.BLANK_BEFORE_COMMA.matcher(rest).replaceAll(","))
              .replaceAll("$1");
        }
        String[] tokens = blanks ? Patterns.WHITESPACE.split(rest) : new String[] {rest};
        String[] m;
        if (!blanks && rest.indexOf('=') < 0) {
          // no blank and no `=`: nothing separates a build, so all of it is the version (what the pattern finds)
          version = rest;
        } else if (tokens.length == 2 && !containsAny(tokens[1], "=<>~!") && containsAny(tokens[1], "|,")
            && "=<>~!,|".indexOf(tokens[0].charAt(tokens[0].length() - 1)) < 0) {
          // conda: `mypkg 1.2.3 py310|*gpu*` has the build `py310|*gpu*`
          version = tokens[0];
          build = tokens[1];
        } else if ((m = versionPlusBuild(rest)) != null) {
          version = m[0];
          build = m[1] == null ? null : m[1].strip();
        } else {
          version = rest;
        }
        version = version == null ? null : version.replace(" ", "");
        if (version != null && version.equals("=") && build == null && lenient && !s.endsWith(" ")) {
          version = null;
        } else if (version != null && version.equals("=") && build == null) {
          // conda 25.x rejects `foo=` (and `foo= `): `=` needs a version
          throw error("expected a version after `=`", base + s.indexOf('=', nameEnd), 1,
              "write e.g. `" + name + "=1.2` (any 1.2.x) or just `" + name + "`");
        } else if (version != null) {
          version = sanitizeVersion(version, build);
        }
      }
      brackets.remove("name");
      String ns = namespace == null || namespace.isEmpty() ? null : namespace;
      if (brackets.isEmpty()) {
        // the common case (every `depends` entry of a repodata record): no bracket fields to merge, so neither the
        // component maps nor a second spec (start-up: a solve parses hundreds of these, mostly interpreted)
        return new MatchSpec(channel, subdir, ns, nameMatcher(name), versionSpec(version, base + nameEnd),
            build == null ? null : stringMatcher(build, base + nameEnd), null, null, null, null, null, null, null,
            null, null, null, null, null);
      }
      Map<String, String> components = new LinkedHashMap<>();
      Map<String, Integer> componentOffsets = new LinkedHashMap<>();
      components.put("name", name);
      componentOffsets.put("name", base + lead);
      if (channel != null) {
        components.put("channel", channel);
      }
      if (subdir != null) {
        components.put("subdir", subdir);
      }
      if (version != null) {
        components.put("version", version);
        componentOffsets.put("version", base + nameEnd);
      }
      if (build != null) {
        components.put("build", build);
        componentOffsets.put("build", base + nameEnd);
      }
      components.putAll(brackets);
      componentOffsets.putAll(bracketOffsets);
      MatchSpec spec = build(components, componentOffsets);
      return new MatchSpec(spec.channel, spec.subdir, ns,
          spec.name, spec.version, spec.build, spec.buildNumber, spec.trackFeatures, spec.features, spec.url,
          spec.md5, spec.sha256, spec.license, spec.licenseFamily, spec.fn, spec.when, spec.extras, spec.flags);
    }

    private void validateName(String name, int offset) {
      ParseError e = CondaName.problem(lenient ? name.replace("..", ".").replace("--", "-") : name, input, offset,
          true);
      if (e != null) {
        throw e;
      }
    }

    /** conda's {@code _sanitize_version_str}. */
    static String sanitizeVersion(String version, String build) {
      if (version.equals("==") || version.equals("=")) {
        return version;
      }
      if (!version.startsWith("=")) {
        return version;
      }
      int eq = 0;
      while (eq < version.length() && version.charAt(eq) == '=') {
        eq++;
      }
      String without = version.substring(eq);
      if (version.startsWith("==") && build == null) {
        return without;
      }
      if (!containsAny(without, "=,|")) {
        if (build == null && !without.endsWith("*")) {
          return without + "*";
        }
        return without;
      }
      return version;
    }

    private MatchSpec build(Map<String, String> c, Map<String, Integer> off) {
      StringMatcher name = nameMatcher(c.get("name"));
      VersionSpec version = versionSpec(c.get("version"), off.getOrDefault("version", 0));
      String b = c.containsKey("build") ? c.get("build") : c.get("build_string");
      StringMatcher build = b == null ? null : stringMatcher(b, off.getOrDefault("build", 0));
      BuildNumberSpec buildNumber = null;
      if (c.containsKey("build_number")) {
        String bn = c.get("build_number");
        if (!bn.strip().equals("*")) {
          try {
            buildNumber = BuildNumberSpec.parse(bn);
          } catch (ParseError e) {
            throw error(e.getMessage(), off.getOrDefault("build_number", 0), bn.length(), e.hint());
          }
        }
      }
      if (c.containsKey("when")) {
        validateCondition(c.get("when"), off.getOrDefault("when", 0));
      }
      return new MatchSpec(c.get("channel"), c.get("subdir"), null, name, version, build, buildNumber,
          featureSet(c.get("track_features")), featureSet(c.get("features")), c.get("url"), c.get("md5"),
          c.get("sha256"), c.get("license"), c.get("license_family"), c.get("fn"), c.get("when"),
          list(c.get("extras")), list(c.get("flags")));
    }

    /**
     * A {@code when} condition is specs joined by {@code and} / {@code or}, grouped by parentheses
     * ({@code (__unix and python[version='>=3.10'])}); conda rejects it when one of the specs is invalid.
     */
    private void validateCondition(String when, int offset) {
      int depth = 0;
      char quote = 0;
      int start = 0;
      for (int i = 0; i <= when.length(); i++) {
        char c = i < when.length() ? when.charAt(i) : 0;
        if (quote != 0) {
          quote = c == quote ? 0 : quote;
          continue;
        }
        boolean end = i == when.length() || depth == 0 && (c == '(' || c == ')' || isWord(when, i, "and")
            || isWord(when, i, "or"));
        if (end) {
          String atom = when.substring(start, i);
          if (!atom.isBlank()) {
            try {
              MatchSpec.parse(atom.strip());
            } catch (ParseError e) {
              int at = offset + start + atom.indexOf(atom.strip().charAt(0));
              throw error("invalid condition `" + atom.strip() + "` in `when`: " + e.getMessage(), at,
                  atom.strip().length(), e.hint());
            }
          }
          int skip = c == '(' || c == ')' || c == 0 ? 1 : isWord(when, i, "and") ? 3 : 2;
          start = i + skip;
          i = start - 1;
        } else if (c == '\'' || c == '"') {
          quote = c;
        } else if (c == '[') {
          depth++;
        } else if (c == ']') {
          depth--;
        }
      }
    }

    private static boolean isWord(String s, int i, String word) {
      return s.startsWith(word, i) && (i == 0 || Character.isWhitespace(s.charAt(i - 1)))
          && (i + word.length() == s.length() || Character.isWhitespace(s.charAt(i + word.length())));
    }

    private static StringMatcher nameMatcher(String name) {
      return name == null || name.equals("*") ? null : StringMatcher.parse(name.toLowerCase(Locale.ROOT));
    }

    /** The version component parsed (null when there is none); an error is located from {@code at} on. */
    private VersionSpec versionSpec(String v, int at) {
      if (v == null) {
        return null;
      }
      try {
        return VersionSpec.parse(v);
      } catch (ParseError e) {
        int rel = input.indexOf(v, at);
        throw error(e.getMessage(), (rel >= 0 ? rel : at) + e.offset(), e.length(), e.hint());
      }
    }

    private StringMatcher stringMatcher(String value, int offset) {
      try {
        return StringMatcher.parse(value);
      } catch (ParseError e) {
        throw error(e.getMessage(), offset + e.offset(), e.length(), e.hint());
      }
    }

    private static Set<String> featureSet(String value) {
      if (value == null) {
        return null;
      }
      Set<String> out = new TreeSet<>();
      for (String f : value.replace(' ', ',').split(",")) {
        if (!f.isBlank()) {
          out.add(f.strip());
        }
      }
      return out;
    }

    private static List<String> list(String value) {
      if (value == null) {
        return null;
      }
      String v = value.strip();
      if (v.startsWith("[") && v.endsWith("]")) {
        v = v.substring(1, v.length() - 1);
      }
      List<String> out = new ArrayList<>();
      for (String part : v.split(",")) {
        String p = part.strip();
        if (p.length() >= 2 && (p.charAt(0) == '\'' || p.charAt(0) == '"') && p.charAt(p.length() - 1) == p.charAt(0)) {
          p = p.substring(1, p.length() - 1);
        }
        if (!p.isEmpty()) {
          out.add(p);
        }
      }
      return out;
    }

    /** {@code [ ... ]} key=value pairs separated by `,` and/or blanks; values quoted, bracketed or bare. */
    private void parseBrackets(String s, int from, int to, Map<String, String> out, Map<String, Integer> off) {
      int i = from;
      while (true) {
        while (i < to && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) {
          i++;
        }
        if (i >= to) {
          return;
        }
        int keyStart = i;
        while (i < to && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '-')) {
          i++;
        }
        String key = s.substring(keyStart, i);
        if (i >= to || s.charAt(i) != '=') {
          String inner = s.substring(from, to).strip();
          throw error("expected `key=value` in brackets", keyStart, Math.max(1, i - keyStart),
              key.isEmpty() ? null : "did you mean `extras=[" + inner + "]`?");
        }
        if (!KEYS.contains(key)) {
          throw error("unknown key `" + key + "` in brackets", keyStart, key.length(),
              "known keys: version, build, build_number, channel, subdir, md5, sha256, url, fn, license, "
                  + "license_family, track_features, features, when, extras, flags");
        }
        i++;
        int valueStart = i;
        String value;
        if (i < to && (s.charAt(i) == '\'' || s.charAt(i) == '"')) {
          char q = s.charAt(i);
          int end = -1;
          int depth = 0;
          for (int j = i + 1; j < to; j++) {
            char c = s.charAt(j);
            if (c == '[') {
              depth++;
            } else if (c == ']') {
              depth--;
            } else if (c == q && depth <= 0) {
              end = j;
              break;
            }
          }
          if (end < 0) {
            throw error("unterminated quote in brackets", i, 1, null);
          }
          value = s.substring(i + 1, end);
          valueStart = i + 1;
          i = end + 1;
        } else {
          int j = scan(s, i, to, c -> c == ',' || Character.isWhitespace(c));
          j = j < 0 ? to : j;
          value = s.substring(i, j);
          i = j;
        }
        if (value.isBlank()) {
          throw error("empty value for `" + key + "` in brackets", valueStart, 1, null);
        }
        if (key.equals("version")) {
          value = sanitizeVersion(value, null);
        }
        out.put(key.equals("build_string") ? "build" : key, value);
        off.put(key.equals("build_string") ? "build" : key, valueStart);
      }
    }

    private int matchingBracket(String s, int open) {
      int close = scan(s, open + 1, s.length(), c -> c == ']');
      if (close < 0) {
        throw error("unbalanced `[` in spec", open, 1, "add the missing `]`");
      }
      return close;
    }

    private static int findOutsideQuotes(String s, char target, int from) {
      if (s.indexOf(target, from) < 0) {
        return -1; // most specs have no brackets: no scan
      }
      return scan(s, from, s.length(), c -> c == target);
    }

    /**
     * The first index in {@code [from, to)} outside quotes and nested brackets whose char satisfies
     * {@code stop}, or -1.
     */
    private static int scan(String s, int from, int to, java.util.function.IntPredicate stop) {
      int depth = 0;
      char quote = 0;
      for (int i = from; i < to; i++) {
        char c = s.charAt(i);
        if (quote != 0) {
          if (c == quote) {
            quote = 0;
          }
        } else if (c == '\'' || c == '"') {
          quote = c;
        } else if (depth == 0 && stop.test(c)) {
          return i;
        } else if (c == '[') {
          depth++;
        } else if (c == ']') {
          depth--;
        }
      }
      return -1;
    }

    /** {@code conda-forge/linux-64} to channel and subdir (subdir only when it is a known one). */
    static String[] splitChannel(String value) {
      String v = value.strip();
      if (v.isEmpty()) {
        return new String[] {null, null};
      }
      String subdir = null;
      while (v.endsWith("/")) {
        v = v.substring(0, v.length() - 1);
      }
      int slash = v.lastIndexOf('/');
      if (slash > 0 && KNOWN_SUBDIRS.contains(v.substring(slash + 1))) {
        subdir = v.substring(slash + 1);
        v = v.substring(0, slash);
      }
      return new String[] {canonicalChannel(v), subdir};
    }

    /** conda's {@code Channel.name}: the path below conda.anaconda.org or repo.anaconda.com, else the URL. */
    static String channelName(String channel) {
      for (String base : List.of("https://conda.anaconda.org/", "https://repo.anaconda.com/")) {
        if (channel.startsWith(base) && channel.length() > base.length()) {
          return stripSlash(channel.substring(base.length()));
        }
      }
      return stripSlash(channel);
    }

    private static String stripSlash(String s) {
      return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** The channel name conda prints: URLs below the default channel alias become names. */
    static String canonicalChannel(String channel) {
      String alias = "https://conda.anaconda.org/";
      if (channel.startsWith(alias) && channel.length() > alias.length()) {
        return channel.substring(alias.length());
      }
      if (channel.equals("pkgs/main") || channel.equals("pkgs/r") || channel.equals("https://repo.anaconda.com/pkgs/main")
          || channel.equals("https://repo.anaconda.com/pkgs/r")) {
        return "defaults";
      }
      return channel;
    }

    private MatchSpec packageFile(String spec) {
      String url = spec;
      if (!spec.contains("://")) {
        String path = spec.replace('\\', '/');
        url = path.matches("^[A-Za-z]:/.*") ? "file:///" + path : "file://" + path;
      }
      String decoded = URLDecoder.decode(url.replace("+", "%2B"), StandardCharsets.UTF_8);
      int lastSlash = decoded.lastIndexOf('/');
      String fn = decoded.substring(lastSlash + 1);
      String dir = decoded.substring(0, Math.max(0, lastSlash));
      int subSlash = dir.lastIndexOf('/');
      String subdir = subSlash >= 0 ? dir.substring(subSlash + 1) : null;
      Map<String, String> c = new LinkedHashMap<>();
      if (subdir != null && KNOWN_SUBDIRS.contains(subdir)) {
        String stem = fn.endsWith(".conda") ? fn.substring(0, fn.length() - 6) : fn.substring(0, fn.length() - 8);
        int b = stem.lastIndexOf('-');
        int v = b > 0 ? stem.lastIndexOf('-', b - 1) : -1;
        if (v <= 0) {
          throw error("package file name must be `name-version-build" + (fn.endsWith(".conda") ? ".conda" : ".tar.bz2")
              + "`", Math.max(0, input.indexOf(fn)), fn.length(), null);
        }
        c.put("channel", canonicalChannel(dir.substring(0, subSlash)));
        c.put("subdir", subdir);
        c.put("name", stem.substring(0, v));
        c.put("version", stem.substring(v + 1, b));
        c.put("build", stem.substring(b + 1));
        c.put("fn", fn);
        c.put("url", url);
      } else {
        c.put("name", "*");
        c.put("fn", fn);
        c.put("url", url);
      }
      return build(c, Map.of());
    }
  }
}
