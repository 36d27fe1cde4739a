package dev.envx.diag;

import java.util.regex.Pattern;

/**
 * Credentials out of any text that may be shown (a URL, an exception's message): conda tokens in
 * {@code /t/<token>/} path segments become {@code /t/<TOKEN>}, URL passwords {@code user:<PASSWORD>@}.
 */
public final class Redaction {
  public static final String TOKEN_PLACEHOLDER = "<TOKEN>";
  public static final String PASSWORD_PLACEHOLDER = "<PASSWORD>";
  private static final Pattern TOKEN_ANYWHERE = Pattern.compile("/t/(?!<TOKEN>)[^/\\s\"']+");
  private static final Pattern PASSWORD_ANYWHERE = Pattern.compile("(://[^:/@\\s]+):(?!<PASSWORD>)[^@/\\s]+@");

  private Redaction() {}

  /** The text with every token and URL password replaced by its placeholder; null stays null. */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    String s = TOKEN_ANYWHERE.matcher(text).replaceAll("/t/" + TOKEN_PLACEHOLDER);
    return PASSWORD_ANYWHERE.matcher(s).replaceAll("$1:" + PASSWORD_PLACEHOLDER + "@");
  }
}
