package dev.envx.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** {@link RepodataParser#preferConda} (with its table of builds) against the plain reading: drop a .tar.bz2 whose stem a .conda has. */
class PreferCondaProperties {
  @Property(tries = 500)
  void dropsExactlyTheTarBz2RecordsWhoseStemHasACondaTwin(@ForAll long seed) {
    Random rnd = new Random(seed);
    String[] versions = {"1.0", "1.0.1", "2", "1-2", "1"};
    String[] builds = {"0", "py_0", "h123_1", "2-3", "3", "2"};
    boolean odd = rnd.nextInt(3) == 0; // '-' in versions and builds, other file names
    ArrayList<PackageRecord> list = new ArrayList<>();
    for (int i = rnd.nextInt(40); i > 0; i--) {
      String v = versions[rnd.nextInt(odd ? versions.length : 3)];
      String b = builds[rnd.nextInt(odd ? builds.length : 4)];
      boolean conda = rnd.nextBoolean();
      String ext = conda ? ".conda" : ".tar.bz2";
      String fn = odd && rnd.nextInt(5) == 0 ? "pkg-" + versions[rnd.nextInt(versions.length)] + "-"
          + builds[rnd.nextInt(builds.length)] + ext : "pkg-" + v + "-" + b + ext;
      list.add(PackageRecord.builder("pkg", v, b).fileName(fn).build());
    }
    Set<String> condaStems = new HashSet<>();
    for (PackageRecord r : list) {
      if (r.isCondaFormat()) {
        condaStems.add(r.stem());
      }
    }
    List<PackageRecord> want = new ArrayList<>();
    for (PackageRecord r : list) {
      if (r.isCondaFormat() || !condaStems.contains(r.stem())) {
        want.add(r);
      }
    }
    List<PackageRecord> got = RepodataParser.preferConda(new ArrayList<>(list));
    assertThat(got).containsExactlyElementsOf(want);
  }
}
