package dev.envx.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** envx's converter of path options ({@link Main#path}) gives what picocli's built-in one gives, errors included. */
class PathConverterTest {
  @Command(name = "t")
  static final class WithPath {
    @Option(names = "-p") Path path;
  }

  private static Object parse(boolean envx, String value) {
    WithPath w = new WithPath();
    CommandLine cl = new CommandLine(w);
    if (envx) {
      cl.registerConverter(Path.class, Main::path);
    }
    try {
      cl.parseArgs("-p", value);
      return w.path;
    } catch (CommandLine.ParameterException e) {
      return e.getMessage();
    }
  }

  @Test
  void sameValuesAsPicocli() {
    for (String v : new String[] {"a.yml", "/tmp/x/../y", "", ".", "dir/", "a b", "é/ü"}) {
      assertThat(parse(true, v)).isEqualTo(parse(false, v)).isInstanceOf(Path.class);
    }
  }

  @Test
  void sameErrorAsPicocli() {
    Object envx = parse(true, "a\0b");
    assertThat(envx).isInstanceOf(String.class).isEqualTo(parse(false, "a\0b"));
    assertThat((String) envx).contains("cannot convert 'a\0b' to interface java.nio.file.Path");
    assertThat(catchThrowableOfType(CommandLine.TypeConversionException.class, () -> Main.path("\0"))).isNotNull();
  }
}
