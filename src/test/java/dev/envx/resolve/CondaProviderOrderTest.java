package dev.envx.resolve;

import dev.envx.resolve.conda.CondaResolver;
import dev.envx.format.lock.LockedPackage;
import static dev.envx.resolve.Solving.chosen;
import static dev.envx.resolve.Solving.solved;
import static dev.envx.resolve.Solving.unsolvable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.index.RepodataIndex;
import dev.envx.model.conda.ChannelPriority;
import dev.envx.model.conda.VirtualPackage;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Candidate order and filtering rules of {@link CondaProvider} on tiny universes. */
class CondaProviderOrderTest {

  @Test
  void highestVersionThenBuildNumberThenTimestamp() {
    RepodataIndex idx = TinyChannels.of("""
        foo 1.0 h1_0
        foo 1.2 h1_0
        foo 1.10 h1_0
        bar 1.0 h1_0 ts=100
        bar 1.0 h2_3
        bar 1.0 h3_2 ts=300
        baz 1.0 ha_0 ts=100
        baz 1.0 hb_0 ts=200
        baz 1.0 hc_0 ts=150
        """);
    Resolution.Solved s = solved(idx, Request.conda("foo", "bar", "baz"));
    assertThat(chosen(s, "foo")).isEqualTo("foo 1.10 h1_0");
    assertThat(chosen(s, "bar")).isEqualTo("bar 1.0 h2_3");
    assertThat(chosen(s, "baz")).isEqualTo("baz 1.0 hb_0");
  }

  @Test
  void buildsOfOneVersionPreferTheHighestDependencies() {
    RepodataIndex idx = TinyChannels.of("""
        numpy 2.0 py311_0 ts=300 -> python >=3.11,<3.12.0a0, libblas
        numpy 2.0 py312_0 ts=100 -> python >=3.12,<3.13.0a0, libblas
        numpy 2.0 py310_0 ts=200 -> python >=3.10,<3.11.0a0
        python 3.10.4 h_0
        python 3.11.2 h_0
        python 3.12.1 h_0
        libblas 3.9 h_0
        """);
    Resolution.Solved s = solved(idx, Request.conda("numpy"));
    assertThat(chosen(s, "numpy")).isEqualTo("numpy 2.0 py312_0");
    assertThat(chosen(s, "python")).isEqualTo("python 3.12.1 h_0");
  }

  @Test
  void trackFeaturesArePreferredLess() {
    RepodataIndex idx = TinyChannels.of("""
        numpy 1.2 mkl_0 tf=mkl
        numpy 1.1 nomkl_0
        scipy 1.0 h_0 tf=a,b
        scipy 1.0 h_1 tf=a
        """);
    Resolution.Solved s = solved(idx, Request.conda("numpy", "scipy"));
    assertThat(chosen(s, "numpy")).isEqualTo("numpy 1.1 nomkl_0");
    assertThat(chosen(s, "scipy")).isEqualTo("scipy 1.0 h_1");
    // a tracked feature is only avoided, never forbidden
    assertThat(chosen(solved(idx, Request.conda("numpy >=1.2")), "numpy")).isEqualTo("numpy 1.2 mkl_0");
  }

  @Test
  void dependenciesBacktrackToAnOlderVersion() {
    RepodataIndex idx = TinyChannels.of("""
        app 2.0 h_0 -> lib >=3
        app 1.0 h_0 -> lib >=1
        lib 2.5 h_0
        """);
    Resolution.Solved s = solved(idx, Request.conda("app"));
    assertThat(chosen(s, "app")).isEqualTo("app 1.0 h_0");
    assertThat(chosen(s, "lib")).isEqualTo("lib 2.5 h_0");
  }

  @Test
  void laterRequestsAreRaisedWhenAnEarlierChoiceHeldThemBack() {
    RepodataIndex idx = TinyChannels.of("""
        a 2.0 py37_0 ts=200 -> py 3.7.*
        a 2.0 py35_0 ts=100 -> py 3.5.*
        b 3.0 h_0 -> py 3.5.*
        b 2.0 h_0
        py 3.7 h_0
        py 3.5 h_0
        """);
    Request r = Request.conda("a", "b");
    Resolution.Solved s = solved(idx, r);
    assertThat(chosen(s, "a")).isEqualTo("a 2.0 py35_0");
    assertThat(chosen(s, "b")).isEqualTo("b 3.0 h_0");
    assertThat(chosen(s, "py")).isEqualTo("py 3.5 h_0");
    CondaResolver.Outcome o = Resolver.solve(idx, dev.envx.model.conda.Platform.LINUX_64, r);
    assertThat(o.solves()).isEqualTo(2); // greedy, then b raised; b >3.0 is not tried: no candidate above
    // the first request wins a trade-off: a 3 forces b 1
    RepodataIndex tradeOff = TinyChannels.of("""
        a 3.0 h_0 -> b <2
        a 2.0 h_0
        b 2.0 h_0
        b 1.0 h_0
        """);
    Resolution.Solved t = solved(tradeOff, Request.conda("a", "b"));
    assertThat(chosen(t, "a")).isEqualTo("a 3.0 h_0");
    assertThat(chosen(t, "b")).isEqualTo("b 1.0 h_0");
  }

