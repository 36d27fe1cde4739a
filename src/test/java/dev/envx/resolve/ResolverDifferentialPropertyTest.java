package dev.envx.resolve;

import dev.envx.format.lock.LockedPackage;
import dev.envx.resolve.conda.CondaProvider;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envx.index.RepodataIndex;
import dev.envx.model.conda.CondaVersion;
import dev.envx.model.conda.Platform;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Differential test against brute force on random tiny conda universes (4 names, up to 5 records each, random
 * depends/constrains with version ranges): the resolver finds a solution exactly when some assignment passes
 * {@link IndependentChecker}; its solutions pass both checkers ({@link Solving}); and, with no track features,
 * the requested packages get the lexicographically highest versions (first request highest among all valid
 * assignments, the next highest among those keeping the first, ...), conda's requested-version objective.
 */
class ResolverDifferentialPropertyTest {
  private static final String[] NAMES = {"a", "b", "c", "d"};
  private static final String[] VERSIONS = {"1.0", "1.5", "2.0", "3.0"};
  private static final String[] OPS = {">=", "<", "==", "!=", ""};

  record Universe(String lines, List<String> requests, boolean features) {}

  static Universe universe(long seed) {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder();
    boolean features = r.nextInt(4) == 0;
    for (String n : NAMES) {
      int count = r.nextInt(6);
      List<String> used = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String v = VERSIONS[r.nextInt(VERSIONS.length)];
        String build = "h" + i + "_" + r.nextInt(3);
        if (used.contains(v + build)) {
          continue;
        }
        used.add(v + build);
        sb.append(n).append(' ').append(v).append(' ').append(build);
        sb.append(" ts=").append(1_600_000_000 + r.nextInt(1000));
        if (features && r.nextInt(3) == 0) {
          sb.append(" tf=feat");
        }
        List<String> deps = new ArrayList<>();
        for (int d = r.nextInt(4); d > 0; d--) {
          deps.add(spec(r, n));
        }
        if (!deps.isEmpty()) {
          sb.append(" -> ").append(String.join(", ", deps));
        }
        if (r.nextInt(4) == 0) {
          sb.append(" !> ").append(spec(r, n));
        }
        sb.append('\n');
      }
    }
    List<String> requests = new ArrayList<>();
    for (int i = 1 + r.nextInt(2); i > 0; i--) {
      String s = spec(r, null);
      if (requests.stream().noneMatch(q -> q.split(" ")[0].equals(s.split(" ")[0]))) {
        requests.add(s);
      }
    }
    return new Universe(sb.toString(), requests, features);
  }

  private static String spec(Random r, String not) {
    String n;
    do {
      n = NAMES[r.nextInt(NAMES.length)];
    } while (n.equals(not));
    String op = OPS[r.nextInt(OPS.length)];
    return op.isEmpty() ? n : n + " " + op + VERSIONS[r.nextInt(VERSIONS.length)];
  }

  /** Every assignment (per name: nothing or one record) that passes the independent checker. */
  static List<List<LockedPackage.Conda>> valid(RepodataIndex idx, Request request) {
    List<List<LockedPackage.Conda>> options = new ArrayList<>();
    for (String n : NAMES) {
      List<LockedPackage.Conda> o = new ArrayList<>();
      o.add(null);
      idx.records(n).forEach(rec -> o.add(CondaProvider.lockedPackage(rec)));
      options.add(o);
    }
    List<List<LockedPackage.Conda>> out = new ArrayList<>();
    enumerate(options, 0, new ArrayList<>(), request, out);
    return out;
  }

  private static void enumerate(List<List<LockedPackage.Conda>> options, int i, List<LockedPackage.Conda> acc,
      Request request, List<List<LockedPackage.Conda>> out) {
    if (i == options.size()) {
      List<LockedPackage.Conda> chosen = acc.stream().filter(p -> p != null).toList();
      if (IndependentChecker.check(List.copyOf(chosen), request).isEmpty()) {
        out.add(chosen);
      }
      return;
    }
    for (LockedPackage.Conda p : options.get(i)) {
      acc.add(p);
      enumerate(options, i + 1, acc, request, out);
      acc.remove(acc.size() - 1);
    }
  }

  private static CondaVersion versionOf(List<LockedPackage.Conda> solution, String name) {
    return solution.stream().filter(p -> p.name().equals(name)).findFirst()
        .map(LockedPackage.Conda::version).orElseThrow();
  }

  @Property(tries = 600)
  void agreesWithBruteForce(@ForAll long seed) {
    Universe u = universe(seed);
    RepodataIndex idx = TinyChannels.of(u.lines().isEmpty() ? "z 1.0 h_0" : u.lines());
    Request request = Request.conda(u.requests().toArray(String[]::new));
    List<List<LockedPackage.Conda>> valid = valid(idx, request);
    Resolution r = Solving.solve(idx, Platform.LINUX_64, request);
    assertThat(r instanceof Resolution.Solved).as("solvable?\n%s%s", u.lines(), u.requests())
        .isEqualTo(!valid.isEmpty());
    if (!(r instanceof Resolution.Solved s) || u.features()) {
      return;
    }
    List<List<LockedPackage.Conda>> remaining = valid;
    for (CondaRequirement spec : request.condaRequirements()) {
      String name = spec.name();
      CondaVersion chosen = s.get(name).orElseThrow().version();
      CondaVersion best = remaining.stream().map(v -> versionOf(v, name)).max(CondaVersion::compareTo).orElseThrow();
      assertThat(chosen).as("%s in\n%s%s", name, u.lines(), u.requests()).isEqualTo(best);
      remaining = remaining.stream().filter(v -> versionOf(v, name).equals(chosen)).toList();
    }
  }
}
