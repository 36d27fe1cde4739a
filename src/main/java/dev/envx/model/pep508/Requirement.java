package dev.envx.model.pep508;

import dev.envx.diag.ParseError;
import dev.envx.model.pep440.SpecifierSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A PEP 508 dependency specifier ({@code requests[security] >=2.8.1, ==2.8.* ; python_version < "2.7"} or
 * {@code pip @ https://...}) with packaging's {@code Requirement} semantics. {@code extras} keep the
 * user's spelling, deduplicated and sorted as packaging prints them; equality compares the normalized name,
 * the PEP 685-normalized extras, the specifier set (as a set), the URL and the marker.
 *
 * @param url the direct reference after {@code @}, or null
 * @param marker the environment marker after {@code ;}, or null
 */
public record Requirement(PyPiName name, List<String> extras, SpecifierSet specifier, String url, Marker marker) {
  public Requirement {
    Objects.requireNonNull(name, "name");
    extras = List.copyOf(new TreeSet<>(Objects.requireNonNull(extras, "extras")));
    Objects.requireNonNull(specifier, "specifier");
    if (url != null && url.isEmpty()) {
      url = null;
    }
    if (url != null && !specifier.isEmpty()) {
      throw new IllegalArgumentException("a requirement has either a URL or a version specifier, not both");
    }
  }

  /** Parses a requirement; throws {@link ParseError} with packaging's message and the offset. */
  public static Requirement parse(String text) {
    Tokenizer t = new Tokenizer(Objects.requireNonNull(text, "text"));
    Pep508Parser.Parsed p;
    try {
      p = Pep508Parser.requirement(t);
    } catch (ParseError e) {
      throw withHint(e, text);
    }
    if (!PyPiName.isValid(p.name())) {
      throw new ParseError("invalid project name `" + p.name() + "`", text, p.nameOffset(), p.name().length(),
          "a name starts and ends with a letter or digit");
    }
    String spec = p.specifier();
    SpecifierSet set = spec.isEmpty() ? SpecifierSet.EMPTY : parseSpecifiers(spec, text, p.specifierOffset());
    Marker marker = p.marker() == null ? null : new Marker(Marker.normalizeExtras(p.marker()));
    return new Requirement(PyPiName.of(p.name()), p.extras(), set, p.url().isEmpty() ? null : p.url(), marker);
  }

  /** packaging's error, with a hint for conda's single {@code =} where PEP 508 has {@code ==}. */
  private static ParseError withHint(ParseError e, String text) {
    int at = e.offset() + e.length() - 1;
    boolean singleEquals = e.hint() == null && at >= 0 && at < text.length() && text.charAt(at) == '='
        && (at + 1 >= text.length() || text.charAt(at + 1) != '=')
        && (at == 0 || "<>!=~".indexOf(text.charAt(at - 1)) < 0);
    return singleEquals ? new ParseError(e.getMessage(), text, e.offset(), e.length(), "PEP 508 uses `==`, not `=`")
        : e;
  }

  private static SpecifierSet parseSpecifiers(String spec, String text, int from) {
    try {
      return SpecifierSet.parse(spec);
    } catch (ParseError e) {
      // the specifier text is the tokens without whitespace: locate it in the input when it is contiguous
      int base = text.indexOf(spec, from);
      int offset = base < 0 ? from : base + e.offset();
      int length = base < 0 ? Math.max(1, text.length() - from) : e.length();
      throw new ParseError(e.getMessage(), text, offset, length, e.hint());
    }
  }

  public static Optional<Requirement> tryParse(String text) {
    try {
      return Optional.of(parse(text));
    } catch (ParseError e) {
      return Optional.empty();
    }
  }

  public Optional<String> urlOptional() {
    return Optional.ofNullable(url);
  }

  public Optional<Marker> markerOptional() {
    return Optional.ofNullable(marker);
  }

  /** The extras in PEP 685 normalized form. */
  public Set<String> normalizedExtras() {
    return extras.stream().map(PyPiName::normalize).collect(Collectors.toCollection(TreeSet::new));
  }

  /** Whether this requirement applies in {@code env} (true without a marker). */
  public boolean appliesTo(MarkerEnvironment env) {
    return marker == null || marker.evaluate(env);
  }

  /** packaging's {@code str(Requirement)}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(name.original());
    if (!extras.isEmpty()) {
      sb.append('[').append(String.join(",", new ArrayList<>(extras))).append(']');
    }
    if (!specifier.isEmpty()) {
      sb.append(specifier);
    }
    if (url != null) {
      sb.append(" @ ").append(url);
      if (marker != null) {
        sb.append(' ');
      }
    }
    if (marker != null) {
      sb.append("; ").append(marker);
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Requirement r
        && name.equals(r.name)
        && normalizedExtras().equals(r.normalizedExtras())
        && specifier.equals(r.specifier)
        && Objects.equals(url, r.url)
        && Objects.equals(marker, r.marker);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, normalizedExtras(), specifier, url, marker);
  }
}
