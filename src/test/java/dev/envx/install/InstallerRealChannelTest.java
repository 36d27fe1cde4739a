package dev.envx.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.envx.format.lock.LockedPackage;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An environment installed from the real local conda-forge channel runs its binaries. */
class InstallerRealChannelTest {
  @TempDir Path tmp;

  private static final List<String> PYTHON_BOUND = List.of("python", "pip", "wheel", "setuptools");

  private List<LockedPackage> nativePackages() throws Exception {
    List<LockedPackage> out = new ArrayList<>();
    LocalChannel.packages().forEach((name, p) -> {
      if (!PYTHON_BOUND.contains(name)) {
        out.add(p);
      }
    });
    return out;
  }

  private Installer installer() {
    return new Installer(new PackageCache(tmp.resolve("cache"), Transport.offline()), 2);
  }

  @Test
  void binariesRunAndCondaRecognisesTheEnvironment() throws Exception {
    assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "skipped: linux-64 binaries");
    Path prefix = tmp.resolve("envs/demo");
    List<LockedPackage> wanted = nativePackages();
    InstallPlan plan = Planner.plan(wanted, PrefixState.read(prefix), null);
    assertThat(plan.steps(InstallPlan.Link.class)).hasSize(wanted.size());
    assertThat(plan.render()).contains("link     openssl-3.3.1-h4ab18f5_1", "0 unchanged");
    installer().apply(plan);

    Map<String, String> env = Map.of("TERM", "xterm-256color", "COLUMNS", "", "LC_ALL", "C");
    assertThat(Trees.run(tmp, Map.of(), prefix.resolve("bin/openssl").toString(), "version"))
        .startsWith("OpenSSL 3.3.1");
    assertThat(Trees.run(tmp, Map.of(), prefix.resolve("bin/xz").toString(), "--version")).contains("xz (XZ Utils) 5.2.6");
    ProcessBuilder tput = new ProcessBuilder(prefix.resolve("bin/tput").toString(), "cols").redirectErrorStream(true);
    tput.environment().putAll(env);
    tput.environment().remove("TERMINFO");
    tput.environment().remove("TERMINFO_DIRS");
    tput.environment().put("HOME", tmp.toString()); // no ~/.terminfo
    Process p = tput.start();
    String cols = new String(p.getInputStream().readAllBytes()).strip();
    assertThat(p.waitFor()).as("tput cols: %s", cols).isZero();
    assertThat(cols).matches("\\d+");
    // the terminfo database tput found is the prefix's (the binary placeholder in libtinfo was replaced)
    assertThat(prefix.resolve("share/terminfo/x/xterm-256color")).exists();
    assertThat(new String(Files.readAllBytes(prefix.resolve("lib/libtinfo.so.6.5")), "ISO-8859-1"))
        .contains(prefix + "/share/terminfo").doesNotContain("_h_env_placehold");

    // conda-meta: one record per package and a history, the shape conda and mamba read
    Map<String, Object> rec = Json.read(prefix.resolve("conda-meta/openssl-3.3.1-h4ab18f5_1.json"));
    assertThat(rec).containsKeys("files", "paths_data", "link", "url", "channel", "md5", "sha256", "depends", "fn");
    assertThat(rec.get("files").toString()).contains("bin/openssl");
    assertThat(Files.readString(prefix.resolve("conda-meta/history")))
        .contains("# cmd: envx install", "+conda-forge/linux-64::openssl-3.3.1-h4ab18f5_1");
    // a file without a placeholder is a hardlink into the cache
    assertThat((Integer) Files.getAttribute(prefix.resolve("include/lzma.h"), "unix:nlink")).isGreaterThan(1);
    // symlinks stay symlinks
    assertThat(Files.isSymbolicLink(prefix.resolve("lib/liblzma.so"))).isTrue();

    // no-op reinstall: nothing to do, nothing changed
    Map<String, String> before = Trees.describe(prefix);
    PrefixState state = PrefixState.read(prefix);
    assertThat(state.conda()).hasSize(wanted.size());
    InstallPlan again = Planner.plan(wanted, state, null);
    assertThat(again.isNoop()).isTrue();
    installer().apply(again);
    assertThat(Trees.describe(prefix)).isEqualTo(before);

    // dropping xz removes its files, and only them
    List<LockedPackage> fewer = wanted.stream().filter(w -> !w.displayName().equals("xz")).toList();
    InstallPlan drop = Planner.plan(fewer, PrefixState.read(prefix), null);
    assertThat(drop.steps(InstallPlan.Unlink.class)).extracting(u -> u.pkg().label())
        .containsExactly("xz-5.2.6-h166bdaf_0");
    assertThat(drop.steps(InstallPlan.Link.class)).isEmpty();
    installer().apply(drop);
    assertThat(prefix.resolve("bin/xz")).doesNotExist();
    assertThat(prefix.resolve("include/lzma")).doesNotExist();
    assertThat(prefix.resolve("conda-meta/xz-5.2.6-h166bdaf_0.json")).doesNotExist();
    assertThat(Files.exists(prefix.resolve("bin/openssl"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    assertThat(Files.readString(prefix.resolve("conda-meta/history"))).contains("-xz-5.2.6-h166bdaf_0");
    assertThat(Trees.run(tmp, Map.of(), prefix.resolve("bin/openssl").toString(), "version")).startsWith("OpenSSL");
  }
}
