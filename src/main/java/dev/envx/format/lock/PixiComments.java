package dev.envx.format.lock;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * envx's input hash in formats without a metadata field for it (pixi.lock, {@code @EXPLICIT}): a leading comment
 * line {@code # envx-input-hash: sha256:…}, which every reader of those formats ignores.
 */
final class PixiComments {
  static final String INPUT_HASH = "envx-input-hash:";
  private static final Pattern LINE = Pattern.compile("^# envx-input-hash: (sha256:[0-9a-f]{64})\\s*$",
      Pattern.MULTILINE);

  private PixiComments() {}

  /** The hash in the comment lines at the top of a file, if there is one. */
  static Optional<String> inputHash(String text) {
    Matcher m = LINE.matcher(text);
    while (m.find()) {
      String before = text.substring(0, m.start());
      if (before.lines().allMatch(l -> l.isBlank() || l.startsWith("#"))) {
        return Optional.of(m.group(1));
      }
    }
    return Optional.empty();
  }
}
