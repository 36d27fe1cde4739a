package dev.envx.resolve.conda;

import dev.envx.index.PackageRecord;
import dev.envx.model.conda.ChannelPriority;
import dev.envx.resolve.Hint;
import dev.envx.solve.ConflictGraph;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns a conflict of a conda solve into its rendered tree and the typed {@link Hint}s derived from its core. */
public final class CondaExplainer {
  private final CondaProvider p;

  CondaExplainer(CondaProvider provider) {
    this.p = provider;
  }

  /** An unsolvable request explained in conda terms, with what the user can change. */
  public record Explanation(String text, List<Hint> hints) {
    public Explanation {
      hints = List.copyOf(hints);
    }
  }

  /** Renders a conflict (at most {@code maxLines} lines) and derives hints from its core. */
  Explanation explain(ConflictGraph graph, int maxLines) {
    Set<Hint> hints = new LinkedHashSet<>();
    List<String> rootRequests = new ArrayList<>();
    for (ConflictGraph.Requires r : graph.requirements()) {
      CondaVersionSet s = p.set(r.versionSet());
      if (r.owner() == ConflictGraph.ROOT && !rootRequests.contains(s.text())) {
        rootRequests.add(s.text());
      }
      if (r.candidates().length == 0) {
        hints.addAll(noCandidateHints(s));
      }
    }
    if (!rootRequests.isEmpty()) {
      hints.add(new Hint.RelaxRequests(rootRequests));
    }
    return new Explanation(graph.render(maxLines), List.copyOf(hints));
  }

  /** {@link #noCandidateHint}, and for a name no channel has, the channels' names close to it. */
  List<Hint> noCandidateHints(CondaVersionSet s) {
    Hint h = noCandidateHint(s);
    if (h instanceof Hint.NoSuchPackage n) {
      List<String> similar = dev.envx.diag.DidYouMean.among(n.name(), p.index.names());
      if (!similar.isEmpty()) {
        return List.of(h, new Hint.DidYouMean(n.name(), similar));
      }
    }
    return List.of(h);
  }

  Hint noCandidateHint(CondaVersionSet s) {
    String name = p.displayName(s.name());
    if (s.error() != null) {
      return new Hint.UnparsableSpec(s.text(), s.error());
    }
    if (name.startsWith("__")) {
      List<PackageRecord> have = p.virtuals.getOrDefault(name, List.of());
      return new Hint.VirtualPackage(name, have.isEmpty() ? null : have.get(0).version());
    }
    List<PackageRecord> all = p.index.records(name);
    if (all.isEmpty()) {
      return new Hint.NoSuchPackage(name);
    }
    if (p.request.channelPriority() == ChannelPriority.STRICT) {
      for (PackageRecord r : all) {
        if (CondaProvider.matches(s, new CondaCandidate(r, s.name(), 0, false))) {
          return new Hint.HiddenByChannelPriority(s.text(), r.toString());
        }
      }
    }
    return new Hint.NoMatchingRecord(name, s.text());
  }
}
