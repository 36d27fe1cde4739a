package dev.envx.lock;

import dev.envx.diag.Diagnostic;
import dev.envx.diag.EnvxException;
import dev.envx.index.RepodataClient;
import dev.envx.index.RepodataIndex;
import dev.envx.model.conda.Channel;
import dev.envx.model.conda.Platform;
import dev.envx.resolve.PypiRequirement;
import dev.envx.resolve.Request;
import dev.envx.resolve.Requirement;
import dev.envx.resolve.Resolution;
import dev.envx.resolve.Resolver;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Solves the conda part of a lock: loads each platform's repodata (target subdir and {@code noarch} of every
 * channel) and runs {@link Resolver}. A PyPI requirement is an error naming it: this solver would otherwise lock
 * an environment without it.
 */
public final class CondaPlatformSolver implements PlatformSolver {
  private final RepodataClient client;
  private final List<Channel> channels;
  private final Consumer<List<Diagnostic>> report;

  /**
   * @param report receives the index's warnings (skipped records, missing subdirs) per platform
   */
  public CondaPlatformSolver(RepodataClient client, List<Channel> channels, Consumer<List<Diagnostic>> report) {
    this.client = client;
    this.channels = List.copyOf(channels);
    this.report = report;
  }

  @Override
  public Resolution solve(Platform platform, Request request) {
    List<String> pypi = new ArrayList<>();
    for (Requirement r : request.requirements()) {
      if (r instanceof PypiRequirement p) {
        pypi.add(p.display());
      }
    }
    if (!pypi.isEmpty()) {
      throw new EnvxException(EnvxException.FAILURE, Diagnostic.error("`envx lock` solves conda packages only "
          + "so far, and the manifest asks for PyPI packages: `" + String.join("`, `", pypi) + "`", null,
          "give them as conda packages (`dependencies:` / `[tool.envx] conda-dependencies`), or lock the PyPI "
              + "part with another tool until envx solves PyPI"));
    }
    RepodataIndex index = client.loadIndex(channels, platform);
    List<Diagnostic> warnings = new ArrayList<>();
    index.subdirs().forEach(s -> warnings.addAll(s.warnings(false)));
    report.accept(warnings);
    return Resolver.resolve(index, platform, request);
  }
}