  @Test
  void constrainsLimitOnlyInstalledPackages() {
    RepodataIndex idx = TinyChannels.of("""
        a 1.0 h_0 !> b <2
        b 3.0 h_0
        b 1.5 h_0
        c 1.0 h_0
        """);
    Resolution.Solved s = solved(idx, Request.conda("a", "b"));
    assertThat(chosen(s, "b")).isEqualTo("b 1.5 h_0");
    Resolution.Solved alone = solved(idx, Request.conda("a", "c"));
    assertThat(alone.get("b")).isEmpty();
    Resolution.Unsolvable u = unsolvable(idx, Request.conda("a", "b >=3"));
    assertThat(u.explanation()).contains("b <2").contains("b >=3");
  }

  @Test
  void pinsAreRootConstraints() {
    RepodataIndex idx = TinyChannels.of("""
        a 1.0 h_0 -> b
        b 3.0 h_0
        b 1.5 h_0
        """);
    Resolution.Solved s = solved(idx, Request.conda("a").withConstraints(Solving.specs("b <2", "zzz 1")));
    assertThat(chosen(s, "b")).isEqualTo("b 1.5 h_0");
    assertThat(s.get("zzz")).isEmpty();
  }

  private static RepodataIndex twoChannels() {
    return new TinyChannels()
        .add("conda-forge", "linux-64", """
            numpy 1.0 cf_0
            only-cf 1.0 h_0
            """)
        .add("bioconda", "linux-64", """
            numpy 2.0 bio_0
            only-bio 1.0 h_0 -> numpy >=2
            """).index();
  }

  @Test
  void strictPriorityTakesTheFirstChannelThatHasTheName() {
    RepodataIndex idx = twoChannels();
    Resolution.Solved s = solved(idx, Request.conda("numpy", "only-cf"));
    assertThat(chosen(s, "numpy")).isEqualTo("numpy 1.0 cf_0");
    assertThat(s.get("numpy").orElseThrow().channel()).isEqualTo("conda-forge");
    Resolution.Unsolvable u = unsolvable(idx, Request.conda("only-bio"));
    assertThat(u.explanation()).contains("numpy >=2");
    assertThat(Solving.hints(u)).anySatisfy(h -> assertThat(h).contains("strict channel priority")
        .contains("bioconda/linux-64::numpy-2.0-bio_0"));
    // naming the channel in a request picks that channel for the name
    Resolution.Solved explicit = solved(idx, Request.conda("bioconda::numpy"));
    assertThat(chosen(explicit, "numpy")).isEqualTo("numpy 2.0 bio_0");
    assertThat(explicit.get("numpy").orElseThrow().channel()).isEqualTo("bioconda");
  }

  @Test
  void flexiblePriorityPrefersTheFirstChannelButFallsBack() {
    RepodataIndex idx = twoChannels();
    Request r = Request.conda("numpy").withChannelPriority(ChannelPriority.FLEXIBLE);
    assertThat(chosen(solved(idx, r), "numpy")).isEqualTo("numpy 1.0 cf_0");
    Resolution.Solved s = solved(idx, r.withRequirements(Solving.specs("only-bio")));
    assertThat(chosen(s, "numpy")).isEqualTo("numpy 2.0 bio_0");
  }

  @Test
  void disabledPriorityTakesTheHighestVersionAnywhere() {
    RepodataIndex idx = twoChannels();
    Request r = Request.conda("numpy").withChannelPriority(ChannelPriority.DISABLED);
    assertThat(chosen(solved(idx, r), "numpy")).isEqualTo("numpy 2.0 bio_0");
  }

  @Test
  void channelSubdirBuildAndBuildNumberKeysFilter() {
    RepodataIndex idx = new TinyChannels()
        .add("conda-forge", "linux-64", """
            pkg 2.0 py311_1
            pkg 2.0 py312_0
            pkg 1.0 py312_3
            """)
        .add("conda-forge", "noarch", """
            pkg 1.5 pyhd_0
            """).index();
    assertThat(chosen(solved(idx, Request.conda("pkg * py312*")), "pkg")).isEqualTo("pkg 2.0 py312_0");
    assertThat(chosen(solved(idx, Request.conda("pkg[build_number=3]")), "pkg")).isEqualTo("pkg 1.0 py312_3");
    assertThat(chosen(solved(idx, Request.conda("conda-forge/noarch::pkg")), "pkg"))
        .isEqualTo("pkg 1.5 pyhd_0");
    assertThat(chosen(solved(idx, Request.conda("pkg[subdir=noarch]")), "pkg")).isEqualTo("pkg 1.5 pyhd_0");
    Resolution.Unsolvable u = unsolvable(idx, Request.conda("other-channel::pkg"));
    assertThat(u.explanation()).contains("other-channel::pkg");
  }

