package dev.envx.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envx.format.lock.Hashes;
import dev.envx.format.lock.LockedPackage;
import dev.envx.model.conda.CondaVersion;
import dev.envx.model.conda.Platform;
import dev.envx.model.pep440.Pep440Version;
import dev.envx.model.pep508.PyPiName;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure planner: keep what matches, replace what differs, drop what the lock no longer has. */
class PlannerTest {
  private static final Path PREFIX = Path.of("/envs/p");

  static LockedPackage.Conda conda(String name, String version, String build, String sha, String noarch) {
    return new LockedPackage.Conda(name, CondaVersion.parse(version), build, 0, "conda-forge",
        Platform.parse(noarch == null ? "linux-64" : "noarch"), "https://x/" + name + ".conda",
        name + "-" + version + "-" + build + ".conda", Hashes.sha256(sha.repeat(64)), 1, List.of(), List.of(), null,
        null, noarch, List.of());
  }

  static Installed.Conda installed(LockedPackage.Conda c) {
    return new Installed.Conda(c.name(), c.version().original(), c.build(), c.fileName(), c.url(), c.hashes(),
        c.noarch(), List.of("lib/" + c.name()), c.dist() + ".json");
  }

  static LockedPackage.Pypi pypi(String name, String version) {
    return new LockedPackage.Pypi(PyPiName.of(name), Pep440Version.parse(version), "https://x/" + name + ".whl",
        name + "-" + version + "-py3-none-any.whl", Hashes.NONE, -1, List.of(), null, List.of());
  }

  static Installed.Wheel wheel(String name, String version) {
    return new Installed.Wheel(PyPiName.of(name), version, "lib/python3.12/site-packages/" + name + "-" + version
        + ".dist-info", "envx", List.of());
  }

  @Test
  void emptyPrefixDownloadsAndLinksEverything() {
    InstallPlan plan = Planner.plan(List.of(conda("zlib", "1.3", "h0", "a", null)), PrefixState.empty(PREFIX), null);
    assertThat(plan.steps()).extracting(InstallPlan.Step::describe)
        .containsExactly("download zlib-1.3-h0  https://x/zlib.conda", "link     zlib-1.3-h0");
    assertThat(plan.render()).endsWith("/envs/p: 1 to download, 1 to link, 0 to unlink, 0 unchanged\n");
  }

  @Test
  void sameIdentityIsKeptDifferentIsReplacedMissingIsDropped() {
    LockedPackage.Conda zlib = conda("zlib", "1.3", "h0", "a", null);
    LockedPackage.Conda xzOld = conda("xz", "5.2", "h0", "b", null);
    LockedPackage.Conda xzNew = conda("xz", "5.4", "h1", "c", null);
    LockedPackage.Conda rebuilt = conda("zlib", "1.3", "h0", "d", null); // same name-version-build, new file
    PrefixState state = new PrefixState(PREFIX, List.of(installed(zlib), installed(xzOld),
        installed(conda("bzip2", "1", "h", "e", null))), List.of(wheel("six", "1.16.0")));

    InstallPlan plan = Planner.plan(List.of(zlib, xzNew), state, null, p -> true);
    assertThat(plan.steps()).extracting(InstallPlan.Step::describe).containsExactly(
        "unlink   xz-5.2-h0", "unlink   bzip2-1-h", "unlink   six==1.16.0", "link     xz-5.4-h1", "keep     zlib-1.3-h0");
    assertThat(plan.isNoop()).isFalse();

    assertThat(Planner.plan(List.of(rebuilt, xzOld), state, null, p -> true).steps(InstallPlan.Unlink.class))
        .extracting(u -> u.pkg().label()).contains("zlib-1.3-h0");
  }

  @Test
  void samePackagesIsANoop() {
    LockedPackage.Conda zlib = conda("zlib", "1.3", "h0", "a", null);
    PrefixState state = new PrefixState(PREFIX, List.of(installed(zlib)), List.of(wheel("six", "1.16.0")));
    PythonTarget py = new PythonTarget("3.12", "/usr/bin/python3");
    assertThat(Planner.plan(List.of(zlib, pypi("six", "1.16")), state, py).isNoop()).isTrue();
    assertThat(Planner.plan(List.of(zlib, pypi("six", "1.17")), state, py).isNoop()).isFalse();
  }

  @Test
  void aNewPythonRelinksNoarchPythonPackagesAndWheels() {
    LockedPackage.Conda py312 = conda("python", "3.12.4", "h0", "a", null);
    LockedPackage.Conda py313 = conda("python", "3.13.1", "h0", "b", null);
    LockedPackage.Conda pip = conda("pip", "25.3", "pyh0", "c", "python");
    LockedPackage.Conda tz = conda("tzdata", "2025b", "h0", "d", "generic");
    PrefixState state = new PrefixState(PREFIX, List.of(installed(py312), installed(pip), installed(tz)),
        List.of(wheel("six", "1.16.0")));
    InstallPlan plan = Planner.plan(List.of(py313, pip, tz, pypi("six", "1.16.0")), state, null, p -> true);
    assertThat(plan.steps(InstallPlan.Link.class)).extracting(l -> l.pkg().displayName())
        .containsExactly("python", "pip", "six");
    assertThat(plan.steps(InstallPlan.Keep.class)).extracting(k -> k.pkg().label()).containsExactly("tzdata-2025b-h0");
    assertThat(plan.python()).isEqualTo(new PythonTarget("3.13", null));
  }

  @Test
  void aWheelWithoutAPythonIsBadInput() {
    assertThatThrownBy(() -> Planner.plan(List.of(pypi("six", "1.16.0")), PrefixState.empty(PREFIX), null))
        .hasMessageContaining("`six` needs a python to install into, and the lock has none");
  }

  @Test
  void twoVersionsOfOnePackageAreBadInput() {
    assertThatThrownBy(() -> Planner.plan(List.of(conda("xz", "5.2", "h0", "a", null), conda("xz", "5.4", "h0", "b",
        null)), PrefixState.empty(PREFIX), null)).hasMessageContaining("the lock has `xz` twice");
  }
}
