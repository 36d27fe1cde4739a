package dev.envx.model.pep508;

import dev.envx.diag.ParseError;
import dev.envx.model.pep440.Specifier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Context-sensitive tokenizer of packaging's {@code _tokenizer.py}: the parser asks which token comes next. */
final class Tokenizer {
  enum Rule {
    LEFT_PARENTHESIS("\\("),
    RIGHT_PARENTHESIS("\\)"),
    LEFT_BRACKET("\\["),
    RIGHT_BRACKET("\\]"),
    SEMICOLON(";"),
    COMMA(","),
    QUOTED_STRING("(?:'[^']*')|(?:\"[^\"]*\")"),
    OP("(===|==|~=|!=|<=|>=|<|>)"),
    BOOLOP("\\b(or|and)\\b"),
    IN("\\bin\\b"),
    NOT("\\bnot\\b"),
    VARIABLE(
        "\\b(python_version|python_full_version|os[._]name|sys[._]platform|platform_(release|system)"
            + "|platform[._](version|machine|python_implementation)|python_implementation"
            + "|implementation_(name|version)|extras?|dependency_groups)\\b"),
    SPECIFIER(null),
    AT("@"),
    URL("[^ \\t]+"),
    IDENTIFIER("\\b[a-zA-Z0-9][a-zA-Z0-9._-]*\\b"),
    VERSION_PREFIX_TRAIL("\\.\\*"),
    VERSION_LOCAL_LABEL_TRAIL("\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*"),
    WS("[ \\t]+"),
    END("\\z");

    private final Pattern pattern; // null: the specifier grammar, compiled when first needed

    Rule(String regex) {
      this.pattern = regex == null ? null : Pattern.compile(regex);
    }

    Pattern pattern() {
      return pattern != null ? pattern : Specifier.token();
    }
  }

  record Token(Rule rule, String text, int position) {}

  final String source;
  int position;
  int depth; // open parentheses of the marker being parsed
  private Token next;
  /**
   * One matcher per rule for this input, by the rule's ordinal (creating and resetting big matchers dominates parse
   * time); an array, not an EnumMap, whose first use reads the enum's constants through reflection (start-up)
   */
  private final Matcher[] matchers = new Matcher[Rule.values().length];

  Tokenizer(String source) {
    this.source = source;
  }

  /** Cheap rejection before running the (large) specifier grammar: it starts with an operator character. */
  private boolean cannotStart(Rule rule) {
    if (rule != Rule.SPECIFIER) {
      return false;
    }
    if (position >= source.length()) {
      return true;
    }
    char c = source.charAt(position);
    return c != '=' && c != '!' && c != '<' && c != '>' && c != '~';
  }

  /** Moves past {@code rule} if it is next. */
  void consume(Rule rule) {
    if (check(rule)) {
      read();
    }
  }

  boolean check(Rule rule) {
    return check(rule, false);
  }

  /** Whether {@code rule} matches at the current position; unless {@code peek}, the token must be read next. */
  boolean check(Rule rule, boolean peek) {
    if (next != null) {
      throw new IllegalStateException("cannot check for " + rule + ", already have " + next);
    }
    if (cannotStart(rule)) {
      return false;
    }
    if (rule == Rule.SPECIFIER) {
      int end = Specifier.simpleEnd(source, position);
      if (end >= 0) {
        if (!peek) {
          next = new Token(rule, source.substring(position, end), position);
        }
        return true;
      }
    }
    Matcher m = matchers[rule.ordinal()];
    if (m == null) {
      m = rule.pattern().matcher(source);
      m.useTransparentBounds(true);
      m.useAnchoringBounds(false);
      matchers[rule.ordinal()] = m;
    }
    m.region(position, source.length());
    if (!m.lookingAt()) {
      return false;
    }
    if (!peek) {
      next = new Token(rule, m.group(), position);
    }
    return true;
  }

  Token expect(Rule rule, String expected) {
    if (!check(rule)) {
      throw error("Expected " + expected);
    }
    return read();
  }

  Token read() {
    Token t = next;
    if (t == null) {
      throw new IllegalStateException("no token to read");
    }
    position += t.text().length();
    next = null;
    return t;
  }

  ParseError error(String message) {
    return error(message, position, position);
  }

  /** A syntax error spanning {@code start..end} (packaging draws {@code ~} from start and {@code ^} at end). */
  ParseError error(String message, int start, int end) {
    return new ParseError(message, source, start, end - start + 1);
  }

  /** Runs {@code body} inside optional {@code open}/{@code close} tokens, as packaging's enclosing_tokens. */
  void enclosing(Rule open, Rule close, String around, Runnable body) {
    Integer openPosition = null;
    if (check(open)) {
      openPosition = position;
      read();
    }
    body.run();
    if (openPosition == null) {
      return;
    }
    if (!check(close)) {
      throw error("Expected matching " + close + " for " + open + ", after " + around, openPosition, position);
    }
    read();
  }
}
