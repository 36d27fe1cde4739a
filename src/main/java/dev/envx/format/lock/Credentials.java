package dev.envx.format.lock;

import java.util.regex.Pattern;

/** The one rule for what a lockfile may not hold: a password, a basic-auth user or a conda token in a URL. */
final class Credentials {
  private static final Pattern USER_INFO = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/@]*@");
  private static final Pattern CONDA_TOKEN = Pattern.compile("/t/[^/]+/");

  private Credentials() {}

  /** True when a URL (or channel) carries credentials: {@code user:pass@host} or a {@code /t/TOKEN/} segment. */
  static boolean present(String url) {
    return url != null && (USER_INFO.matcher(url).find() || CONDA_TOKEN.matcher(url).find());
  }

  static void refuse(String what, String url) {
    if (present(url)) {
      throw new IllegalArgumentException("the URL of `" + what + "` must not carry credentials");
    }
  }
}
