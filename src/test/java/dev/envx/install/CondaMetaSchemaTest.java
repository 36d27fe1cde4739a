package dev.envx.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.format.lock.LockedPackage;
import dev.envx.testing.Python3;
import dev.envx.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Neither conda nor micromamba can be installed here (no Debian package, no registry this machine reaches has
 * them), so the conda-meta records envx writes are read by a Python restatement of what conda's
 * {@code PrefixData}/{@code History} and libmamba's {@code PackageInfo} need, strictly, with the JSON types of
 * real conda-/micromamba-/rattler-written records from ../shared/data/packages/conda-meta as the reference.
 */
class CondaMetaSchemaTest {
  @TempDir Path tmp;

  @Test
  void condaAndMicromambaWouldListEveryPackage() throws Exception {
    List<LockedPackage> wanted = new ArrayList<>();
    LocalChannel.packages().forEach((name, p) -> {
      if (!List.of("python", "pip", "wheel", "setuptools").contains(name)) {
        wanted.add(p);
      }
    });
    Path prefix = tmp.resolve("env");
    Installer installer = new Installer(new PackageCache(tmp.resolve("cache"), Transport.offline()), 2);
    installer.apply(Planner.plan(wanted, PrefixState.read(prefix), null));
    // a second transaction (one package dropped) appends to the history
    installer.apply(Planner.plan(wanted.subList(1, wanted.size()), PrefixState.read(prefix), null));

    Path real = SharedData.require("packages/conda-meta");
    List<String> args = new ArrayList<>(List.of(prefix.toString()));
    for (String f : List.of("openssl-3.3.0-hfb2fe0b_3.json", "libzlib-1.2.13-h53f4e23_5.json",
        "pip-23.0-pyhd8ed1ab_0.json", "xz-5.2.6-h57fd34a_0.json")) {
      args.add(real.resolve(f).toString());
    }
    Python3.Result r = Python3.script("/dev/envx/install/conda_prefix_check.py", args, null);
    assertThat(r.err()).as("what conda / micromamba would refuse").isEmpty();
    assertThat(r.exit()).isZero();
    List<String> listed = r.out().lines().toList();
    assertThat(listed).hasSize(wanted.size() - 1);
    for (LockedPackage p : wanted.subList(1, wanted.size())) {
      LockedPackage.Conda c = (LockedPackage.Conda) p;
      assertThat(listed).contains(c.name() + "\t" + c.version().original() + "\t" + c.build() + "\tconda-forge");
    }
    assertThat(Files.readString(prefix.resolve("conda-meta/history"))).contains("-" + ((LockedPackage.Conda)
        wanted.get(0)).dist());
  }
}
