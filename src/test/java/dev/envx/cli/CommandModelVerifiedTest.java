package dev.envx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verified command model ({@link CommandModel#writeVerified}): written only when every described class in the
 * jar has its recorded CRC-32, used only while the jar is the one it was checked against, and then the jar is not
 * read again. The jars here are made of the build's classes ({@code target/classes}), loaded by their own loader.
 */
class CommandModelVerifiedTest {
  @TempDir Path tmp;

  /** A jar of the build's classes with {@code descriptor} as its command model (none: null). */
  private Path jar(String name, String descriptor) throws IOException {
    Path classes = CommandModel.location(CommandModel.class);
    assertThat(classes).as("tests run from the build's class directory").isDirectory();
    Path jar = tmp.resolve(name);
    try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out);
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        String entry = classes.relativize(f).toString().replace('\\', '/');
        if (entry.equals(CommandModel.RESOURCE)) {
          continue;
        }
        zip.putNextEntry(new ZipEntry(entry));
        Files.copy(f, zip);
        zip.closeEntry();
      }
      if (descriptor != null) {
        zip.putNextEntry(new ZipEntry(CommandModel.RESOURCE));
        zip.write(descriptor.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return jar;
  }

  private static URLClassLoader loader(Path jar) throws IOException {
    return new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
  }

  @Test
  void aCheckedModelIsUsedWithoutReadingTheJarAgain() throws Exception {
    Path jar = jar("envx.jar", CommandModelTest.descriptor());
    Path out = tmp.resolve("model.verified");
    try (URLClassLoader loader = loader(jar)) {
      assertThat(CommandModel.writeVerified(jar, out, loader)).isTrue();
      assertThat(Files.readString(out)).startsWith(CommandModel.VERIFIED_MAGIC + "\t" + CommandModel.FORMAT + "\t"
          + jar + "\t" + Files.size(jar) + "\t");

      CommandModel.Descriptor d = CommandModel.readVerified(out, jar, loader);
      assertThat(d).isNotNull();
      Class<?> spec = Class.forName(SpecCommand.class.getName(), false, loader);
      assertThat(CommandModel.location(spec)).isEqualTo(jar);
      // the jar's bytes spoiled behind the loader's back: a descriptor that opened the jar to check the class
      // would find no CRC ("unreadable") and call the class stale
      Files.write(jar, new byte[] {1, 2, 3});
      assertThat(d.entry(spec).command()).isNotNull();
    }
  }

  @Test
  void anotherJarOrAChangedOneIsNotTrusted() throws Exception {
    Path jar = jar("envx.jar", CommandModelTest.descriptor());
    Path other = jar("other.jar", CommandModelTest.descriptor());
    Path out = tmp.resolve("model.verified");
    try (URLClassLoader loader = loader(jar)) {
      assertThat(CommandModel.writeVerified(jar, out, loader)).isTrue();
      assertThat(CommandModel.readVerified(out, other, loader)).as("another jar").isNull();
      Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2000));
      assertThat(CommandModel.readVerified(out, jar, loader)).as("the jar touched").isNull();

      assertThat(CommandModel.writeVerified(jar, out, loader)).isTrue();
      String text = Files.readString(out);
      Files.writeString(out, text.replace("\nend\n", "\nand\n"));
      assertThat(CommandModel.readVerified(out, jar, loader)).as("its descriptor damaged").isNull();
      Files.writeString(out, text.substring(0, text.length() / 2));
      assertThat(CommandModel.readVerified(out, jar, loader)).as("cut").isNull();
      Files.write(out, new byte[] {(byte) 0xff, (byte) 0xfe, 0});
      assertThat(CommandModel.readVerified(out, jar, loader)).as("not UTF-8").isNull();
      assertThat(CommandModel.readVerified(tmp.resolve("none"), jar, loader)).as("no file").isNull();
    }
  }

  @Test
  void aModelThatDoesNotDescribeTheJarsClassesIsNotWritten() throws Exception {
    String text = CommandModelTest.descriptor();
    String name = SpecCommand.class.getName();
    int at = text.indexOf("class\t" + name + "\t");
    int crcStart = at + ("class\t" + name + "\t").length();
    String wrong = text.substring(0, crcStart) + "0" + text.substring(text.indexOf('\n', crcStart));
    String body = wrong.substring(wrong.indexOf('\n') + 1);
    for (Path jar : List.of(jar("stale.jar", CommandModelWriter.seal(body)), jar("none.jar", null))) {
      Path out = tmp.resolve(jar.getFileName() + ".verified");
      Files.writeString(out, "an older record");
      try (URLClassLoader loader = loader(jar)) {
        assertThat(CommandModel.writeVerified(jar, out, loader)).as(jar.getFileName().toString()).isFalse();
      }
      assertThat(out).as("the older record is removed").doesNotExist();
    }
  }
}
