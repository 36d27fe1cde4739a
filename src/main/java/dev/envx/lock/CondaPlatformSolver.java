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
import dev.envx.resolve.pypi.PypiSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Solves a lock's platforms: loads each platform's repodata (target subdir and {@code noarch} of every channel) and
 * runs {@link Resolver}; a request with PyPI requirements is solved as one cross-ecosystem problem over the
 * {@link PypiSource} (made on first need, once). Without a PyPI source a PyPI requirement is an error naming it:
 * this solver would otherwise lock an environment without it.
 */
public final class CondaPlatformSolver implements PlatformSolver {
  private final RepodataClient client;
  private final List<Channel> channels;
  private final Consumer<List<Diagnostic>> report;
  private final Supplier<PypiSource> pypi;
  private PypiSource source;

  /**
   * A conda-only solver.
   *
   * @param report receives the index's warnings (skipped records, missing subdirs) per platform
   */
  public CondaPlatformSolver(RepodataClient client, List<Channel> channels, Consumer<List<Diagnostic>> report) {
    this(client, channels, report, null);
  }

  /**
   * @param pypi makes the PyPI source when a request first needs it; null: PyPI requirements are an error
   */
  public CondaPlatformSolver(RepodataClient client, List<Channel> channels, Consumer<List<Diagnostic>> report,
      Supplier<PypiSource> pypi) {
    this.client = client;
    this.channels = List.copyOf(channels);
    this.report = report;
    this.pypi = pypi;
  }

  @Override
  public Resolution solve(Platform platform, Request request) {
    List<String> pypi = new ArrayList<>();
    for (Requirement r : request.requirements()) {
      if (r instanceof PypiRequirement p) {
        pypi.add(p.display());
      }
    }
    if (!pypi.isEmpty() && this.pypi == null) {
      throw new EnvxException(EnvxException.FAILURE, Diagnostic.error("`envx lock` solves conda packages only "
          + "so far, and the manifest asks for PyPI packages: `" + String.join("`, `", pypi) + "`", null,
          "give them as conda packages (`dependencies:` / `[tool.envx] conda-dependencies`), or lock the PyPI "
              + "part with another tool until envx solves PyPI"));
    }
    RepodataIndex index = client.loadIndex(channels, platform);
    List<Diagnostic> warnings = new ArrayList<>();
    index.subdirs().forEach(s -> warnings.addAll(s.warnings(false)));
    report.accept(warnings);
    if (pypi.isEmpty()) {
      return Resolver.resolve(index, platform, request);
    }
    if (source == null) {
      source = this.pypi.get();
    }
    return Resolver.resolve(index, source, platform, request);
  }
}
