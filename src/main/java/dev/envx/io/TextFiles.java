package dev.envx.io;

import dev.envx.diag.EnvxException;
import dev.envx.diag.SourceFile;
import dev.envx.diag.Span;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading a user's text file: UTF-8, with the line and column of the first byte that is not. */
public final class TextFiles {
  private TextFiles() {}

  /**
   * The file's text. Bytes that are not UTF-8 are bad input (exit 2) reported at their line and column; other
   * failures are {@link IOException}s for the caller to word.
   */
  public static String readUtf8(Path path) throws IOException {
    byte[] bytes = Files.readAllBytes(path);
    return decode(bytes, path.toString());
  }

  /** {@code bytes} as UTF-8, or an error at the first malformed byte, shown under {@code name}. */
  public static String decode(byte[] bytes, String name) {
    CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult r = dec.decode(in, out, true);
    if (r.isError()) {
      int bad = in.position();
      out.flip();
      String before = out.toString();
      SourceFile shown = SourceFile.of(name, before + "\uFFFD");
      throw EnvxException.input(String.format("`%s` is not UTF-8 text: byte 0x%02x at offset %d", name,
          bytes[bad] & 0xff, bad), Span.ofOffsets(shown, before.length(), before.length() + 1),
          "save the file as UTF-8");
    }
    dec.flush(out);
    out.flip();
    return out.toString();
  }

}
