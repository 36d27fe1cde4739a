package dev.envx.index.pypi;

import dev.envx.diag.EnvxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code .netrc} file: {@code machine HOST login USER password PASS} entries and an optional
 * {@code default} entry, tokens separated by whitespace, {@code #} comments, {@code macdef} blocks skipped
 * (as Python's {@code netrc} module reads it, which pip uses). Values are never printed.
 */
public final class Netrc {
  private final Map<String, Credentials> machines;
  private final Credentials fallback;

  private Netrc(Map<String, Credentials> machines, Credentials fallback) {
    this.machines = Map.copyOf(machines);
    this.fallback = fallback;
  }

  /** An empty netrc. */
  public static Netrc empty() {
    return new Netrc(Map.of(), null);
  }

  /** Reads a netrc file; a missing file is an empty netrc. */
  public static Netrc read(Path path) {
    if (path == null || !Files.isRegularFile(path)) {
      return empty();
    }
    try {
      return parse(Files.readString(path), path.toString());
    } catch (IOException e) {
      throw EnvxException.cannotRead(path, e);
    }
  }

  /** Parses netrc text; {@code origin} names it in errors. */
  public static Netrc parse(String text, String origin) {
    List<String> tokens = tokens(text);
    Map<String, Credentials> machines = new LinkedHashMap<>();
    Credentials fallback = null;
    int i = 0;
    while (i < tokens.size()) {
      String t = tokens.get(i++);
      switch (t) {
        case "machine", "default" -> {
          String host = null;
          if (t.equals("machine")) {
            if (i >= tokens.size()) {
              throw EnvxException.input("`" + origin + "`: `machine` without a host name", null);
            }
            host = tokens.get(i++);
          }
          String login = "";
          String password = "";
          while (i < tokens.size() && !List.of("machine", "default", "macdef").contains(tokens.get(i))) {
            String key = tokens.get(i++);
            if (key.equals("\u0000")) {
              continue;
            }
            while (i < tokens.size() && tokens.get(i).equals("\u0000")) {
              i++;
            }
            if (i >= tokens.size()) {
              throw EnvxException.input("`" + origin + "`: `" + key + "` without a value", null);
            }
            String value = tokens.get(i++);
            switch (key) {
              case "login" -> login = value;
              case "password" -> password = value;
              case "account" -> { }
              default -> throw EnvxException.input("`" + origin + "`: unknown netrc keyword `" + key + "`", null,
                  "netrc entries are `machine HOST login USER password PASS`");
            }
          }
          Credentials c = new Credentials(login, password);
          if (host == null) {
            fallback = c;
          } else {
            machines.putIfAbsent(host.toLowerCase(java.util.Locale.ROOT), c);
          }
        }
        case "macdef" -> {
          // a macro runs to the next empty line; tokens() marks that with a null-free sentinel
          while (i < tokens.size() && !tokens.get(i).equals("\u0000")) {
            i++;
          }
          i++;
        }
        case "\u0000" -> { }
        default -> throw EnvxException.input("`" + origin + "`: unexpected netrc token (expected `machine` or "
            + "`default`)", null);
      }
    }
    return new Netrc(machines, fallback);
  }

  /** Tokens, with an empty line marked as {@code "\0"} (it ends a {@code macdef}). */
  private static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\r?\n", -1)) {
      String l = line.strip();
      if (l.isEmpty()) {
        out.add("\u0000");
        continue;
      }
      if (l.startsWith("#")) {
        continue;
      }
      StringBuilder cur = null;
      boolean quoted = false;
      for (int i = 0; i < l.length(); i++) {
        char c = l.charAt(i);
        if (cur == null) {
          if (Character.isWhitespace(c)) {
            continue;
          }
          cur = new StringBuilder();
          if (c == '"') {
            quoted = true;
            continue;
          }
        }
        if (quoted ? c == '"' : Character.isWhitespace(c)) {
          out.add(cur.toString());
          cur = null;
          quoted = false;
        } else if (c == '\\' && i + 1 < l.length()) {
          cur.append(l.charAt(++i));
        } else {
          cur.append(c);
        }
      }
      if (cur != null) {
        out.add(cur.toString());
      }
    }
    return out;
  }

  /** The credentials for a host ({@code machine} entry, else {@code default}). */
  public Optional<Credentials> lookup(String host) {
    if (host == null) {
      return Optional.empty();
    }
    Credentials c = machines.get(host.toLowerCase(java.util.Locale.ROOT));
    return Optional.ofNullable(c != null ? c : fallback);
  }

  @Override
  public String toString() {
    return "Netrc[" + machines.size() + " machines" + (fallback != null ? ", default" : "") + "]";
  }
}