  @Test
  void virtualPackagesAreCandidates() {
    RepodataIndex idx = TinyChannels.of("""
        torch 2.0 cuda_0 -> __cuda >=12, __glibc >=2.17
        torch 2.0 cpu_0 -> __glibc >=2.17
        tool 1.0 h_0 -> __glibc >=2.28
        """);
    List<VirtualPackage> glibc = List.of(VirtualPackage.of("__glibc", "2.17"), VirtualPackage.of("__unix", "0"));
    Request r = Request.conda("torch").withVirtualPackages(glibc);
    assertThat(chosen(solved(idx, r), "torch")).isEqualTo("torch 2.0 cpu_0");
    assertThat(solved(idx, r).conda()).extracting(LockedPackage.Conda::name).containsExactly("torch");
    List<VirtualPackage> cuda = List.of(VirtualPackage.of("__glibc", "2.17"), VirtualPackage.of("__cuda", "12.4"));
    // cuda_0 sorts before cpu_0 by build string only through the timestamp/build number tie: both equal, so the
    // repodata order decides; ask explicitly
    assertThat(chosen(solved(idx, r.withVirtualPackages(cuda).withRequirements(Solving.specs("torch * cuda*"))), "torch"))
        .isEqualTo("torch 2.0 cuda_0");
    Resolution.Unsolvable u = unsolvable(idx, r.withRequirements(Solving.specs("torch * cuda*")));
    assertThat(Solving.hints(u)).anySatisfy(h -> assertThat(h).contains("`__cuda` is a virtual package")
        .contains("CONDA_OVERRIDE_CUDA"));
    Resolution.Unsolvable old = unsolvable(idx, r.withRequirements(Solving.specs("tool")));
    assertThat(old.explanation()).contains("__glibc >=2.28");
    assertThat(Solving.hints(old)).anySatisfy(h -> assertThat(h).contains("(here 2.17)"));
  }

  @Test
  void lockedRecordsAreFavored() {
    RepodataIndex idx = TinyChannels.of("""
        app 1.0 h_0 -> lib
        lib 2.0 h_0
        lib 1.0 h_0
        lib 1.0 h_1
        """);
    assertThat(chosen(solved(idx, Request.conda("app")), "lib")).isEqualTo("lib 2.0 h_0");
    Request locked = Request.conda("app").withLocked(Set.of("lib-1.0-h_0"));
    assertThat(chosen(solved(idx, locked), "lib")).isEqualTo("lib 1.0 h_0");
    // a requested package keeps its locked version (no raising past a lock)
    assertThat(chosen(solved(idx, locked.withRequirements(Solving.specs("lib"))), "lib")).isEqualTo("lib 1.0 h_0");
    // a lock that no longer fits the request is left
    assertThat(chosen(solved(idx, locked.withRequirements(Solving.specs("app", "lib >=2"))), "lib")).isEqualTo("lib 2.0 h_0");
  }

  @Test
  void resolvedPackagesCarryTheLockFields() {
    RepodataIndex idx = TinyChannels.of("""
        app 1.0 h_0 ts=1700000000 -> lib >=1 !> other <2
        lib 2.0 h_0
        """);
    LockedPackage.Conda app = solved(idx, Request.conda("app")).get("app").orElseThrow();
    assertThat(app.channel()).isEqualTo("conda-forge");
    assertThat(app.subdir().subdir()).isEqualTo("linux-64");
    assertThat(app.url()).isEqualTo("https://conda.anaconda.org/conda-forge/linux-64/app-1.0-h_0.conda");
    assertThat(app.fileName()).isEqualTo("app-1.0-h_0.conda");
    assertThat(app.hashes().md5()).isEqualTo("0123456789abcdef0123456789abcdef");
    assertThat(app.size()).isEqualTo(1000);
    assertThat(app.depends()).containsExactly("lib >=1");
    assertThat(app.constrains()).containsExactly("other <2");
    assertThat(app.license()).isEqualTo("MIT");
    assertThat(app.timestampMillis()).isEqualTo(1_700_000_000_000L);
    assertThat(app.toString()).isEqualTo("conda-forge/linux-64::app-1.0-h_0");
  }

  @Test
  void missingPackageAndBadDependencyStrings() {
    RepodataIndex idx = TinyChannels.of("""
        app 1.0 h_0 -> lib >=>1
        """);
    Resolution.Unsolvable u = unsolvable(idx, Request.conda("nosuch >=1"));
    assertThat(Solving.hints(u)).contains("no channel has a package named `nosuch` for this platform (or `noarch`)",
        "the request `nosuch >=1` cannot be met as asked; relax or remove it");
    Resolution.Unsolvable bad = unsolvable(idx, Request.conda("app"));
    assertThat(Solving.hints(bad)).anySatisfy(h -> assertThat(h).startsWith("`lib >=>1` does not parse"));
  }
}
