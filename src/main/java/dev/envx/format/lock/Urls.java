package dev.envx.format.lock;

/** Credential handling on the way in: every reader passes URLs through one of these. */
final class Urls {
  static final String STRIPPED = "credentials were removed from package URLs";
  static final String STRIPPED_HINT = "a lockfile never holds secrets; installers authenticate through the channel "
      + "or index configuration";
  static final String REFERENCED = "credentials in channel or index URLs were replaced by environment variable "
      + "references";
  static final String REFERENCED_HINT = "set `" + Credentials.USER_VAR + "`, `" + Credentials.PASSWORD_VAR + "` or `"
      + Credentials.TOKEN_VAR + "` when installing";

  private Urls() {}

  /** A package URL without credentials (a warning when there were some). */
  static String packageUrl(String url, Warnings w) {
    if (url == null || !Credentials.present(url)) {
      return url;
    }
    String s = Credentials.strip(url);
    w.add(STRIPPED, STRIPPED_HINT, CondaFiles.fileName(s));
    return s;
  }

  /** A channel or index URL with secrets replaced by {@code ${VAR}} references (a warning when there were some). */
  static String sourceUrl(String url, Warnings w) {
    Credentials.Referenced r = Credentials.toReferences(url);
    if (!r.url().equals(url)) {
      w.add(REFERENCED, REFERENCED_HINT, Credentials.strip(url));
    }
    return r.url();
  }
}
