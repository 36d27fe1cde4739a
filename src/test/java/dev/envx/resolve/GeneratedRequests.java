package dev.envx.resolve;

import dev.envx.index.PackageRecord;
import dev.envx.index.RepodataIndex;
import dev.envx.index.VirtualPackageSettings;
import dev.envx.index.VirtualPackages;
import dev.envx.model.conda.ChannelPriority;
import dev.envx.model.conda.CondaVersion;
import dev.envx.model.conda.Platform;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks realistic requests over a channel made by {@code scripts/gen-repodata}, deterministically (the same index
 * gives the same requests): single-name solves of python packages sampled evenly from the sorted names find the
 * ones with the largest solutions; the requests are then the largest one alone, the three largest together, the
 * three with {@code python=3.11}, and one whose newest version cannot be installed (the solver has to back off
 * to an older version), with {@code python=3.9} added to the three largest as a second backtracking case.
 * Used by {@link GeneratedChannelSolveTest} and {@link SolveBench}.
 */
final class GeneratedRequests {
  private GeneratedRequests() {}

  /** One single-name solve of the scan. */
  record Probe(String name, boolean solved, int packages, boolean backedOff, double millis) {}

  /** The scan and the requests chosen from it. */
  record Choice(List<Probe> probes, List<List<String>> requests) {
    long solvable() {
      return probes.stream().filter(Probe::solved).count();
    }
  }

  static Request request(Platform p, List<String> specs) {
    return new Request(CondaRequirement.parseAll(specs), List.of(), ChannelPriority.STRICT,
        VirtualPackages.forPlatform(p, VirtualPackageSettings.defaults(), Map.of()), Set.of());
  }

  /** A python package: its newest record depends on {@code python} (noarch or one build per python minor). */
  static boolean isPythonPackage(RepodataIndex idx, String name) {
    PackageRecord newest = newest(idx, name);
    return newest != null && !name.equals("python") && !name.equals("python_abi")
        && newest.depends().stream().anyMatch(d -> d.equals("python") || d.startsWith("python "));
  }

  static PackageRecord newest(RepodataIndex idx, String name) {
    return idx.records(name).stream()
        .max(Comparator.comparing((PackageRecord r) -> CondaVersion.parse(r.version()))).orElse(null);
  }

  /** Scans at most {@code sample} python packages and chooses the requests. */
  static Choice choose(RepodataIndex idx, Platform p, int sample) {
    List<String> py = idx.names().stream().sorted().filter(n -> isPythonPackage(idx, n)).toList();
    int step = Math.max(1, py.size() / sample);
    List<Probe> probes = new ArrayList<>();
    for (int i = 0; i < py.size(); i += step) {
      String n = py.get(i);
      long t0 = System.nanoTime();
      Resolution r = Resolver.resolve(idx, p, request(p, List.of(n)));
      double ms = (System.nanoTime() - t0) / 1e6;
      if (r instanceof Resolution.Solved s) {
        CondaVersion chosen = s.get(n).orElseThrow().version();
        boolean backedOff = chosen.compareTo(CondaVersion.parse(newest(idx, n).version())) < 0;
        probes.add(new Probe(n, true, s.packages().size(), backedOff, ms));
      } else {
        probes.add(new Probe(n, false, 0, false, ms));
      }
    }
    List<Probe> largest = probes.stream().filter(Probe::solved)
        .sorted(Comparator.comparingInt(Probe::packages).reversed().thenComparing(Probe::name)).limit(3).toList();
    List<List<String>> requests = new ArrayList<>();
    if (largest.isEmpty()) {
      return new Choice(probes, requests);
    }
    List<String> top = largest.stream().map(Probe::name).toList();
    requests.add(List.of(top.get(0)));
    requests.add(top);
    List<String> py311 = new ArrayList<>(List.of("python=3.11"));
    py311.addAll(top);
    requests.add(py311);
    // python 3.9 is no longer built for at the end of the time line: the newest versions do not fit, the solver
    // has to find older ones (or prove there are none: then fewer of the largest are asked for)
    List<List<String>> tries = new ArrayList<>();
    for (int k = top.size(); k > 1; k--) {
      tries.add(top.subList(0, k));
    }
    probes.stream().filter(Probe::solved)
        .sorted(Comparator.comparingInt(Probe::packages).reversed().thenComparing(Probe::name)).limit(20)
        .forEach(x -> tries.add(List.of(x.name())));
    for (List<String> t : tries) {
      List<String> py39 = new ArrayList<>(List.of("python=3.9"));
      py39.addAll(t);
      if (Resolver.resolve(idx, p, request(p, py39)) instanceof Resolution.Solved) {
        requests.add(py39);
        break;
      }
    }
    probes.stream().filter(b -> b.backedOff() && !top.contains(b.name()))
        .max(Comparator.comparingInt(Probe::packages).thenComparing(Probe::name, Comparator.reverseOrder()))
        .ifPresent(b -> requests.add(List.of(b.name())));
    return new Choice(probes, requests);
  }
}
