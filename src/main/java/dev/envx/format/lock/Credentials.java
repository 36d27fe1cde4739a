package dev.envx.format.lock;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one rule for what a lockfile may not hold: a password, a basic-auth user or a conda token in a URL.
 * Package URLs lose them ({@link #strip}); channel and index URLs get environment-variable references instead
 * ({@link #toReferences}, as conda-lock's {@code used_env_vars}), which installers fill in from the environment.
 */
final class Credentials {
  private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)([^/@]*)@");
  private static final Pattern CONDA_TOKEN = Pattern.compile("/t/([^/]+)/");
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*}");

  /** The variable a conda token becomes. */
  static final String TOKEN_VAR = "ENVX_TOKEN";
  /** The variables basic-auth user and password become. */
  static final String USER_VAR = "ENVX_USER";
  static final String PASSWORD_VAR = "ENVX_PASSWORD";

  private Credentials() {}

  /** True when a URL (or channel) carries credentials: {@code user:pass@host} or a {@code /t/TOKEN/} segment. */
  static boolean present(String url) {
    // USER_INFO needs an '@' and CONDA_TOKEN a "/t/": most URLs have neither, and skip the two regex searches
    return url != null && (url.indexOf('@') >= 0 && USER_INFO.matcher(url).find()
        || url.contains("/t/") && CONDA_TOKEN.matcher(url).find());
  }

  static void refuse(String what, String url) {
    if (present(url)) {
      throw new IllegalArgumentException("the URL of `" + what + "` must not carry credentials");
    }
  }

  /** Like {@link #refuse} but {@code ${VAR}} references in place of the secrets are fine. */
  static void refuseUnreferenced(String what, String url) {
    if (present(REFERENCE.matcher(url).replaceAll("")
        .replaceAll("^([a-zA-Z][a-zA-Z0-9+.-]*://):?@", "$1").replace("/t//", "/"))) {
      throw new IllegalArgumentException("the " + what + " URL `" + strip(url) + "` must not carry credentials");
    }
  }

  /** The URL without user info and without a {@code /t/TOKEN/} segment. */
  static String strip(String url) {
    if (url == null) {
      return null;
    }
    String s = USER_INFO.matcher(url).replaceFirst("$1");
    return CONDA_TOKEN.matcher(s).replaceAll("/");
  }

  /** A URL with its secrets replaced by references, and the variables it now uses. */
  record Referenced(String url, List<String> variables) {}

  static Referenced toReferences(String url) {
    List<String> vars = new ArrayList<>();
    String s = url;
    Matcher m = USER_INFO.matcher(s);
    if (m.find() && !REFERENCE.matcher(m.group(2)).replaceAll("").replace(":", "").isEmpty()) {
      String info = m.group(2);
      String ref = "${" + USER_VAR + "}";
      vars.add(USER_VAR);
      if (info.contains(":")) {
        ref += ":${" + PASSWORD_VAR + "}";
        vars.add(PASSWORD_VAR);
      }
      s = m.group(1) + ref + "@" + s.substring(m.end());
    } else if (m.find(0)) {
      addReferences(m.group(2), vars);
    }
    Matcher t = CONDA_TOKEN.matcher(s);
    if (t.find()) {
      if (REFERENCE.matcher(t.group(1)).matches()) {
        addReferences(t.group(1), vars);
      } else {
        s = s.substring(0, t.start()) + "/t/${" + TOKEN_VAR + "}/" + s.substring(t.end());
        vars.add(TOKEN_VAR);
      }
    }
    return new Referenced(s, List.copyOf(vars));
  }

  /** The {@code ${VAR}} names a URL uses, in order. */
  static List<String> references(String url) {
    List<String> vars = new ArrayList<>();
    addReferences(url, vars);
    return List.copyOf(vars);
  }

  private static void addReferences(String text, List<String> into) {
    Matcher m = REFERENCE.matcher(text);
    while (m.find()) {
      String v = m.group().substring(2, m.group().length() - 1);
      if (!into.contains(v)) {
        into.add(v);
      }
    }
  }
}
