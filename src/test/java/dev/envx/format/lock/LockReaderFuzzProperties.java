package dev.envx.format.lock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.diag.Diagnostic;
import dev.envx.diag.EnvxException;
import dev.envx.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Mutated real lockfiles (../shared/data/lockfiles, the small ones of every format): each reader gives either a
 * lock (that its writer then writes) or a diagnostic at a place in the file (exit 2), never another exception.
 * Mutations: a line deleted, duplicated or swapped with the next, the text cut short, a value replaced by a
 * token of another type or a hostile URL, a character inserted.
 */
class LockReaderFuzzProperties {
  /** Files up to this size: a try stays cheap, and every format has some. */
  private static final long MAX_SIZE = 64 * 1024;

  /** Replacement values: other YAML/TOML/JSON types, broken quoting, URLs that {@link java.net.URI} rejects. */
  private static final List<String> TOKENS = List.of("[]", "{}", "null", "~", "42", "-1", "1.5e999", "true", "''",
      "\"", "'", "[", "{", ":", "- a", "a: b", "file://x@y/a b.conda", "file://x@y/", "https://u:p@h/x%zz.whl",
      "http://[::1", "https://h/x.conda#md5=zz", "https://h/x.tar.bz2#sha256=" + "0".repeat(63), "\u0000",
      "\uD800", "!!binary AAAA", "*alias", "&anchor x", "999999999999999999999999", "-9223372036854775809",
      "1979-05-27T07:32:00Z", "\"\\u00\"", "noarch", "==", ">=1,<", "sha256:", "md5:zz", "@EXPLICIT", "# comment",
      "version = 99", "version: 99", "lock-version = \"9.0\"", "[[packages]]", "inf", "nan",
      ",", "\"lockVersion\": \"9.0.0\",", "\"hash\": {\"md5\": 5},");

  private static List<Path> files;

  @BeforeContainer
  static void findFiles() throws IOException {
    files = new ArrayList<>();
    for (String rel : RealLockfilesTest.lockfiles().toList()) {
      Path p = RealLockfilesTest.dir().resolve(rel);
      if (Files.size(p) <= MAX_SIZE) {
        files.add(p);
      }
    }
  }

  /** One mutation of one file. */
  record Mutation(Path file, int kind, int at, int other, String token) {
    String apply() {
      String text;
      try {
        text = Files.readString(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
      int i = Math.floorMod(at, lines.size());
      switch (kind) {
        case 0 -> lines.remove(i);
        case 1 -> lines.add(i, lines.get(i));
        case 2 -> {
          int j = Math.min(lines.size() - 1, i + 1);
          String s = lines.get(i);
          lines.set(i, lines.get(j));
          lines.set(j, s);
        }
        case 3 -> {
          return text.substring(0, Math.floorMod(at, text.length() + 1));
        }
        case 4 -> lines.set(i, replaceValue(lines.get(i), token));
        case 5 -> lines.set(i, lines.get(i) + token);
        default -> {
          int pos = Math.floorMod(other, text.length() + 1);
          return text.substring(0, pos) + token.charAt(Math.floorMod(at, token.length())) + text.substring(pos);
        }
      }
      return String.join("\n", lines);
    }

    /** The value after a line's {@code :} or {@code =} (the whole line when it has neither) as {@code token}. */
    private static String replaceValue(String line, String token) {
      int c = line.indexOf(": ");
      int e = line.indexOf(" = ");
      int cut = c >= 0 && (e < 0 || c < e) ? c + 2 : e >= 0 ? e + 3 : -1;
      if (cut < 0) {
        int dash = line.indexOf("- ");
        return dash >= 0 ? line.substring(0, dash + 2) + token : token;
      }
      return line.substring(0, cut) + token;
    }

    @Override
    public String toString() {
      return RealLockfilesTest.dir().relativize(file) + " kind=" + kind + " at=" + at + " other=" + other
          + " token=" + token;
    }
  }

  @Provide
  Arbitrary<Mutation> mutations() {
    SharedData.require("lockfiles");
    return Combinators.combine(Arbitraries.of(files), Arbitraries.integers().between(0, 6),
        Arbitraries.integers().between(0, 1 << 20), Arbitraries.integers().between(0, 1 << 20),
        Arbitraries.of(TOKENS)).as(Mutation::new);
  }

  @Property(tries = 1000)
  void aMutatedLockfileIsReadOrRejectedAtAPlace(@ForAll("mutations") Mutation m) {
    String text = m.apply();
    String name = m.file().getFileName().toString();
    LockFormat format = LockFormat.sniff(text, LockFormat.fromFileName(name).orElse(null));
    if (format == null) {
      return; // no longer any lockfile: `envx lock convert` says so before a reader runs (detectIsBadInput)
    }
    LockRead read;
    try {
      read = Lockfiles.parse(text, name, format);
    } catch (EnvxException e) {
      assertThat(e.exitCode()).as("%s: %s", m, e.getMessage()).isEqualTo(2);
      for (Diagnostic d : e.diagnostics()) {
        assertThat(d.span()).as("%s: located: %s", m, d.oneLine()).isNotNull();
        assertThat(d.message()).as("%s", m).isNotBlank();
      }
      return;
    }
    // what was read writes, in its own format
    assertThat(Lockfiles.write(read.lock(), read.format()).files()).as("%s", m).isNotNull();
  }
}
