package dev.envx.model.wheel;

import dev.envx.diag.Diagnostic;
import dev.envx.diag.EnvxException;
import dev.envx.diag.ParseError;
import dev.envx.diag.SourceFile;
import dev.envx.diag.Span;
import dev.envx.model.pep440.Pep440Version;
import dev.envx.model.pep440.SpecifierSet;
import dev.envx.model.pep508.MarkerEnvironment;
import dev.envx.model.pep508.PyPiName;
import dev.envx.model.pep508.Requirement;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The core metadata of a distribution (a wheel's {@code *.dist-info/METADATA}, a PEP 658 {@code .metadata}
 * file, an sdist's {@code PKG-INFO}): RFC 822 style {@code Field: value} headers, folded lines starting with
 * whitespace, and the description as the body after the first empty line.
 *
 * <p>The fields a resolver needs are typed and validated: {@code Metadata-Version}, {@code Name},
 * {@code Version}, {@code Requires-Python}, every {@code Requires-Dist} (PEP 508), {@code Provides-Extra}
 * (PEP 685 normalized) and {@code Dynamic} (PEP 643, lowercase). Every header is kept in {@link #fields()} in
 * file order, so nothing is dropped. Errors carry the file name, line and column of the bad value.
 *
 * @param requiresPython {@code Requires-Python}, {@link SpecifierSet#EMPTY} when absent
 * @param description the body after the headers, or {@code ""}
 */
public record CoreMetadata(String metadataVersion, PyPiName name, Pep440Version version, String summary,
    SpecifierSet requiresPython, List<Requirement> requiresDist, List<String> providesExtra, List<String> dynamic,
    List<Field> fields, String description) {
  /** The newest metadata version envx knows; a newer 2.x is read, a 3.x is rejected. */
  public static final String NEWEST_KNOWN = "2.5";

  private static final Pattern FIELD = Pattern.compile("([A-Za-z0-9][A-Za-z0-9_-]*)[ \\t]*:[ \\t]*(.*)");
  private static final Pattern METADATA_VERSION = Pattern.compile("(\\d+)\\.(\\d+)");
  private static final Set<String> SINGLE =
      Set.of("metadata-version", "name", "version", "summary", "requires-python", "description-content-type");

  /** One header as written: the name's spelling, the unfolded value and its 1-based line. */
  public record Field(String name, String value, int line) {
    public Field {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }

    /** The name in lowercase (header names are case-insensitive). */
    public String key() {
      return name.toLowerCase(Locale.ROOT);
    }
  }

  public CoreMetadata {
    Objects.requireNonNull(metadataVersion, "metadataVersion");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    summary = summary == null ? "" : summary;
    requiresPython = requiresPython == null ? SpecifierSet.EMPTY : requiresPython;
    requiresDist = List.copyOf(requiresDist);
    providesExtra = List.copyOf(providesExtra);
    dynamic = List.copyOf(dynamic);
    fields = List.copyOf(fields);
    description = description == null ? "" : description;
  }

  /** Parses UTF-8 bytes; {@code origin} names the input in errors (a file name or a redacted URL). */
  public static CoreMetadata parse(byte[] bytes, String origin) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new EnvxException(EnvxException.FAILURE, Diagnostic.error("metadata `" + origin
          + "` is not UTF-8 text", null, "core metadata is UTF-8 (core metadata specification)"));
    }
    return parse(text.startsWith("\uFEFF") ? text.substring(1) : text, origin);
  }

  /**
   * Parses metadata text.
   *
   * @throws EnvxException (exit code 1) with a diagnostic at the offending line and column
   */
  public static CoreMetadata parse(String text, String origin) {
    SourceFile src = SourceFile.of(origin, text);
    List<Field> fields = new ArrayList<>();
    List<int[]> valueStarts = new ArrayList<>(); // offset of each field's value, and whether it was folded
    String description = "";
    int off = 0;
    int line = 1;
    while (off < text.length()) {
      int end = lineEnd(text, off);
      String l = text.substring(off, end);
      int next = skipBreak(text, end);
      if (l.isEmpty()) {
        description = text.substring(next);
        break;
      }
      if (l.charAt(0) == ' ' || l.charAt(0) == '\t') {
        if (fields.isEmpty()) {
          throw error(src, off, l.length(), "metadata starts with an indented line", "the first line is "
              + "`Metadata-Version: 2.1` or similar");
        }
        Field last = fields.remove(fields.size() - 1);
        fields.add(new Field(last.name(), last.value() + "\n" + l, last.line()));
        valueStarts.get(valueStarts.size() - 1)[1] = 1;
      } else {
        Matcher m = FIELD.matcher(l);
        if (!m.matches()) {
          throw error(src, off, l.length(), "expected a header `Field: value`, found `" + abbreviate(l) + "`",
              "the description goes after an empty line that ends the headers");
        }
        fields.add(new Field(m.group(1), m.group(2).stripTrailing(), line));
        valueStarts.add(new int[] {off + m.start(2), 0});
      }
      off = next;
      line++;
    }
    return build(src, fields, valueStarts, description);
  }

  private static CoreMetadata build(SourceFile src, List<Field> fields, List<int[]> valueStarts,
      String description) {
    String metadataVersion = null;
    String nameText = null;
    Pep440Version version = null;
    PyPiName name = null;
    String summary = null;
    SpecifierSet requiresPython = null;
    List<Requirement> requires = new ArrayList<>();
    Set<String> extras = new LinkedHashSet<>();
    Set<String> dynamic = new LinkedHashSet<>();
    Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      int at = valueStarts.get(i)[0];
      boolean folded = valueStarts.get(i)[1] == 1;
      String value = unfold(f.value());
      String key = f.key();
      if (SINGLE.contains(key) && !seen.add(key)) {
        throw error(src, lineStart(src, f), f.name().length(), "field `" + f.name() + "` appears twice",
            "it is a single-use field");
      }
      switch (key) {
        case "metadata-version" -> {
          metadataVersion = value.strip();
          Matcher m = METADATA_VERSION.matcher(metadataVersion);
          if (!m.matches()) {
            throw error(src, at, value.length(), "invalid metadata version `" + value + "`",
                "expected e.g. `2.1`");
          }
          if (Integer.parseInt(m.group(1)) != 2 && !metadataVersion.matches("1\\.[012]")) {
            throw error(src, at, value.length(), "metadata version " + metadataVersion
                + " is not one envx reads (1.0 to " + NEWEST_KNOWN + ")",
                "a newer major version may change the meaning of fields; upgrade envx");
          }
        }
        case "name" -> {
          nameText = value.strip();
          if (!PyPiName.isValid(nameText)) {
            throw error(src, at, Math.max(1, value.length()), "invalid project name `" + nameText + "`",
                "a name is letters, digits, `.`, `_` and `-`, starting and ending with a letter or digit");
          }
          name = PyPiName.of(nameText);
        }
        case "version" -> version = parsed(src, at, value, folded, Pep440Version::parse, "version");
        case "summary" -> summary = value;
        case "requires-python" -> requiresPython =
            parsed(src, at, value, folded, SpecifierSet::parse, "`Requires-Python`");
        case "requires-dist" -> requires.add(parsed(src, at, value, folded, Requirement::parse, "`Requires-Dist`"));
        case "provides-extra" -> {
          String e = value.strip();
          if (!PyPiName.isValid(e)) {
            throw error(src, at, Math.max(1, value.length()), "invalid extra name `" + e + "`",
                "an extra is named like a project (PEP 685)");
          }
          extras.add(PyPiName.normalize(e));
        }
        case "dynamic" -> {
          String d = value.strip().toLowerCase(Locale.ROOT);
          if (d.equals("name") || d.equals("version") || d.equals("metadata-version")) {
            throw error(src, at, value.length(), "`" + value.strip() + "` cannot be dynamic",
                "PEP 643: `Name`, `Version` and `Metadata-Version` are always static");
          }
          dynamic.add(d);
        }
        default -> {
          // kept in `fields`
        }
      }
    }
    if (metadataVersion == null) {
      throw error(src, 0, 0, "missing `Metadata-Version` field", "the first line is e.g. `Metadata-Version: 2.1`");
    }
    if (name == null) {
      throw error(src, 0, 0, "missing `Name` field", null);
    }
    if (version == null) {
      throw error(src, 0, 0, "missing `Version` field", null);
    }
    return new CoreMetadata(metadataVersion, name, version, summary, requiresPython, requires,
        List.copyOf(extras), List.copyOf(dynamic), fields, description);
  }

  private interface Parser<T> {
    T parse(String s);
  }

  private static <T> T parsed(SourceFile src, int at, String value, boolean folded, Parser<T> p, String what) {
    try {
      return p.parse(value.strip());
    } catch (ParseError e) {
      int lead = value.length() - value.stripLeading().length();
      int o = folded ? at : at + lead + e.offset();
      String msg = Diagnostic.lowerFirst(e.getMessage(), "invalid value");
      throw error(src, o, folded ? value.length() : Math.max(1, e.length()), "invalid " + what + ": " + msg,
          e.hint());
    } catch (IllegalArgumentException e) {
      throw error(src, at, value.length(), "invalid " + what + ": " + Diagnostic.lowerFirst(e.getMessage(),
          "invalid value"), null);
    }
  }

  private static EnvxException error(SourceFile src, int offset, int length, String message, String hint) {
    Span span = Span.ofOffsets(src, offset, offset + Math.max(1, length));
    Diagnostic d = hint == null ? Diagnostic.error(message, span) : Diagnostic.error(message, span, hint);
    return new EnvxException(EnvxException.FAILURE, d);
  }

  private static int lineStart(SourceFile src, Field f) {
    return src.offsetOf(f.line(), 1);
  }

  /** RFC 5322 unfolding: a line break followed by whitespace is the whitespace. */
  private static String unfold(String value) {
    return value.indexOf('\n') < 0 ? value : value.replace("\n", "");
  }

  private static int lineEnd(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        return i;
      }
    }
    return text.length();
  }

  private static int skipBreak(String text, int end) {
    if (end < text.length() && text.charAt(end) == '\r') {
      end++;
    }
    if (end < text.length() && text.charAt(end) == '\n') {
      end++;
    }
    return end;
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }

  /** Every value of a header, case-insensitively, in file order. */
  public List<String> values(String field) {
    String k = field.toLowerCase(Locale.ROOT);
    return fields.stream().filter(f -> f.key().equals(k)).map(f -> unfold(f.value())).toList();
  }

  /** The first value of a header. */
  public Optional<String> value(String field) {
    List<String> v = values(field);
    return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /** Whether {@code field} (e.g. {@code Requires-Dist}) is listed in {@code Dynamic}. */
  public boolean isDynamic(String field) {
    return dynamic.contains(field.toLowerCase(Locale.ROOT));
  }

  /**
   * Whether the dependencies can be trusted without building: always for a wheel; for an sdist's
   * {@code PKG-INFO} only from metadata version 2.2 (PEP 643) with neither {@code Requires-Dist} nor
   * {@code Requires-Python} dynamic.
   */
  public boolean hasStaticDependencies() {
    Matcher m = METADATA_VERSION.matcher(metadataVersion);
    boolean atLeast22 = m.matches() && (Integer.parseInt(m.group(1)) > 2
        || Integer.parseInt(m.group(1)) == 2 && Integer.parseInt(m.group(2)) >= 2);
    return atLeast22 && !isDynamic("requires-dist") && !isDynamic("requires-python");
  }

  /**
   * The requirements that apply in {@code env} when {@code extras} (normalized or not) are requested: those
   * whose marker holds with {@code extra == ""} or with {@code extra} set to one of the requested extras.
   */
  public List<Requirement> requirements(MarkerEnvironment env, Set<String> extras) {
    List<MarkerEnvironment> envs = new ArrayList<>();
    envs.add(env.with("extra", ""));
    for (String e : extras) {
      envs.add(env.with("extra", e));
    }
    List<Requirement> out = new ArrayList<>();
    for (Requirement r : requiresDist) {
      if (envs.stream().anyMatch(r::appliesTo)) {
        out.add(r);
      }
    }
    return out;
  }
}
