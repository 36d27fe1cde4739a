package dev.envx.model.conda;

import dev.envx.diag.ParseError;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * conda's matcher for names and build strings ({@code GlobStrMatch}): {@code ^...$} is a regular expression,
 * a value with {@code *} a glob ({@code py39*}, {@code *_cpython}), anything else an exact string.
 * Every matcher's {@code equals}/{@code hashCode} is written out: a record's generated ones are linked through
 * invokedynamic at first use, which costs each cold start more than the comparisons (MatchSpecEqualityTest).
 */
public sealed interface StringMatcher permits StringMatcher.Exact, StringMatcher.Glob, StringMatcher.Regex {

  boolean matches(String value);

  /** The value when this matcher is exact, else null (conda's {@code exact_value}). */
  default String exactValue() {
    return null;
  }

  static StringMatcher parse(String text) {
    Objects.requireNonNull(text);
    if (text.startsWith("^") && text.endsWith("$") && text.length() > 1) {
      try {
        return new Regex(text, Pattern.compile(text));
      } catch (PatternSyntaxException e) {
        throw new ParseError("invalid regular expression: " + e.getDescription(), text,
            Math.max(0, Math.min(e.getIndex(), text.length() - 1)), 1);
      }
    }
    if (text.indexOf('*') >= 0) {
      return new Glob(text, globToPattern(text));
    }
    return new Exact(text);
  }

  /** A glob as a pattern: {@code *} is any run; everything else literal. */
  static Pattern globToPattern(String glob) {
    StringBuilder b = new StringBuilder();
    int start = 0;
    for (int i = 0; i < glob.length(); i++) {
      if (glob.charAt(i) == '*') {
        if (i > start) {
          b.append(Pattern.quote(glob.substring(start, i)));
        }
        b.append(".*");
        start = i + 1;
      }
    }
    if (start < glob.length()) {
      b.append(Pattern.quote(glob.substring(start)));
    }
    return Pattern.compile(b.toString(), Pattern.DOTALL);
  }

  record Exact(String value) implements StringMatcher {
    @Override
    public boolean equals(Object o) {
      return o instanceof Exact e && value.equals(e.value);
    }

    @Override
    public int hashCode() {
      return value.hashCode();
    }

    public Exact {
      Objects.requireNonNull(value);
    }

    @Override
    public boolean matches(String v) {
      return value.equals(v);
    }

    @Override
    public String exactValue() {
      return value;
    }

    @Override
    public String toString() {
      return value;
    }
  }

  record Glob(String glob, Pattern compiled) implements StringMatcher {
    public Glob {
      Objects.requireNonNull(glob);
      Objects.requireNonNull(compiled);
    }

    /** {@code *} alone matches everything. */
    public boolean matchesAll() {
      return glob.equals("*");
    }

    @Override
    public boolean matches(String v) {
      return v != null && (matchesAll() || compiled.matcher(v).matches());
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Glob g && g.glob.equals(glob);
    }

    @Override
    public int hashCode() {
      return glob.hashCode();
    }

    @Override
    public String toString() {
      return glob;
    }
  }

  record Regex(String pattern, Pattern compiled) implements StringMatcher {
    public Regex {
      Objects.requireNonNull(pattern);
      Objects.requireNonNull(compiled);
    }

    @Override
    public boolean matches(String v) {
      return v != null && compiled.matcher(v).lookingAt();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Regex r && r.pattern.equals(pattern);
    }

    @Override
    public int hashCode() {
      return pattern.hashCode();
    }

    @Override
    public String toString() {
      return pattern;
    }
  }
}
