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
import java.util.function.Supplier;

/**
 * Solves a lock's platforms: loads each platform's repodata (target subdir and {@code noarch} of every channel) and
 * runs {@link Resolver}; a request with PyPI requirements is solved as one cross-ecosystem problem over the
 * {@link PypiSource} (made on first need, once). Without a PyPI source a PyPI requirement is an error naming it:
 * this solver would otherwise lock an environment without it.
 *
 * <p>Thread-safe: platforms may be solved at once. The first index is loaded alone, so that the repodata and binary
 * caches of the {@code noarch} subdirs every platform shares are filled once; the other platforms' indexes are then
 * loaded side by side (the repodata cache gives each writer a temporary file of its own), as are the solves.
 */
public final class CondaPlatformSolver implements PlatformSolver {
  private final RepodataClient client;
  private final List<Channel> channels;
  private final Supplier<PypiSource> pypi;
  private final Object first = new Object();
  private final Object pypiLock = new Object();
  private volatile boolean warm;
  private PypiSource source;

  /** A conda-only solver. */
  public CondaPlatformSolver(RepodataClient client, List<Channel> channels) {
    this(client, channels, null);
  }

  /**
   * @param pypi makes the PyPI source when a request first needs it; null: PyPI requirements are an error
   */
  public CondaPlatformSolver(RepodataClient client, List<Channel> channels, Supplier<PypiSource> pypi) {
    this.client = client;
    this.channels = List.copyOf(channels);
    this.pypi = pypi;
  }

  @Override
  public Result solve(Platform platform, Request request) {
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
    RepodataIndex index = null;
    if (!warm) {
      synchronized (first) {
        if (!warm) {
          index = client.loadIndex(channels, platform);
          warm = true; // not after a failure: then the next platform loads alone
        }
      }
    }
    if (index == null) {
      index = client.loadIndex(channels, platform);
    }
    PypiSource from = null;
    if (!pypi.isEmpty()) {
      synchronized (pypiLock) {
        if (source == null) {
          source = this.pypi.get();
        }
        from = source;
      }
    }
    List<Diagnostic> warnings = new ArrayList<>();
    index.subdirs().forEach(s -> warnings.addAll(s.warnings(false)));
    return new Result(from == null ? Resolver.resolve(index, platform, request)
        : Resolver.resolve(index, from, platform, request), warnings);
  }
}
