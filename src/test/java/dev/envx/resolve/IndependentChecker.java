package dev.envx.resolve;

import dev.envx.format.lock.LockedPackage;
import dev.envx.model.conda.CondaVersion;
import dev.envx.model.conda.MatchSpec;
import dev.envx.model.conda.PackageRecordRef;
import dev.envx.model.conda.VirtualPackage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a solution without the provider or the solver: re-parses every request, depends and constrains string
 * with {@link MatchSpec} and tests it against the chosen packages (plus the target's virtual packages): one
 * package per name, every request met, every dependency met, every constrains respected.
 */
final class IndependentChecker {
  private IndependentChecker() {}

  static List<String> check(List<LockedPackage> all, Request request) {
    List<LockedPackage.Conda> chosen = all.stream().map(p -> (LockedPackage.Conda) p).toList();
    List<String> errors = new ArrayList<>();
    Map<String, PackageRecordRef> byName = new HashMap<>();
    for (VirtualPackage v : request.virtualPackages()) {
      byName.put(v.name(), new PackageRecordRef.Simple(v.name(), CondaVersion.parse(v.version()), v.build(), 0,
          null, null, null, null));
    }
    for (LockedPackage.Conda p : chosen) {
      PackageRecordRef ref = new PackageRecordRef.Simple(p.name(), CondaVersion.parse(p.versionText()), p.build(),
          p.buildNumber(), p.channel(), p.subdir().subdir(), p.hashes().md5(), p.hashes().sha256());
      if (byName.put(p.name(), ref) != null) {
        errors.add("two packages named `" + p.name() + "`");
      }
    }
    for (String s : request.condaRequirements().stream().map(CondaRequirement::display).toList()) {
      if (!met(MatchSpec.parse(s), byName)) {
        errors.add("request `" + s + "` is not met");
      }
    }
    for (String s : request.condaConstraints().stream().map(CondaRequirement::display).toList()) {
      if (!respected(MatchSpec.parse(s), byName)) {
        errors.add("pin `" + s + "` is violated");
      }
    }
    for (LockedPackage.Conda p : chosen) {
      for (String d : p.depends()) {
        if (!met(MatchSpec.parse(d), byName)) {
          errors.add(p.dist() + " depends on `" + d + "`, which is not met by "
              + describe(byName.get(MatchSpec.parse(d).exactName())));
        }
      }
      for (String c : p.constrains()) {
        if (!respected(MatchSpec.parse(c), byName)) {
          errors.add(p.dist() + " constrains `" + c + "`, violated by "
              + describe(byName.get(MatchSpec.parse(c).exactName())));
        }
      }
    }
    return errors;
  }

  private static boolean met(MatchSpec m, Map<String, PackageRecordRef> byName) {
    PackageRecordRef r = byName.get(m.exactName());
    return r != null && m.matches(r);
  }

  private static boolean respected(MatchSpec m, Map<String, PackageRecordRef> byName) {
    PackageRecordRef r = byName.get(m.exactName());
    return r == null || m.matches(r);
  }

  private static String describe(PackageRecordRef r) {
    return r == null ? "nothing" : r.name() + " " + r.version() + " " + r.build();
  }
}
