package dev.envx.model.wheel;

import dev.envx.diag.ParseError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One PEP 425 tag triple ({@code cp311-cp311-manylinux_2_17_x86_64}), lowercase as packaging's {@code Tag}
 * stores it. A wheel file name carries a compressed tag set ({@code py2.py3-none-any}), which
 * {@link #parseSet(String)} expands.
 */
public record WheelTag(String interpreter, String abi, String platform) {
  private static final Pattern PART = Pattern.compile("[a-z0-9_+]+");

  public WheelTag {
    interpreter = check(interpreter, "interpreter");
    abi = check(abi, "abi");
    platform = check(platform, "platform");
  }

  private static String check(String part, String what) {
    Objects.requireNonNull(part, what);
    String p = part.toLowerCase(Locale.ROOT);
    if (!PART.matcher(p).matches()) {
      throw new IllegalArgumentException("invalid " + what + " tag `" + part + "`");
    }
    return p;
  }

  /** Parses one triple; a compressed set ({@code py2.py3-none-any}) is rejected, see {@link #parseSet}. */
  public static WheelTag parse(String text) {
    List<WheelTag> tags = parseSet(text);
    if (tags.size() != 1) {
      throw new ParseError("`" + text + "` is a compressed tag set, not one tag", text, 0, text.length(),
          "use `WheelTag.parseSet` for compressed sets");
    }
    return tags.get(0);
  }

  /**
   * Expands a (possibly compressed) tag set {@code interpreters-abis-platforms}, each part a {@code .}-separated
   * list, into its triples in written order (interpreter outermost, as packaging's {@code parse_tag}).
   */
  public static List<WheelTag> parseSet(String text) {
    Objects.requireNonNull(text, "text");
    String[] parts = text.split("-", -1);
    if (parts.length != 3) {
      throw new ParseError("expected a tag `interpreter-abi-platform`, got `" + text + "`", text, 0,
          text.length(), "a tag has three parts separated by `-`, e.g. `py3-none-any`");
    }
    List<List<String>> split = new ArrayList<>();
    int offset = 0;
    String[] names = {"interpreter", "abi", "platform"};
    for (int i = 0; i < 3; i++) {
      List<String> values = new ArrayList<>();
      int at = offset;
      for (String v : parts[i].split("\\.", -1)) {
        if (!PART.matcher(v.toLowerCase(Locale.ROOT)).matches()) {
          throw new ParseError("invalid " + names[i] + " tag `" + v + "`", text, at, Math.max(1, v.length()),
              "a tag part is letters, digits and `_`");
        }
        values.add(v);
        at += v.length() + 1;
      }
      split.add(values);
      offset += parts[i].length() + 1;
    }
    Set<WheelTag> out = new LinkedHashSet<>();
    for (String i : split.get(0)) {
      for (String a : split.get(1)) {
        for (String p : split.get(2)) {
          out.add(new WheelTag(i, a, p));
        }
      }
    }
    return List.copyOf(out);
  }

  /** {@code interpreter-abi-platform}. */
  @Override
  public String toString() {
    return interpreter + "-" + abi + "-" + platform;
  }
}
