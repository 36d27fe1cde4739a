package dev.envx.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envx.diag.EnvxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  private static void out(Path target, String text, Path... inputs) throws IOException {
    AtomicFiles.write(target, o -> o.write(text.getBytes(StandardCharsets.UTF_8)),
        AtomicFiles.Policy.output(inputs));
  }

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void cacheWritesCreateTheFolderReplaceTheTargetAndLeaveNoTemporaryFile() throws Exception {
    Path f = dir.resolve("sub/out.txt");
    AtomicFiles.writeString(f, "one");
    AtomicFiles.writeString(f, "two");
    assertThat(Files.readString(f)).isEqualTo("two");
    try (var s = Files.list(f.getParent())) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("out.txt");
    }
  }

  @Test
  void outputsAreNotGivenFolders() {
    Path f = dir.resolve("nodir/sub/x.toml");
    assertThatThrownBy(() -> out(f, "x")).isInstanceOf(EnvxException.class)
        .hasMessageContaining("folder `" + f.getParent() + "` does not exist")
        .satisfies(e -> assertThat(((EnvxException) e).exitCode()).isEqualTo(2));
    assertThat(dir.resolve("nodir")).doesNotExist();
  }

  @Test
  void refusesToReplaceItsInputAlsoThroughLinks() throws Exception {
    Path in = Files.writeString(dir.resolve("environment.yml"), "name: x\n");
    Path link = Files.createSymbolicLink(dir.resolve("link.yml"), in.getFileName());
    Path hard = Files.createLink(dir.resolve("hard.yml"), in);
    for (Path target : List.of(in, link, hard, dir.resolve("./environment.yml"))) {
      assertThatThrownBy(() -> out(target, "other", in)).isInstanceOf(EnvxException.class)
          .hasMessageContaining("is the input file");
    }
    assertThat(Files.readString(in)).isEqualTo("name: x\n");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    // an in-place update of the input is allowed
    AtomicFiles.write(in, o -> o.write("name: y\n".getBytes(StandardCharsets.UTF_8)),
        new AtomicFiles.Policy(List.of(in), true, false));
    assertThat(Files.readString(in)).isEqualTo("name: y\n");
  }

  @Test
  void writesThroughASymlinkToItsTarget() throws Exception {
    Files.createDirectory(dir.resolve("real"));
    Path target = Files.writeString(dir.resolve("real/pyproject.toml"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("link.toml"), Path.of("real/pyproject.toml"));
    Path link2 = Files.createSymbolicLink(dir.resolve("link2.toml"), link.getFileName());
    out(link2, "new");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.isSymbolicLink(link2)).isTrue();
    assertThat(Files.readString(target)).isEqualTo("new");
    try (Stream<Path> s = Files.list(dir.resolve("real"))) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("pyproject.toml");
    }
  }

  @Test
  void refusesADanglingSymlink() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("link.toml"), Path.of("missing.toml"));
    assertThatThrownBy(() -> out(link, "x")).isInstanceOf(EnvxException.class)
        .hasMessageContaining("symbolic link to").hasMessageContaining("which does not exist");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(dir.resolve("missing.toml")).doesNotExist();
  }

  @Test
  void refusesToReplaceAFifoOrAFolder() throws Exception {
    Path fifo = dir.resolve("fifo.toml");
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    Assumptions.assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo is not available");
    assertThatThrownBy(() -> out(fifo, "x")).isInstanceOf(EnvxException.class)
        .hasMessageContaining("it is a FIFO, not a regular file");
    assertThat(AtomicFiles.kind(fifo)).isEqualTo("a FIFO");
    Path link = Files.createSymbolicLink(dir.resolve("link.toml"), fifo.getFileName());
    assertThatThrownBy(() -> out(link, "x")).hasMessageContaining("it is a FIFO");
    Path folder = Files.createDirectory(dir.resolve("folder.toml"));
    assertThatThrownBy(() -> out(folder, "x")).hasMessageContaining("it is a directory");
    assertThat(names()).containsExactly("fifo.toml", "folder.toml", "link.toml");
  }

  @Test
  void keepsAnExistingFilesModeAndGivesNewFilesTheUmasksMode() throws Exception {
    Path existing = Files.writeString(dir.resolve("pyproject.toml"), "old");
    Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw-r-----"));
    out(existing, "new");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(existing))).isEqualTo("rw-r-----");
    Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-xr-x"));
    out(existing, "newer");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(existing))).isEqualTo("rwxr-xr-x");
    // a file made by open(O_CREAT, 0666) shows the umask's mode, which a new output must have too
    Path reference = Files.createFile(dir.resolve("reference"));
    Path fresh = dir.resolve("fresh.toml");
    out(fresh, "x");
    assertThat(Files.getPosixFilePermissions(fresh)).isEqualTo(Files.getPosixFilePermissions(reference));
    assertThat(Files.readString(existing)).isEqualTo("newer");
  }

  @Test
  void removesItsTemporaryFileWhenTheContentFails() throws Exception {
    Path target = Files.writeString(dir.resolve("out.toml"), "old");
    assertThatThrownBy(() -> AtomicFiles.write(target, o -> {
      o.write("half".getBytes(StandardCharsets.UTF_8));
      throw new IOException("No space left on device");
    }, AtomicFiles.Policy.output())).isInstanceOf(IOException.class).hasMessage("no space left on device");
    assertThat(Files.readString(target)).isEqualTo("old");
    assertThat(names()).containsExactly("out.toml");
    assertThatThrownBy(() -> AtomicFiles.write(target, o -> {
      throw new IllegalStateException("bug");
    }, AtomicFiles.Policy.output())).isInstanceOf(IllegalStateException.class);
    assertThat(names()).containsExactly("out.toml");
  }

  @Test
  void removesStaleTemporariesOfADeadProcessButNotOfALiveOne() throws Exception {
    Path target = dir.resolve("pyproject.toml");
    long dead = 2_000_000_000L; // above any pid_max: no such process
    Files.writeString(dir.resolve(".pyproject.toml.envx-" + dead + "-1a2b.tmp"), "junk");
    Path live = Files.writeString(dir.resolve(".pyproject.toml.envx-" + ProcessHandle.current().pid() + "-9.tmp"),
        "being written");
    Path legacy = Files.writeString(dir.resolve(".pyproject.toml.123456789.tmp"), "junk");
    Files.setLastModifiedTime(legacy, FileTime.from(Instant.now().minusSeconds(3600)));
    Path recentLegacy = Files.writeString(dir.resolve(".pyproject.toml.987.tmp"), "maybe being written");
    Path other = Files.writeString(dir.resolve(".other.toml.envx-" + dead + "-1.tmp"), "not ours to judge");
    out(target, "x");
    assertThat(names()).containsExactlyInAnyOrder("pyproject.toml", live.getFileName().toString(),
        recentLegacy.getFileName().toString(), other.getFileName().toString());
  }

  @Test
  void permissionDeniedNamesTheReason() throws Exception {
    Assumptions.assumeFalse("root".equals(System.getProperty("user.name")), "root may write anywhere");
    Path ro = Files.createDirectory(dir.resolve("ro"));
    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assertThatThrownBy(() -> out(ro.resolve("x.toml"), "x")).isInstanceOf(IOException.class)
          .hasMessage("permission denied");
    } finally {
      Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }
}
