package dev.envx.cli;

import dev.envx.resolve.Hint;
import java.util.Locale;

/** The resolver's typed hints in the CLI's words: where a hint has a flag or a variable, this names it. */
public final class HintWords {
  private HintWords() {}

  /** One hint as a {@code hint:} line's text. */
  public static String words(Hint h) {
    if (h instanceof Hint.VirtualPackage v) {
      return v.message() + "; set it with `--virtual-package " + v.name() + "=VERSION` or `CONDA_OVERRIDE_"
          + v.name().substring(2).toUpperCase(Locale.ROOT) + "`";
    }
    return h.message();
  }
}
